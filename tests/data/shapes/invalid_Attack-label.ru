# Breaks kgsh:Attack-label: an attack without a label.
# expect: kgsh:Attack-label
DELETE { ?e rdfs:label ?l }
WHERE { ?e a kgo:RocketAttack . ?e rdfs:label ?l }
