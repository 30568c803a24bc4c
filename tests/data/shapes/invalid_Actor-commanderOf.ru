# Breaks kgsh:Actor-commanderOf: a commander of a state.
# expect: kgsh:Actor-commanderOf
INSERT DATA { kgr:qasem-soleimani kgo:commanderOf kgr:iran }
