# Breaks kgsh:Attack-claimKind: an attack without a claim kind.
# expect: kgsh:Attack-claimKind
DELETE { ?e kgo:claimKind ?k }
WHERE { ?e a kgo:DroneAttack . ?e kgo:claimKind ?k }
