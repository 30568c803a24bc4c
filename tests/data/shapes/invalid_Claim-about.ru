# Breaks kgsh:Claim-about: a claim about no attack.
# expect: kgsh:Claim-about
DELETE { ?c kgo:about ?e }
WHERE { ?c a kgo:ClaimOfResponsibility ; kgo:about ?e . ?e a kgo:DroneAttack . }
