"""What a store holds, counted by SPARQL."""

from __future__ import annotations

from pyoxigraph import Store

from kg.store import count

_P = "PREFIX kgo: <https://w3id.org/conflict-kg/ontology#> "
_COUNTS = [
    ("quads", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
    ("named graphs", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
    ("articles", _P + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kgo:Article }"),
    ("attack events", _P + "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kgo:claimKind ?k }"),
    ("incidents", _P + "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a kgo:Incident }"),
    (
        "claims of responsibility",
        _P + "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kgo:ClaimOfResponsibility }",
    ),
    ("interceptions", _P + "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kgo:Interception }"),
    ("deployments", _P + "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kgo:Deployment }"),
    ("actor relations", _P + "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kgo:ActorRelation }"),
    ("mentions", _P + "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kgo:Mention }"),
    (
        "actors not in reference",
        _P + "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x kgo:inReferenceData false }",
    ),
]


def store_stats(store: Store) -> list[tuple[str, int]]:
    """(name, count) pairs, in a fixed order."""
    return [(name, count(store, query)) for name, query in _COUNTS]
