# Breaks kgsh:Attack-attributedTo: an attack attributed to a place.
# expect: kgsh:Attack-attributedTo
INSERT { ?e kgo:attributedTo kgr:erbil }
WHERE { ?e a kgo:DroneAttack . }
