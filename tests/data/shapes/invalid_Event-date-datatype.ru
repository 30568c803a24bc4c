# Breaks kgsh:Event-date-datatype: an attack dated February 30.
# expect: kgsh:Event-date-datatype
DELETE { ?e kgo:date ?d } INSERT { ?e kgo:date "2024-02-30"^^xsd:date }
WHERE { ?e a kgo:DroneAttack . ?e kgo:date ?d }
