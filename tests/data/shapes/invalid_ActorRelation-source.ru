# Breaks kgsh:ActorRelation-source: a relation without its article.
# expect: kgsh:ActorRelation-source
DELETE { ?r kgo:source ?a }
WHERE { ?r a kgo:ActorRelation ; kgo:source ?a }
