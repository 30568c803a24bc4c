# Breaks kgsh:Event-latestDate: an attack with two latest dates.
# expect: kgsh:Event-latestDate
INSERT { ?e kgo:latestDate "2024-01-25"^^xsd:date }
WHERE { ?e a kgo:DroneAttack . }
