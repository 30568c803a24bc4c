# Breaks kgsh:Article-sourceFile: an article without its file name.
# expect: kgsh:Article-sourceFile
DELETE { ?a kgo:sourceFile ?f }
WHERE { ?a kgo:sourceFile ?f FILTER(?f = "t001_fixture.txt") }
