# Breaks kgsh:Event-date-order: an interval that ends before it starts.
# expect: kgsh:Event-date-order
DELETE { ?e kgo:earliestDate ?d } INSERT { ?e kgo:earliestDate "2024-02-01"^^xsd:date }
WHERE { ?e a kgo:Interception ; kgo:earliestDate ?d }
