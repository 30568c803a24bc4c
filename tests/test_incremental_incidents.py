"""Incident linking on a changing store (issue 6): updating in place ends where linking afresh does."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, Store

from kg import incidents
from kg.extract.model import Entity, Event, EventDate, Evidence, Extraction
from kg.incidents import _Account, _accounts, _group, link_incidents
from kg.ingest import Article
from kg.mapping import article_quads
from kg.namespaces import Minter

MINTER = Minter()
PLACES = [Entity(f"Base {c}", "MilitaryBase", f"https://w3id.org/conflict-kg/id/base-{c}") for c in "abcd"]
KINDS = ["Attack", "DroneAttack", "RocketAttack"]
INCIDENTS = NamedNode(str(MINTER.incidents_graph))


def _article_graph(rng: random.Random, article_id: str) -> list[Quad]:
    events = []
    for n in range(rng.randrange(1, 4)):
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(6))
        when = rng.choice([EventDate(day.isoformat(), "day", day, day, "stated"), None])
        targets = rng.sample(PLACES, rng.choice([0, 1, 1, 1, 2]))
        evidence = [Evidence(n * 10, n * 10 + 9, f"sentence {n}", "test")]
        events.append(Event(rng.choice(KINDS), evidence, targets=targets, date=when))
    published = date(2024, 1, 8)
    article = Article(article_id, "text", f"{article_id}.txt", f"hash-{rng.random()}", published=published)
    return article_quads(article, Extraction(events=events), MINTER, "urn:extractor")


def _incidents(store: Store) -> list[str]:
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, INCIDENTS))


@pytest.mark.parametrize("seed", range(6))
def test_updating_the_incidents_in_place_equals_linking_afresh(seed: int) -> None:
    rng = random.Random(seed)
    store = Store()
    ids = [f"a{i:02d}" for i in range(24)]
    for ident in ids:
        store.extend(_article_graph(rng, ident))
    link_incidents(store, MINTER)
    for _ in range(4):
        for ident in [*rng.sample(ids, 3), f"new{rng.randrange(10_000)}"]:
            store.remove_graph(NamedNode(str(MINTER.graph(ident))))
            if rng.random() < 0.75:
                store.extend(_article_graph(rng, ident))
        link_incidents(store, MINTER)
        fresh = Store()
        fresh.extend(q for q in store if q.graph_name != INCIDENTS)
        link_incidents(fresh, MINTER)
        assert _incidents(store) == _incidents(fresh)
    assert any("reported by 2 article(s)" in line for line in _incidents(store))


def _naive_group(accounts: list[_Account]) -> list[list[_Account]]:
    """The grouping rule without the set-aside of closed groups: every group of the target is tried."""
    groups: list[list[_Account]] = []
    by_target: dict[str, list[list[_Account]]] = {}
    for account in sorted(accounts, key=lambda a: (a.earliest, a.event)):
        home = None
        if account.target:
            home = next(
                (g for g in by_target.get(account.target, []) if all(account.matches(m) for m in g)), None
            )
        if home is None:
            home = []
            groups.append(home)
            if account.target:
                by_target.setdefault(account.target, []).append(home)
        home.append(account)
    return groups


@pytest.mark.parametrize("seed", range(4))
def test_setting_closed_groups_aside_changes_no_group(seed: int) -> None:
    rng = random.Random(seed)
    accounts = []
    for n in range(400):
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(60))
        end = start + timedelta(days=rng.choice([0, 0, 1, 7]))
        if rng.random() < 0.1:
            start, end = date.min, date.max
        accounts.append(
            _Account(
                f"e{n:04d}",
                rng.choice(KINDS),
                rng.choice(["", "t1", "t2"]),
                f"a{rng.randrange(80)}",
                start,
                end,
            )
        )
    assert [[a.event for a in g] for g in _group(accounts)] == [
        [a.event for a in g] for g in _naive_group(accounts)
    ]


def test_an_event_with_two_targets_is_grouped_by_one_whatever_the_order() -> None:
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
    assert {a.target for a in _accounts(store)} == {PLACES[0].iri}
    assert link_incidents(store, MINTER) == 1


@pytest.mark.parametrize("one_by_one", [10_000, 0], ids=["graph by graph", "whole store"])
@pytest.mark.parametrize("seed", range(4))
def test_with_the_build_cache_the_incidents_are_those_of_linking_afresh(
    seed: int, one_by_one: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached accounts and incidents stand for the store's only while they are right.

    Between updates the store is also changed behind the cache's back (the incidents graph dropped,
    linked once without the cache): the next cached linking must notice and still be right.
    """
    monkeypatch.setattr(incidents, "_ONE_BY_ONE", one_by_one)
    rng = random.Random(seed)
    store = Store()
    cache = tmp_path / "cache"
    versions: dict[str, str] = {}

    def put(ident: str) -> None:
        graph = str(MINTER.graph(ident))
        store.remove_graph(NamedNode(graph))
        versions.pop(graph, None)
        if rng.random() < 0.8:
            store.extend(_article_graph(rng, ident))
            versions[graph] = f"v{rng.random()}"

    ids = [f"a{i:02d}" for i in range(24)]
    for ident in ids:
        put(ident)
    link_incidents(store, MINTER, versions=versions, cache=cache)
    for step in range(6):
        for ident in [*rng.sample(ids, 3), f"new{rng.randrange(10_000)}"]:
            put(ident)
        if step == 2:
            store.remove_graph(INCIDENTS)
        if step == 4:
            link_incidents(store, MINTER)
            put(rng.choice(ids))
        link_incidents(store, MINTER, versions=versions, cache=cache, trust_cache=step != 5)
        fresh = Store()
        fresh.extend(q for q in store if q.graph_name != INCIDENTS)
        link_incidents(fresh, MINTER)
        assert _stated(store) == _stated(fresh)
    assert (cache / "accounts.pickle").exists()


def _stated(store: Store) -> list[str]:
    """The incidents, without the time they were written at."""
    return [line for line in _incidents(store) if "generatedAtTime" not in line]


@pytest.mark.parametrize("seed", range(4))
def test_accounts_read_from_quads_are_those_the_store_query_reads(seed: int) -> None:
    """Workers compute the accounts of the graphs they map (accounts_of): they must be exactly what
    the store query reads, or a build and a rebuild would group differently."""
    rng = random.Random(seed)
    store = Store()
    graphs = {}
    for n in range(12):
        quads = _article_graph(rng, f"a{n:02d}")
        store.extend(quads)
        graphs[str(MINTER.graph(f"a{n:02d}"))] = quads
    read = incidents._read_accounts(store, list(graphs))
    for graph, quads in graphs.items():
        from_store = sorted(incidents._to_row(a) for a in read.get(graph, {}).values())
        assert sorted(incidents.accounts_of(quads)) == from_store
    assert any(read.values())
