# Breaks kgsh:Place-locatedIn: a place inside an actor.
# expect: kgsh:Place-locatedIn
INSERT DATA { kgr:erbil kgo:locatedIn kgr:us-military }
