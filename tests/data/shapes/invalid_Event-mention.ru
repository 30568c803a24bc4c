# Breaks kgsh:Event-mention: an interception without its sentence.
# expect: kgsh:Event-mention
DELETE { ?e kgo:mention ?m }
WHERE { ?e a kgo:Interception ; kgo:mention ?m }
