# Breaks kgsh:Incident-report: an incident without accounts.
# expect: kgsh:Incident-report
DELETE { ?i kgo:report ?e }
WHERE { ?i a kgo:Incident ; kgo:report ?e . ?e a kgo:DroneAttack }
