"""An article and what was extracted from it, as the quads of the article's named graph.

Pure: no store, no spaCy. The same input gives the same quads (no blank nodes, IRIs from
:class:`~kg.namespaces.Minter`), which keeps dumps diffable and rebuilds idempotent.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import namespace

from kg import namespaces
from kg.entailment import types_of
from kg.extract.model import Aggregate, Entity, Event, Evidence, Extraction, Relation
from kg.ingest import Article
from kg.namespaces import Minter
from kg.reference import PLACE_KINDS


class _Terms:
    """A namespace's terms as plain strings, each looked up once.

    rdflib's namespace classes validate every attribute access, and mapping 100k articles makes
    tens of millions of them. An unknown term still raises AttributeError, on first use.
    """

    def __init__(self, terms: Any) -> None:
        self._terms = terms

    def __getattr__(self, name: str) -> str:
        value = str(getattr(self._terms, name))
        setattr(self, name, value)
        return value

    def __call__(self, name: str) -> str:
        return getattr(self, name)  # type: ignore[no-any-return]


DCTERMS, PROV, RDF, RDFS = (
    _Terms(ns) for ns in (namespace.DCTERMS, namespace.PROV, namespace.RDF, namespace.RDFS)
)
SKOS, TIME, XSD = (_Terms(ns) for ns in (namespace.SKOS, namespace.TIME, namespace.XSD))
KGO, SCHEMA, kgo, kgv = (
    _Terms(ns) for ns in (namespaces.KGO, namespaces.SCHEMA, namespaces.KGO, namespaces.KGV)
)

_TYPE_LABEL = {
    "Attack": "attack",
    "DroneAttack": "drone attack",
    "RocketAttack": "rocket attack",
    "MortarAttack": "mortar attack",
    "MissileAttack": "missile attack",
    "Airstrike": "airstrike",
    "Interception": "interception",
    "Deployment": "deployment",
}
_PRECISION = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear}
_DATATYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


# Bounded: most IRIs are per article (events, mentions), and a worker maps 100k articles.
@lru_cache(maxsize=4096)
def _n(iri: str) -> NamedNode:
    return NamedNode(str(iri))


def _text(value: str) -> Literal:
    return Literal(value)


def _typed(value: object, datatype: str) -> Literal:
    return Literal(str(value), datatype=_n(datatype))


def _date(value: date) -> Literal:
    return _typed(value.isoformat(), XSD.date)


class _Writer:
    """Collects the quads of one article graph."""

    def __init__(self, article: Article, minter: Minter) -> None:
        self.article = article
        self.minter = minter
        self.graph = _n(minter.graph(article.id))
        self.article_iri = _n(minter.article(article.id))
        self.quads: list[Quad] = []
        self.minted: set[str] = set()

    def add(self, s: NamedNode, p: str, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, _n(p), o, self.graph))

    def typed(self, s: NamedNode, cls: str) -> None:
        """S is a CLS, and every kgo: class the ontology puts above it (see :mod:`kg.entailment`)."""
        for c in types_of(cls):
            self.add(s, RDF.type, _n(c))

    def entity(self, entity: Entity) -> NamedNode:
        if entity.iri:
            return _n(entity.iri)
        mint = self.minter.place if entity.kind in PLACE_KINDS else self.minter.actor
        node = _n(mint(entity.label))
        if node.value not in self.minted:
            self.minted.add(node.value)
            self.typed(node, kgo(entity.kind))
            self.add(node, SKOS.prefLabel, Literal(entity.label, language="en"))
            self.add(node, RDFS.label, Literal(entity.label, language="en"))
            self.add(node, KGO.inReferenceData, _typed("false", XSD.boolean))
        return node

    def evidence(self, subject: NamedNode, evidence: Evidence) -> None:
        """A mention of SUBJECT: the sentence, and the rule that read this fact from it."""
        fact = f"{subject.value} {evidence.rule}"
        node = _n(self.minter.mention(self.article.id, evidence.start, evidence.end, fact))
        self.add(subject, KGO.mention, node)
        self.typed(node, KGO.Mention)
        where = f"{self.article.source}, characters {evidence.start}-{evidence.end}"
        self.add(node, RDFS.label, Literal(f"mention in {where}", language="en"))
        self.add(node, KGO.article, self.article_iri)
        self.add(node, KGO.text, _text(evidence.text))
        self.add(node, KGO.start, _typed(evidence.start, XSD.nonNegativeInteger))
        self.add(node, KGO.end, _typed(evidence.end, XSD.nonNegativeInteger))
        self.add(node, KGO.rule, _text(evidence.rule))
        if evidence.matched:
            self.add(node, KGO.matched, _text(" | ".join(evidence.matched)))


def article_quads(article: Article, extraction: Extraction, minter: Minter, extractor: str) -> list[Quad]:
    """The quads of the named graph of ARTICLE; EXTRACTOR is the IRI of the extractor version."""
    w = _Writer(article, minter)
    _article(w, extractor)
    keys: set[str] = set()
    event_nodes: list[NamedNode] = []
    for event in extraction.events:
        key = _event_key(event)
        while key in keys:
            key += "+"
        keys.add(key)
        event_nodes.append(_n(minter.event(article.id, key)))
    for node, event in zip(event_nodes, extraction.events, strict=True):
        _event(w, node, event, extraction.events, event_nodes)
    for relation in extraction.relations:
        _relation(w, relation)
    for aggregate in extraction.aggregates:
        _aggregate(w, aggregate)
    return w.quads


def _article(w: _Writer, extractor: str) -> None:
    a, node = w.article, w.article_iri
    w.typed(node, KGO.Article)
    w.add(node, KGO.sourceFile, _text(a.source))
    w.add(node, KGO.contentHash, _text(a.content_hash))
    if a.title:
        w.add(node, DCTERMS.title, _text(a.title))
        w.add(node, RDFS.label, _text(a.title))
    if a.outlet:
        w.add(node, KGO.outlet, _text(a.outlet))
    if a.url:
        w.add(node, SCHEMA.url, _typed(a.url, XSD.anyURI))
    if a.published:
        w.add(node, DCTERMS.issued, _date(a.published))
        w.add(node, KGO.publicationDateBasis, _n(kgv(a.published_basis or "dateline")))
    w.add(w.graph, PROV.wasDerivedFrom, node)
    w.add(w.graph, PROV.wasAttributedTo, _n(extractor))


def _event_key(event: Event) -> str:
    places = sorted(e.iri or e.label for e in event.targets + event.target_actors + event.locations)
    when = event.date.value if event.date and event.date.value else ""
    return f"{event.kind}|{'/'.join(places)}|{when}|{event.weapon or ''}"


def _event_label(event: Event) -> str:
    what = _TYPE_LABEL.get(event.kind, event.kind)
    where = [e.label for e in event.targets or event.target_actors or event.locations]
    label = f"{what} on {' and '.join(where)}" if where else what
    if event.date and event.date.value:
        label += f" ({event.date.value})"
    return label


def _event(
    w: _Writer, node: NamedNode, event: Event, events: list[Event], event_nodes: list[NamedNode]
) -> None:
    w.typed(node, kgo(event.kind))
    w.add(node, RDFS.label, Literal(_event_label(event), language="en"))
    w.add(node, KGO.source, w.article_iri)
    for evidence in event.evidence:
        w.evidence(node, evidence)
    if event.kind == "Interception":
        for actor in event.interceptors:
            w.add(node, KGO.interceptor, w.entity(actor))
        if event.intercepts is not None and event.intercepts in events:
            w.add(node, KGO.intercepted, event_nodes[events.index(event.intercepts)])
        _date_quads(w, node, event)
        return
    roles: tuple[tuple[str, list[Entity]], ...] = (
        (KGO.targetPlace, event.targets),
        (KGO.targetActor, event.target_actors),
        (KGO.location, event.locations),
        (KGO.perpetrator, event.perpetrators),
        (KGO.claimedBy, event.claimants),
        (KGO.attributedTo, event.attributed_to),
        (KGO.victim, event.victims),
    )
    if event.kind == "Deployment":
        roles = ((KGO.location, event.locations), (KGO.participant, event.perpetrators))
    for prop, entities in roles:
        for entity in entities:
            w.add(node, prop, w.entity(entity))
    _date_quads(w, node, event)
    if event.kind == "Deployment":
        return
    w.add(node, KGO.claimKind, _n(kgv(event.claim_kind)))
    if event.weapon:
        w.add(node, KGO.weapon, _n(kgv(event.weapon)))
    for outcome in sorted(event.outcomes):
        w.add(node, KGO.outcome, _n(kgv(outcome)))
    if event.killed is not None:
        w.add(node, KGO.killed, _typed(event.killed, XSD.nonNegativeInteger))
    if event.injured is not None:
        w.add(node, KGO.injured, _typed(event.injured, XSD.nonNegativeInteger))
    for kind, actors, stated_by in (
        ("ClaimOfResponsibility", event.claimants, ()),
        ("Attribution", event.attributed_to, event.attributed_by),
    ):
        if not actors:
            continue
        statement = _n(w.minter.statement(w.article.id, f"{kind}|{node.value}"))
        w.typed(statement, kgo(kind))
        what = "claim of responsibility for" if kind == "ClaimOfResponsibility" else "attribution of"
        w.add(statement, RDFS.label, Literal(f"{what} {_event_label(event)}", language="en"))
        w.add(statement, KGO.about, node)
        w.add(statement, KGO.source, w.article_iri)
        for actor in actors:
            w.add(statement, KGO.claimant, w.entity(actor))
        for speaker in stated_by:
            w.add(statement, KGO.statedBy, w.entity(speaker))
        w.evidence(statement, event.evidence[0])


def _date_quads(w: _Writer, node: NamedNode, event: Event) -> None:
    when = event.date
    if when is None:
        return
    if when.value and when.precision:
        w.add(node, KGO.date, _typed(when.value, _DATATYPE[when.precision]))
        w.add(node, KGO.datePrecision, _n(_PRECISION[when.precision]))
    if when.earliest:
        w.add(node, KGO.earliestDate, _date(when.earliest))
    if when.latest:
        w.add(node, KGO.latestDate, _date(when.latest))
    w.add(node, KGO.dateBasis, _n(kgv(when.basis)))
    if when.expression:
        w.add(node, KGO.dateExpression, _text(when.expression))


def _relation(w: _Writer, relation: Relation) -> None:
    subject, obj = w.entity(relation.subject), w.entity(relation.object)
    predicate = kgo(relation.predicate)
    w.add(subject, predicate, obj)
    key = f"{subject.value}|{relation.predicate}|{obj.value}|{relation.evidence.start}"
    node = _n(w.minter.relation(w.article.id, key))
    w.typed(node, KGO.ActorRelation)
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", relation.predicate).lower()
    label = f"{relation.subject.label} {words} {relation.object.label}"
    w.add(node, RDFS.label, Literal(label, language="en"))
    w.add(node, RDF.subject, subject)
    w.add(node, RDF.predicate, _n(predicate))
    w.add(node, RDF.object, obj)
    w.add(node, KGO.source, w.article_iri)
    w.evidence(node, relation.evidence)


def _aggregate(w: _Writer, aggregate: Aggregate) -> None:
    ev = aggregate.evidence
    node = _n(w.minter.statement(w.article.id, f"aggregate|{ev.start}|{aggregate.count}"))
    w.typed(node, KGO.AggregateStatement)
    w.add(node, RDFS.label, Literal(f"{aggregate.count} attacks", language="en"))
    w.add(node, KGO.count, _typed(aggregate.count, XSD.nonNegativeInteger))
    w.add(node, KGO.source, w.article_iri)
    for speaker in aggregate.stated_by:
        w.add(node, KGO.statedBy, w.entity(speaker))
    for place in aggregate.places:
        w.add(node, KGO.location, w.entity(place))
    w.evidence(node, ev)
