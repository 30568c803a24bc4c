"""The map, timeline, actor network, entity pages and report in headless Chromium, on the sample corpus.

The sample corpus (examples/articles) is built with the real ``kg build`` and served by a real
``kg serve``. What each view should show is worked out here in Python straight from the store's
triples (not with the view queries), so the test checks the queries and the drawing together.
Screenshots and the saved SVG / PNG files go to ``test-artifacts/views/`` for a person to look at.
"""

from __future__ import annotations

import re
import struct
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_support import MARKS, start_chrome
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Store
from server_support import Running, serve

from kg.cli import cli

pytestmark = MARKS
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "views"
KGO = "https://w3id.org/conflict-kg/ontology#"
KGR = "https://w3id.org/conflict-kg/id/"
ATTACK_TYPES = ["Attack", "DroneAttack", "RocketAttack", "MortarAttack", "MissileAttack", "Airstrike"]
ACTOR_TYPES = ["Actor", "Organization", "ArmedGroup", "State", "MilitaryBody", "GovernmentBody", "Person"]
LINKS = ["backedBy", "partOf", "memberOf", "affiliatedWith", "commanderOf", "leaderOf"]
BLAMED = ["perpetrator", "claimedBy", "attributedTo"]
KATAIB_HEZBOLLAH = KGR + "kataib-hezbollah"


# ---------------------------------------------------------------- what the views should show


def n(local: str, namespace: str = KGO) -> NamedNode:
    return NamedNode(namespace + local)


def objects(store: Store, subject: NamedNode, predicate: NamedNode) -> list[NamedNode | Literal]:
    return [q.object for q in store.quads_for_pattern(subject, predicate, None)]  # type: ignore[misc]


@dataclass
class Attack:
    events: list[NamedNode] = field(default_factory=list)
    days: list[str] = field(default_factory=list)
    earliest: list[str] = field(default_factory=list)
    latest: list[str] = field(default_factory=list)
    places: list[tuple[int, str]] = field(default_factory=list)  # (0: a place's own coordinates, IRI)

    @property
    def start(self) -> str | None:
        return min(self.days) if self.days else max(self.earliest, default=None)

    @property
    def end(self) -> str | None:
        return min(self.days) if self.days else min(self.latest, default=None)

    @property
    def place(self) -> str | None:
        return min(self.places)[1] if self.places else None


class Expected:
    """The attacks, places, actors and links of a store, read from its triples with plain Python."""

    def __init__(self, store: Store) -> None:
        self.store = store
        geometry = NamedNode("http://www.opengis.net/ont/geosparql#hasGeometry")
        self.has_coordinates = {q.subject.value for q in store.quads_for_pattern(None, geometry, None)}
        self.attacks: dict[str, Attack] = defaultdict(Attack)
        incident_of = {
            q.object.value: q.subject.value for q in store.quads_for_pattern(None, n("report"), None)
        }
        rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        for kind in ATTACK_TYPES:
            for quad in store.quads_for_pattern(None, rdf_type, n(kind)):
                event = quad.subject
                assert isinstance(event, NamedNode)
                if not objects(store, event, n("claimKind")):
                    continue
                attack = self.attacks[incident_of.get(event.value, event.value)]
                if event in attack.events:
                    continue
                attack.events.append(event)
                for date in objects(store, event, n("date")):
                    if re.fullmatch(r"\d{4}-\d\d-\d\d", date.value):
                        attack.days.append(date.value)
                attack.earliest += [d.value for d in objects(store, event, n("earliestDate"))]
                attack.latest += [d.value for d in objects(store, event, n("latestDate"))]
                own, up = [], []
                for role in ("targetPlace", "location"):
                    for place in objects(store, event, n(role)):
                        found = self.nearest_with_coordinates(place.value)
                        if found == place.value:
                            own.append((0, found))
                        elif found:
                            up.append((1, found))
                # the target's own coordinates, else the location's, else the nearest enclosing place's
                if own or up:
                    attack.places.append((own or up)[0])
        self.rdf_type = rdf_type

    def nearest_with_coordinates(self, place: str) -> str | None:
        seen = set()
        frontier = [place]
        while frontier:
            for candidate in frontier:
                if candidate in self.has_coordinates:
                    return candidate
            seen.update(frontier)
            frontier = [
                o.value
                for p in frontier
                for o in objects(self.store, NamedNode(p), n("locatedIn"))
                if o.value not in seen
            ]
        return None

    def points(self, start: str | None = None) -> dict[str, int]:
        """Attacks per place with coordinates, of the attacks whose dates reach START or later."""
        counts: dict[str, int] = defaultdict(int)
        for attack in self.attacks.values():
            if start and not (attack.end and attack.end >= start):
                continue
            if attack.place:
                counts[attack.place] += 1
        return dict(counts)

    def is_actor(self, node: NamedNode | Literal) -> bool:
        return isinstance(node, NamedNode) and any(
            t.value in {KGO + a for a in ACTOR_TYPES} for t in objects(self.store, node, self.rdf_type)
        )

    def network(self) -> tuple[set[str], set[tuple[str, str, str]]]:
        edges = set()
        for link in LINKS:
            for quad in self.store.quads_for_pattern(None, n(link), None):
                if self.is_actor(quad.subject) and self.is_actor(quad.object):  # type: ignore[arg-type]
                    edges.add((quad.subject.value, link, quad.object.value))
        nodes = {s for s, _, _ in edges} | {o for _, _, o in edges}
        for attack in self.attacks.values():
            for event in attack.events:
                for role in BLAMED:
                    nodes.update(a.value for a in objects(self.store, event, n(role)))
        return nodes, edges

    def sentences(self, subject: NamedNode) -> set[str]:
        return {
            t.value
            for mention in objects(self.store, subject, n("mention"))
            for t in objects(self.store, mention, n("text"))  # type: ignore[arg-type]
        }

    def evidence_of_actor(self, actor: str) -> set[str]:
        """The sentences behind the events ACTOR is in and the links it has, read from articles."""
        found = set()
        for role in [*BLAMED, "targetActor"]:
            for quad in self.store.quads_for_pattern(None, n(role), NamedNode(actor)):
                found |= self.sentences(quad.subject)  # type: ignore[arg-type]
        rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        for end in ("subject", "object"):
            for quad in self.store.quads_for_pattern(None, NamedNode(rdf + end), NamedNode(actor)):
                found |= self.sentences(quad.subject)  # type: ignore[arg-type]
        return found


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("views-sample") / "store"
    result = CliRunner().invoke(
        cli,
        ["build", "-q", "--store", str(path), str(ROOT / "examples" / "articles")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def expected(sample_store: Path) -> Iterator[Expected]:
    store = Store.read_only(str(sample_store))
    yield Expected(store)
    del store


@pytest.fixture(scope="module")
def server(sample_store: Path, expected: Expected) -> Iterator[Running]:
    with serve(sample_store, "--workers", "2") as running:
        yield running


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[webdriver.Chrome]:
    driver = start_chrome(webdriver, window="1400,1000", downloads=downloads)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def open_view(browser: webdriver.Chrome, url: str, view: str) -> None:
    """Load URL and wait until VIEW is drawn (or fail with what the page says went wrong)."""
    browser.get(url)
    wait_drawn(browser, view)


def wait_drawn(browser: webdriver.Chrome, view: str) -> None:
    selector = f'div[data-view="{view}"]'
    WebDriverWait(browser, 30).until(
        lambda b: b.find_element(By.CSS_SELECTOR, selector).get_attribute("data-ready") in ("true", "error")
    )
    status = browser.find_element(By.CSS_SELECTOR, f'[data-status="{view}"]').text
    assert browser.find_element(By.CSS_SELECTOR, selector).get_attribute("data-ready") == "true", status
    errors = [
        e["message"]
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]
    ]
    assert errors == []


def screenshot(browser: webdriver.Chrome, name: str) -> None:
    """The whole page, as a person would scroll through it."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1400, max(800, min(int(height) + 40, 4000)))
    browser.save_screenshot(str(ARTIFACTS / name))
    browser.set_window_size(1400, 1000)


def points_on_map(browser: webdriver.Chrome) -> dict[str, int]:
    return {
        g.get_attribute("data-place") or "": int(g.get_attribute("data-count") or 0)
        for g in browser.find_elements(By.CSS_SELECTOR, 'div[data-view="map"] g.point')
    }


def set_field(browser: webdriver.Chrome, view: str, name: str, value: str) -> None:
    browser.execute_script(
        "const f = document.querySelector(`[data-controls='${arguments[0]}'] [name='${arguments[1]}']`);"
        "f.value = arguments[2]; f.dispatchEvent(new Event('change', {bubbles: true}));",
        view,
        name,
        value,
    )


# ---------------------------------------------------------------- the map


def test_map_shows_one_point_per_place_sized_by_attacks(
    server: Running, browser: webdriver.Chrome, expected: Expected
) -> None:
    open_view(browser, server.url + "/map", "map")
    shown = points_on_map(browser)
    assert shown == expected.points()
    assert len(shown) >= 5  # the sample corpus spans Iraq, Syria and Jordan
    assert KGR + "ain-al-asad-air-base" in shown
    radii = {
        g.get_attribute("data-place"): float(g.find_element(By.TAG_NAME, "circle").get_attribute("r") or 0)
        for g in browser.find_elements(By.CSS_SELECTOR, 'div[data-view="map"] g.point')
    }
    one, most = min(shown, key=lambda p: shown[p]), max(shown, key=lambda p: shown[p])
    assert shown[most] > shown[one] and radii[most] > radii[one]
    screenshot(browser, "map.png")


def test_a_date_filter_changes_the_points(
    server: Running, browser: webdriver.Chrome, expected: Expected
) -> None:
    open_view(browser, server.url + "/map", "map")
    everything = points_on_map(browser)
    set_field(browser, "map", "from", "2024-01-01")
    filtered = points_on_map(browser)
    assert filtered == expected.points(start="2024-01-01")
    assert filtered != everything
    assert sum(filtered.values()) < sum(everything.values())
    screenshot(browser, "map-from-2024-01-01.png")


def test_an_actor_filter_keeps_its_attacks(server: Running, browser: webdriver.Chrome) -> None:
    open_view(browser, server.url + "/map?actor=" + KATAIB_HEZBOLLAH, "map")
    shown = points_on_map(browser)
    assert shown, "Kata'ib Hezbollah is named in attacks of the sample corpus"
    assert browser.find_element(By.CSS_SELECTOR, "[data-controls='map'] [name='actor']").get_attribute(
        "value"
    ) == (KATAIB_HEZBOLLAH)
    set_field(browser, "map", "colour", "perpetrator")
    legend = browser.find_element(By.CSS_SELECTOR, 'div[data-view="map"] g.legend').text
    assert "Perpetrator" in legend
    screenshot(browser, "map-kataib-hezbollah-by-perpetrator.png")


def test_a_point_opens_its_attacks_with_their_sentences(
    server: Running, browser: webdriver.Chrome, expected: Expected
) -> None:
    open_view(browser, server.url + "/map", "map")
    point = browser.find_element(By.CSS_SELECTOR, 'div[data-view="map"] g.point')  # the largest
    place = point.get_attribute("data-place")
    point.click()
    panel = browser.find_element(By.CSS_SELECTOR, '[data-details="map"]')
    WebDriverWait(browser, 10).until(lambda b: panel.is_displayed())
    quoted = {q.text for q in panel.find_elements(By.CSS_SELECTOR, "blockquote.evidence")}
    attacks = [a for a in expected.attacks.values() if a.place == place]
    assert len(panel.find_elements(By.CSS_SELECTOR, "li.attack")) == len(attacks)
    assert quoted == {s for a in attacks for e in a.events for s in expected.sentences(e)}
    assert quoted
    screenshot(browser, "map-point-details.png")


def test_saved_svg_and_png_are_the_drawing(
    server: Running, browser: webdriver.Chrome, downloads: Path, expected: Expected
) -> None:
    open_view(browser, server.url + "/map", "map")
    browser.find_element(By.CSS_SELECTOR, 'button[data-save="svg"][data-save-view="map"]').click()
    browser.find_element(By.CSS_SELECTOR, 'button[data-save="png"][data-save-view="map"]').click()
    svg_file, png_file = downloads / "kg-map.svg", downloads / "kg-map.png"
    deadline = time.monotonic() + 20
    while not (svg_file.exists() and png_file.exists()) and time.monotonic() < deadline:
        time.sleep(0.2)
    root = ET.parse(svg_file).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    points = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "point"]
    assert len(points) == len(expected.points())
    data = png_file.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (2 * int(root.get("width") or 0), 2 * int(root.get("height") or 0))
    (ARTIFACTS / "kg-map.svg").write_bytes(svg_file.read_bytes())
    (ARTIFACTS / "kg-map.png").write_bytes(data)


# ---------------------------------------------------------------- the timeline


def test_timeline_counts_each_dated_attack_once(
    server: Running, browser: webdriver.Chrome, expected: Expected
) -> None:
    open_view(browser, server.url + "/timeline", "timeline")
    day_precise = [a for a in expected.attacks.values() if a.days]
    for unit, stack in (("week", "type"), ("day", "perpetrator")):
        set_field(browser, "timeline", "unit", unit)
        set_field(browser, "timeline", "stack", stack)
        segments = browser.find_elements(By.CSS_SELECTOR, 'div[data-view="timeline"] rect.segment')
        assert sum(int(s.get_attribute("data-count") or 0) for s in segments) == len(day_precise)
        bins = {s.get_attribute("data-bin") for s in segments}
        if unit == "day":
            assert bins == {min(a.days) for a in day_precise}
        claims = {s.get_attribute("data-claim"): s.get_attribute("fill") or "" for s in segments}
        # claimed and acknowledged bars are solid, unattributed ones patterned: they can be told apart
        assert {"claimed", "confirmed", "unknown"} <= set(claims)
        assert claims["claimed"].startswith("#") and claims["unknown"].startswith("url(#")
        screenshot(browser, f"timeline-{unit}-by-{stack}.png")


# ---------------------------------------------------------------- the actor network


def test_network_has_the_actors_and_links(
    server: Running, browser: webdriver.Chrome, expected: Expected
) -> None:
    open_view(browser, server.url + "/network", "network")
    nodes = {g.get_attribute("data-iri") for g in browser.find_elements(By.CSS_SELECTOR, "g.node")}
    edges = {
        (e.get_attribute("data-source"), e.get_attribute("data-relation"), e.get_attribute("data-target"))
        for e in browser.find_elements(By.CSS_SELECTOR, "line.edge")
    }
    want_nodes, want_edges = expected.network()
    assert nodes == want_nodes
    assert edges == want_edges
    assert (KGR + "quds-force", "partOf", KGR + "irgc") in edges
    assert (KATAIB_HEZBOLLAH, "memberOf", KGR + "islamic-resistance-in-iraq") in edges
    attacks = {
        g.get_attribute("data-iri"): int(g.get_attribute("data-attacks") or 0)
        for g in browser.find_elements(By.CSS_SELECTOR, "g.node")
    }
    assert attacks[KATAIB_HEZBOLLAH] >= 1
    screenshot(browser, "network.png")
    browser.find_element(By.CSS_SELECTOR, f'g.node[data-iri="{KATAIB_HEZBOLLAH}"]').click()
    WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/id/kataib-hezbollah"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kata'ib Hezbollah"


# ---------------------------------------------------------------- entity pages


def test_actor_page_lists_its_evidence(
    server: Running, browser: webdriver.Chrome, expected: Expected
) -> None:
    browser.get(server.url + "/id/kataib-hezbollah")
    main = browser.find_element(By.TAG_NAME, "main").text
    evidence = expected.evidence_of_actor(KATAIB_HEZBOLLAH)
    assert evidence
    missing = [s for s in evidence if " ".join(s.split()) not in main]
    assert missing == []
    assert "Facts and where they come from" in main
    assert "Events it is in" in main
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".entity-events a")]
    assert any("/data/article/" in (href or "") for href in links)
    screenshot(browser, "entity-kataib-hezbollah.png")


def test_place_page_links_wikidata_and_lists_attacks(server: Running, browser: webdriver.Chrome) -> None:
    browser.get(server.url + "/id/anbar")
    wikidata = browser.find_element(By.CSS_SELECTOR, "a.wikidata")
    assert wikidata.get_attribute("href") == "https://www.wikidata.org/wiki/Q187334"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.entity-events tr")
    assert len(rows) >= 2  # the header and attacks at places in Anbar (Ain al-Asad, Al-Qaim)
    screenshot(browser, "entity-anbar.png")


def test_event_page_lists_its_sentences_and_other_accounts(
    server: Running, browser: webdriver.Chrome, expected: Expected
) -> None:
    reported_twice = [a for a in expected.attacks.values() if len(a.events) > 1]
    assert reported_twice, "the sample corpus reports an attack in two articles"
    event, other = reported_twice[0].events[:2]
    browser.get(server.url + "/data/" + event.value.removeprefix("https://w3id.org/conflict-kg/data/"))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert all(" ".join(s.split()) in main for s in expected.sentences(event) | expected.sentences(other))
    rows = browser.find_elements(By.CSS_SELECTOR, "table.entity-events tr")
    assert any("same incident" in row.text for row in rows)
    screenshot(browser, "entity-event.png")


# ---------------------------------------------------------------- the report


SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


@pytest.mark.parametrize(
    "corpus",
    [
        ROOT / "examples" / "articles",
        pytest.param(
            SEEDS, marks=pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/corpus/seeds")
        ),
    ],
    ids=["sample", "seeds"],
)
def test_report_shows_the_same_views_offline(browser: webdriver.Chrome, tmp_path: Path, corpus: Path) -> None:
    store = tmp_path / "store"
    built = CliRunner().invoke(
        cli, ["build", "-q", "--store", str(store), str(corpus)], catch_exceptions=False
    )
    assert built.exit_code == 0, built.output
    output = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "--store", str(store), "-o", str(output)])
    assert result.exit_code == 0, result.output
    oxi = Store.read_only(str(store))
    expected = Expected(oxi)
    browser.get(output.as_uri())
    for view in ("map", "timeline", "network"):
        wait_drawn(browser, view)
    assert points_on_map(browser) == expected.points()
    nodes = {g.get_attribute("data-iri") for g in browser.find_elements(By.CSS_SELECTOR, "g.node")}
    assert nodes == expected.network()[0]
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded == []
    # no entity pages in a report: an actor's links and attacks open beside the network
    busiest = max(
        browser.find_elements(By.CSS_SELECTOR, "g.node"),
        key=lambda g: int(g.get_attribute("data-attacks") or 0),
    )
    busiest.click()
    panel = browser.find_element(By.CSS_SELECTOR, '[data-details="network"]')
    WebDriverWait(browser, 10).until(lambda b: panel.is_displayed() and " naming " in panel.text)
    assert panel.find_elements(By.CSS_SELECTOR, "blockquote.evidence")
    name = "sample" if corpus.name == "articles" else corpus.name
    (ARTIFACTS / f"report-{name}.html").write_bytes(output.read_bytes())
    screenshot(browser, f"report-{name}.png")
    del oxi
