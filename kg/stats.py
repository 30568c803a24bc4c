"""What a store holds, counted by SPARQL."""

from __future__ import annotations

from pyoxigraph import QuerySolutions, Store

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


# Each attack counted once, under its most specific class (it is also a kgo:Attack).
_BY_TYPE = """PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e kgo:claimKind ?k ; a ?class . ?class rdfs:subClassOf* kgo:Attack .
  FILTER NOT EXISTS { ?e a ?narrower . ?narrower rdfs:subClassOf ?class FILTER(?narrower != ?class) }
  OPTIONAL { ?class rdfs:label ?name FILTER(LANG(?name) IN ("en", "")) }
  BIND(COALESCE(STR(?name), STRAFTER(STR(?class), "#")) AS ?label)
} GROUP BY ?label ORDER BY DESC(?n) ?label"""


def store_stats(store: Store) -> list[tuple[str, int]]:
    """(name, count) pairs, in a fixed order; the attack events by type, indented, after their total."""
    out = []
    for name, query in _COUNTS:
        out.append((name, count(store, query)))
        if name == "attack events":
            result = store.query(_BY_TYPE, use_default_graph_as_union=True)
            assert isinstance(result, QuerySolutions)
            out += [(f"  {row[0].value}", int(row[1].value)) for row in result]
    return out
