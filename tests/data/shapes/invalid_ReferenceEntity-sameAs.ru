# Breaks kgsh:ReferenceEntity-sameAs: a link to DBpedia instead of Wikidata.
# expect: kgsh:ReferenceEntity-sameAs
INSERT DATA { kgr:anbar owl:sameAs <http://dbpedia.org/resource/Al_Anbar_Governorate> }
