# Breaks kgsh:Place-prefLabel: a place with two English preferred labels.
# expect: kgsh:Place-prefLabel
INSERT DATA { kgr:erbil skos:prefLabel "Arbil"@en }
