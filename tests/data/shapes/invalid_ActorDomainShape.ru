# Breaks kgsh:ActorDomainShape: a place backed by a state.
# expect: kgsh:ActorDomainShape
INSERT DATA { kgr:erbil kgo:backedBy kgr:iran }
