# Breaks kgsh:Article-contentHash: a content hash that is not SHA-256.
# expect: kgsh:Article-contentHash
DELETE { ?a kgo:contentHash ?h } INSERT { ?a kgo:contentHash "ABC" }
WHERE { ?a kgo:sourceFile "t001_fixture.txt" ; kgo:contentHash ?h }
