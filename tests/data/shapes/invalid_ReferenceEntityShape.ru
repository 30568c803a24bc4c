# Breaks kgsh:ReferenceEntityShape: a weapon marked as reference data.
# expect: kgsh:ReferenceEntityShape
INSERT DATA { kgv:drone kgo:inReferenceData true }
