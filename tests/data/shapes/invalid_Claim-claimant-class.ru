# Breaks kgsh:Claim-claimant-class: a place as a claimant.
# expect: kgsh:Claim-claimant-class
INSERT { ?c kgo:claimant kgr:erbil }
WHERE { ?c a kgo:Attribution }
