# Breaks kgsh:Article-url: an FTP address as the article URL.
# expect: kgsh:Article-url
DELETE { ?a schema:url ?u } INSERT { ?a schema:url "ftp://example.org/1"^^xsd:anyURI }
WHERE { ?a kgo:sourceFile "t001_fixture.txt" ; schema:url ?u }
