# Breaks kgsh:PlaceDomainShape: an actor located in a country.
# expect: kgsh:PlaceDomainShape
INSERT DATA { kgr:us-military kgo:locatedIn kgr:iraq }
