# Breaks kgsh:ArticleDomainShape: an outlet on an attack.
# expect: kgsh:ArticleDomainShape
INSERT { ?e kgo:outlet "Example News" }
WHERE { ?e a kgo:DroneAttack . }
