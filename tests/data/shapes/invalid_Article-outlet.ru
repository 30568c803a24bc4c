# Breaks kgsh:Article-outlet: an outlet with a language tag.
# expect: kgsh:Article-outlet
DELETE { ?a kgo:outlet ?o } INSERT { ?a kgo:outlet "Example News"@en }
WHERE { ?a kgo:sourceFile "t001_fixture.txt" ; kgo:outlet ?o }
