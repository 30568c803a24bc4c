# Breaks kgsh:Mention-end: a sentence without an end offset.
# expect: kgsh:Mention-end
DELETE { ?m kgo:end ?n }
WHERE { ?s a kgo:AggregateStatement ; kgo:mention ?m . ?m kgo:end ?n }
