# Breaks kgsh:OrganizationDomainShape: a person part of an organization.
# expect: kgsh:OrganizationDomainShape
INSERT DATA { kgr:qasem-soleimani kgo:partOf kgr:irgc }
