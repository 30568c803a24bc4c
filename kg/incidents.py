"""Group the per-article accounts of one attack under a kgo:Incident.

Two accounts are of the same incident when they come from different articles, hit the same
target place, have compatible types (the same class, or one of them a plain Attack) and date
intervals that overlap. Each account keeps its own figures; the incident only links them, so
counting incidents counts attacks once however many outlets reported them.

Grouping is recomputed from every account on each build that changed something (a few index
scans and one pass in date order: seconds for 100k articles), and only the difference with the
stored incidents graph is written, so a build that added a few articles rewrites a few incidents.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, Store

from kg.namespaces import KGO, Minter

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
REPORT = NamedNode(str(KGO.report))
INCIDENT = NamedNode(str(KGO.Incident))
GENERIC = str(KGO.Attack)
# An undated account is taken to fall in the week before its article's publication.
_UNDATED_WINDOW = timedelta(days=7)
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


def _accounts(store: Store) -> list[_Account]:
    """Every attack account in STORE, one per event, whatever the order the store returns rows in.

    Of several values, the smallest target and article, the earliest start and the latest end are
    kept, and a specific type wins over the generic Attack.
    """
    solutions = store.query(_ACCOUNTS)
    assert isinstance(solutions, QuerySolutions)
    days: dict[str, date] = {}
    accounts: dict[str, _Account] = {}
    for event, kind, target, article, earliest, latest in solutions:
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
    for account in accounts.values():
        if account.earliest == _NO_START and account.latest != date.max:
            account.earliest = account.latest - _UNDATED_WINDOW
    return list(accounts.values())


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


def link_incidents(store: Store, minter: Minter) -> int:
    """Bring the incidents graph up to date with the accounts in STORE; returns the number of incidents.

    Only the difference is written, in transactions of at most 20,000 quads each (a caller that
    needs the whole update to be atomic marks the graph stale before and clears the mark after).
    """
    graph = NamedNode(str(minter.incidents_graph))
    groups = _group(_accounts(store))
    incident_of: dict[str, str] = {}  # event -> its incident
    label_of: dict[str, str] = {}  # incident -> its label
    for group in groups:
        node = str(minter.incident(min(member.event for member in group)))
        label_of[node] = f"incident reported by {len(group)} article(s)"
        for member in group:
            incident_of[member.event] = node
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
        else:
            stale.append(q)
    for start in range(0, len(stale), _CHUNK):
        triples = " .\n".join(str(q.triple) for q in stale[start : start + _CHUNK])
        store.update(f"DELETE DATA {{ GRAPH <{graph.value}> {{\n{triples} .\n}} }}")
    new = _new_quads(graph, incident_of, label_of, reported, typed, labelled)
    empty = not reported and not typed  # the first build: the bulk loader, a chunk at a time
    while chunk := list(islice(new, _CHUNK)):
        if empty:
            store.bulk_extend(chunk)
        else:
            store.extend(chunk)
    store.flush()
    return len(groups)


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
