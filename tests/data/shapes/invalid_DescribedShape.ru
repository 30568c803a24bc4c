# Breaks kgsh:DescribedShape: a target place written as text.
# expect: kgsh:DescribedShape
# expect: kgsh:Described-type
# expect: kgsh:Attack-targetPlace
INSERT { ?e kgo:targetPlace "Erbil" }
WHERE { ?e a kgo:DroneAttack . }
