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


# One row per event, aggregated by the store so that memory stays small on large corpora. Of the
# types, a specific one wins over the generic Attack ("~" sorts after every IRI).
_ACCOUNTS = """
PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
SELECT ?event (MIN(?kind) AS ?type) (MIN(STR(?place)) AS ?target) (MIN(STR(?source)) AS ?article)
       (MIN(?from) AS ?earliest) (MAX(?to) AS ?latest)
WHERE {
  GRAPH ?g {
    ?event a ?class ; kgo:source ?source .
    VALUES ?class {
      kgo:Attack kgo:DroneAttack kgo:RocketAttack kgo:MortarAttack kgo:MissileAttack kgo:Airstrike
    }
    OPTIONAL { ?event kgo:targetPlace ?place }
    OPTIONAL { ?event kgo:earliestDate ?from }
    OPTIONAL { ?event kgo:latestDate ?to }
  }
  BIND(IF(?class = kgo:Attack, "~", STR(?class)) AS ?kind)
}
GROUP BY ?event"""


def _accounts(store: Store) -> list[_Account]:
    """Every attack account in STORE, one per event, whatever the order the store returns rows in."""
    solutions = store.query(_ACCOUNTS)
    assert isinstance(solutions, QuerySolutions)
    days: dict[str, date] = {}
    accounts = []
    for event, kind, target, article, earliest, latest in solutions:
        latest_day = _day(days, latest.value) if latest is not None else date.max
        if earliest is not None:
            earliest_day = _day(days, earliest.value)
        else:
            earliest_day = latest_day - _UNDATED_WINDOW if latest_day != date.max else date.min
        accounts.append(
            _Account(
                event=event.value,
                type=sys.intern(GENERIC if kind.value == "~" else kind.value),
                target=sys.intern(target.value) if target is not None else "",
                article=sys.intern(article.value),
                earliest=earliest_day,
                latest=latest_day,
            )
        )
    return accounts


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
    if not reported and not typed:
        store.bulk_extend(new)  # an empty graph: the first build
    else:
        while chunk := list(islice(new, _CHUNK)):
            store.extend(chunk)
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
