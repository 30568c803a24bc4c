"""The curated places: how they nest, and that their coordinates are where their country is.

A point outside its country's box is almost always latitude and longitude swapped (WKT puts
longitude first) or a sign or digit slip, which would draw a base in the wrong country.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg import resources
from kg.namespaces import KGO
from kg.reference import SITE_KINDS, RefEntity, by_iri, reference_entities

GEO = "http://www.opengis.net/ont/geosparql#"
KGR = "https://w3id.org/conflict-kg/id/"
_POINT = re.compile(r"^POINT\((-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)\)$")

# (west, south, east, north) of each country, rounded outwards to a tenth of a degree
BOXES = {
    "iraq": (38.7, 29.0, 48.7, 37.4),
    "syria": (35.6, 32.3, 42.4, 37.4),
    "jordan": (34.9, 29.1, 39.4, 33.4),
    "iran": (44.0, 25.0, 63.4, 39.8),
    "israel": (34.2, 29.4, 35.9, 33.4),
    "lebanon": (35.1, 33.0, 36.7, 34.7),
    "yemen": (42.5, 12.1, 54.6, 19.0),
    "turkey": (25.6, 35.8, 44.8, 42.1),
    "kuwait": (46.5, 28.5, 48.5, 30.2),
    "qatar": (50.7, 24.4, 51.7, 26.2),
    "saudi-arabia": (34.4, 16.3, 55.7, 32.2),
}

# Sites and towns without a position: no public record read gives one that could be checked (each has an
# skos:editorialNote in ontology/reference/coordinates.ttl saying what was found).
NO_POSITION = {
    "akashat",
    "mazloum",
    "camp-besmaya",
    "union-iii",
    "baghdad-diplomatic-support-center",
    "us-consulate-erbil",
    "green-village",
    "kharab-al-jir",
    "tal-baydar",
    "qasrak",
    "lafarge-cement-plant",
    "mss-euphrates",
    "imam-ali-base",
    # added by the gazetteer audit of issue 13, by name only
    "deir-ez-zor-airport",
    "ghwayran-prison",
    "camp-buehring",
    "camp-arifjan",
    "ali-al-salem",
    "al-udeid",
    "prince-sultan-air-base",
    "mosul-dam",
    "haditha-dam",
    "anah",
    "rawa",
    "nukhaib",
    "umm-qasr",
    "sadr-city",
    "ankawa",
    "tal-abyad",
    "ras-al-ain",
    "khor-mor",
}


@cache
def _points() -> dict[str, tuple[float, float]]:
    """(longitude, latitude) of every place with a geometry, by IRI."""
    graph = Graph()
    for path in resources.reference_files():
        graph.parse(path, format="turtle")
    points = {}
    for place, geometry in graph.subject_objects(URIRef(GEO + "hasGeometry")):
        wkt = graph.value(geometry, URIRef(GEO + "asWKT"))
        match = _POINT.match(str(wkt))
        assert match, f"{place}: {wkt!r} is not a WKT point"
        points[str(place)] = (float(match[1]), float(match[2]))
    return points


def _country(entity: RefEntity) -> str | None:
    """The slug of the country ENTITY lies in, following kgo:locatedIn upwards."""
    seen: set[str] = set()
    current: RefEntity | None = entity
    while current is not None and current.iri not in seen:
        if "Country" in current.kinds:
            return current.iri.removeprefix(KGR)
        seen.add(current.iri)
        current = by_iri().get(current.located_in) if current.located_in else None
    return None


def _places(*kinds: str) -> list[RefEntity]:
    return [e for e in reference_entities() if e.place_kind in kinds]


def test_every_point_lies_inside_its_country() -> None:
    outside = []
    for entity in _places("MilitaryBase", "Facility", "City", "Province", "Region"):
        point = _points().get(entity.iri)
        country = _country(entity)
        if point is None or country is None:
            continue
        west, south, east, north = BOXES[country]
        lon, lat = point
        if not (west <= lon <= east and south <= lat <= north):
            outside.append(f"{entity.iri.removeprefix(KGR)}: POINT({lon} {lat}) is not in {country}")
    assert outside == []


def test_every_base_town_and_province_has_coordinates_unless_listed() -> None:
    kinds = (*SITE_KINDS, "City", "Province")
    missing = {e.iri.removeprefix(KGR) for e in _places(*kinds) if e.iri not in _points()}
    assert missing == NO_POSITION


def test_every_base_town_and_province_nests_in_a_country() -> None:
    kinds = (*SITE_KINDS, "City", "Province")
    assert [e.iri for e in _places(*kinds) if _country(e) is None] == []


def test_every_country_with_places_has_a_box() -> None:
    countries = {_country(e) for e in _places("MilitaryBase", "Facility", "City")} - {None}
    assert countries <= set(BOXES)


@pytest.mark.parametrize(
    ("wkt", "inside"),
    [("POINT(42.44 33.79)", True), ("POINT(33.79 42.44)", False)],
    ids=["lon-lat", "swapped"],
)
def test_the_box_check_catches_a_swapped_point(wkt: str, inside: bool) -> None:
    match = _POINT.match(wkt)
    assert match
    lon, lat = float(match[1]), float(match[2])
    west, south, east, north = BOXES["iraq"]
    assert (west <= lon <= east and south <= lat <= north) is inside


def test_places_are_typed_once_in_the_ontology_namespace() -> None:
    graph = Graph()
    for path in resources.reference_files():
        graph.parse(path, format="turtle")
    with_geometry = set(graph.subjects(URIRef(GEO + "hasGeometry"), None))
    place_kinds = {KGO[k] for k in ("MilitaryBase", "Facility", "City", "Province", "Region", "Country")}
    untyped = [s for s in with_geometry if not set(graph.objects(s, RDF.type)) & place_kinds]
    assert untyped == []
