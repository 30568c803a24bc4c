# Breaks kgsh:Actor-prefLabel: a minted actor without a preferred label.
# expect: kgsh:Actor-prefLabel
# expect: kgsh:ReferenceEntity-prefLabel
DELETE { ?a skos:prefLabel ?l }
WHERE { ?a kgo:inReferenceData false ; skos:prefLabel ?l }
