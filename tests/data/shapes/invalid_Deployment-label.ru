# Breaks kgsh:Deployment-label: a deployment without a label.
# expect: kgsh:Deployment-label
DELETE { ?e rdfs:label ?l }
WHERE { ?e a kgo:Deployment ; rdfs:label ?l }
