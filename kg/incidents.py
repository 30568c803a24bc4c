"""Group the per-article accounts of one attack under a kgo:Incident.

Two accounts are of the same incident when they come from different articles, hit the same
target place, have compatible types (the same class, or one of them a plain Attack) and date
intervals that overlap. Each account keeps its own figures; the incident only links them, so
counting incidents counts attacks once however many outlets reported them.

Grouping is recomputed from every account on each build that changed something (one pass in
date order), and only the difference with the stored incidents graph is written, so a build that
added a few articles rewrites a few incidents. With a cache directory (:mod:`kg.buildcache`), the
accounts of unchanged article graphs and the incidents last written are read from the cache, not
from the store: reading them back is what a rebuild of a large store would otherwise spend its
time on. The cached incidents are used only when the time on the incidents graph is theirs.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import chain, islice
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, Store

from kg.buildcache import Accounts, Row
from kg.namespaces import KGO, Minter

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
REPORT = NamedNode(str(KGO.report))
INCIDENT = NamedNode(str(KGO.Incident))
GENERATED = NamedNode("http://www.w3.org/ns/prov#generatedAtTime")
VOID_DATASET = NamedNode("http://rdfs.org/ns/void#Dataset")
XSD_DATETIME = NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
GENERIC = str(KGO.Attack)
# An undated account is taken to fall in the week before its article's publication.
_UNDATED_WINDOW = timedelta(days=7)
# Above this many article graphs to read, one query over the whole store beats one per graph.
_ONE_BY_ONE = 2_000
# Quads per write transaction when the incidents graph is updated.
_CHUNK = 20_000


@dataclass(slots=True)
class _Account:
    event: str
    type: str
    target: str  # the smallest target IRI, "" when none: an event with two targets is grouped once
    article: str
    earliest: date
    latest: date

    def matches(self, other: _Account) -> bool:
        return (
            self.article != other.article
            and (self.type == other.type or GENERIC in (self.type, other.type))
            and self.earliest <= other.latest
            and other.earliest <= self.latest
        )


# Streamed row by row: an event with two targets (or dates) comes twice. Aggregating in the store
# (GROUP BY) needs several hundred MB and three times as long at 100k articles.
_ACCOUNTS = """
PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
SELECT ?event ?type ?target ?article ?earliest ?latest WHERE {
  GRAPH ?g {
    ?event a ?type ; kgo:source ?article .
    VALUES ?type {
      kgo:Attack kgo:DroneAttack kgo:RocketAttack kgo:MortarAttack kgo:MissileAttack kgo:Airstrike
    }
    OPTIONAL { ?event kgo:targetPlace ?target }
    OPTIONAL { ?event kgo:earliestDate ?earliest }
    OPTIONAL { ?event kgo:latestDate ?latest }
  }
}"""
_NO_START = date.min  # while reading: no earliest date seen (yet)


def _read_accounts(store: Store, graphs: list[str] | None = None) -> dict[str, dict[str, _Account]]:
    """The attack accounts in GRAPHS (default: every graph), per graph and event.

    Rows are merged per graph and event, whatever the order the store returns them in: of several
    values, the smallest target and article, the earliest start and the latest end are kept, and a
    specific type wins over the generic Attack.
    """
    days: dict[str, date] = {}
    found: dict[str, dict[str, _Account]] = {}
    if graphs is None:
        every = _ACCOUNTS.replace("SELECT ", "SELECT ?g ")
        for graph, *row in _solutions(store, every):
            _add_row(found.setdefault(graph.value, {}), row, days)
    for name in graphs or ():
        # One query per graph: Oxigraph would join a VALUES list with the scan of every graph.
        for row in _solutions(store, _ACCOUNTS.replace("GRAPH ?g", f"GRAPH <{name}>")):
            _add_row(found.setdefault(name, {}), row, days)
    return found


def _solutions(store: Store, query: str) -> QuerySolutions:
    solutions = store.query(query)
    assert isinstance(solutions, QuerySolutions)
    return solutions


def _add_row(accounts: dict[str, _Account], values: list[Any], days: dict[str, date]) -> None:
    event, kind, target, article, earliest, latest = values
    row = _Account(
        event=event.value,
        type=sys.intern(kind.value),
        target=sys.intern(target.value) if target is not None else "",
        article=sys.intern(article.value),
        earliest=_day(days, earliest.value) if earliest is not None else _NO_START,
        latest=_day(days, latest.value) if latest is not None else date.max,
    )
    seen = accounts.get(row.event)
    if seen is None:
        accounts[row.event] = row
    else:
        _merge(seen, row)


_ATTACK_TYPES = frozenset(
    str(KGO[name])
    for name in ("Attack", "DroneAttack", "RocketAttack", "MortarAttack", "MissileAttack", "Airstrike")
)
_SOURCE, _TARGET = str(KGO.source), str(KGO.targetPlace)
_EARLIEST, _LATEST = str(KGO.earliestDate), str(KGO.latestDate)


def accounts_of(quads: Iterable[Quad]) -> list[Row]:
    """The attack accounts in one article graph's QUADS, as :data:`_ACCOUNTS` reads them from a store.

    Workers compute them from the quads they map, so a build need not query them back.
    """
    found: dict[str, dict[str, list[str]]] = {}
    for q in quads:
        p = q.predicate.value
        if p in (RDF_TYPE.value, _SOURCE, _TARGET, _EARLIEST, _LATEST):
            values = found.setdefault(q.subject.value, {})  # type: ignore[union-attr]
            values.setdefault(p, []).append(q.object.value)  # type: ignore[union-attr]
    days: dict[str, date] = {}
    rows = []
    for event, values in found.items():
        kinds = [k for k in values.get(RDF_TYPE.value, ()) if k in _ATTACK_TYPES]
        if not kinds or not values.get(_SOURCE):
            continue
        account = _Account(
            event,
            min(kinds, key=lambda k: (k == GENERIC, k)),
            min(values.get(_TARGET, [""])),
            min(values[_SOURCE]),
            min((_day(days, d) for d in values.get(_EARLIEST, ())), default=_NO_START),
            max((_day(days, d) for d in values.get(_LATEST, ())), default=date.max),
        )
        rows.append(_to_row(account))
    return rows


def _combine(per_graph: Iterable[Iterable[_Account]]) -> list[_Account]:
    """One account per event out of the accounts of every graph; undated ones get their window."""
    accounts: dict[str, _Account] = {}
    for rows in per_graph:
        for row in rows:
            seen = accounts.get(row.event)
            if seen is None:
                accounts[row.event] = row
            else:
                _merge(seen, row)
    for account in accounts.values():
        if account.earliest == _NO_START and account.latest != date.max:
            # a date in the first week of year 1 (a bad feed's "0001-01-01") has no earlier window
            account.earliest = max(account.latest, date.min + _UNDATED_WINDOW) - _UNDATED_WINDOW
    return list(accounts.values())


def _accounts(store: Store) -> list[_Account]:
    """Every attack account in STORE, one per event."""
    return _combine(rows.values() for rows in _read_accounts(store).values())


def _to_row(a: _Account) -> Row:
    start = 0 if a.earliest == _NO_START else a.earliest.toordinal()
    end = 0 if a.latest == date.max else a.latest.toordinal()
    return (a.event, a.type, a.target, a.article, start, end)


def _from_row(row: Row) -> _Account:
    event, kind, target, article, start, end = row
    earliest = date.fromordinal(start) if start else _NO_START
    return _Account(event, kind, target, article, earliest, date.fromordinal(end) if end else date.max)


def _cached_accounts(
    store: Store,
    minter: Minter,
    versions: dict[str, str],
    written: dict[str, list[Row]],
    memory: Accounts,
    *,
    trust: bool,
) -> list[_Account]:
    """Every attack account, those of article graphs of an unchanged version from MEMORY if TRUST.

    MEMORY is updated to the graphs and versions of VERSIONS. Graphs that are not articles' (such as
    those ``kg load`` adds) are always read from the store.
    """
    kept = {graph: rows for graph, (version, rows) in memory.graphs.items() if versions.get(graph) == version}
    if trust:
        kept.update((graph, rows) for graph, rows in written.items() if graph in versions)
    if not trust or len(versions) - len(kept) > _ONE_BY_ONE:
        # Everything from the store in one pass (what a graph at a time costs beyond a few thousand
        # graphs); MEMORY starts again from it.
        every = _read_accounts(store)
        memory.graphs = {
            graph: (version, [_to_row(a) for a in every.get(graph, {}).values()])
            for graph, version in versions.items()
        }
        return _combine(rows.values() for rows in every.values())
    # Graphs `kg load` added, as their provenance lists them (a scan of every graph name would
    # cost seconds at 100k articles).
    datasets = store.quads_for_pattern(None, RDF_TYPE, VOID_DATASET, NamedNode(str(minter.meta_graph)))
    others = sorted({q.subject.value for q in datasets if isinstance(q.subject, NamedNode)} - set(versions))
    fresh = _read_accounts(store, [g for g in versions if g not in kept] + others)
    for graph in versions:
        if graph not in kept:
            kept[graph] = [_to_row(a) for a in fresh.get(graph, {}).values()]
    memory.graphs = {graph: (versions[graph], kept[graph]) for graph in versions}
    from_memory = ([_from_row(row) for row in rows] for rows in kept.values())
    return _combine(chain(from_memory, (fresh[g].values() for g in others if g in fresh)))


def _merge(seen: _Account, row: _Account) -> None:
    if seen.type == GENERIC or (row.type != GENERIC and row.type < seen.type):
        seen.type = row.type
    if row.target and (not seen.target or row.target < seen.target):
        seen.target = row.target
    seen.article = min(seen.article, row.article)
    if row.earliest != _NO_START and (seen.earliest == _NO_START or row.earliest < seen.earliest):
        seen.earliest = row.earliest
    if row.latest != date.max and (seen.latest == date.max or row.latest > seen.latest):
        seen.latest = row.latest


def _day(days: dict[str, date], value: str) -> date:
    found = days.get(value)
    if found is None:
        found = days[value] = date.fromisoformat(value)
    return found


@dataclass
class _Group:
    """Members, and what :meth:`_Account.matches` needs of all of them, so a test against the whole
    group costs the same as against one member."""

    members: list[_Account]
    articles: set[str]
    specific: set[str]  # member types other than the generic Attack
    closes: date  # the earliest `latest` of the members: no account starting after it can join
    opens: date  # the latest `earliest` of the members

    @classmethod
    def of(cls, account: _Account) -> _Group:
        specific = {account.type} - {GENERIC}
        return cls([account], {account.article}, specific, account.latest, account.earliest)

    def accepts(self, account: _Account) -> bool:
        return (
            account.article not in self.articles
            and (account.type == GENERIC or self.specific <= {account.type})
            and account.earliest <= self.closes
            and self.opens <= account.latest
        )

    def add(self, account: _Account) -> None:
        self.members.append(account)
        self.articles.add(account.article)
        self.specific |= {account.type} - {GENERIC}
        self.closes = min(self.closes, account.latest)
        self.opens = max(self.opens, account.earliest)


def _group(accounts: Iterable[_Account]) -> list[list[_Account]]:
    """Greedy grouping per target in date order: an account joins the first group it matches.

    Accounts come by increasing ``earliest``, so a group some member of which ended before the
    current account started can never take another one: it is set aside, which keeps the pass
    linear however many accounts a target has. An account without a target stands alone.
    """
    groups: list[list[_Account]] = []
    open_groups: dict[str, list[_Group]] = defaultdict(list)
    for account in sorted(accounts, key=lambda a: (a.earliest, a.event)):
        home = None
        if account.target:
            candidates = [g for g in open_groups[account.target] if g.closes >= account.earliest]
            open_groups[account.target] = candidates
            home = next((g for g in candidates if g.accepts(account)), None)
        if home is None:
            group = _Group.of(account)
            groups.append(group.members)
            if account.target:
                open_groups[account.target].append(group)
        else:
            home.add(account)
    return groups


def link_incidents(
    store: Store,
    minter: Minter,
    *,
    versions: dict[str, str] | None = None,
    accounts: dict[str, list[Row]] | None = None,
    cache: Path | None = None,
    trust_cache: bool = True,
) -> int:
    """Bring the incidents graph up to date with the accounts in STORE; returns the number of incidents.

    Only the difference is written, in transactions of at most 20,000 quads each (a caller that
    needs the whole update to be atomic marks the graph stale before and clears the mark after).

    Args:
        versions: the version of every article graph in STORE; with CACHE, the accounts of graphs
            whose version the cache knows are taken from it.
        accounts: the accounts of graphs just written (:func:`accounts_of` their quads), taken as
            they are rather than read back from the store.
        cache: the build cache directory (:mod:`kg.buildcache`), updated here.
        trust_cache: False when the store may differ from what the cache says it holds (an earlier
            build was interrupted, or ``kg build --force``): accounts and incidents are then read
            from the store, and the cache written afresh.
    """
    graph = NamedNode(str(minter.incidents_graph))
    memory = Accounts.load(cache) if cache is not None else Accounts()
    if cache is not None and versions is not None:
        found = _cached_accounts(store, minter, versions, accounts or {}, memory, trust=trust_cache)
    else:
        found = _accounts(store)
    groups = _group(found)
    incident_of: dict[str, str] = {}  # event -> its incident
    label_of: dict[str, str] = {}  # incident -> its label
    for group in groups:
        node = str(minter.incident(min(member.event for member in group)))
        label_of[node] = f"incident reported by {len(group)} article(s)"
        for member in group:
            incident_of[member.event] = node
    # The time the incidents graph was written, in the graph itself (dropping the graph drops it)
    # and in the cache: the cached incidents stand for the graph only while both agree.
    stamps = _stamps(store, graph)
    if trust_cache and memory.written_at and [s.value for s in stamps] == [memory.written_at]:
        _write_changes(store, graph, memory, incident_of, label_of)
    else:
        _write_difference(store, graph, incident_of, label_of)
    for old in stamps:  # also without a cache: no cache may stand for the graph written here
        store.remove(Quad(graph, GENERATED, old, graph))
    if cache is not None and versions is not None:
        now = Literal(datetime.now(UTC).isoformat(), datatype=XSD_DATETIME)
        store.add(Quad(graph, GENERATED, now, graph))
        # As the store has it (Oxigraph writes dates and times in their canonical form).
        memory.written_at = _stamps(store, graph)[0].value
        memory.incident_of, memory.label_of = incident_of, label_of
        memory.save(cache)
    store.flush()
    return len(groups)


def written_at(store: Store, minter: Minter) -> str:
    """The time the incidents graph was last written with a build cache ("" if none or several)."""
    stamps = _stamps(store, NamedNode(str(minter.incidents_graph)))
    return stamps[0].value if len(stamps) == 1 else ""


def _stamps(store: Store, graph: NamedNode) -> list[Literal]:
    return [
        q.object
        for q in store.quads_for_pattern(graph, GENERATED, None, graph)
        if isinstance(q.object, Literal)
    ]


def _write_changes(
    store: Store, graph: NamedNode, memory: Accounts, incident_of: dict[str, str], label_of: dict[str, str]
) -> None:
    """Write what changed since the incidents MEMORY says the graph holds, without reading the graph."""
    old_of, old_label = memory.incident_of, memory.label_of
    stale: list[Quad] = []
    for event, node in old_of.items():
        if incident_of.get(event) != node:
            stale.append(Quad(NamedNode(node), REPORT, NamedNode(event), graph))
    for node, label in old_label.items():
        if node not in label_of:
            stale.append(Quad(NamedNode(node), RDF_TYPE, INCIDENT, graph))
        if label_of.get(node) != label:
            stale.append(Quad(NamedNode(node), RDFS_LABEL, Literal(label), graph))
    reported = {event for event, node in incident_of.items() if old_of.get(event) == node}
    typed = {node for node in label_of if node in old_label}
    labelled = {node for node, label in label_of.items() if old_label.get(node) == label}
    _apply(store, graph, stale, _new_quads(graph, incident_of, label_of, reported, typed, labelled), False)


def _write_difference(
    store: Store, graph: NamedNode, incident_of: dict[str, str], label_of: dict[str, str]
) -> None:
    """Read the incidents graph and write what differs from INCIDENT_OF and LABEL_OF."""
    stale: list[Quad] = []
    reported: set[str] = set()  # events whose kgo:report quad is already right
    typed: set[str] = set()
    labelled: set[str] = set()
    for q in store.quads_for_pattern(None, None, None, graph):
        subject, obj = q.subject.value, q.object.value  # type: ignore[union-attr]
        if q.predicate == REPORT and incident_of.get(obj) == subject:
            reported.add(obj)
        elif q.predicate == RDF_TYPE and subject in label_of and obj == INCIDENT.value:
            typed.add(subject)
        elif q.predicate == RDFS_LABEL and label_of.get(subject) == obj:
            labelled.add(subject)
        elif q.predicate == GENERATED and q.subject == graph:
            continue  # the time it was written: replaced by the caller
        else:
            stale.append(q)
    new = _new_quads(graph, incident_of, label_of, reported, typed, labelled)
    # The first build (nothing there yet) goes through the bulk loader, a chunk at a time.
    _apply(store, graph, stale, new, bulk=not reported and not typed)


def _apply(store: Store, graph: NamedNode, stale: list[Quad], new: Iterator[Quad], bulk: bool) -> None:
    for start in range(0, len(stale), _CHUNK):
        triples = " .\n".join(str(q.triple) for q in stale[start : start + _CHUNK])
        store.update(f"DELETE DATA {{ GRAPH <{graph.value}> {{\n{triples} .\n}} }}")
    while chunk := list(islice(new, _CHUNK)):
        if bulk:
            store.bulk_extend(chunk)
        else:
            store.extend(chunk)


def _new_quads(
    graph: NamedNode,
    incident_of: dict[str, str],
    label_of: dict[str, str],
    reported: set[str],
    typed: set[str],
    labelled: set[str],
) -> Iterator[Quad]:
    for node, label in label_of.items():
        if node not in typed:
            yield Quad(NamedNode(node), RDF_TYPE, INCIDENT, graph)
        if node not in labelled:
            yield Quad(NamedNode(node), RDFS_LABEL, Literal(label), graph)
    for event, node in incident_of.items():
        if event not in reported:
            yield Quad(NamedNode(node), REPORT, NamedNode(event), graph)
