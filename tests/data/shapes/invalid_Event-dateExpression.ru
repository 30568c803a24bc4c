# Breaks kgsh:Event-dateExpression: a date expression with a language tag.
# expect: kgsh:Event-dateExpression
DELETE { ?e kgo:dateExpression ?x } INSERT { ?e kgo:dateExpression "January 20, 2024"@en }
WHERE { ?e a kgo:DroneAttack . ?e kgo:dateExpression ?x }
