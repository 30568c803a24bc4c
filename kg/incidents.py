"""Group the per-article accounts of one attack under a kgo:Incident.

Two accounts are of the same incident when they come from different articles, hit the same
target place, have compatible types (the same class, or one of them a plain Attack) and date
intervals that overlap. Each account keeps its own figures; the incident only links them, so
counting incidents counts attacks once however many outlets reported them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.namespaces import KGO, Minter
from kg.store import replace_graph

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
# An undated account is taken to fall in the week before its article's publication.
_UNDATED_WINDOW = timedelta(days=7)

_ACCOUNTS = """
PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
SELECT ?event ?type ?target ?article ?earliest ?latest WHERE {
  GRAPH ?g {
    ?event a ?type ; kgo:source ?article .
    VALUES ?type { kgo:Attack kgo:DroneAttack kgo:RocketAttack kgo:MortarAttack kgo:MissileAttack kgo:Airstrike }
    OPTIONAL { ?event kgo:targetPlace ?target }
    OPTIONAL { ?event kgo:earliestDate ?earliest }
    OPTIONAL { ?event kgo:latestDate ?latest }
  }
}"""


@dataclass
class _Account:
    event: str
    type: str
    target: str
    article: str
    earliest: date
    latest: date

    def matches(self, other: _Account) -> bool:
        generic = str(KGO.Attack)
        return (
            self.article != other.article
            and (self.type == other.type or generic in (self.type, other.type))
            and self.earliest <= other.latest
            and other.earliest <= self.latest
        )


def _accounts(store: Store) -> dict[str, _Account]:
    accounts: dict[str, _Account] = {}
    for row in store.query(_ACCOUNTS):
        event = row["event"].value
        if event in accounts:
            continue
        latest = date.fromisoformat(row["latest"].value) if row["latest"] else date.max
        earliest = date.fromisoformat(row["earliest"].value) if row["earliest"] else None
        if earliest is None:
            earliest = latest - _UNDATED_WINDOW if latest != date.max else date.min
        target = row["target"].value if row["target"] else ""
        accounts[event] = _Account(event, row["type"].value, target, row["article"].value, earliest, latest)
    return accounts


def link_incidents(store: Store, minter: Minter) -> int:
    """Rewrite the incidents graph from the accounts in STORE; returns the number of incidents."""
    accounts = sorted(_accounts(store).values(), key=lambda a: (a.earliest, a.event))
    groups: list[list[_Account]] = []
    by_target: dict[str, list[list[_Account]]] = {}
    for account in accounts:
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
    graph = NamedNode(str(minter.incidents_graph))
    quads: list[Quad] = []
    report = NamedNode(str(KGO.report))
    for group in groups:
        first = min(member.event for member in group)
        node = NamedNode(str(minter.incident(first)))
        quads.append(Quad(node, RDF_TYPE, NamedNode(str(KGO.Incident)), graph))
        quads.append(Quad(node, RDFS_LABEL, Literal(f"incident reported by {len(group)} article(s)"), graph))
        quads.extend(Quad(node, report, NamedNode(member.event), graph) for member in group)
    replace_graph(store, graph, quads)
    return len(groups)
