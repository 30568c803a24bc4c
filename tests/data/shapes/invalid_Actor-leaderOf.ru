# Breaks kgsh:Actor-leaderOf: a leader of a state.
# expect: kgsh:Actor-leaderOf
INSERT DATA { kgr:qasem-soleimani kgo:leaderOf kgr:iran }
