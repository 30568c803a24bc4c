"""The server never reaches out (issue 14): SERVICE / LOAD in any spelling is refused before it runs,
and a query worker cannot open a network socket even when a query gets past that check.

Every test listens on a free port of 127.0.0.1 and asserts that the listener never gets a connection.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_support import Listener, make_store, post_query, serve

from kg.sparql_text import forbidden_feature


@pytest.fixture
def listener() -> Iterator[Listener]:
    out = Listener()
    yield out
    out.close()


def _variants(endpoint: str) -> list[str]:
    """SERVICE spelt and placed every way the grammar allows, each a query the parser accepts."""
    body = "{ ?x ?y ?z }"
    keywords = ["SERVICE", "service", "SeRvIcE", r"\u0053ERVICE", r"SERVIC\u0045", r"\U00000053ervice"]
    targets = [f"<{endpoint}>", f"SILENT <{endpoint}>", "e:x", "?ep"]
    befores = [
        "?s ?p true.",
        '?s ?p "x"@en.',
        "?s ?p 'x'@en-GB.",
        '?s ?p "1"^^<http://www.w3.org/2001/XMLSchema#int>.',
        "?s ?p 1.",
        "?s ?p 1e5",
        "?s ?p ?o;?q ?r.",
        "?s ?p ?o #c\n",
        "?s <http://e.org/a#b>/^<http://e.org/c>* ?o .",
        "FILTER(1<2)",
        "{ ?s ?p ?o } UNION {",
        "OPTIONAL {",
        "{ SELECT ?s { ?s ?p ?o } LIMIT 1 }",
        "MINUS { ?s ?p ?o }",
        "",
    ]
    # A long string opened inside what the lexer takes for an IRI: the parser reads less-than.
    befores.append("FILTER(?o<'''>\n''')")
    out = []
    for keyword, target, before in itertools.product(keywords, targets, befores):
        close = " }" if before.endswith("{") else ""
        bind = "BIND(<" + endpoint + "> AS ?ep) " if target == "?ep" else ""
        out.append(f"PREFIX e: <{endpoint}> SELECT * {{ {bind}{before}{keyword} {target} {body}{close} }}")
        out.append(f"PREFIX e: <{endpoint}> SELECT * {{ {bind}{before}{keyword}#>\n{target} {body}{close} }}")
        # a long string opened inside what a lexer takes for an IRI, where the parser reads less-than
        quotes = "'" * 3
        out.append(
            f"PREFIX e: <{endpoint}> SELECT * {{ ?s ?p ?o FILTER(?o<{quotes}>\n{quotes}) "
            f"{bind}{before}{keyword} {target} {body}{close} #{quotes}\n}}"
        )
    return out


def test_every_service_variant_is_refused(listener: Listener) -> None:
    endpoint = f"http://127.0.0.1:{listener.port}/sparql"
    missed = [q for q in _variants(endpoint) if forbidden_feature(q) != "SERVICE"]
    assert not missed, missed[:5]


def test_every_load_variant_is_refused(listener: Listener) -> None:
    endpoint = f"http://127.0.0.1:{listener.port}/data.ttl"
    befores = [
        "",
        "CLEAR ALL ;",
        "CLEAR ALL;",
        'INSERT DATA { <urn:a> <urn:b> "x"@en } ;',
        "INSERT DATA { <urn:a> <urn:b> true } ;",
        "INSERT { ?s ?p 1 } WHERE { ?s ?p ?o FILTER(1<2) } ;",
        "# comment\n",
    ]
    keywords = ["LOAD", "load", r"\u004cOAD", r"LOA\u0044"]
    targets = [f"<{endpoint}>", f"SILENT <{endpoint}>", f"<{endpoint}> INTO GRAPH <urn:g>", "e:x"]
    missed = [
        update
        for before, keyword, target in itertools.product(befores, keywords, targets)
        for update in (f"PREFIX e: <{endpoint}> {before}{keyword} {target}", f"{before}{keyword}#>\n{target}")
        if forbidden_feature(update, update=True) != "LOAD"
    ]
    assert not missed, missed[:5]


def test_a_service_in_a_literal_iri_or_name_is_not_a_keyword() -> None:
    for query in [
        'SELECT * { ?s ?p "SERVICE <http://x/> {}" }',
        "SELECT * { ?s ?p <http://e.org/SERVICE> }",
        "SELECT * { ?s ?p <http://www.w3.org/1999/02/22-rdf-syntax-ns#SERVICE> }",
        "SELECT * { ?s ?p xsd:int.SERVICE }",
        "SELECT * { ?service ?p ?o } # SERVICE <http://x/>",
    ]:
        assert forbidden_feature(query) is None, query


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("ssrf") / "store")


@pytest.mark.slow
def test_the_live_server_sends_nothing_for_any_variant(store: Path, listener: Listener) -> None:
    endpoint = f"http://127.0.0.1:{listener.port}/sparql"
    variants = _variants(endpoint)[::7]  # a spread of every kind; the full set is checked above
    with serve(store, "--workers", "2", "--timeout", "5") as running:
        for query in variants:
            status, text = post_query(running.url, query)
            assert status == 400, (query, status, text)
            assert str(listener.port) not in text
        status, _ = post_query(running.url, "ASK { ?s ?p ?o }")
        assert status == 200
    assert listener.connections == 0


_WORKER_PROBE = """
import json, sys
from pyoxigraph import NamedNode, Quad, Store
from kg.server.sandbox import forbid_network
from kg.server import _worker
port = int(sys.argv[1])
installed = forbid_network()
store = Store()
store.add(Quad(NamedNode("http://e.org/s"), NamedNode("http://e.org/p"), NamedNode("http://e.org/o")))
query = "SELECT * { ?s ?p ?o SERVICE <http://127.0.0.1:%d/sparql> { ?x ?y ?z } }" % port
try:
    list(store.query(query))
    outcome = "answered"
except OSError as err:
    outcome = _worker._evaluation_error(err)
print(json.dumps({"installed": installed, "outcome": outcome}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the seccomp filter is Linux only")
def test_a_sandboxed_worker_cannot_connect_even_past_the_check(listener: Listener) -> None:
    """Below the query check: evaluation itself, given a SERVICE, opens no socket."""
    result = subprocess.run(
        [sys.executable, "-c", _WORKER_PROBE, str(listener.port)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    reply = json.loads(result.stdout)
    assert reply["installed"] is True
    assert "cannot" in reply["outcome"] and str(listener.port) not in reply["outcome"]
    assert listener.connections == 0


def test_the_worker_pool_runs_under_the_sandbox(store: Path, listener: Listener) -> None:
    """A query handed straight to a worker (no endpoint check) still reaches nothing."""
    import asyncio

    from kg.server.protocol import HttpError
    from kg.server.workers import query_request, running_pool

    query = f"SELECT * {{ ?s ?p ?o SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?x ?y ?z }} }}"

    async def attempt() -> str:
        async with running_pool(store, size=1, timeout=10) as pool:
            request = query_request(
                query,
                formats={"results": ("json", "application/sparql-results+json")},
                base_iri=None,
                max_bytes=1 << 20,
            )
            try:
                reply = await pool.run(request)
                try:
                    chunks = [c async for c in reply.chunks()] if reply.streaming else []
                finally:
                    await reply.close()
                return "answered " + repr(chunks)[:200]
            except HttpError as err:
                return err.message

    message = asyncio.run(attempt())
    assert listener.connections == 0
    assert str(listener.port) not in message
