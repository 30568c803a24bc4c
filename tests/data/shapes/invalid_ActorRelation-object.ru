# Breaks kgsh:ActorRelation-object: a relation without an object.
# expect: kgsh:ActorRelation-object
DELETE { ?r rdf:object ?o }
WHERE { ?r a kgo:ActorRelation ; rdf:object ?o }
