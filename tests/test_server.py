"""The server app in-process (Starlette's TestClient; real worker processes on a real store)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat, parse
from server_support import make_store
from starlette.testclient import TestClient

from kg.cli import cli
from kg.server import ServerConfig, create_app

SD = "http://www.w3.org/ns/sparql-service-description#"
EVENT = "https://w3id.org/conflict-kg/data/event/a1-0001"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("server") / "store")


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    config = ServerConfig(store=store, workers=2, timeout=10, max_request_bytes=4096, max_result_bytes=4096)
    with TestClient(create_app(config), base_url="http://kg.test") as test_client:
        yield test_client


def select(client: TestClient, query: str, **headers: str) -> list[dict[str, dict[str, str]]]:
    response = client.get("/sparql", params={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    rows: list[dict[str, dict[str, str]]] = response.json()["results"]["bindings"]
    return rows


def test_default_graph_is_the_union_of_all_graphs(client: TestClient) -> None:
    rows = select(
        client, "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/conflict-kg/ontology#Article> }"
    )
    assert rows[0]["n"]["value"] == "2"


def test_from_in_the_query_is_honoured(client: TestClient) -> None:
    query = (
        "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/conflict-kg/data/graph/a2> "
        "WHERE { ?s a <https://w3id.org/conflict-kg/ontology#Article> }"
    )
    assert select(client, query)[0]["n"]["value"] == "1"


def test_protocol_dataset_overrides_the_union(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={
            "query": "SELECT ?s WHERE { ?s a <https://w3id.org/conflict-kg/ontology#Article> }",
            "default-graph-uri": "https://w3id.org/conflict-kg/data/graph/a1",
        },
    )
    assert [r["s"]["value"] for r in response.json()["results"]["bindings"]] == [
        "https://w3id.org/conflict-kg/data/article/a1"
    ]


@pytest.mark.parametrize(
    ("accept", "media_type", "start"),
    [
        (None, "application/sparql-results+json", b"{"),
        ("application/json", "application/json", b"{"),
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
        ("text/csv", "text/csv", b"n\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", b"?n\n"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
    ],
    ids=["none", "json", "xml", "csv", "tsv", "q-values"],
)
def test_select_formats_by_accept(
    client: TestClient, accept: str | None, media_type: str, start: bytes
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": "SELECT (1 AS ?n) {}"}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.content.startswith(start)


@pytest.mark.parametrize(
    ("accept", "media_type", "fmt"),
    [
        (None, "text/turtle", RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", RdfFormat.JSON_LD),
        ("application/rdf+xml", "application/rdf+xml", RdfFormat.RDF_XML),
        ("application/n-quads", "application/n-quads", RdfFormat.N_QUADS),
        ("application/trig", "application/trig", RdfFormat.TRIG),
    ],
    ids=["none", "nt", "jsonld", "rdfxml", "nquads", "trig"],
)
def test_construct_formats_by_accept(
    client: TestClient, accept: str | None, media_type: str, fmt: RdfFormat
) -> None:
    headers = {"Accept": accept} if accept else {}
    query = f"DESCRIBE <{EVENT}>"
    response = client.get("/sparql", params={"query": query}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    triples = list(parse(response.content, format=fmt))
    assert len(triples) == 8


def test_unacceptable_accept_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


def test_format_parameter_beats_accept(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": "SELECT (1 AS ?n) {}", "format": "csv"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert response.headers["content-type"].startswith("text/csv")


def test_undeclared_prefix_is_an_error_that_names_it(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s schema:name ?o }"})
    assert response.status_code == 400
    assert "undeclared prefix schema:" in response.text
    assert "PREFIX schema: <http://schema.org/>" in response.text


def test_malformed_query_points_at_the_place(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert response.text.startswith("malformed SPARQL query: syntax error at line 1")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent ?endpoint { ?s ?p ?o } }",
        r"SELECT * WHERE { \u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
    ids=["plain", "lower-case-variable", "escaped"],
)
def test_service_is_refused(client: TestClient, query: str) -> None:
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400
    assert "SERVICE" in response.text


def test_service_in_a_string_or_iri_is_fine(client: TestClient) -> None:
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://x> {}" AS ?x) FILTER(?x != <http://e.org/SERVICE>) }'
    assert len(select(client, query)) == 1


def test_update_is_forbidden_when_read_only(client: TestClient) -> None:
    response = client.post(
        "/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
    )
    assert response.status_code == 403
    assert "--allow-update" in response.text


def test_request_size_cap(client: TestClient) -> None:
    response = client.post(
        "/sparql", content="ASK {}" + " " * 5000, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413


def test_url_size_cap(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}" + " " * 5000})
    assert response.status_code == 414


def test_result_size_cap_gives_a_clear_error_before_any_byte(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 1000"})
    assert response.status_code == 413
    assert "--max-result-size" in response.text


def test_no_cors_headers_unless_configured(client: TestClient) -> None:
    """Any page a user opens could otherwise read this server's answers (issue 14)."""
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_cors_headers(store: Path) -> None:
    config = ServerConfig(store=store, workers=2, timeout=10, cors_origins=("*",))
    with TestClient(create_app(config), base_url="http://kg.test") as client:
        _check_cors(client)


def _check_cors(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_service_description_is_rdf_with_the_endpoint(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = list(parse(response.content, format=RdfFormat.TURTLE))
    endpoints = {t.object.value for t in triples if t.predicate.value == SD + "endpoint"}
    assert endpoints == {"http://kg.test/sparql"}
    features = {t.object.value for t in triples if t.predicate.value == SD + "feature"}
    assert SD + "UnionDefaultGraph" in features
    names = {t.object.value for t in triples if t.predicate.value == SD + "name"}
    assert "https://w3id.org/conflict-kg/data/graph/a1" in names


def test_service_description_for_a_browser_is_html(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html,application/xml;q=0.9,*/*;q=0.8"})
    assert response.headers["content-type"].startswith("text/html")
    assert "sd:endpoint" in response.text


def test_void_counts_and_links(client: TestClient) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    triples = list(parse(response.content, format=RdfFormat.N_TRIPLES))
    void = "http://rdfs.org/ns/void#"
    dataset = "http://kg.test/.well-known/void#dataset"
    about = {t.predicate.value: t.object.value for t in triples if t.subject.value == dataset}
    assert about[void + "triples"] == "42"
    assert about[void + "sparqlEndpoint"] == "http://kg.test/sparql"
    linksets = [t.subject for t in triples if t.object.value == void + "Linkset"]
    assert len(linksets) == 1
    link_count = [
        t.object.value for t in triples if t.subject == linksets[0] and t.predicate.value == void + "triples"
    ]
    assert link_count == ["3"]
    vocabularies = {t.object.value for t in triples if t.predicate.value == void + "vocabulary"}
    assert "https://w3id.org/conflict-kg/ontology#" in vocabularies


def test_entity_page_html_for_people(client: TestClient) -> None:
    response = client.get("/data/event/a1-0001", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "<h1>drone attack</h1>" in response.text
    assert 'href="/id/kataib-hezbollah"' in response.text
    assert 'href="/data/graph/a1"' in response.text


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", RdfFormat.TURTLE), ("application/ld+json", RdfFormat.JSON_LD)],
    ids=["turtle", "jsonld"],
)
def test_entity_rdf_for_machines(client: TestClient, accept: str, fmt: RdfFormat) -> None:
    response = client.get("/data/event/a1-0001", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["vary"].startswith("Accept")
    subjects = {t.subject.value for t in parse(response.content, format=fmt)}
    assert subjects == {EVENT}


def test_reference_entity_and_any_iri(client: TestClient) -> None:
    assert client.get("/id/iraq", headers={"Accept": "text/turtle"}).status_code == 200
    page = client.get(
        "/page",
        params={"iri": "https://w3id.org/conflict-kg/ontology#Attack"},
        headers={"Accept": "text/html"},
    )
    assert page.status_code == 200
    assert "attack" in page.text


def test_unknown_entity_is_404(client: TestClient) -> None:
    assert client.get("/data/event/nope", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/data/event/nope", headers={"Accept": "text/html"}).status_code == 404


def test_query_page_lists_the_bundled_queries(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert 'data-name="events"' in response.text
    config = json.loads(response.text.split('type="application/json">', 1)[1].split("</script>", 1)[0])
    assert config["endpoint"] == "/sparql"
    names = [example["name"] for example in config["examples"]]
    assert "events" in names
    assert not [name for name in names if name.startswith("views-")], "the views' own queries are internal"
    assert config["initial"] == config["examples"][0]["text"]
    assert client.get("/static/query.js").status_code == 200
    assert '<script src="/static/yasgui/yasgui.min.js"' in response.text
    for asset in ("yasgui.min.js", "yasgui.min.css", "LICENSE.txt"):
        assert client.get(f"/static/yasgui/{asset}").status_code == 200, asset
    bundle = client.get("/static/yasgui/yasgui.min.js", headers={"Accept-Encoding": "gzip"})
    assert bundle.headers["content-encoding"] == "gzip"
    assert bundle.num_bytes_downloaded < 400_000, "the vendored editor stays a reasonable download"
    assert client.get("/prefixes.json").json()["kgo"] == "https://w3id.org/conflict-kg/ontology#"


def test_kg_serve_get(store: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "serve",
            "--store",
            str(store),
            "--workers",
            "1",
            "--get",
            "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%3Fs%20%3Fp%20%3Fo%7D",
            "-H",
            "Accept: text/csv",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"n\r\n42\r\n"


def test_kg_serve_get_error_exits_1(store: Path) -> None:
    result = CliRunner().invoke(
        cli, ["serve", "--store", str(store), "--workers", "1", "--get", "/sparql?query=ASK"]
    )
    assert result.exit_code == 1
    assert "malformed SPARQL query" in result.stdout
    assert "HTTP 400" in result.stderr


def test_kg_serve_without_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "none"), "--get", "/"])
    assert result.exit_code == 1
    assert "no kg store here" in result.stderr


def test_a_named_graph_dereferences_to_its_content(client: TestClient) -> None:
    response = client.get("/data/graph/a2", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    triples = list(parse(response.content, format=RdfFormat.N_TRIPLES))
    assert len(triples) == 9
    page = client.get("/data/graph/a2", headers={"Accept": "text/html"})
    assert "Contents of this named graph" in page.text
    assert 'href="/data/event/a2-0001"' in page.text
