"""The curated reference data (gazetteer) as plain records: labels, types and links of each entity.

The extractor's entity patterns are generated from these records, so an alias added as one line of
Turtle in ``ontology/reference/*.ttl`` is matched on the next build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg import resources
from kg.errors import OntologyError
from kg.namespaces import KGO

ACTOR_KINDS = ("ArmedGroup", "State", "MilitaryBody", "GovernmentBody", "Organization", "Person")
PLACE_KINDS = ("MilitaryBase", "Facility", "City", "Province", "Region", "Country")
ORGANIZATION_KINDS = frozenset({"ArmedGroup", "MilitaryBody", "GovernmentBody", "Organization"})
SITE_KINDS = frozenset({"MilitaryBase", "Facility"})


@dataclass(frozen=True)
class RefEntity:
    """One curated actor, place or weapon."""

    iri: str
    label: str
    kinds: frozenset[str]
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    located_in: str | None = None

    @cached_property
    def actor_kind(self) -> str | None:
        return next((k for k in ACTOR_KINDS if k in self.kinds), None)

    @cached_property
    def place_kind(self) -> str | None:
        return next((k for k in PLACE_KINDS if k in self.kinds), None)


def _parse(files: Iterable[Path]) -> Graph:
    graph = Graph()
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as err:  # rdflib raises several unrelated types for bad Turtle
            raise OntologyError(f"{path}: not valid Turtle: {err}") from err
    return graph


def _entities(graph: Graph, classes: dict[URIRef, str]) -> list[RefEntity]:
    found: dict[URIRef, set[str]] = {}
    for cls, name in classes.items():
        for subject in graph.subjects(RDF.type, cls):
            if isinstance(subject, URIRef):
                found.setdefault(subject, set()).add(name)
    entities = []
    for subject, kinds in sorted(found.items()):
        label = graph.value(subject, SKOS.prefLabel)
        if label is None:
            raise OntologyError(f"{subject}: a reference entity needs a skos:prefLabel")
        located = graph.value(subject, KGO.locatedIn)
        entities.append(
            RefEntity(
                iri=str(subject),
                label=str(label),
                kinds=frozenset(kinds),
                alt_labels=tuple(sorted(str(x) for x in graph.objects(subject, SKOS.altLabel))),
                hidden_labels=tuple(sorted(str(x) for x in graph.objects(subject, SKOS.hiddenLabel))),
                located_in=str(located) if located else None,
            )
        )
    return entities


@cache
def reference_entities() -> tuple[RefEntity, ...]:
    """Every actor and place of the shipped reference data."""
    graph = _parse(resources.reference_files())
    return tuple(_entities(graph, {KGO[k]: k for k in (*ACTOR_KINDS, *PLACE_KINDS)}))


@cache
def weapon_concepts() -> tuple[RefEntity, ...]:
    """The weapon concepts of the controlled vocabulary, with their labels."""
    graph = _parse([resources.data_dir("ontology") / "vocab.ttl"])
    return tuple(_entities(graph, {KGO.Weapon: "Weapon"}))


@cache
def by_iri() -> dict[str, RefEntity]:
    return {e.iri: e for e in (*reference_entities(), *weapon_concepts())}
