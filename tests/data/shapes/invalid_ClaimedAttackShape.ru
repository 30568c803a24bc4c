# Breaks kgsh:ClaimedAttackShape: a claimed attack that names no claimant.
# expect: kgsh:ClaimedAttackShape
DELETE { ?e kgo:claimedBy ?a }
WHERE { ?e a kgo:RocketAttack . ?e kgo:claimedBy ?a }
