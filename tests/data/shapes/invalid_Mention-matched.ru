# Breaks kgsh:Mention-matched: matched words that are a number.
# expect: kgsh:Mention-matched
INSERT { ?m kgo:matched 5 }
WHERE { ?e a kgo:DroneAttack . ?e kgo:mention ?m . ?m kgo:rule "attack.drone" }
