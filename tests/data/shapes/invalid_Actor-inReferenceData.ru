# Breaks kgsh:Actor-inReferenceData: a reference flag that is not a boolean.
# expect: kgsh:Actor-inReferenceData
DELETE { ?a kgo:inReferenceData false } INSERT { ?a kgo:inReferenceData "no" }
WHERE { ?a kgo:inReferenceData false }
