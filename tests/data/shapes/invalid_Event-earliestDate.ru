# Breaks kgsh:Event-earliestDate: an attack with two earliest dates.
# expect: kgsh:Event-earliestDate
INSERT { ?e kgo:earliestDate "2024-01-19"^^xsd:date }
WHERE { ?e a kgo:DroneAttack . }
