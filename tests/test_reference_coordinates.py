"""Every base, site and town with coordinates says where they come from (issue 15: the map and exports
join on latitude / longitude, so a point must be traceable to a public record).

The source and the day it was checked are data (ontology/reference/coordinates.ttl). The two lists
below name what is not yet sourced; they may only shrink: a new place comes with its source.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from kg import resources
from kg.namespaces import KGO
from kg.reference import SITE_KINDS, reference_entities
from tests.test_reference_places import BOXES, NO_POSITION, _country, _points

GEO = "http://www.opengis.net/ont/geosparql#"
KGR = "https://w3id.org/conflict-kg/id/"

# Towns whose point is an approximation no public record could confirm (searched 2026-12-05: no
# encyclopedia article or gazetteer copy with coordinates; Zirgwez is placed only by news reports).
UNSOURCED_TOWNS = {"al-mutaibijah", "al-shuhayl", "al-udhaim", "zirgwez"}
# Bases and facilities with a point that has no source: none; a new site without a source fails the test
# below (sites without any position are in NO_POSITION, each with an skos:editorialNote saying why).
UNSOURCED_SITES: set[str] = set()
PRECISIONS = {"site", "town", "area"}


@cache
def _graph() -> Graph:
    graph = Graph()
    for path in resources.reference_files():
        graph.parse(path, format="turtle")
    return graph


def _geometry(slug: str) -> URIRef | None:
    value = _graph().value(URIRef(KGR + slug), URIRef(GEO + "hasGeometry"))
    return value if isinstance(value, URIRef) else None


def _sourced(slug: str) -> bool:
    geometry = _geometry(slug)
    return geometry is not None and (geometry, DCTERMS.source, None) in _graph()


def _slugs(*kinds: str) -> set[str]:
    return {e.iri.removeprefix(KGR) for e in reference_entities() if e.place_kind in kinds}


def test_every_base_and_site_has_coordinates_with_a_source_unless_listed() -> None:
    sites = _slugs(*SITE_KINDS)
    unsourced = {s for s in sites if not _sourced(s)}
    assert unsourced == (UNSOURCED_SITES | NO_POSITION) & sites


def test_every_town_has_coordinates_with_a_source_unless_listed() -> None:
    towns = _slugs("City")
    unsourced = {s for s in towns if not _sourced(s)}
    assert unsourced == (UNSOURCED_TOWNS | NO_POSITION) & towns


def test_every_source_says_when_it_was_checked() -> None:
    for geometry, _ in _graph().subject_objects(DCTERMS.source):
        checked = _graph().value(geometry, KGO.checkedOn)
        assert isinstance(checked, Literal), geometry
        assert checked.datatype == XSD.date, geometry
        assert date.fromisoformat(str(checked)) <= date.today()


def test_every_sourced_point_says_what_it_locates() -> None:
    """A base placed at its town's point must not pass for the base itself (exports' geo_precision)."""
    for geometry, _ in _graph().subject_objects(DCTERMS.source):
        precisions = [str(p) for p in _graph().objects(geometry, KGO.positionPrecision)]
        assert len(precisions) == 1 and precisions[0] in PRECISIONS, geometry


def test_a_town_point_is_never_more_precise_than_a_town() -> None:
    entities = {e.iri: e for e in reference_entities()}
    for place, geometry in _graph().subject_objects(URIRef(GEO + "hasGeometry")):
        precision = _graph().value(geometry, KGO.positionPrecision)
        entity = entities.get(str(place))
        if precision is not None and entity is not None and entity.place_kind == "City":
            assert str(precision) == "town", place


def test_every_site_without_a_position_says_why() -> None:
    for slug in NO_POSITION:
        assert _geometry(slug) is None, slug
        note = _graph().value(URIRef(KGR + slug), SKOS.editorialNote)
        assert isinstance(note, Literal) and str(note).startswith("No position:"), slug


def test_sourced_points_lie_inside_their_country() -> None:
    entities = {e.iri: e for e in reference_entities()}
    for iri, (lon, lat) in _points().items():
        if iri not in entities or not _sourced(iri.removeprefix(KGR)):
            continue
        country = _country(entities[iri])
        assert country is not None, iri
        west, south, east, north = BOXES[country]
        assert west <= lon <= east and south <= lat <= north, f"{iri} is not in {country}"


def test_a_geonames_match_and_the_coordinates_source_name_the_same_feature() -> None:
    """The town's skos:exactMatch and its point's source must not drift apart."""
    pattern = re.compile(r"^https://sws\.geonames\.org/(\d+)/$")
    matched = 0
    for place, match in _graph().subject_objects(SKOS.exactMatch):
        found = pattern.match(str(match))
        if not found:
            continue
        matched += 1
        geometry = _geometry(str(place).removeprefix(KGR))
        sources = {str(s) for s in _graph().objects(geometry, DCTERMS.source)}
        assert f"https://www.geonames.org/{found[1]}" in sources, place
    assert matched >= 40


def test_the_listed_gaps_are_real_places() -> None:
    known = _slugs(*SITE_KINDS, "City")
    assert known >= (UNSOURCED_SITES | UNSOURCED_TOWNS)
