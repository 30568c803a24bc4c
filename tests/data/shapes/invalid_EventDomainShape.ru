# Breaks kgsh:EventDomainShape: a date on an article.
# expect: kgsh:EventDomainShape
INSERT { ?a kgo:date "2024-01-01"^^xsd:date }
WHERE { ?a kgo:sourceFile "t001_fixture.txt" }
