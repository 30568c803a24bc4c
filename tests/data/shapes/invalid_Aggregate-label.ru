# Breaks kgsh:Aggregate-label: a count without a label.
# expect: kgsh:Aggregate-label
DELETE { ?s rdfs:label ?l }
WHERE { ?s a kgo:AggregateStatement ; rdfs:label ?l }
