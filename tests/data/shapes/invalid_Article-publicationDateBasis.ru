# Breaks kgsh:Article-publicationDateBasis: an event date basis on an article.
# expect: kgsh:Article-publicationDateBasis
DELETE { ?a kgo:publicationDateBasis ?b } INSERT { ?a kgo:publicationDateBasis kgv:stated }
WHERE { ?a kgo:sourceFile "t001_fixture.txt" ; kgo:publicationDateBasis ?b }
