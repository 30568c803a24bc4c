# Breaks kgsh:Event-date-count: an attack with two dates.
# expect: kgsh:Event-date-count
INSERT { ?e kgo:date "2024-01-21"^^xsd:date }
WHERE { ?e a kgo:DroneAttack . }
