# Breaks kgsh:AggregateDomainShape: a count on an attack.
# expect: kgsh:AggregateDomainShape
INSERT { ?e kgo:count 3 }
WHERE { ?e a kgo:DroneAttack . }
