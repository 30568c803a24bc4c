# Breaks kgsh:Place-geometry: a place with two geometries.
# expect: kgsh:Place-geometry
INSERT { kgr:erbil geo:hasGeometry ?g }
WHERE { kgr:anbar geo:hasGeometry ?g }
