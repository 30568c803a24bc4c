# Breaks kgsh:ActorRelation-mention: a relation without its sentence.
# expect: kgsh:ActorRelation-mention
DELETE { ?r kgo:mention ?m }
WHERE { ?r a kgo:ActorRelation ; kgo:mention ?m }
