# Breaks kgsh:Actor-memberOf: a member of a state.
# expect: kgsh:Actor-memberOf
INSERT DATA { kgr:kataib-hezbollah kgo:memberOf kgr:iran }
