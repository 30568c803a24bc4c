# Breaks kgsh:Aggregate-statedBy: a count given by a place.
# expect: kgsh:Aggregate-statedBy
INSERT { ?s kgo:statedBy kgr:erbil }
WHERE { ?s a kgo:AggregateStatement }
