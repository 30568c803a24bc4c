# Breaks kgsh:Attack-type: an attack of a mode the ontology does not have.
# expect: kgsh:Attack-type
DELETE { ?e a kgo:DroneAttack } INSERT { ?e a <http://example.org/Ambush> . <http://example.org/Ambush> rdfs:subClassOf kgo:Attack }
WHERE { ?e a kgo:DroneAttack . }
