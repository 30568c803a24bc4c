# Breaks kgsh:Event-location: a deployment located at an actor.
# expect: kgsh:Event-location
INSERT { ?e kgo:location kgr:us-military }
WHERE { ?e a kgo:Deployment }
