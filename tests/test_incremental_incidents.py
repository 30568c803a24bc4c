"""Relinking only the touched incidents gives what relinking everything gives (issue 6)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from pyoxigraph import NamedNode, Quad, Store

from kg.extract.model import Entity, Event, EventDate, Evidence, Extraction
from kg.incidents import Touched, link_incidents, relink_incidents, touched_by
from kg.ingest import Article
from kg.mapping import article_quads
from kg.namespaces import Minter

MINTER = Minter()
PLACES = [Entity(f"Base {c}", "MilitaryBase", f"https://w3id.org/conflict-kg/id/base-{c}") for c in "abcd"]
KINDS = ["Attack", "DroneAttack", "RocketAttack"]


def _article_graph(rng: random.Random, article_id: str) -> list[Quad]:
    events = []
    for n in range(rng.randrange(1, 4)):
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(6))
        when = rng.choice([EventDate(day.isoformat(), "day", day, day, "stated"), None])
        targets = rng.sample(PLACES, rng.choice([0, 1, 1, 1, 2]))
        evidence = [Evidence(n * 10, n * 10 + 9, f"sentence {n}", "test")]
        events.append(Event(rng.choice(KINDS), evidence, targets=targets, date=when))
    article = Article(
        article_id, "text", f"{article_id}.txt", f"hash-{rng.random()}", published=date(2024, 1, 8)
    )
    return article_quads(article, Extraction(events=events), MINTER, "urn:extractor")


def _incidents(store: Store) -> list[str]:
    return sorted(
        str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(str(MINTER.incidents_graph)))
    )


@pytest.mark.parametrize("seed", range(6))
def test_relinking_what_changed_equals_relinking_all(seed: int) -> None:
    rng = random.Random(seed)
    partial, full = Store(), Store()
    ids = [f"a{i:02d}" for i in range(24)]
    for ident in ids:
        quads = _article_graph(rng, ident)
        partial.extend(quads)
        full.extend(quads)
    link_incidents(partial, MINTER)
    for _ in range(4):
        changed = [*rng.sample(ids, 3), f"new{rng.randrange(10_000)}"]
        graphs = [str(MINTER.graph(a)) for a in changed]
        touched = Touched()
        touched.update(touched_by(partial, graphs))
        for ident, graph in zip(changed, graphs, strict=True):
            quads = [] if rng.random() < 0.25 else _article_graph(rng, ident)
            for store in (partial, full):
                store.remove_graph(NamedNode(graph))
                store.extend(quads)
        touched.update(touched_by(partial, graphs))
        relink_incidents(partial, MINTER, touched)
        link_incidents(full, MINTER)
        assert _incidents(partial) == _incidents(full)
    assert any("reported by 2 article(s)" in line for line in _incidents(full))


def test_an_event_with_two_targets_is_grouped_by_one_whatever_the_row_order() -> None:
    store = Store()
    rng = random.Random(1)
    for ident in ("x1", "x2"):
        article = Article(ident, "t", f"{ident}.txt", ident, published=date(2024, 1, 8))
        day = date(2024, 1, 2)
        event = Event(
            "DroneAttack",
            [Evidence(0, 5, "s", "test")],
            targets=rng.sample(PLACES[:2], 2),
            date=EventDate(day.isoformat(), "day", day, day, "stated"),
        )
        store.extend(article_quads(article, Extraction(events=[event]), MINTER, "urn:extractor"))
    assert link_incidents(store, MINTER) == 1
