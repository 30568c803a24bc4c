# Breaks kgsh:ReferenceEntity-prefLabel: a curated place without a preferred label.
# expect: kgsh:ReferenceEntity-prefLabel
# expect: kgsh:Place-prefLabel
DELETE { kgr:anbar skos:prefLabel ?l }
WHERE { kgr:anbar skos:prefLabel ?l }
