# Breaks kgsh:CheckedGeometry-positionPrecision: a point checked against a source that does not say what it locates.
# expect: kgsh:CheckedGeometry-positionPrecision
DELETE { ?g kgo:positionPrecision ?p }
WHERE { kgr:erbil geo:hasGeometry ?g . ?g kgo:positionPrecision ?p }
