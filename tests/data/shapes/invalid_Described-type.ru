# Breaks kgsh:Described-type: a location nobody describes.
# expect: kgsh:Described-type
# expect: kgsh:Event-location
INSERT { ?e kgo:location kgr:atlantis }
WHERE { ?e a kgo:Deployment }
