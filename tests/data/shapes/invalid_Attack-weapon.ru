# Breaks kgsh:Attack-weapon: an attack with two weapons.
# expect: kgsh:Attack-weapon
INSERT { ?e kgo:weapon kgv:mortar }
WHERE { ?e a kgo:DroneAttack . }
