# Breaks kgsh:Event-datePrecision: a date precision of a week.
# expect: kgsh:Event-datePrecision
DELETE { ?e kgo:datePrecision ?p } INSERT { ?e kgo:datePrecision time:unitWeek }
WHERE { ?e a kgo:DroneAttack . ?e kgo:datePrecision ?p }
