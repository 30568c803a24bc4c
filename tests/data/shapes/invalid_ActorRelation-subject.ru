# Breaks kgsh:ActorRelation-subject: a relation whose subject is a place.
# expect: kgsh:ActorRelation-subject
DELETE { ?r rdf:subject ?s } INSERT { ?r rdf:subject kgr:erbil }
WHERE { ?r a kgo:ActorRelation ; rdf:subject ?s }
