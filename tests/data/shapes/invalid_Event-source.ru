# Breaks kgsh:Event-source: an attack without its article.
# expect: kgsh:Event-source
DELETE { ?e kgo:source ?a }
WHERE { ?e a kgo:DroneAttack . ?e kgo:source ?a }
