"""The event table (/events, /events.csv, /events.json) on a real ``kg serve`` of the sample corpus.

Every expectation is worked out independently with a plain SPARQL query to /sparql on the same store.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server_support import Running, serve_sample

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
PREFIX kgv: <https://w3id.org/conflict-kg/vocab#>
PREFIX kgr: <https://w3id.org/conflict-kg/id/>
"""
ATTACK = "VALUES ?c { kgo:Attack kgo:DroneAttack kgo:RocketAttack kgo:MortarAttack kgo:MissileAttack kgo:Airstrike }"
COLUMNS = [
    "event", "date", "type", "claim", "perpetrator", "claimed_by", "attributed_to", "target", "base",
    "location", "country", "weapon", "source", "incident",
]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with serve_sample(tmp_path_factory.mktemp("events") / "store") as running:
        yield running


def get(server: Running, path: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(server.url + path, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read().decode()


def table(server: Running, query: str) -> list[dict[str, str]]:
    status, kind, text = get(server, "/events.csv" + query)
    assert status == 200, text
    assert kind.startswith("text/csv")
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def sparql_events(server: Running, where: str) -> set[str]:
    """The attack accounts that WHERE (with ?e the event) keeps, asked of /sparql directly."""
    query = PREFIXES + f"SELECT DISTINCT ?e WHERE {{ ?e a ?c . {ATTACK} {where} }}"
    _, _, text = get(server, "/sparql?" + urllib.parse.urlencode({"query": query, "format": "csv"}))
    return set(text.split()[1:])


def test_the_whole_table_as_csv(server: Running) -> None:
    rows = table(server, "")
    assert {row["event"] for row in rows} == sparql_events(server, "")
    assert len(rows) > 10
    dates = [row["date"] for row in rows if row["date"]]
    assert dates == sorted(dates), "sorted by date by default"


def test_type_and_month_filters(server: Running) -> None:
    rows = table(server, "?type=DroneAttack&month=2024-01")
    expected = sparql_events(
        server, '?e a kgo:DroneAttack ; kgo:date ?d FILTER(STRSTARTS(STR(?d), "2024-01"))'
    )
    assert {row["event"] for row in rows} == expected
    assert expected
    assert all(row["type"] == "DroneAttack" and row["date"].startswith("2024-01") for row in rows)


def test_several_values_of_one_facet_are_alternatives(server: Running) -> None:
    both = table(server, "?type=DroneAttack&type=Airstrike")
    assert {row["type"] for row in both} == {"DroneAttack", "Airstrike"}
    assert len(both) == len(table(server, "?type=DroneAttack")) + len(table(server, "?type=Airstrike"))


def test_actor_filter_compact_or_full_iri(server: Running) -> None:
    actor = "https://w3id.org/conflict-kg/id/kataib-hezbollah"
    expected = sparql_events(server, f"?e kgo:perpetrator|kgo:claimedBy|kgo:attributedTo <{actor}>")
    assert expected
    compact = table(server, "?actor=kgr:kataib-hezbollah")
    full = table(server, "?" + urllib.parse.urlencode({"actor": actor}))
    assert {row["event"] for row in compact} == {row["event"] for row in full} == expected
    for row in compact:
        assert "Kata'ib Hezbollah" in row["perpetrator"] + row["claimed_by"] + row["attributed_to"]


def test_claim_country_and_base_filters(server: Running) -> None:
    rows = table(server, "?country=kgr:iraq&claim=attributed&claim=unknown")
    expected = sparql_events(
        server,
        "?e kgo:claimKind ?k VALUES ?k { kgv:attributed kgv:unknown } "
        "?e (kgo:targetPlace|kgo:location)/kgo:locatedIn* kgr:iraq",
    )
    assert {row["event"] for row in rows} == expected
    assert expected
    assert all("Iraq" in row["country"] for row in rows)
    tower = table(server, "?base=kgr:tower-22")
    assert tower
    assert {row["event"] for row in tower} == sparql_events(
        server, "?e kgo:targetPlace|kgo:location kgr:tower-22"
    )
    assert all(row["base"] == "Tower 22" for row in tower)


def test_json_pages_and_sort(server: Running) -> None:
    status, kind, text = get(server, "/events.json?sort=-date&limit=5")
    assert status == 200 and kind.startswith("application/json")
    first = json.loads(text)
    assert first["sort"] == "-date" and first["columns"] == ["event", "label", *COLUMNS[1:]]
    assert set(first["rows"][0]) == set(first["columns"])
    assert len(first["rows"]) == 5 and first["count"] > 5
    dates = [row["date"] for row in first["rows"]]
    assert dates == sorted(dates, reverse=True)
    seen: list[dict[str, Any]] = list(first["rows"])
    following = first["next"]
    while following:
        page = json.loads(get(server, following)[2])
        seen += page["rows"]
        following = page["next"]
    assert len(seen) == first["count"] == len({row["event"] for row in seen})
    assert {row["event"] for row in seen} == {row["event"] for row in table(server, "")}
    row = next(row for row in seen if row["claimed_by"])
    assert set(row["claimed_by"][0]) == {"iri", "label"}
    by_type = [row["type"] for row in table(server, "?sort=type")]
    assert by_type == sorted(by_type)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('type=DroneAttack" } ?s ?p ?o {', 'type=DroneAttack" } ?s ?p ?o { is not one of'),
        ("month=2024-13", "is not a month written YYYY-MM"),
        ('month=2024-01"', "is not a month written YYYY-MM"),
        ("claim=said", "claim=said is not one of"),
        ("actor=http://example.org/a> } DELETE WHERE { ?s ?p ?o", "is not an IRI nor prefix:name"),
        ('country=http://example.org/"x', "is not an IRI nor prefix:name"),
        ("base=nope:x", "is not an IRI nor prefix:name"),
        ("sort=?event", "is not one of date, type, claim, event"),
        ("limit=-1", "is not a whole number"),
    ],
)
def test_values_that_are_not_allowed_are_400(server: Running, query: str, message: str) -> None:
    name, value = query.split("=", 1)
    for path in ("/events", "/events.csv", "/events.json"):
        status, _, text = get(server, f"{path}?{urllib.parse.urlencode({name: value})}")
        assert status == 400, (path, text)
        assert message in text


def test_html_page_facets_sort_and_downloads(server: Running) -> None:
    status, kind, text = get(server, "/events?type=DroneAttack")
    assert status == 200 and kind.startswith("text/html")
    for facet in ("type", "month", "actor", "claim", "country", "base"):
        assert f'<section class="facet" data-facet="{facet}">' in text, facet
    assert 'href="/events.csv?type=DroneAttack"' in text
    assert 'href="/events.json?type=DroneAttack"' in text
    # the type facet counts under the other filters only, so a second type can be added
    assert 'href="/events?type=DroneAttack&amp;type=Airstrike"' in text
    assert 'class="chosen"' in text
    assert 'href="/events?type=DroneAttack&amp;sort=-date"' in text
    drones = len(table(server, "?type=DroneAttack"))
    assert f'<span id="event-count">{drones} events</span>' in text


def test_an_event_typed_with_its_superclass_too_is_one_row_of_its_own_type(tmp_path: Path) -> None:
    """Stores that materialise superclasses (every kgo:DroneAttack also a kgo:Attack) keep one row
    per event, typed by its most specific class."""
    from pyoxigraph import Store

    from kg.server.eventquery import Filters, events_query, parse
    from kg.sparql import run_query

    store = Store(str(tmp_path / "store"))
    store.update(
        PREFIXES + "INSERT DATA { GRAPH <urn:g> {"
        " <urn:e1> a kgo:DroneAttack, kgo:Attack ; kgo:claimKind kgv:claimed ; kgo:date '2024-01-05'^^<http://www.w3.org/2001/XMLSchema#date> ."
        " <urn:e2> a kgo:Attack ; kgo:date '2024-02'^^<http://www.w3.org/2001/XMLSchema#gYearMonth> . } }"
    )
    solutions = run_query(store, events_query(Filters(), limit=None, offset=0))
    rows = [tuple(str(r[name].value) for name in ("event", "type", "claim", "date")) for r in solutions]
    assert rows == [
        ("urn:e1", "DroneAttack", "claimed", "2024-01-05"),
        ("urn:e2", "Attack", "unknown", "2024-02"),
    ]
    only = run_query(store, events_query(parse([("type", "Attack")]), limit=None, offset=0))
    assert [str(r["event"].value) for r in only] == ["urn:e2"]
    month = run_query(store, events_query(parse([("month", "2024-02")]), limit=None, offset=0))
    assert [str(r["event"].value) for r in month] == ["urn:e2"]
