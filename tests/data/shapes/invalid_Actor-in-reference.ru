# Breaks kgsh:Actor-in-reference: a curated actor marked as minted.
# expect: kgsh:Actor-in-reference
DELETE { kgr:kataib-hezbollah kgo:inReferenceData true } INSERT { kgr:kataib-hezbollah kgo:inReferenceData false }
WHERE { }
