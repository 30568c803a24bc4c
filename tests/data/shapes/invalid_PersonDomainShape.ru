# Breaks kgsh:PersonDomainShape: an organization commanding another.
# expect: kgsh:PersonDomainShape
INSERT DATA { kgr:irgc kgo:commanderOf kgr:quds-force }
