# Breaks kgsh:Event-dateBasis: a date basis outside the vocabulary.
# expect: kgsh:Event-dateBasis
# expect: kgsh:Described-type
DELETE { ?e kgo:dateBasis ?b } INSERT { ?e kgo:dateBasis kgv:guessed }
WHERE { ?e a kgo:DroneAttack . ?e kgo:dateBasis ?b }
