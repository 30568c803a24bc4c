# Breaks kgsh:Actor-backedBy: an actor backed by a place.
# expect: kgsh:Actor-backedBy
INSERT DATA { kgr:kataib-hezbollah kgo:backedBy kgr:erbil }
