# Breaks kgsh:Attack-claimedBy: a place that claims an attack.
# expect: kgsh:Attack-claimedBy
INSERT { ?e kgo:claimedBy kgr:erbil }
WHERE { ?e a kgo:DroneAttack . }
