# Breaks kgsh:Mention-start: a negative offset.
# expect: kgsh:Mention-start
DELETE { ?m kgo:start ?n } INSERT { ?m kgo:start -1 }
WHERE { ?s a kgo:AggregateStatement ; kgo:mention ?m . ?m kgo:start ?n }
