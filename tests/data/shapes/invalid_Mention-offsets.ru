# Breaks kgsh:Mention-offsets: a sentence that starts after it ends.
# expect: kgsh:Mention-offsets
DELETE { ?m kgo:start ?n } INSERT { ?m kgo:start 100000 }
WHERE { ?s a kgo:AggregateStatement ; kgo:mention ?m . ?m kgo:start ?n }
