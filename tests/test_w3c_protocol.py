"""The W3C SPARQL 1.1 Protocol and Service Description test suites against a real ``kg serve``.

Cases come from ``../shared/w3c/sparql11-protocol/manifest.ttl`` and are sent as written: the
same method, path (``/sparql/...``, which the server answers), headers and body, and no Accept
header when the case has none. Query cases run on a read-only server holding the suite's data in
the graphs it names. Update cases run on a server started with ``--allow-update``; the only
thing added to them is the bearer token that server requires.
"""

from __future__ import annotations

import http.client
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from server_support import W3C, Running, make_store, serve

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not W3C.is_dir(), reason="../shared/w3c is not beside the checkout"),
]

PROTOCOL = W3C / "sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
TOKEN = "w3c-test-token"
EMPTY_TRIG = Path(__file__).parent / "data" / "server" / "empty.trig"

RESULT_TYPES = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
RDF_TYPES = {
    "application/rdf+xml": RdfFormat.RDF_XML,
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
}


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[int]  # acceptable first digits
    result_format: str | None
    boolean: bool | None


@dataclass(frozen=True)
class Case:
    name: str
    title: str
    exchanges: tuple[Exchange, ...]


def _manifest() -> tuple[list[Case], dict[str, Path]]:
    graph = Graph().parse(PROTOCOL / "manifest.ttl", format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    cases, data = [], {}
    for entry in Collection(graph, graph.value(manifest, MF.entries)):
        for graph_data in graph.objects(entry, UT.graphData):
            data[str(graph.value(graph_data, RDFS.label))] = Path(str(graph.value(graph_data, UT.graph))[7:])
        action = graph.value(entry, MF.action)
        exchanges = []
        for request in Collection(graph, graph.value(action, HT.requests)):
            headers = {}
            for header in (
                Collection(graph, graph.value(request, HT.headers))
                if graph.value(request, HT.headers)
                else []
            ):
                headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
            body_node = graph.value(request, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding))
                body = str(graph.value(body_node, CNT.chars)).encode(encoding)
            response = graph.value(request, HT.resp)
            statuses = frozenset(
                int(str(s).rsplit("StatusCode", 1)[1][0]) for s in graph.objects(response, MF.expectedStatus)
            )
            fmt = graph.value(response, MF.expectedFormat)
            boolean = graph.value(response, MF.expectedBoolean)
            exchanges.append(
                Exchange(
                    str(graph.value(request, HT.methodName)),
                    str(graph.value(request, HT.absolutePath)),
                    headers,
                    body,
                    statuses,
                    str(fmt) if fmt else None,
                    None if boolean is None else bool(boolean.toPython()),
                )
            )
        name = str(entry).rsplit("#", 1)[1]
        cases.append(Case(name, str(graph.value(entry, MF.name)), tuple(exchanges)))
    return cases, data


CASES, GRAPH_DATA = _manifest() if PROTOCOL.is_dir() else ([], {})
UPDATE_CASES = [
    c for c in CASES if c.name.startswith(("update_", "bad_update_")) or c.name == "bad_multiple_updates"
]
QUERY_CASES = [c for c in CASES if c not in UPDATE_CASES]


def _store(path: Path) -> Path:
    return make_store(
        path, EMPTY_TRIG, graphs={label: PROTOCOL / file.name for label, file in GRAPH_DATA.items()}
    )


@pytest.fixture(scope="module")
def query_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with serve(_store(tmp_path_factory.mktemp("w3c") / "store"), "--workers", "2") as running:
        yield running


@pytest.fixture(scope="module")
def update_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    store = _store(tmp_path_factory.mktemp("w3c-update") / "store")
    with serve(store, "--workers", "2", "--allow-update", "--token", TOKEN) as running:
        yield running


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str
    body: bytes


def send(
    server: Running, method: str, path: str, headers: dict[str, str], body: bytes | None = None
) -> Reply:
    """One request exactly as given (http.client adds Host and Content-Length, nothing else that matters)."""
    host, port = server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content_type = response.getheader("Content-Type") or ""
        return Reply(response.status, content_type.split(";")[0].strip(), response.read())
    finally:
        connection.close()


def run(server: Running, exchange: Exchange, extra: dict[str, str] | None = None) -> Reply:
    return send(server, exchange.method, exchange.path, {**exchange.headers, **(extra or {})}, exchange.body)


def check(exchange: Exchange, reply: Reply) -> None:
    body, media_type = reply.body, reply.media_type
    assert reply.status // 100 in exchange.statuses, f"HTTP {reply.status}: {body[:300]!r}"
    if exchange.result_format in {"boolean", "tabular"}:
        assert media_type in RESULT_TYPES, media_type
        results = parse_query_results(io.BytesIO(body), RESULT_TYPES[media_type])
        if exchange.result_format == "boolean":
            assert media_type in {"application/sparql-results+json", "application/sparql-results+xml"}
            value = json.loads(body)["boolean"] if "json" in media_type else _xml_boolean(body)
            if exchange.boolean is not None:
                assert value is exchange.boolean
        else:
            assert list(results)
    elif exchange.result_format == "RDF":
        assert media_type in RDF_TYPES, media_type  # RDF/XML, Turtle or N-Triples, as the case says
        list(parse(body, format=RDF_TYPES[media_type]))


def _xml_boolean(body: bytes) -> bool:
    element = ElementTree.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert element is not None
    return element.text == "true"


def test_the_suite_is_complete() -> None:
    assert len(CASES) == 34
    assert len(QUERY_CASES) == 20


@pytest.mark.parametrize("case", QUERY_CASES, ids=[c.name for c in QUERY_CASES])
def test_query_case_as_written(query_server: Running, case: Case) -> None:
    for exchange in case.exchanges:
        assert "Accept" not in exchange.headers and "accept" not in exchange.headers
        check(exchange, run(query_server, exchange))


@pytest.mark.parametrize("case", UPDATE_CASES, ids=[c.name for c in UPDATE_CASES])
def test_update_case_with_the_token(update_server: Running, case: Case) -> None:
    for exchange in case.exchanges:
        check(exchange, run(update_server, exchange, {"Authorization": f"Bearer {TOKEN}"}))


@pytest.mark.parametrize("case", UPDATE_CASES, ids=[c.name for c in UPDATE_CASES])
def test_update_case_is_refused_by_a_read_only_server(query_server: Running, case: Case) -> None:
    status = run(query_server, case.exchanges[0]).status
    assert status == 403 if case.name.startswith("update_") else 400 <= status < 500


# ---------------------------------------------------------------- service description

SD_MANIFEST = W3C / "sparql11-service-description" / "manifest.ttl"
VALIDATOR_ACCEPT = (
    "application/rdf+xml;q=1.0, text/turtle;q=0.9, application/n-triples;q=0.8, text/html;q=0.1"
)


def _description(server: Running, path: str, accept: str | None) -> tuple[str, Graph]:
    reply = send(server, "GET", path, {"Accept": accept} if accept else {})
    assert reply.status == 200
    fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/n-triples": "nt"}[
        reply.media_type
    ]
    return server.url + path, Graph().parse(data=reply.body, format=fmt)


def _sd_checks(url: str, graph: Graph) -> dict[str, bool]:
    """The required checks of the W3C service-description suite, plus its best-practice ones."""
    named = list(graph.subjects(RDF.type, SD.NamedGraph))
    services = {
        s
        for p in (SD.endpoint, SD.feature, SD.supportedLanguage, SD.resultFormat, SD.defaultDataset)
        for s in graph.subjects(p)
    }
    datasets = set(graph.objects(None, SD.defaultDataset)) | set(graph.subjects(SD.defaultGraph))
    graphs = set(graph.objects(None, SD.defaultGraph)) | set(graph.objects(None, SD.graph))
    return {
        "returns-rdf": len(graph) > 0,
        "has-endpoint-triple": (None, SD.endpoint, URIRef(url)) in graph,
        "conforms-to-schema": all(graph.value(n, SD.name) is not None for n in named),
        "typed-service": all((s, RDF.type, SD.Service) in graph for s in services),
        "typed-dataset": all((d, RDF.type, SD.Dataset) in graph for d in datasets),
        "typed-named-graph": all(
            (n, RDF.type, SD.NamedGraph) in graph for n in graph.objects(None, SD.namedGraph)
        ),
        "typed-graph": all((g, RDF.type, SD.Graph) in graph for g in graphs),
        "dataset-with-graph": all(
            graph.value(d, SD.defaultGraph) or graph.value(d, SD.namedGraph) for d in datasets
        ),
        "recognized-language": (None, SD.supportedLanguage, SD.SPARQL11Query) in graph,
    }


def test_service_description_suite_is_covered() -> None:
    manifest = Graph().parse(SD_MANIFEST, format="turtle")
    names = {str(e).rsplit("#", 1)[1] for e in manifest.subjects(RDF.type, MF.ServiceDescriptionTest)}
    assert names == {"returns-rdf", "has-endpoint-triple", "conforms-to-schema"}
    assert names <= set(_sd_checks("", Graph()))


@pytest.mark.parametrize("path", ["/sparql", "/sparql/"])
@pytest.mark.parametrize(
    "accept", [None, VALIDATOR_ACCEPT, "text/turtle"], ids=["no-accept", "validator", "turtle"]
)
def test_service_description(query_server: Running, path: str, accept: str | None) -> None:
    url, graph = _description(query_server, path, accept)
    failed = [name for name, passed in _sd_checks(url, graph).items() if not passed]
    assert not failed
    named = {str(graph.value(n, SD.name)) for n in graph.subjects(RDF.type, SD.NamedGraph)}
    assert named == set(GRAPH_DATA)
