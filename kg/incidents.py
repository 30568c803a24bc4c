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
# Quads per write transaction when the incidents graph is updated.
_CHUNK = 20_000


@dataclass
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


@dataclass
class _Facts:
    types: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    earliest: set[date] = field(default_factory=set)
    latest: set[date] = field(default_factory=set)


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


def _accounts(store: Store) -> list[_Account]:
    """Every attack account in STORE, one per event, whatever the order the store returns rows in."""
    facts: dict[str, _Facts] = defaultdict(_Facts)
    solutions = store.query(_ACCOUNTS)
    assert isinstance(solutions, QuerySolutions)
    for event, kind, target, article, earliest, latest in solutions:
        f = facts[event.value]
        f.types.add(kind.value)
        f.articles.add(article.value)
        if target is not None:
            f.targets.add(target.value)
        if earliest is not None:
            f.earliest.add(date.fromisoformat(earliest.value))
        if latest is not None:
            f.latest.add(date.fromisoformat(latest.value))
    return [_account(event, f) for event, f in facts.items()]


def _account(event: str, f: _Facts) -> _Account:
    specific = sorted(f.types - {GENERIC})
    latest = max(f.latest, default=date.max)
    earliest = min(f.earliest, default=None)
    if earliest is None:
        earliest = latest - _UNDATED_WINDOW if latest != date.max else date.min
    return _Account(
        event=event,
        type=specific[0] if specific else GENERIC,
        target=min(f.targets, default=""),
        article=min(f.articles),
        earliest=earliest,
        latest=latest,
    )


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


def _incident_quads(groups: list[list[_Account]], minter: Minter, graph: NamedNode) -> set[Quad]:
    quads: set[Quad] = set()
    incident_class = NamedNode(str(KGO.Incident))
    for group in groups:
        node = NamedNode(str(minter.incident(min(member.event for member in group))))
        quads.add(Quad(node, RDF_TYPE, incident_class, graph))
        quads.add(Quad(node, RDFS_LABEL, Literal(f"incident reported by {len(group)} article(s)"), graph))
        quads.update(Quad(node, REPORT, NamedNode(member.event), graph) for member in group)
    return quads


def link_incidents(store: Store, minter: Minter) -> int:
    """Bring the incidents graph up to date with the accounts in STORE; returns the number of incidents.

    Only the difference is written, in transactions of at most 20,000 quads each (a caller that
    needs the whole update to be atomic marks the graph stale before and clears the mark after).
    """
    graph = NamedNode(str(minter.incidents_graph))
    groups = _group(_accounts(store))
    wanted = _incident_quads(groups, minter, graph)
    stored = set(store.quads_for_pattern(None, None, None, graph))
    stale = list(stored - wanted)
    for start in range(0, len(stale), _CHUNK):
        triples = " .\n".join(str(q.triple) for q in stale[start : start + _CHUNK])
        store.update(f"DELETE DATA {{ GRAPH <{graph.value}> {{\n{triples} .\n}} }}")
    new = list(wanted - stored)
    if not stored:
        store.bulk_extend(new)
    else:
        for start in range(0, len(new), _CHUNK):
            store.extend(new[start : start + _CHUNK])
    return len(groups)
