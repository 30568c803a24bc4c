# Breaks kgsh:Attack-injured: a casualty count written in words.
# expect: kgsh:Attack-injured
DELETE { ?e kgo:injured ?n } INSERT { ?e kgo:injured "three" }
WHERE { ?e a kgo:DroneAttack . ?e kgo:injured ?n }
