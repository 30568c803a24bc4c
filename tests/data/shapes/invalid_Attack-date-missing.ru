# Breaks kgsh:Attack-date-missing: an attack without a date.
# expect: kgsh:Attack-date-missing
DELETE { ?e kgo:date ?d ; kgo:datePrecision ?p }
WHERE { ?e a kgo:RocketAttack . ?e kgo:date ?d ; kgo:datePrecision ?p }
