"""Group the per-article accounts of one attack under a kgo:Incident.

Two accounts are of the same incident when they come from different articles, hit the same
target place, have compatible types (the same class, or one of them a plain Attack) and date
intervals that overlap. Each account keeps its own figures; the incident only links them, so
counting incidents counts attacks once however many outlets reported them.

Accounts are grouped per target place, and an account without a target is an incident of its
own, so a build that changed a few articles only regroups the targets those articles mention
(:func:`relink_incidents` with a :class:`Touched`); the result is the same as regrouping everything
(:func:`link_incidents`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, Store

from kg.namespaces import KGO, Minter

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
REPORT = NamedNode(str(KGO.report))
GENERIC = str(KGO.Attack)
# An undated account is taken to fall in the week before its article's publication.
_UNDATED_WINDOW = timedelta(days=7)
_TYPES = "kgo:Attack kgo:DroneAttack kgo:RocketAttack kgo:MortarAttack kgo:MissileAttack kgo:Airstrike"

_ACCOUNTS = """
PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
SELECT ?event ?type ?target ?article ?earliest ?latest WHERE {
  %s
  GRAPH ?g {
    %s
    ?event a ?type ; kgo:source ?article .
    VALUES ?type { %s }
    OPTIONAL { ?event kgo:targetPlace ?target }
    OPTIONAL { ?event kgo:earliestDate ?earliest }
    OPTIONAL { ?event kgo:latestDate ?latest }
  }
}"""


@dataclass
class _Account:
    event: str
    type: str
    target: str  # the smallest target IRI, "" when none: an event with two targets is grouped once
    targets: set[str]
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


@dataclass
class Touched:
    """The events and target places of articles a build replaced or added: what must be regrouped."""

    events: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)

    def update(self, other: Touched) -> None:
        self.events |= other.events
        self.targets |= other.targets


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


def _accounts(store: Store, *, outer: str = "", inner: str = "") -> dict[str, _Account]:
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    solutions = store.query(_ACCOUNTS % (outer, inner, _TYPES))
    assert isinstance(solutions, QuerySolutions)
    for row in solutions:
        rows[row["event"].value].append(
            {
                k: row[k].value
                for k in ("type", "target", "article", "earliest", "latest")
                if row[k] is not None
            }
        )
    return {event: _account(event, found) for event, found in rows.items()}


def _account(event: str, rows: list[dict[str, str]]) -> _Account:
    """One account from all the rows of its event, chosen so the order of rows does not matter."""
    types = {r["type"] for r in rows}
    specific = sorted(types - {GENERIC})
    targets = {r["target"] for r in rows if "target" in r}
    latests = sorted(date.fromisoformat(r["latest"]) for r in rows if "latest" in r)
    earliests = sorted(date.fromisoformat(r["earliest"]) for r in rows if "earliest" in r)
    latest = latests[-1] if latests else date.max
    earliest = earliests[0] if earliests else None
    if earliest is None:
        earliest = latest - _UNDATED_WINDOW if latest != date.max else date.min
    return _Account(
        event=event,
        type=specific[0] if specific else GENERIC,
        target=min(targets, default=""),
        targets=targets,
        article=min(r["article"] for r in rows),
        earliest=earliest,
        latest=latest,
    )


def _group(accounts: Iterable[_Account]) -> list[list[_Account]]:
    """Greedy grouping per target, in date order; an account without a target stands alone."""
    groups: list[list[_Account]] = []
    by_target: dict[str, list[list[_Account]]] = {}
    for account in sorted(accounts, key=lambda a: (a.earliest, a.event)):
        home = None
        if account.target:
            for group in by_target.get(account.target, []):
                if all(account.matches(member) for member in group):
                    home = group
                    break
        if home is None:
            home = []
            groups.append(home)
            if account.target:
                by_target.setdefault(account.target, []).append(home)
        home.append(account)
    return groups


def _incident_quads(groups: list[list[_Account]], minter: Minter, graph: NamedNode) -> list[Quad]:
    quads: list[Quad] = []
    for group in groups:
        first = min(member.event for member in group)
        node = NamedNode(str(minter.incident(first)))
        quads.append(Quad(node, RDF_TYPE, NamedNode(str(KGO.Incident)), graph))
        quads.append(Quad(node, RDFS_LABEL, Literal(f"incident reported by {len(group)} article(s)"), graph))
        quads.extend(Quad(node, REPORT, NamedNode(member.event), graph) for member in group)
    return quads


def touched_by(store: Store, graphs: Iterable[str]) -> Touched:
    """The events and targets of the accounts now in GRAPHS (call before replacing them, and after)."""
    names = list(graphs)
    touched = Touched()
    for start in range(0, len(names), 2000):
        for account in _accounts(store, outer=_values("g", names[start : start + 2000])).values():
            touched.events.add(account.event)
            touched.targets |= account.targets
    return touched


def link_incidents(store: Store, minter: Minter) -> int:
    """Rewrite the incidents graph from all the accounts in STORE; returns the number of incidents."""
    graph = NamedNode(str(minter.incidents_graph))
    groups = _group(_accounts(store).values())
    store.update(f"DROP SILENT GRAPH <{graph.value}>")
    store.extend(_incident_quads(groups, minter, graph))
    return len(groups)


def relink_incidents(store: Store, minter: Minter, touched: Touched) -> int:
    """Regroup only what TOUCHED affects; returns the number of incidents rewritten.

    Accounts are grouped per target, so the groups of an untouched target cannot change. The
    incidents removed are those reporting a touched event or an event of a touched target; the
    ones added are the new groups of those targets and the touched events without a target.
    """
    graph = NamedNode(str(minter.incidents_graph))
    accounts: dict[str, _Account] = {}
    targets = sorted(touched.targets)
    for start in range(0, len(targets), 500):
        inner = f"?event kgo:targetPlace ?t0 . {_values('t0', targets[start : start + 500])}"
        accounts.update(_accounts(store, inner=inner))
    events = sorted(touched.events - accounts.keys())
    for start in range(0, len(events), 2000):
        accounts.update(_accounts(store, outer=_values("event", events[start : start + 2000])))
    regroup = [
        a
        for a in accounts.values()
        if a.target in touched.targets or (not a.target and a.event in touched.events)
    ]
    stale: set[Quad] = set()
    for event in touched.events | {a.event for a in regroup}:
        for link in store.quads_for_pattern(None, REPORT, NamedNode(event), graph):
            stale.update(store.quads_for_pattern(link.subject, None, None, graph))
    groups = _group(regroup)
    fresh = _incident_quads(groups, minter, graph)
    for quad in stale.difference(fresh):
        store.remove(quad)
    store.extend(q for q in fresh if q not in stale)
    return len(groups)
