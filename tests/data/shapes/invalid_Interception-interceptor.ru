# Breaks kgsh:Interception-interceptor: a place as an interceptor.
# expect: kgsh:Interception-interceptor
INSERT { ?e kgo:interceptor kgr:erbil }
WHERE { ?e a kgo:Interception }
