# Breaks kgsh:Event-participant: a place as a participant.
# expect: kgsh:Event-participant
INSERT { ?e kgo:participant kgr:erbil }
WHERE { ?e a kgo:Deployment }
