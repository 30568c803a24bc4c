# Breaks kgsh:ActorRelation-predicate: a relation that is not an actor relation.
# expect: kgsh:ActorRelation-predicate
DELETE { ?r rdf:predicate ?p } INSERT { ?r rdf:predicate kgo:locatedIn }
WHERE { ?r a kgo:ActorRelation ; rdf:predicate ?p }
