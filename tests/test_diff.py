"""kg diff: stable event IRIs, exactly the changes between two builds, tombstones for removed events."""

from __future__ import annotations

import gzip
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from merge_corpus import build_store
from pyoxigraph import NamedNode, Store

from kg.diff import (
    DiffError,
    EventState,
    PropertyChange,
    RelationFact,
    diff_stores,
    find_replacements,
    open_side,
    read_events,
    to_json,
    tombstones_graph,
    write_text,
    write_tombstones,
)
from kg.namespaces import DEFAULT_BASE, KGO, REFERENCE
from kg.sparql import short
from kg.store import dump

ARTICLE = f"{DEFAULT_BASE}article/tower-22"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"


def _event_iris(store: Store) -> set[str]:
    return set(read_events(store))


def test_rebuilding_the_same_articles_keeps_every_event_iri_and_changes_nothing() -> None:
    old, new = build_store(Store()), build_store(Store(), when=datetime(2030, 1, 1, tzinfo=UTC))
    assert _event_iris(old) == _event_iris(new)
    assert len(_event_iris(old)) == 3
    assert diff_stores(old, new).empty


def test_an_edit_elsewhere_in_an_article_moves_offsets_but_keeps_its_events() -> None:
    old = build_store(Store())
    new = build_store(Store(), preface="Updated at 10:00 GMT with reactions.\n\n")
    assert _event_iris(old) == _event_iris(new)
    result = diff_stores(old, new)
    assert result.articles_changed == [ARTICLE]
    assert (result.events_added, result.events_removed, result.events_changed) == ([], [], [])
    assert (result.relations_added, result.relations_removed) == ([], [])


def test_one_edited_figure_is_exactly_the_change() -> None:
    result = diff_stores(build_store(Store()), build_store(Store(), edited=True))
    assert (result.articles_added, result.articles_removed, result.articles_changed) == ([], [], [ARTICLE])
    assert (result.events_added, result.events_removed) == ([], [])
    [change] = result.events_changed
    assert change.iri.startswith(f"{DEFAULT_BASE}event/tower-22-")
    assert change.changes == (
        PropertyChange(str(KGO.injured), (f'"34"^^<{XSD_INTEGER}>',), (f'"40"^^<{XSD_INTEGER}>',)),
    )
    [before] = change.evidence_removed
    [after] = change.evidence_added
    assert before.replace("34", "40") == after
    assert (result.relations_added, result.relations_removed) == ([], [])


def test_the_report_lists_the_change() -> None:
    result = diff_stores(build_store(Store()), build_store(Store(), edited=True))
    out = io.StringIO()
    write_text(result, out)
    lines = out.getvalue().splitlines()
    assert lines[:3] == [
        "articles: 0 added, 0 removed, 1 changed",
        "events: 0 added, 0 removed, 1 changed",
        "relations: 0 added, 0 removed",
    ]
    [change] = result.events_changed
    assert lines[3] == f"~ article {short(NamedNode(ARTICLE))}"
    assert lines[4] == f"~ event {short(NamedNode(change.iri))}  drone attack on Tower 22 (2024-01-28)"
    assert lines[5] == "    kgo:injured: 34 -> 40"
    assert lines[6].startswith("    - sentence: Three US service members were killed and 34 injured")
    assert lines[7].startswith("    + sentence: Three US service members were killed and 40 injured")
    assert len(lines) == 8
    data = to_json(result)
    assert data["events"]["changed"][0]["changes"] == [
        {"property": "kgo:injured", "old": ["34"], "new": ["40"]}
    ]


def test_a_removed_article_removes_its_events_and_relations() -> None:
    result = diff_stores(build_store(Store()), build_store(Store(), only={"erbil-airport", "asad-october"}))
    assert result.articles_removed == [ARTICLE]
    assert [e.article for e in result.events_removed] == [ARTICLE]
    assert result.relations_removed == [
        RelationFact(ARTICLE, f"{REFERENCE}kataib-hezbollah", str(KGO.backedBy), f"{REFERENCE}iran")
    ]
    assert result.replaced_by == {}
    back = diff_stores(build_store(Store(), only={"erbil-airport", "asad-october"}), build_store(Store()))
    assert [e.article for e in back.events_added] == [ARTICLE] and len(back.relations_added) == 1


def test_a_re_read_event_gets_a_new_iri_and_a_tombstone_pointing_to_it() -> None:
    old = build_store(Store())
    rebuilt = datetime(2024, 2, 2, 8, 0, tzinfo=UTC)
    new = build_store(Store(), weapon="rocket", when=rebuilt)  # the same sentence now read as a rocket attack
    result = diff_stores(old, new)
    [removed] = result.events_removed
    [added] = result.events_added
    assert removed.iri != added.iri and removed.article == added.article == ARTICLE
    assert result.replaced_by == {removed.iri: added.iri}
    assert write_tombstones(new, result) == 1
    graph = NamedNode(tombstones_graph())
    stone = {
        q.predicate.value: q.object for q in new.quads_for_pattern(NamedNode(removed.iri), None, None, graph)
    }
    assert stone[PROV + "invalidatedAtTime"].value == "2024-02-02T08:00:00Z"
    assert stone[DCTERMS + "isReplacedBy"] == NamedNode(added.iri)
    assert stone[DCTERMS + "source"] == NamedNode(ARTICLE)
    # A tombstone is not an event: the newer build still has exactly its own events.
    assert set(read_events(new)) == {added.iri} | (set(read_events(old)) - {removed.iri})
    # When the event comes back, so does its IRI, and its tombstone goes.
    back = Store()
    back.extend(new)
    build_store(back)
    write_tombstones(back, diff_stores(new, back))
    assert not list(back.quads_for_pattern(NamedNode(removed.iri), None, None, graph))
    assert list(back.quads_for_pattern(NamedNode(added.iri), None, None, graph))


def test_a_removed_event_without_successor_has_no_is_replaced_by() -> None:
    new = build_store(Store(), only={"erbil-airport", "asad-october"})
    result = diff_stores(build_store(Store()), new)
    write_tombstones(new, result, now=datetime(2024, 5, 1, tzinfo=UTC))
    [removed] = result.events_removed
    predicates = {q.predicate.value for q in new.quads_for_pattern(NamedNode(removed.iri), None, None)}
    assert PROV + "invalidatedAtTime" in predicates
    assert DCTERMS + "isReplacedBy" not in predicates


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld", ".nq.gz"])
def test_dumps_and_stores_diff_alike(tmp_path: Path, suffix: str) -> None:
    old_dir = tmp_path / "old"
    old = build_store(Store(str(old_dir)))
    path = tmp_path / f"old{suffix}"
    fmt = {".trig": "trig", ".nq": "nquads", ".jsonld": "jsonld", ".nq.gz": "nquads"}[suffix]
    with gzip.open(path, "wb") if suffix.endswith(".gz") else path.open("wb") as out:
        dump(old, out, fmt)
    new = build_store(Store(), edited=True)
    from_dump = diff_stores(open_side(path), new)
    from_store = diff_stores(old, new)
    assert to_json(from_dump) == to_json(from_store)
    assert len(from_dump.events_changed) == 1


def test_a_missing_side_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DiffError, match="no such store directory or dump file"):
        open_side(tmp_path / "nope.trig")
    path = tmp_path / "dump.trig"
    path.write_text("")
    with pytest.raises(DiffError, match="only be written into a store directory"):
        open_side(path, writable=True)


def test_json_report_shape() -> None:
    data = to_json(diff_stores(build_store(Store()), build_store(Store(), weapon="rocket")))
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"articles", "events", "relations"}
    [removed] = data["events"]["removed"]
    assert removed["replaced_by"] == data["events"]["added"][0]["iri"]


def test_an_event_re_read_from_an_edited_sentence_is_replaced_by_the_new_one() -> None:
    old = EventState(
        "e:old", "a:1", "attack", frozenset(), frozenset({"Two rockets hit the base on Monday."})
    )
    edited = EventState(
        "e:new", "a:1", "attack", frozenset(), frozenset({"Three rockets hit the base on Monday."})
    )
    other = EventState(
        "e:other", "a:1", "attack", frozenset(), frozenset({"A drone was shot down over the city."})
    )
    elsewhere = EventState(
        "e:far", "a:2", "attack", frozenset(), frozenset({"Two rockets hit the base on Monday."})
    )
    assert find_replacements([old], [other, edited, elsewhere]) == {"e:old": "e:new"}
    assert find_replacements([old], [other, elsewhere]) == {}
    # Two accounts merged into one: both point to it.
    twin = EventState(
        "e:twin", "a:1", "attack", frozenset(), frozenset({"Two rockets hit the base on Monday."})
    )
    assert find_replacements([old, twin], [edited]) == {"e:old": "e:new", "e:twin": "e:new"}
