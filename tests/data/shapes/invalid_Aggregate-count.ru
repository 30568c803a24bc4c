# Breaks kgsh:Aggregate-count: a negative count of attacks.
# expect: kgsh:Aggregate-count
DELETE { ?s kgo:count ?n } INSERT { ?s kgo:count -5 }
WHERE { ?s a kgo:AggregateStatement ; kgo:count ?n }
