# Breaks kgsh:Claim-claimant: an attribution that names nobody.
# expect: kgsh:Claim-claimant
DELETE { ?c kgo:claimant ?a }
WHERE { ?c a kgo:Attribution ; kgo:claimant ?a }
