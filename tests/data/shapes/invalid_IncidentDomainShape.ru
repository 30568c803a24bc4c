# Breaks kgsh:IncidentDomainShape: an attack that reports itself.
# expect: kgsh:IncidentDomainShape
INSERT { ?e kgo:report ?e }
WHERE { ?e a kgo:DroneAttack . }
