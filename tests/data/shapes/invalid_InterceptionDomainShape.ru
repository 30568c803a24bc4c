# Breaks kgsh:InterceptionDomainShape: an interceptor on an attack.
# expect: kgsh:InterceptionDomainShape
INSERT { ?e kgo:interceptor kgr:us-military }
WHERE { ?e a kgo:DroneAttack . }
