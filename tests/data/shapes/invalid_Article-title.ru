# Breaks kgsh:Article-title: an article with two titles.
# expect: kgsh:Article-title
INSERT { ?a dcterms:title "Another title" }
WHERE { ?a kgo:sourceFile "t001_fixture.txt" }
