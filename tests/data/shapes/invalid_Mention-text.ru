# Breaks kgsh:Mention-text: an empty sentence.
# expect: kgsh:Mention-text
DELETE { ?m kgo:text ?t } INSERT { ?m kgo:text "" }
WHERE { ?s a kgo:AggregateStatement ; kgo:mention ?m . ?m kgo:text ?t }
