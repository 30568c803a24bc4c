"""What changed between two builds: added, removed and changed events and relations, and tombstones.

An event is known by its IRI, which depends on the article and on what was read from it (type,
places, date, weapon; see ``kg.mapping``), so an article rebuilt with the same reading keeps its
event IRIs. A *changed* event is one whose facts differ (casualty figures, perpetrators,
outcomes...) or whose sentences read differently; character offsets alone do not count, so an
edit elsewhere in the article changes nothing. A relation is known by what it says (article,
subject, predicate, object).

A removed event can leave a tombstone in the newer store (``<base>graph/_tombstones``):
``prov:invalidatedAtTime`` and, when a new event of the same article was read from the same
sentence or from an edit of it (the event was re-read or merged), ``dcterms:isReplacedBy``.
Downstream copies follow those instead of silently losing the IRI.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import IO, Any

from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, Store

from kg.errors import KgError
from kg.loader import rdf_format_of, read_rdf
from kg.namespaces import DEFAULT_BASE, PREFIXES, Minter
from kg.sparql import short
from kg.store import open_store

_KGO = PREFIXES["kgo"]
_PROV = PREFIXES["prov"]
_DCTERMS = PREFIXES["dcterms"]
_RDFS_LABEL = PREFIXES["rdfs"] + "label"
_XSD_DATETIME = PREFIXES["xsd"] + "dateTime"
EVENT_CLASSES = (
    "Attack",
    "DroneAttack",
    "RocketAttack",
    "MortarAttack",
    "MissileAttack",
    "Airstrike",
    "Interception",
    "Deployment",
)
_PREFIX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


class DiffError(KgError):
    """A side of a diff cannot be read."""


@dataclass(frozen=True)
class EventState:
    """One event as a build has it."""

    iri: str
    article: str
    label: str
    facts: frozenset[tuple[str, str]]  # (predicate IRI, object in N-Triples), mentions left out
    evidence: frozenset[str]  # the sentences it was read from


@dataclass(frozen=True)
class PropertyChange:
    """The values of one property of a changed event, before and after."""

    property: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class EventChange:
    """An event in both builds whose facts or sentences differ."""

    iri: str
    label: str
    changes: tuple[PropertyChange, ...]
    evidence_removed: tuple[str, ...]
    evidence_added: tuple[str, ...]


@dataclass(frozen=True, order=True)
class RelationFact:
    """What one article says about two actors."""

    article: str
    subject: str
    predicate: str
    object: str


@dataclass
class Diff:
    """The differences between an OLD and a NEW build."""

    articles_added: list[str] = field(default_factory=list)
    articles_removed: list[str] = field(default_factory=list)
    articles_changed: list[str] = field(default_factory=list)
    events_added: list[EventState] = field(default_factory=list)
    events_removed: list[EventState] = field(default_factory=list)
    events_changed: list[EventChange] = field(default_factory=list)
    relations_added: list[RelationFact] = field(default_factory=list)
    relations_removed: list[RelationFact] = field(default_factory=list)
    replaced_by: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (
            self.articles_added
            or self.articles_removed
            or self.articles_changed
            or self.events_added
            or self.events_removed
            or self.events_changed
            or self.relations_added
            or self.relations_removed
        )


# ---------------------------------------------------------------- reading a side


def open_side(path: Path, *, writable: bool = False) -> Store:
    """A store directory as it is, or a dump file (any RDF syntax, gzip too) read into memory."""
    if path.is_dir():
        return open_store(path, read_only=not writable, create=False)
    if writable:
        raise DiffError(
            f"{path}: tombstones can only be written into a store directory, not into a dump file"
        )
    if not path.exists():
        raise DiffError(f"{path}: no such store directory or dump file")
    store = Store()
    store.extend(read_rdf(path, rdf_format_of(path)))
    return store


def _select(store: Store, query: str) -> QuerySolutions:
    result = store.query(_PREFIX + query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions), "a SELECT query"
    return result


def read_events(store: Store) -> dict[str, EventState]:
    """Every event of STORE (attacks, interceptions, deployments) with its facts and sentences."""
    classes = " ".join(f"kgo:{c}" for c in EVENT_CLASSES)
    facts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    articles: dict[str, str] = {}
    labels: dict[str, str] = {}
    for row in _select(
        store,
        f"SELECT DISTINCT ?e ?p ?o WHERE {{ ?e a ?c ; kgo:source ?a . VALUES ?c {{ {classes} }} ?e ?p ?o }}",
    ):
        e, p, o = row["e"].value, row["p"].value, row["o"]
        if p == _KGO + "mention":
            continue
        facts[e].add((p, str(o)))
        if p == _KGO + "source":
            articles[e] = o.value
        elif p == _RDFS_LABEL:
            labels[e] = o.value
    evidence: dict[str, set[str]] = defaultdict(set)
    for row in _select(
        store,
        f"SELECT DISTINCT ?e ?t WHERE {{ ?e a ?c ; kgo:mention ?m . VALUES ?c {{ {classes} }} "
        "?m kgo:text ?t }",
    ):
        evidence[row["e"].value].add(row["t"].value)
    return {
        e: EventState(e, articles.get(e, ""), labels.get(e, ""), frozenset(f), frozenset(evidence[e]))
        for e, f in facts.items()
    }


def read_relations(store: Store) -> set[RelationFact]:
    rows = _select(
        store,
        "SELECT DISTINCT ?a ?s ?p ?o WHERE { ?r a kgo:ActorRelation ; rdf:subject ?s ; rdf:predicate ?p ; "
        "rdf:object ?o ; kgo:source ?a }",
    )
    return {RelationFact(row["a"].value, row["s"].value, row["p"].value, row["o"].value) for row in rows}


def read_articles(store: Store) -> dict[str, str]:
    rows = _select(store, "SELECT ?a ?h WHERE { ?a a kgo:Article ; kgo:contentHash ?h }")
    return {row["a"].value: row["h"].value for row in rows}


# ---------------------------------------------------------------- comparing


def diff_stores(old: Store, new: Store) -> Diff:
    """What changed from the build in OLD to the build in NEW."""
    result = Diff()
    old_articles, new_articles = read_articles(old), read_articles(new)
    result.articles_added = sorted(new_articles.keys() - old_articles.keys())
    result.articles_removed = sorted(old_articles.keys() - new_articles.keys())
    result.articles_changed = sorted(
        a for a in old_articles.keys() & new_articles.keys() if old_articles[a] != new_articles[a]
    )
    old_events, new_events = read_events(old), read_events(new)
    result.events_added = [new_events[e] for e in sorted(new_events.keys() - old_events.keys())]
    result.events_removed = [old_events[e] for e in sorted(old_events.keys() - new_events.keys())]
    for iri in sorted(old_events.keys() & new_events.keys()):
        change = _compare(old_events[iri], new_events[iri])
        if change is not None:
            result.events_changed.append(change)
    old_relations, new_relations = read_relations(old), read_relations(new)
    result.relations_added = sorted(new_relations - old_relations)
    result.relations_removed = sorted(old_relations - new_relations)
    result.replaced_by = find_replacements(result.events_removed, result.events_added)
    return result


def _compare(old: EventState, new: EventState) -> EventChange | None:
    if old.facts == new.facts and old.evidence == new.evidence:
        return None
    before: dict[str, set[str]] = defaultdict(set)
    after: dict[str, set[str]] = defaultdict(set)
    for p, o in old.facts - new.facts:
        before[p].add(o)
    for p, o in new.facts - old.facts:
        after[p].add(o)
    changes = tuple(
        PropertyChange(p, tuple(sorted(before[p])), tuple(sorted(after[p])))
        for p in sorted(before.keys() | after.keys())
    )
    return EventChange(
        new.iri,
        new.label,
        changes,
        tuple(sorted(old.evidence - new.evidence)),
        tuple(sorted(new.evidence - old.evidence)),
    )


def find_replacements(removed: Iterable[EventState], added: Iterable[EventState]) -> dict[str, str]:
    """Removed event -> the added event of the same article read from the same (or an edited) sentence."""
    by_article: dict[str, list[EventState]] = defaultdict(list)
    for event in added:
        by_article[event.article].append(event)
    replaced = {}
    for event in removed:
        scored = [(_kinship(event, other), other.iri) for other in by_article.get(event.article, [])]
        scored = [s for s in scored if s[0] >= SAME_SENTENCE]
        if scored:
            replaced[event.iri] = min(scored, key=lambda s: (-s[0], s[1]))[1]
    return replaced


# How alike two sentences must be (difflib ratio) to count as one sentence, edited.
SAME_SENTENCE = 0.8


def _kinship(old: EventState, new: EventState) -> float:
    """How alike the sentences of two events are: 1.0 when they share one, else the best ratio."""
    if old.evidence & new.evidence:
        return 1.0 + len(old.evidence & new.evidence)
    return max((SequenceMatcher(None, a, b).ratio() for a in old.evidence for b in new.evidence), default=0.0)


# ---------------------------------------------------------------- tombstones


def tombstones_graph(base: str = DEFAULT_BASE) -> str:
    """The graph of tombstones of removed events.

    >>> tombstones_graph("https://example.org/kg/")
    'https://example.org/kg/graph/_tombstones'
    """
    return f"{base}graph/_tombstones"


def _built_at(store: Store, base: str) -> dict[str, str]:
    """Per article IRI: when its graph was last built (from the build-provenance graph)."""
    meta = Minter(base).meta_graph
    rows = _select(
        store,
        "SELECT ?a ?t WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?a } "
        f"GRAPH <{meta}> {{ ?g prov:generatedAtTime ?t }} }}",
    )
    return {row["a"].value: row["t"].value for row in rows}


def write_tombstones(
    store: Store, diff: Diff, *, base: str = DEFAULT_BASE, now: datetime | None = None
) -> int:
    """Record the events DIFF removed as tombstones in STORE (the newer build); returns how many.

    The time of a tombstone is when the newer build rebuilt the event's article (else NOW). A
    tombstone of an event that is back in STORE is removed.
    """
    graph = NamedNode(tombstones_graph(base))
    built = _built_at(store, base)
    fallback = max(built.values(), default=None) or (now or datetime.now(UTC)).isoformat(timespec="seconds")
    current = read_events(store)
    for quad in list(store.quads_for_pattern(None, None, None, graph)):
        if isinstance(quad.subject, NamedNode) and quad.subject.value in current:
            store.remove(quad)
    quads = []
    for event in diff.events_removed:
        node = NamedNode(event.iri)
        for quad in list(store.quads_for_pattern(node, None, None, graph)):
            store.remove(quad)
        when = Literal(built.get(event.article, fallback), datatype=NamedNode(_XSD_DATETIME))
        quads += [
            Quad(node, NamedNode(PREFIXES["rdf"] + "type"), NamedNode(_PROV + "Entity"), graph),
            Quad(node, NamedNode(_PROV + "invalidatedAtTime"), when, graph),
            Quad(node, NamedNode(_RDFS_LABEL), Literal(event.label, language="en"), graph),
            Quad(node, NamedNode(_DCTERMS + "source"), NamedNode(event.article), graph),
        ]
        if event.iri in diff.replaced_by:
            quads.append(
                Quad(
                    node, NamedNode(_DCTERMS + "isReplacedBy"), NamedNode(diff.replaced_by[event.iri]), graph
                )
            )
    store.extend(quads)
    return len(diff.events_removed)


# ---------------------------------------------------------------- reports


def _value(text: str) -> str:
    """A readable form of an N-Triples term: prefixed IRIs, bare literal values."""
    if text.startswith("<") and text.endswith(">"):
        return short(NamedNode(text[1:-1]))
    if text.startswith('"'):
        end = text.rfind('"')
        return json.loads(text[: end + 1]) if end > 0 else text
    return text


def to_json(diff: Diff) -> dict[str, Any]:
    """DIFF as plain data (``kg diff --format json``)."""
    return {
        "articles": {
            "added": diff.articles_added,
            "removed": diff.articles_removed,
            "changed": diff.articles_changed,
        },
        "events": {
            "added": [{"iri": e.iri, "label": e.label, "article": e.article} for e in diff.events_added],
            "removed": [
                {
                    "iri": e.iri,
                    "label": e.label,
                    "article": e.article,
                    "replaced_by": diff.replaced_by.get(e.iri),
                }
                for e in diff.events_removed
            ],
            "changed": [
                {
                    "iri": c.iri,
                    "label": c.label,
                    "changes": [
                        {
                            "property": short(NamedNode(p.property)),
                            "old": [_value(v) for v in p.old],
                            "new": [_value(v) for v in p.new],
                        }
                        for p in c.changes
                    ],
                    "evidence": {"removed": list(c.evidence_removed), "added": list(c.evidence_added)},
                }
                for c in diff.events_changed
            ],
        },
        "relations": {
            "added": [vars(r) for r in diff.relations_added],
            "removed": [vars(r) for r in diff.relations_removed],
        },
    }


def write_text(diff: Diff, output: IO[str]) -> None:
    """A readable report: counts, then one block per added, removed or changed item."""

    def line(text: str = "") -> None:
        output.write(text + "\n")

    line(
        f"articles: {len(diff.articles_added)} added, {len(diff.articles_removed)} removed, "
        f"{len(diff.articles_changed)} changed"
    )
    line(
        f"events: {len(diff.events_added)} added, {len(diff.events_removed)} removed, "
        f"{len(diff.events_changed)} changed"
    )
    line(f"relations: {len(diff.relations_added)} added, {len(diff.relations_removed)} removed")
    for sign, items in (
        ("+", diff.articles_added),
        ("-", diff.articles_removed),
        ("~", diff.articles_changed),
    ):
        for article in items:
            line(f"{sign} article {short(NamedNode(article))}")
    for e in diff.events_added:
        line(f"+ event {short(NamedNode(e.iri))}  {e.label}")
    for e in diff.events_removed:
        replaced = diff.replaced_by.get(e.iri)
        suffix = f"  (replaced by {short(NamedNode(replaced))})" if replaced else ""
        line(f"- event {short(NamedNode(e.iri))}  {e.label}{suffix}")
    for c in diff.events_changed:
        line(f"~ event {short(NamedNode(c.iri))}  {c.label}")
        for p in c.changes:
            old = ", ".join(_value(v) for v in p.old) or "(none)"
            new = ", ".join(_value(v) for v in p.new) or "(none)"
            line(f"    {short(NamedNode(p.property))}: {old} -> {new}")
        for text in c.evidence_removed:
            line(f"    - sentence: {text}")
        for text in c.evidence_added:
            line(f"    + sentence: {text}")
    for sign, relations in (("+", diff.relations_added), ("-", diff.relations_removed)):
        for r in relations:
            line(
                f"{sign} relation {short(NamedNode(r.subject))} {short(NamedNode(r.predicate))} "
                f"{short(NamedNode(r.object))}  ({short(NamedNode(r.article))})"
            )
