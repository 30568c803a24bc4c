# Breaks kgsh:Event-date-form: an attack dated in a thirteenth month.
# expect: kgsh:Event-date-form
DELETE { ?e kgo:date ?d } INSERT { ?e kgo:date "2024-13"^^xsd:gYearMonth }
WHERE { ?e a kgo:RocketAttack . ?e kgo:date ?d }
