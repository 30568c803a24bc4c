# Breaks kgsh:Interception-intercepted: an interception of a deployment.
# expect: kgsh:Interception-intercepted
DELETE { ?e kgo:intercepted ?a } INSERT { ?e kgo:intercepted ?d }
WHERE { ?e a kgo:Interception ; kgo:intercepted ?a . ?d a kgo:Deployment }
