# Breaks kgsh:AttackDomainShape: a weapon on a deployment.
# expect: kgsh:AttackDomainShape
INSERT { ?e kgo:weapon kgv:drone }
WHERE { ?e a kgo:Deployment }
