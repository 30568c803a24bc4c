# Breaks kgsh:Interception-label: an interception without a label.
# expect: kgsh:Interception-label
DELETE { ?e rdfs:label ?l }
WHERE { ?e a kgo:Interception ; rdfs:label ?l }
