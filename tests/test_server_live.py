"""A real ``kg serve`` process on a free port, queried by real clients (SPARQLWrapper, rdflib)."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from server_support import SLOW_QUERY, Running, descendants_cpu_seconds, make_store, serve
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

pytestmark = pytest.mark.slow
KGO = "https://w3id.org/conflict-kg/ontology#"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("live") / "store")


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Running]:
    with serve(store, "--workers", "2", "--timeout", "1.5", "--max-result-size", "2M") as running:
        yield running


@pytest.fixture(scope="module")
def url(server: Running) -> str:
    return server.url


def get(
    url: str, query: str, *, accept: str = "application/sparql-results+json", timeout: float = 30
) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url + "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.read()


def test_sparqlwrapper_select_ask_construct(url: str) -> None:
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery(f"PREFIX kgo: <{KGO}> SELECT ?e WHERE {{ ?e a kgo:DroneAttack }}")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert [r["e"]["value"] for r in rows] == ["https://w3id.org/conflict-kg/data/event/a1-0001"]
    client.setQuery("ASK { ?s ?p ?o }")
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index,call-overload]
    client.setQuery(f"PREFIX kgo: <{KGO}> CONSTRUCT {{ ?e a kgo:Attack }} WHERE {{ ?e a kgo:RocketAttack }}")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) == 1


def test_sparqlwrapper_post(url: str) -> None:
    client = SPARQLWrapper(url + "/sparql")
    client.setMethod("POST")
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "42"  # type: ignore[index,call-overload]


def test_rdflib_sparqlstore(url: str) -> None:
    graph = Graph(store=SPARQLStore(url + "/sparql", returnFormat="xml"))
    rows = list(graph.query(f"PREFIX kgo: <{KGO}> SELECT ?e WHERE {{ ?e a kgo:RocketAttack }}"))
    assert [str(row[0]) for row in rows] == ["https://w3id.org/conflict-kg/data/event/a2-0001"]
    types = set(
        graph.objects(
            URIRef("https://w3id.org/conflict-kg/id/iraq"),
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        )
    )
    assert types == {URIRef(KGO + "Country")}


def test_timeout_stops_the_query_and_keeps_others_fast(url: str) -> None:
    """A query past --timeout gets a 503 (not a 200), and meanwhile quick queries still answer quickly."""
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.monotonic()
        outcome["status"], outcome["body"] = get(url, SLOW_QUERY)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    latencies = []
    while thread.is_alive():
        started = time.monotonic()
        status, _ = get(url, "ASK { ?s ?p ?o }")
        latencies.append(time.monotonic() - started)
        assert status == 200
    thread.join()
    assert outcome["status"] == 503
    assert b"--timeout" in outcome["body"]  # type: ignore[operator]
    assert 1.4 < outcome["seconds"] < 5  # type: ignore[operator]
    assert len(latencies) > 5
    assert sorted(latencies)[len(latencies) // 2] < 0.1


def test_a_killed_worker_is_replaced_and_burns_no_cpu(server: Running) -> None:
    url = server.url
    for _ in range(2):  # more timeouts than workers: each worker is replaced in turn
        assert get(url, SLOW_QUERY)[0] == 503
    time.sleep(0.5)
    busy = descendants_cpu_seconds(server.pid)
    time.sleep(1.0)
    assert descendants_cpu_seconds(server.pid) - busy < 0.3  # a stopped evaluation uses no CPU
    status, body = get(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "42"


def test_result_size_cap_midstream_is_an_incomplete_response_not_a_clean_200(url: str) -> None:
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 74 088 rows, well over the 2 MiB cap
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request(
        "GET",
        "/sparql?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "text/tab-separated-values"},
    )
    response = connection.getresponse()
    assert response.status == 200  # the first bytes were out before the cap was reached
    with pytest.raises(http.client.IncompleteRead):
        response.read()
    connection.close()


def test_large_result_streams_completely(url: str) -> None:
    status, body = get(url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", accept="text/csv")
    assert status == 200
    assert body.count(b"\r\n") == 42 * 42 + 1


def test_concurrent_clients_get_correct_answers(url: str) -> None:
    queries = {
        "ASK { ?s ?p ?o }": b'"boolean":true',
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }": b'"value":"42"',
        f"PREFIX kgo: <{KGO}> SELECT ?e WHERE {{ ?e a kgo:DroneAttack }}": b"a1-0001",
    }

    def one(index: int) -> bool:
        query, expected = list(queries.items())[index % len(queries)]
        status, body = get(url, query)
        return status == 200 and expected in body

    with ThreadPoolExecutor(max_workers=16) as pool:
        assert all(pool.map(one, range(300)))


def test_updates_need_the_flag_and_the_token(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    with serve(store, "--workers", "2", "--allow-update", "--token", "s3cret") as running:
        url = running.url
        update = b"INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"

        def post(headers: dict[str, str]) -> int:
            request = urllib.request.Request(
                url + "/sparql",
                data=update,
                method="POST",
                headers={"Content-Type": "application/sparql-update", **headers},
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return int(response.status)
            except urllib.error.HTTPError as err:
                err.close()
                return err.code

        assert post({}) == 401
        assert post({"Authorization": "Bearer wrong"}) == 401
        assert post({"Authorization": "Bearer s3cret"}) == 204
        _, body = get(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "43"
        load = urllib.request.Request(
            url + "/sparql",
            data=b"LOAD <http://example.org/data.ttl>",
            method="POST",
            headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer s3cret"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(load, timeout=30)
        assert refused.value.code == 400
        refused.value.close()


def test_more_slow_queries_than_workers_do_not_stall_a_quick_one(store: Path) -> None:
    """With every worker on a slow query, an extra worker is started for the quick ones."""
    with serve(store, "--workers", "2", "--timeout", "4") as running:
        statuses: list[int] = []
        slow = [
            threading.Thread(target=lambda: statuses.append(get(running.url, SLOW_QUERY)[0]))
            for _ in range(3)
        ]
        for thread in slow:
            thread.start()
        time.sleep(0.3)
        started = time.monotonic()
        status, _ = get(running.url, "ASK { ?s ?p ?o }")
        waited = time.monotonic() - started
        for thread in slow:
            thread.join()
    assert status == 200
    assert waited < 2.5  # well before the slow queries' 4 s deadline
    assert statuses == [503, 503, 503]
