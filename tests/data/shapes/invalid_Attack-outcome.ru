# Breaks kgsh:Attack-outcome: a weapon given as an outcome.
# expect: kgsh:Attack-outcome
INSERT { ?e kgo:outcome kgv:drone }
WHERE { ?e a kgo:DroneAttack . }
