"""Pure helpers of the server: Accept negotiation and what is read from a SPARQL text."""

from __future__ import annotations

import pytest

from kg.server.protocol import negotiate, prefers_html
from kg.sparql_text import (
    add_using,
    explain_syntax_error,
    forbidden_feature,
    has_dataset_clause,
    undeclared_prefixes,
)

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
SPARQLWRAPPER_JSON = "application/sparql-results+json,application/json,text/javascript,application/javascript"
RDFLIB_CONSTRUCT = "application/rdf+xml"


@pytest.mark.parametrize(
    ("accept", "kind", "expected"),
    [
        (None, "results", "application/sparql-results+json"),
        ("", "boolean", "application/sparql-results+json"),
        ("*/*", "graph", "text/turtle"),
        (SPARQLWRAPPER_JSON, "results", "application/sparql-results+json"),
        (RDFLIB_CONSTRUCT, "graph", "application/rdf+xml"),
        ("text/*", "results", "text/csv"),
        ("text/*", "graph", "text/turtle"),
        ("text/tab-separated-values, text/csv", "results", "text/tab-separated-values"),
        ("text/csv;q=0.2, text/tab-separated-values;q=0.9", "results", "text/tab-separated-values"),
        ("application/ld+json", "graph", "application/ld+json"),
        ("application/json", "graph", "application/json"),
        ("application/n-triples;q=0.5, */*;q=0.1", "graph", "application/n-triples"),
        (BROWSER, "results", "application/xml"),
        (BROWSER, "graph", "application/xml"),
        ("application/sparql-results+json;q=0, */*", "results", "application/sparql-results+xml"),
        ("text/turtle", "results", None),
        ("image/png", "graph", None),
        ("application/sparql-results+json", "graph", None),
    ],
)
def test_negotiate(accept: str | None, kind: str, expected: str | None) -> None:
    chosen = negotiate(accept, kind)  # type: ignore[arg-type]
    assert (chosen[1] if chosen else None) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (BROWSER, True),
        ("text/html", True),
        (None, False),
        ("*/*", False),
        ("text/turtle", False),
        ("application/rdf+xml;q=1.0, text/turtle;q=0.9, text/html;q=0.1", False),
    ],
)
def test_prefers_html(accept: str | None, expected: bool) -> None:
    assert prefers_html(accept) is expected


@pytest.mark.parametrize(
    ("text", "update", "expected"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", False, "SERVICE"),
        ("SELECT * {\n  service\t?e { ?s ?p ?o } }", False, "SERVICE"),
        ("SELECT * { OPTIONAL { SERVICE SILENT <http://x/> { ?s ?p ?o } } }", False, "SERVICE"),
        (r"SELECT * { SERVIC\u0045 <http://x/> { ?s ?p ?o } }", False, "SERVICE"),
        ('SELECT * { ?s ?p "SERVICE <http://x/> {}" }', False, None),
        ("SELECT * { ?s ?p '''\nSERVICE\n''' }", False, None),
        ("SELECT * { ?s <http://example.org/SERVICE> ?o }", False, None),
        ("PREFIX ex: <urn:x#> SELECT * { ?s ex:service ?o }", False, None),
        ("SELECT ?service { ?service ?p ?o }", False, None),
        ("SELECT * { ?s ?p ?o } # SERVICE <http://x/> {}", False, None),
        ("LOAD <http://example.org/data.ttl>", True, "LOAD"),
        ("load silent <http://example.org/data.ttl> INTO GRAPH <urn:g>", True, "LOAD"),
        ("INSERT DATA { <urn:a> <urn:load> <urn:c> }", True, None),
        ("LOAD <http://example.org/data.ttl>", False, None),
    ],
)
def test_forbidden_feature(text: str, update: bool, expected: str | None) -> None:
    assert forbidden_feature(text, update=update) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT * FROM <urn:g> { ?s ?p ?o }", True),
        ("select * from named <urn:g> { graph ?g { ?s ?p ?o } }", True),
        ("SELECT * { ?s ?p 'FROM' }", False),
        ("PREFIX from: <urn:x#> SELECT * { ?s from:x ?o }", False),
    ],
)
def test_has_dataset_clause(text: str, expected: bool) -> None:
    assert has_dataset_clause(text) is expected


def test_undeclared_prefixes_ignores_declared_and_blank_nodes() -> None:
    text = "PREFIX kgo: <urn:k#>\nSELECT * { _:b kgo:a ?o . ?o schema:name ?n ; dcterms:title ?t . ?t kgo:b 'x:y' }"
    assert undeclared_prefixes(text) == ["schema", "dcterms"]


def test_explain_syntax_error_quotes_the_line() -> None:
    message = explain_syntax_error("error at 2:10: expected one of LATERAL, SERVICE", "SELECT * {\n  ?s ?p }")
    assert message.splitlines() == [
        "syntax error at line 2, column 10 (the end of the query): expected LATERAL or SERVICE",
        "    ?s ?p }",
        "           ^",
    ]


@pytest.mark.parametrize(
    ("update", "using", "named", "expected"),
    [
        (
            "INSERT { ?s a <urn:T> } WHERE { ?s ?p ?o }",
            ["urn:g"],
            [],
            "INSERT { ?s a <urn:T> } USING <urn:g> WHERE { ?s ?p ?o }",
        ),
        (
            "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
            [],
            ["urn:n"],
            "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } USING NAMED <urn:n> WHERE { ?s ?p ?o }",
        ),
        (
            "CLEAR ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } ; INSERT { ?s a <urn:T> } WHERE { ?s ?p ?o }",
            ["urn:g"],
            [],
            "CLEAR ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } ; INSERT { ?s a <urn:T> } USING <urn:g> WHERE { ?s ?p ?o }",
        ),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", ["urn:g"], [], "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
        ("CLEAR ALL", [], [], "CLEAR ALL"),
    ],
)
def test_add_using(update: str, using: list[str], named: list[str], expected: str) -> None:
    assert add_using(update, using, named) == expected


@pytest.mark.parametrize(
    "update",
    [
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "INSERT { ?s a <urn:T> } USING <urn:h> WHERE { ?s ?p ?o }",
    ],
)
def test_add_using_conflicts_with_the_update(update: str) -> None:
    with pytest.raises(ValueError, match="one or the other"):
        add_using(update, ["urn:g"], [])
