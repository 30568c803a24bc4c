"""A grammar-based fuzz of SERVICE hidden every lexical way (issue 14): each generated query is
first shown to be a live federated call (pyoxigraph, unsandboxed, really connects to a listener on
127.0.0.1), then the algebra check must refuse it, and a real ``kg serve`` must answer 400 while
the listener receives nothing.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store
from server_support import Listener, make_store, post_query, serve

from kg.server.query_check import remote_access

SEED = 14
COUNT = 200


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    out = Listener()
    yield out
    out.close()


def spelling(rng: random.Random, *, escapes: bool) -> str:
    """SERVICE in random case; with ESCAPES some letters as \\u or \\U escapes (the grammar
    allows them anywhere; pyoxigraph 0.5 does not decode them in keywords, a later one may)."""
    out = []
    for letter in "SERVICE":
        letter = letter if rng.random() < 0.5 else letter.lower()
        roll = rng.random() if escapes else 1.0
        if roll < 0.2:
            out.append(f"\\u{ord(letter):04X}")
        elif roll < 0.3:
            out.append(f"\\U{ord(letter):08x}")
        else:
            out.append(letter)
    return "".join(out)


# what may stand right before the keyword: terms whose end the keyword may touch, comments
BEFORE = [
    "?s ?p true.",
    "?s ?p false .",
    '?s ?p "x"@en.',
    "?s ?p 'x'@en-GB.",
    '?s ?p """a\nb""".',
    '?s ?p "1"^^<http://www.w3.org/2001/XMLSchema#int>.',
    "?s ?p 1.",
    "?s ?p 1e5.",
    "?s ?p -2.5.",
    "?s ?p ?o #SERVICE is only a word here\n",
    "?s ?p ?o #>\n",
    "?s <http://e.org/a#b>/^<http://e.org/c>* ?o .",
    "?s ?p [ ?q ?r ].",
    "?s ?p ( 1 2 ).",
    "FILTER(1<2)",
    "FILTER(?o != <urn:x>)",
    "BIND(1 AS ?one)",
    "VALUES ?v { 1 2 }",
    "",
]
# groups the call may be nested in ({} marks where)
WRAP = [
    "{ {} }",
    "OPTIONAL { {} }",
    "{ {} } UNION { ?a ?b ?c FILTER(false) }",
    "?s ?p ?o FILTER EXISTS { {} }",
    "?s ?p ?o FILTER NOT EXISTS { {} }",
    "MINUS { {} }",
    "GRAPH ?g { {} }",
    "{ SELECT * { {} } }",
]


def variant(rng: random.Random, port: int, *, escapes: bool) -> str:
    endpoint = f"http://127.0.0.1:{port}/sparql"
    target = rng.choice([f"<{endpoint}>", f"SILENT <{endpoint}>", "e:sparql", "<sparql>", "e:"])
    glue = rng.choice([" ", "\n", "\t", "#c\n", "\n# SERVICE\n"]) if rng.random() < 0.3 else ""
    call = f"{rng.choice(BEFORE)}{glue}{spelling(rng, escapes=escapes)} {target} {{ ?x ?y ?z }}"
    for _ in range(rng.randrange(0, 4)):
        call = rng.choice(WRAP).replace("{}", call, 1)
    prefix = f"BASE <http://127.0.0.1:{port}/> PREFIX e: <{endpoint}> "
    return f"{prefix}SELECT * {{ ?s ?p ?o . {call} }}"


def variants(port: int, *, escapes: bool) -> list[str]:
    rng = random.Random(SEED + escapes)
    return [variant(rng, port, escapes=escapes) for _ in range(COUNT)]


# one statement matching each pattern of BEFORE, so that every join reaches the call
PROBE_DATA = """
@prefix e: <http://e.org/> .
e:s e:p "o", true, false, "x"@en, "x"@en-GB, "a\\nb", "1"^^<http://www.w3.org/2001/XMLSchema#int>, 1, 1e5,
    -2.5, [ e:q e:r ], ( 1 2 ) .
e:s <http://e.org/a#b> e:o .
"""


def probe_store() -> Store:
    store = Store()
    store.load(PROBE_DATA, format=RdfFormat.TURTLE)
    store.load(PROBE_DATA, format=RdfFormat.TURTLE, to_graph=NamedNode("http://e.org/g"))
    return store


def test_every_variant_is_a_live_federated_call(listener: Listener) -> None:
    """The fuzz is honest: pyoxigraph, with no sandbox, does connect for every generated query."""
    store = probe_store()
    dead = []
    for query in variants(listener.port, escapes=False):
        before = listener.connections
        # the listener answers nothing: the call fails after connecting
        with contextlib.suppress(OSError):
            list(store.query(query))  # type: ignore[arg-type]
        if listener.connections == before:
            dead.append(query)
    assert not dead, dead[:3]


def test_the_algebra_check_refuses_every_variant(listener: Listener) -> None:
    """Each variant is refused: found in the parsed query, or (where rdflib's parser cannot read
    what pyoxigraph does, such as a typed literal touching the keyword) refused as uncheckable."""
    every = variants(listener.port, escapes=False) + variants(listener.port, escapes=True)
    decisions = [remote_access(q) for q in every]
    missed = [q for q, found in zip(every, decisions, strict=True) if found not in {"SERVICE", "UNCHECKED"}]
    assert not missed, missed[:3]
    assert decisions.count("SERVICE") > 0.7 * len(every)  # mostly decided on the tree, not by refusal


def test_service_only_as_a_word_is_no_call() -> None:
    for query in [
        'SELECT ?service { ?service ?p "SERVICE <http://x/> { }" }',
        "PREFIX e: <http://e.org/> SELECT * { ?s e:SERVICE ?o . ?s ?p e:service }",
        "SELECT * { ?s ?p <http://e.org/SERVICE> } # SERVICE <http://x/> { }",
        'SELECT * { ?s ?p ?o FILTER(STR(?o) = "\\u0053ERVICE") }',
    ]:
        assert remote_access(query) is None, query


def test_load_in_an_update_is_refused_on_its_algebra() -> None:
    for update in [
        "LOAD <http://127.0.0.1:9/x.ttl>",
        "CLEAR ALL ; \\u004cOAD SILENT <http://127.0.0.1:9/x.ttl> INTO GRAPH <urn:g>",
        'INSERT DATA { <urn:a> <urn:b> "x"@en } ;load <http://127.0.0.1:9/x.ttl>',
    ]:
        assert remote_access(update, update=True) == "LOAD", update
    assert remote_access('INSERT DATA { <urn:a> <urn:load> "LOAD" }', update=True) is None


def test_an_uncheckable_text_that_may_name_service_is_refused() -> None:
    assert remote_access("SELECT * { " * 3000 + "SERVICE") == "UNCHECKED"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("fuzz") / "store")


@pytest.mark.slow
def test_the_live_server_refuses_every_variant_and_sends_nothing(store: Path, listener: Listener) -> None:
    before = listener.connections
    with serve(store, "--workers", "2", "--timeout", "10") as running:
        for query in variants(listener.port, escapes=False) + variants(listener.port, escapes=True)[::3]:
            status, text = post_query(running.url, query)
            assert status == 400 and "SERVICE" in text, (query, status, text)
        status, _ = post_query(running.url, 'SELECT ?service { ?service ?p "SERVICE" }')
        assert status == 200
    assert listener.connections == before
