# Breaks kgsh:Attack-targetActor: a place as a target actor.
# expect: kgsh:Attack-targetActor
INSERT { ?e kgo:targetActor kgr:anbar }
WHERE { ?e a kgo:DroneAttack . }
