# Breaks kgsh:Geometry-positionPrecision: a precision outside site, town and area.
# expect: kgsh:Geometry-positionPrecision
DELETE { ?g kgo:positionPrecision ?p } INSERT { ?g kgo:positionPrecision "street" }
WHERE { kgr:erbil geo:hasGeometry ?g . ?g kgo:positionPrecision ?p }
