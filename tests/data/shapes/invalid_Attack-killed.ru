# Breaks kgsh:Attack-killed: a negative death toll.
# expect: kgsh:Attack-killed
DELETE { ?e kgo:killed ?n } INSERT { ?e kgo:killed -1 }
WHERE { ?e a kgo:DroneAttack . ?e kgo:killed ?n }
