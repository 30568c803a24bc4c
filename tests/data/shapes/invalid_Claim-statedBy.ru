# Breaks kgsh:Claim-statedBy: a place that makes a statement.
# expect: kgsh:Claim-statedBy
INSERT { ?c kgo:statedBy kgr:erbil }
WHERE { ?c a kgo:Attribution }
