# Breaks kgsh:Geometry-asWKT: a longitude beyond 180 degrees.
# expect: kgsh:Geometry-asWKT
DELETE { ?g geo:asWKT ?w } INSERT { ?g geo:asWKT "POINT(200 36.19)"^^geo:wktLiteral }
WHERE { kgr:erbil geo:hasGeometry ?g . ?g geo:asWKT ?w }
