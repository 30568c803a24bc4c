# Breaks kgsh:Mention-rule: two rules on one mention.
# expect: kgsh:Mention-rule
INSERT { ?m kgo:rule "other.rule" }
WHERE { ?s a kgo:AggregateStatement ; kgo:mention ?m }
