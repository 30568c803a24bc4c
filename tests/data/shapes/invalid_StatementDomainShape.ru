# Breaks kgsh:StatementDomainShape: a speaker on an attack.
# expect: kgsh:StatementDomainShape
INSERT { ?e kgo:statedBy kgr:us-military }
WHERE { ?e a kgo:DroneAttack . }
