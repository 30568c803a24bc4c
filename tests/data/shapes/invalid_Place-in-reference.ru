# Breaks kgsh:Place-in-reference: a curated place marked as minted.
# expect: kgsh:Place-in-reference
DELETE { kgr:anbar kgo:inReferenceData true } INSERT { kgr:anbar kgo:inReferenceData false }
WHERE { }
