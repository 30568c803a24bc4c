# Breaks kgsh:Attack-victim: an organization as a victim.
# expect: kgsh:Attack-victim
INSERT { ?e kgo:victim kgr:us-military }
WHERE { ?e a kgo:DroneAttack . }
