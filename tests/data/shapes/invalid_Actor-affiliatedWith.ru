# Breaks kgsh:Actor-affiliatedWith: an actor affiliated with a place.
# expect: kgsh:Actor-affiliatedWith
INSERT DATA { kgr:kataib-hezbollah kgo:affiliatedWith kgr:erbil }
