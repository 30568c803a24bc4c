# Breaks kgsh:Mention-article: a sentence of no article.
# expect: kgsh:Mention-article
DELETE { ?m kgo:article ?a }
WHERE { ?s a kgo:AggregateStatement ; kgo:mention ?m . ?m kgo:article ?a }
