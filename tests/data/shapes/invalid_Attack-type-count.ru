# Breaks kgsh:Attack-type-count: an attack of two modes.
# expect: kgsh:Attack-type-count
INSERT { ?e a kgo:RocketAttack }
WHERE { ?e a kgo:DroneAttack . }
