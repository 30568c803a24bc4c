# Breaks kgsh:Actor-partOf: an organization part of a place.
# expect: kgsh:Actor-partOf
INSERT DATA { kgr:kataib-hezbollah kgo:partOf kgr:erbil }
