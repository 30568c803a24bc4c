# Breaks kgsh:Article-issued: an article published on February 30.
# expect: kgsh:Article-issued
DELETE { ?a dcterms:issued ?d } INSERT { ?a dcterms:issued "2024-02-30"^^xsd:date }
WHERE { ?a kgo:sourceFile "t001_fixture.txt" ; dcterms:issued ?d }
