# Breaks kgsh:MentionDomainShape: a sentence text on an attack.
# expect: kgsh:MentionDomainShape
INSERT { ?e kgo:text "Drones hit." }
WHERE { ?e a kgo:DroneAttack . }
