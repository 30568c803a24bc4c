"""kg link: candidate links to a loaded graph, the review file, and queries over the union."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from merge_corpus import WIKIDATA_SAMPLE, build_store
from pyoxigraph import NamedNode, QuerySolutions, Store

from kg.link import (
    OWL_SAME_AS,
    SKOS_EXACT,
    Entity,
    LinkError,
    Proposal,
    apply_links,
    links_graph_iri,
    propose,
    read_review,
    score_pair,
    write_review,
)
from kg.loader import load_files
from kg.namespaces import DEFAULT_BASE, REFERENCE

WDS = "https://example.org/wikidata-sample/entity/"
WD = "http://www.wikidata.org/entity/"
LOADED = f"{DEFAULT_BASE}graph/_loaded/wikidata_sample"
LINKS = f"{DEFAULT_BASE}graph/_links/wikidata_sample"


@pytest.fixture
def store() -> Store:
    oxi = build_store(Store())
    load_files(oxi, [WIKIDATA_SAMPLE])
    return oxi


def _pairs(proposals: list[Proposal], decision: str) -> set[tuple[str, str]]:
    return {
        (p.kg.iri.removeprefix(str(REFERENCE)), p.other.iri.removeprefix(WDS))
        for p in proposals
        if p.decision == decision
    }


def test_proposals_accept_the_clear_matches_and_leave_the_rest_for_review(store: Store) -> None:
    report = propose(store)
    assert _pairs(report.proposals, "accept") == {
        ("erbil", "Q1001"),
        ("ain-al-asad-air-base", "Q1002"),
        ("tower-22", "Q1003"),
        ("kataib-hezbollah", "Q1005"),
        ("islamic-resistance-in-iraq", "Q1006"),
    }
    review = _pairs(report.proposals, "review")
    assert ("hezbollah", "Q1005") in review  # Lebanese Hezbollah is not Kata'ib Hezbollah
    assert ("erbil-international-airport", "Q1001") in review  # an airport is not its city
    # Iraq, Baghdad, Anbar, Erbil Governorate and the PMF already carry owl:sameAs wd:Q... in the
    # reference data, and nothing else is proposed for them or for their Wikidata items.
    assert report.already_linked == 5
    others = {p.other.iri for p in report.proposals} | {p.kg.iri for p in report.proposals}
    assert not others & {f"{WD}Q796", f"{WD}Q1530", f"{WD}Q187334", f"{WD}Q213189", f"{WD}Q19610107"}
    assert all(p.score >= 0.65 for p in report.proposals)


def test_relation_is_same_as_only_when_the_classes_agree(store: Store) -> None:
    by_pair = {(p.kg.iri, p.other.iri): p for p in propose(store).proposals}
    assert by_pair[(f"{REFERENCE}erbil", f"{WDS}Q1001")].relation == "owl:sameAs"
    assert by_pair[(f"{REFERENCE}erbil-international-airport", f"{WDS}Q1001")].relation == "skos:exactMatch"
    assert {p.relation for p in propose(store, relation="skos:exactMatch").proposals} == {"skos:exactMatch"}


def test_coordinates_keep_a_namesake_far_away_out(store: Store) -> None:
    base = Entity(
        f"{REFERENCE}b",
        ("Ain al-Asad Air Base",),
        ("Al Asad",),
        frozenset({"MilitaryBase"}),
        (42.4411, 33.7856),
    )
    decoy = Entity(f"{WDS}Q1004", ("Al Asad",), (), frozenset({"City"}), (36.90, 35.90))
    near = Entity(f"{WDS}Q9", ("Al Asad",), (), frozenset({"MilitaryBase"}), (42.45, 33.79))
    decoy_score = score_pair(base, decoy)
    near_score = score_pair(base, near)
    assert decoy_score is not None and near_score is not None
    assert decoy_score[3] is not None and decoy_score[3] > 500
    assert decoy_score[0] < 0.65 <= 0.85 <= near_score[0]
    assert (f"{REFERENCE}ain-al-asad-air-base", f"{WDS}Q1004") not in {
        (p.kg.iri, p.other.iri) for p in propose(store).proposals
    }


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Person", "City", None),
        ("ArmedGroup", "City", None),
        ("City", "City", 1.0),
        ("City", "Province", 0.25),
        ("ArmedGroup", "Organization", 0.5),
        ("State", "Country", 0.25),
    ],
)
def test_type_compatibility(a: str, b: str, expected: float | None) -> None:
    left = Entity("http://e/a", ("Same",), classes=frozenset({a}))
    right = Entity("http://e/b", ("Same",), classes=frozenset({b}))
    scored = score_pair(left, right)
    assert (scored[2] if scored else None) == expected


def test_unknown_graph_is_an_error(store: Store) -> None:
    with pytest.raises(
        LinkError, match=r"<https://example.org/nope>: no such graph in the store; loaded graphs: <"
    ):
        propose(store, ["https://example.org/nope"])
    with pytest.raises(LinkError, match="load a graph first"):
        propose(build_store(Store()))


def _review(store: Store) -> list[dict[str, str]]:
    out = io.StringIO()
    write_review(propose(store).proposals, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_an_edited_review_file_is_applied_exactly(store: Store, tmp_path: Path) -> None:
    rows = _review(store)
    for row in rows:
        if row["kg_entity"].endswith("/kataib-hezbollah"):
            row["decision"] = "reject"
        if row["kg_entity"].endswith("/erbil"):
            row["relation"] = "skos:exactMatch"
    review = tmp_path / "links.csv"
    _write_rows(review, rows)
    [applied] = apply_links(store, read_review(review), source=review)
    assert applied.links_graph == LINKS
    links = {
        (q.subject.value.removeprefix(str(REFERENCE)), q.predicate.value, q.object.value.removeprefix(WDS))
        for q in store.quads_for_pattern(None, None, None, NamedNode(LINKS))
    }
    assert links == {
        ("erbil", SKOS_EXACT, "Q1001"),
        ("ain-al-asad-air-base", OWL_SAME_AS, "Q1002"),
        ("tower-22", OWL_SAME_AS, "Q1003"),
        ("islamic-resistance-in-iraq", OWL_SAME_AS, "Q1006"),
    }
    # Proposing again lists the applied links as accepted, so applying the new file keeps them.
    again = propose(store)
    kept = {
        (p.kg.iri, p.other.iri)
        for p in again.proposals
        if p.decision == "accept" and "linked before" in p.evidence
    }
    assert len(kept) == 4
    apply_links(store, again.proposals)
    assert len(list(store.quads_for_pattern(None, None, None, NamedNode(LINKS)))) == 5


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("decision", "maybe", r"links\.csv:3: decision 'maybe' must be one of accept, review, reject"),
        ("relation", "owl:equivalentClass", r"links\.csv:3: relation 'owl:equivalentClass' must be one of"),
        ("other_entity", "not an iri", r"links\.csv:3: 'not an iri' is not an IRI"),
    ],
)
def test_a_bad_row_names_its_line(
    store: Store, tmp_path: Path, column: str, value: str, message: str
) -> None:
    rows = _review(store)
    rows[1][column] = value
    review = tmp_path / "links.csv"
    _write_rows(review, rows)
    with pytest.raises(LinkError, match=message):
        read_review(review)


def test_a_csv_without_the_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(LinkError, match="missing column"):
        read_review(path)


def test_links_graph_names() -> None:
    assert links_graph_iri(LOADED) == LINKS
    assert links_graph_iri("https://example.org/graph/geonames").startswith(
        f"{DEFAULT_BASE}graph/_links/geonames-"
    )


JOIN = """
PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?event ?place ?item ?admin WHERE {
  ?event kgo:claimKind ?kind ; kgo:targetPlace|kgo:location ?p .
  ?p skos:prefLabel ?place ; owl:sameAs|skos:exactMatch ?item .
  ?item wdt:P131 ?a . ?a rdfs:label ?admin . FILTER(LANG(?admin) = "en")
}
"""
CLAIMS = """
PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?event ?claimant ?country WHERE {
  ?event kgo:claimedBy|kgo:attributedTo ?c . ?c skos:prefLabel ?claimant ; owl:sameAs|skos:exactMatch ?item .
  ?item wdt:P17 ?k . ?k rdfs:label ?country . FILTER(LANG(?country) = "en")
}
"""


def _rows(store: Store, query: str) -> set[tuple[str, ...]]:
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    names = [v.value for v in result.variables]
    return {tuple(row[n].value.removeprefix(f"{DEFAULT_BASE}event/") for n in names) for row in result}


def test_a_query_over_the_union_joins_kg_events_with_the_loaded_facts(store: Store) -> None:
    assert _rows(store, JOIN) == set()  # before linking, kg's events and the loaded facts do not meet
    apply_links(store, propose(store).proposals)
    rows = _rows(store, JOIN)
    assert {(place, item, admin) for _, place, item, admin in rows} == {
        ("Ain al-Asad Air Base", f"{WDS}Q1002", "Al Anbar Governorate"),
        ("Erbil", f"{WDS}Q1001", "Erbil Governorate"),
    }
    assert {event.split("-")[0] for event, *_ in rows} == {"asad", "erbil"}
    assert {(claimant, country) for _, claimant, country in _rows(store, CLAIMS)} == {
        ("Islamic Resistance in Iraq", "Iraq"),
        ("Kata'ib Hezbollah", "Iraq"),
    }


def test_a_second_wikidata_item_for_a_linked_entity_is_flagged_and_left_for_review(tmp_path: Path) -> None:
    oxi = build_store(Store())
    other = tmp_path / "duplicate.ttl"
    other.write_text(
        "@prefix wd: <http://www.wikidata.org/entity/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '@prefix wdt: <http://www.wikidata.org/prop/direct/> .\nwd:Q99999999 rdfs:label "Iraq"@en ;\n'
        "    wdt:P31 wd:Q6256 .\n",
        encoding="utf-8",
    )
    load_files(oxi, [other])
    proposals = [p for p in propose(oxi).proposals if p.other.iri == WD + "Q99999999"]
    assert [(p.kg.iri.removeprefix(str(REFERENCE)), p.decision) for p in proposals] == [("iraq", "review")]
    assert proposals[0].evidence.startswith("already linked to Wikidata Q796: a second item? ")
