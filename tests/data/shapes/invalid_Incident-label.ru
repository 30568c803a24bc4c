# Breaks kgsh:Incident-label: an incident without a label.
# expect: kgsh:Incident-label
DELETE { ?i rdfs:label ?l }
WHERE { ?i a kgo:Incident ; kgo:report ?e ; rdfs:label ?l . ?e a kgo:DroneAttack }
