"""The view queries (queries/views-*.rq), the view pages and the entity evidence, on a hand-made graph.

``tests/data/views/graph.trig`` says in its header what each event is, so the expected answers below
can be checked by reading it. The browser tests (test_browser_views.py) run the same views on the
sample corpus.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse
from starlette.testclient import TestClient

from kg import resources
from kg.errors import QueryError
from kg.server import ServerConfig, create_app
from kg.views import entity, make_outlines
from kg.views.queries import (
    ENTITY_EVENTS,
    ENTITY_FACTS,
    VIEW_QUERIES,
    bind_entity,
    query_text,
    results_json,
    rows,
    view_results,
)
from kg.views.routes import STATIC

DATA = Path(__file__).parent / "data" / "views"
D = "https://w3id.org/conflict-kg/data/"
R = "https://w3id.org/conflict-kg/id/"
VIEW_NAMES = sorted(p.stem for p in resources.queries_dir().glob("views-*.rq"))


def load_fixture(path: Path) -> Path:
    """A store at PATH: the fixture graph, and the ontology in its own graph (for rdfs:subClassOf)."""
    store = Store(str(path))
    store.load(path=str(DATA / "graph.trig"), format=RdfFormat.TRIG)
    ontology = NamedNode(D + "graph/_ontology")
    for file in resources.ontology_files():
        store.extend(Quad(t.subject, t.predicate, t.object, ontology) for t in parse(path=str(file)))
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_fixture(tmp_path_factory.mktemp("views") / "store")


@pytest.fixture(scope="module")
def store(store_path: Path) -> Store:
    return Store.read_only(str(store_path))


@pytest.fixture(scope="module")
def results(store: Store) -> dict[str, list[dict[str, str]]]:
    return {name: rows(json_results) for name, json_results in view_results(store).items()}


def entity_rows(store: Store, name: str, iri: str) -> list[dict[str, str]]:
    return rows(results_json(store, bind_entity(query_text(name), iri)))


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_view_query_says_what_it_answers(name: str) -> None:
    text = query_text(name)
    assert text.startswith("# "), f"{name}.rq must open with a comment saying what it answers"


def test_every_view_query_is_used_by_a_view() -> None:
    used = {n for group in VIEW_QUERIES.values() for n in group} | {ENTITY_FACTS, ENTITY_EVENTS}
    assert used == set(VIEW_NAMES)


def test_attacks_are_counted_once_at_the_nearest_place_with_coordinates(
    results: dict[str, list[dict[str, str]]],
) -> None:
    got = {
        r["attack"]: (r.get("place"), r.get("approximate"), r["type"], r["claimKind"], r["accounts"])
        for r in results["views-attacks"]
    }
    assert got == {
        # reported by two articles: one attack; claimed beats attributed
        D + "incident/i1": (R + "t-base-1", "false", "DroneAttack", "claimed", "2"),
        # the location's own coordinates beat those of a place enclosing the target
        D + "incident/i3": (R + "t-city", "false", "RocketAttack", "unknown", "1"),
        # no coordinates on the target or its province: the country's centroid, approximate
        D + "incident/i4": (R + "t-country", "true", "Attack", "attributed", "1"),
        # no incident: the account counts on its own; no place, so no point
        D + "event/a3-e5": (None, None, "Airstrike", "confirmed", "1"),
    }


def test_attack_dates_are_days_or_intervals(results: dict[str, list[dict[str, str]]]) -> None:
    dates = {
        r["attack"]: (r.get("day"), r.get("earliest"), r.get("latest")) for r in results["views-attacks"]
    }
    assert dates[D + "incident/i1"] == ("2024-01-10", "2024-01-10", "2024-01-10")
    assert dates[D + "incident/i4"] == (None, "2023-12-01", "2023-12-31")


def test_attack_actors_name_each_role(results: dict[str, list[dict[str, str]]]) -> None:
    got = {(r["attack"], r["actor"], r["role"]) for r in results["views-attack-actors"]}
    assert got == {
        (D + "incident/i1", R + "t-group-1", "claimedBy"),
        (D + "incident/i1", R + "t-group-2", "attributedTo"),
        (D + "incident/i4", R + "t-group-1", "attributedTo"),
        (D + "event/a3-e5", R + "t-striker", "perpetrator"),
        (D + "event/a3-e5", R + "t-group-1", "targetActor"),
    }


def test_attack_accounts_carry_their_sentences(results: dict[str, list[dict[str, str]]]) -> None:
    accounts = [r for r in results["views-attack-accounts"] if r["attack"] == D + "incident/i1"]
    assert {(r["event"], r["title"], r["sentence"]) for r in accounts} == {
        (D + "event/a1-e1", "Drones hit Base One", "Group One said its drones struck Base One on Wednesday."),
        (
            D + "event/a2-e2",
            "Officials blame Group Two",
            "Officials blamed Group Two for the drone attack on Base One.",
        ),
    }


def test_network_has_the_linked_and_attacking_actors(results: dict[str, list[dict[str, str]]]) -> None:
    nodes = {r["actor"]: (r["kinds"], r["attacks"]) for r in results["views-network-nodes"]}
    assert nodes == {
        R + "t-group-1": ("ArmedGroup", "2"),
        R + "t-group-2": ("ArmedGroup", "1"),
        R + "t-umbrella": ("ArmedGroup", "0"),
        R + "t-patron": ("State", "0"),
        R + "t-chief": ("Person", "0"),
        R + "t-striker": ("State", "1"),
    }
    edges = {
        (r["source"], r["relation"], r["target"], r["inReference"], r["articles"])
        for r in results["views-network-edges"]
    }
    assert edges == {
        (R + "t-group-1", "memberOf", R + "t-umbrella", "true", "0"),
        (R + "t-umbrella", "backedBy", R + "t-patron", "true", "0"),
        (R + "t-group-2", "partOf", R + "t-group-1", "false", "1"),
        (R + "t-chief", "commanderOf", R + "t-group-2", "false", "1"),
    }


def test_entity_facts_have_their_sources_and_sentences(store: Store) -> None:
    facts = entity_rows(store, ENTITY_FACTS, R + "t-group-2")
    by_fact = {(r["direction"], r["property"].rsplit("#", 1)[1]): r for r in facts}
    part_of = by_fact[("out", "partOf")]
    assert (part_of["title"], part_of["sentence"]) == (
        "Drones hit Base One",
        "Group Two, a wing of Group One, denied any role.",
    )
    commander = by_fact[("in", "commanderOf")]
    assert (commander["value"], commander["sentence"]) == (R + "t-chief", "The Chief commands Group Two.")
    label = by_fact[("out", "prefLabel")]
    assert label["graph"] == D + "graph/_reference"
    assert "sentence" not in label and "article" not in label


def test_entity_events_of_a_place_include_places_inside_it(store: Store) -> None:
    events = entity_rows(store, ENTITY_EVENTS, R + "t-province")
    got = {(r["event"], r["role"], r.get("via")) for r in events}
    assert got == {
        (D + "event/a1-e1", "target place", R + "t-base-1"),
        (D + "event/a2-e2", "target place", R + "t-base-1"),
        (D + "event/a2-e3", "target place", R + "t-base-2"),
        (D + "event/a2-e3", "location", R + "t-city"),
        (D + "event/a3-e4", "target place", R + "t-base-2"),
    }


def test_entity_events_of_an_event_are_the_other_accounts(store: Store) -> None:
    events = entity_rows(store, ENTITY_EVENTS, D + "event/a1-e1")
    assert {(r["event"], r["role"]) for r in events} == {(D + "event/a2-e2", "same incident")}


def test_bind_entity_needs_the_values_line() -> None:
    with pytest.raises(QueryError, match="VALUES"):
        bind_entity("SELECT * WHERE { ?s ?p ?o }", R + "x")
    with pytest.raises(ValueError):
        bind_entity(query_text(ENTITY_FACTS), "not an iri> { ?s ?p ?o")


def test_entity_render_lists_facts_by_source_events_and_wikidata(store: Store) -> None:
    full = results_json(store, bind_entity(query_text(ENTITY_FACTS), R + "t-group-1"))
    events = results_json(store, bind_entity(query_text(ENTITY_EVENTS), R + "t-group-1"))
    spaces = ((D, "/data/"), (R, "/id/"))
    page = entity.render(R + "t-group-1", full["results"]["bindings"], events["results"]["bindings"], spaces)
    assert 'href="https://www.wikidata.org/wiki/Q123"' in page
    assert (
        "Group Two, a wing of Group One, denied any role." in page
    )  # the incoming partOf, with its sentence
    assert "Base Two was attacked in December; Group One was blamed." in page  # an event it is blamed for
    assert 'href="/map?actor=https%3A%2F%2Fw3id.org%2Fconflict-kg%2Fid%2Ft-group-1"' in page
    assert "Events it is in (3)" in page  # e1 claimed, e4 attributed, e5 target


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServerConfig(store=store_path, workers=2))) as test_client:
        yield test_client


@pytest.mark.parametrize("view", ["map", "timeline", "network"])
def test_view_page_carries_its_queries_and_the_script(client: TestClient, view: str) -> None:
    response = client.get(f"/{view}")
    assert response.status_code == 200
    text = response.text
    start = text.index('<script id="kg-views-config" type="application/json">')
    config = json.loads(text[start:].split(">", 1)[1].split("</script>", 1)[0])
    assert config["queries"] == {name: query_text(name) for name in VIEW_QUERIES[view]}
    assert config["endpoint"] == "/sparql"
    assert '<script src="/views-static/views.js" defer></script>' in text
    assert f'<a href="/{view}" aria-current="page">' in text


def test_view_queries_answer_through_the_endpoint(client: TestClient) -> None:
    response = client.post(
        "/sparql",
        content=query_text("views-attacks"),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 4


def test_static_files_are_served(client: TestClient) -> None:
    assert client.get("/views-static/views.js").status_code == 200
    outlines = client.get("/views-static/outlines.geojson")
    assert outlines.status_code == 200
    assert outlines.json()["type"] == "FeatureCollection"


def test_entity_page_shows_the_evidence_sections(client: TestClient) -> None:
    response = client.get("/id/t-group-2", headers={"Accept": "text/html"})
    assert response.status_code == 200
    text = response.text
    assert "Facts and where they come from" in text
    assert "The Chief commands Group Two." in text
    assert "Officials blamed Group Two for the drone attack on Base One." in text
    assert '<link rel="stylesheet" href="/views-static/views.css">' in text


def test_outlines_cover_iraq_syria_jordan_and_their_provinces() -> None:
    outlines = json.loads((STATIC / "outlines.geojson").read_text(encoding="utf-8"))
    countries = {
        f["properties"]["name"] for f in outlines["features"] if f["properties"]["kind"] == "country"
    }
    assert {
        "Iraq",
        "Syria",
        "Jordan",
        "Iran",
        "Turkey",
        "Saudi Arabia",
        "Kuwait",
        "Lebanon",
        "Israel",
    } <= countries
    provinces: dict[str, int] = {}
    for feature in outlines["features"]:
        if feature["properties"]["kind"] == "province":
            country = feature["properties"]["country"]
            provinces[country] = provinces.get(country, 0) + 1
    assert provinces == {"Iraq": 18, "Syria": 15, "Jordan": 12}
    west, south, east, north = outlines["bbox"]
    for feature in outlines["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1] and len(ring) >= 4
                assert all(west <= x <= east and south <= y <= north for x, y in ring)
    assert (STATIC / "outlines.geojson").stat().st_size < 300_000
    assert "Natural Earth" in outlines["source"]


def test_topology_arcs_are_decoded_and_reversed() -> None:
    topology = {
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
        "objects": {
            "things": {"geometries": [{"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "a"}}]}
        },
    }
    (feature,) = make_outlines.topology_features(topology, "things")
    assert feature["geometry"]["coordinates"] == [[[(10, 20), (12, 20), (12, 22), (10, 22), (10, 20)]]]
    topology["objects"]["things"]["geometries"][0]["arcs"] = [[~1, ~0]]
    (reversed_feature,) = make_outlines.topology_features(topology, "things")
    assert reversed_feature["geometry"]["coordinates"][0][0][0] == (10, 20)
    assert reversed_feature["geometry"]["coordinates"][0][0][1] == (10, 22)
