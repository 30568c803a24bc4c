# Breaks kgsh:Attack-perpetrator: a place as a perpetrator.
# expect: kgsh:Attack-perpetrator
INSERT { ?e kgo:perpetrator kgr:anbar }
WHERE { ?e a kgo:DroneAttack . }
