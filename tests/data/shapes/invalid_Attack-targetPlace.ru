# Breaks kgsh:Attack-targetPlace: an actor as a target place.
# expect: kgsh:Attack-targetPlace
INSERT { ?e kgo:targetPlace kgr:us-military }
WHERE { ?e a kgo:DroneAttack . }
