"""The types kg's ontology implies, written into the data so that plain SPARQL finds them.

Oxigraph does no inference: without this, ``?e a kgo:Attack`` would miss every kgo:DroneAttack.
Every node kg writes gets, besides its own class, each kgo: class above it in the ontology's
rdfs:subClassOf hierarchy (a drone attack is also a kgo:Attack, a kgo:Event and a
kgo:ExtractedFact; a base is also a kgo:Place and a kgo:NamedEntity). The hierarchy is read from
``ontology/kg.ttl`` once per process: it is the only source of these types.

Only kg's own classes are added. The alignments to other vocabularies (sem:, schema:, prov:, geo:,
skos:) would multiply the type triples by three for no query kg ships; a reasoner given the
ontology graph derives them. A node's most specific class is the one none of its other classes
is a subclass of (:func:`most_specific`); queries that report a type pick it that way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache

from pyoxigraph import NamedNode, Quad, parse

from kg import resources
from kg.namespaces import KGO

_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_KGO = str(KGO)
VERSION = "1"  # part of the digest of the static graphs: a change here reloads them


@cache
def _parents() -> dict[str, frozenset[str]]:
    parents: dict[str, set[str]] = {}
    for path in resources.ontology_files():
        for t in parse(path=str(path)):
            subclass = t.predicate.value == _SUBCLASS and isinstance(t.subject, NamedNode)
            if subclass and isinstance(t.object, NamedNode):
                parents.setdefault(t.subject.value, set()).add(t.object.value)
    return {c: frozenset(p) for c, p in parents.items()}


@cache
def superclasses(cls: str) -> tuple[str, ...]:
    """The kgo: classes above CLS (an IRI), nearest first and then by IRI; CLS itself excluded."""
    parents = _parents()
    seen: dict[str, int] = {}
    frontier, depth = [cls], 0
    while frontier:
        depth += 1
        nxt = []
        for c in frontier:
            for p in sorted(parents.get(c, ())):
                if p not in seen and p != cls:
                    seen[p] = depth
                    nxt.append(p)
        frontier = nxt
    return tuple(sorted((c for c in seen if c.startswith(_KGO)), key=lambda c: (seen[c], c)))


def fingerprint() -> str:
    """What the types kg writes depend on: the class hierarchy and this module's version."""
    pairs = sorted((c, p) for c, ps in _parents().items() for p in ps)
    return f"{VERSION} " + hashlib.sha256(repr(pairs).encode()).hexdigest()[:12]


def types_of(cls: str) -> tuple[str, ...]:
    """CLS and the kgo: classes it implies: every rdf:type kg writes for a node of class CLS."""
    return (cls, *superclasses(cls))


def most_specific(classes: Iterable[str]) -> set[str]:
    """Of CLASSES (IRIs), those that no other of them is a subclass of."""
    given = set(classes)
    implied = {s for c in given for s in superclasses(c)}
    return given - implied


_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def completed(quads: list[Quad]) -> list[Quad]:
    """QUADS and what the ontology implies of them: the kgo: superclass types of each typed node,
    and an rdfs:label beside each skos:prefLabel (SKOS makes skos:prefLabel a subproperty of
    rdfs:label), so that one property names every node."""
    have = set(quads)
    labelled = {q.subject for q in quads if q.predicate.value == _LABEL}
    extra: list[Quad] = []
    for q in quads:
        if q.predicate.value == _TYPE and isinstance(q.object, NamedNode):
            for c in superclasses(q.object.value):
                extra.append(Quad(q.subject, q.predicate, NamedNode(c), q.graph_name))
        elif q.predicate.value == _PREF_LABEL and q.subject not in labelled:
            extra.append(Quad(q.subject, NamedNode(_LABEL), q.object, q.graph_name))
    out = list(quads)
    for q in extra:
        if q not in have:
            have.add(q)
            out.append(q)
    return out
