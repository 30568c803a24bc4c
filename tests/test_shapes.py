"""Every shape of shapes/ has a conforming and a violating fixture, and pySHACL agrees on each.

The conforming fixture is the graph kg.mapping makes of tests/validate_fixtures.py (every class of
instance data, plus the ontology and reference data). Each ``tests/data/shapes/invalid_*.ru`` is a
SPARQL Update that breaks it; its ``# expect:`` lines name the shapes that must then report new
results, and no other shape may.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, Store
from validate_fixtures import EXPECTED_WARNINGS, fixture_store

from kg import resources
from kg.namespaces import PREFIXES
from kg.validate import load_shapes, validate_store
from kg.validate.compile import target_pattern
from kg.validate.reference import pyshacl_validate, store_to_ntriples
from kg.validate.shapes import SH, VIOLATION, Shape, ShapesGraph, sh, shapes_files

CASES = sorted((Path(__file__).parent / "data" / "shapes").glob("invalid_*.ru"))
KGSH = "https://w3id.org/conflict-kg/shapes#"
PROLOGUE = "".join(
    f"PREFIX {p}: <{ns}>\n"
    for p, ns in {**PREFIXES, "sh": SH, "geo": "http://www.opengis.net/ont/geosparql#"}.items()
)


@pytest.fixture(scope="module")
def shapes() -> ShapesGraph:
    return load_shapes()


@pytest.fixture(scope="module")
def quads() -> list[Quad]:
    """The fixture graph, in the default graph so that updates need no GRAPH clauses."""
    return [Quad(q.subject, q.predicate, q.object) for q in fixture_store()]


def _store(quads: list[Quad]) -> Store:
    store = Store()
    store.extend(quads)
    return store


def named_shapes(shapes: ShapesGraph) -> list[Shape]:
    """The shapes with targets and the named property shapes under them that have constraints of their own."""
    found = []
    for root in shapes.roots:
        found.append(root)
        found += [c.value for c in root.constraints if c.name == "property" and isinstance(c.value, Shape)]
    return [
        s for s in found if isinstance(s.node, NamedNode) and any(c.name != "property" for c in s.constraints)
    ]


def test_the_fixture_conforms_with_only_the_expected_warning(shapes: ShapesGraph, quads: list[Quad]) -> None:
    report = validate_store(_store(quads), shapes)
    assert report.conforms
    assert {(r.shape.value, r.focus) for r in report.results} == {
        (shape, NamedNode(str(focus))) for shape, focus in EXPECTED_WARNINGS
    }


def test_the_fixture_gives_every_shape_focus_nodes(shapes: ShapesGraph, quads: list[Quad]) -> None:
    store = _store(quads)
    idle = []
    for root in shapes.roots:
        query = f"ASK {{ {target_pattern(root)('?x')} }}"
        if not store.query(query, use_default_graph_as_union=True):
            idle.append(root.name)
    assert idle == []


def test_every_shape_has_a_violating_case(shapes: ShapesGraph) -> None:
    expected = {e for case in CASES for e in _expect(case)}
    missing = sorted(s.name.removeprefix(KGSH) for s in named_shapes(shapes) if s.name not in expected)
    assert missing == []
    names = {s.name for s in named_shapes(shapes)}
    assert {KGSH + c.stem.removeprefix("invalid_") for c in CASES} <= names


def _expect(case: Path) -> set[str]:
    return {KGSH + m for m in re.findall(r"^# expect: kgsh:(\S+)$", case.read_text(), re.M)}


@pytest.mark.parametrize("case", CASES, ids=[c.stem.removeprefix("invalid_") for c in CASES])
def test_a_broken_fixture_breaks_exactly_its_shapes(
    shapes: ShapesGraph, quads: list[Quad], case: Path
) -> None:
    store = _store(quads)
    before = validate_store(store, shapes, describe=False).keys()
    store.update(PROLOGUE + case.read_text())
    report = validate_store(store, shapes, describe=False)
    new = [r for r in report.results if r.key() not in before]
    assert {r.shape.value for r in new} == _expect(case)
    # the same graph through pySHACL gives exactly the same results
    conforms, theirs = pyshacl_validate(store_to_ntriples(store), shapes_files(resources.shapes_dir()))
    assert sorted(theirs) == sorted(r.key() for r in report.results)
    assert conforms == report.conforms


def test_every_constraint_has_a_message_and_a_severity(shapes: ShapesGraph) -> None:
    declared = {s for s, p, _ in shapes.triples if p == sh("severity")}
    lacking = [s.name for s in named_shapes(shapes) if not s.messages or s.node not in declared]
    assert lacking == []


def _in_list(shapes: ShapesGraph, name: str) -> set[str]:
    shape = shapes.shapes[NamedNode(KGSH + name)]
    members = next(c.value for c in shape.constraints if c.name == "in")
    assert isinstance(members, tuple)
    return {m.value for m in members}


def _ontology() -> Store:
    store = Store()
    for path in resources.ontology_files():
        store.bulk_load(path=str(path), format=RdfFormat.TURTLE)
    return store


@pytest.mark.parametrize(
    ("shape", "query"),
    [
        ("Attack-weapon", "SELECT ?x { ?x skos:inScheme kgv:weapons }"),
        ("Attack-outcome", "SELECT ?x { ?x skos:inScheme kgv:outcomes }"),
        ("Attack-claimKind", "SELECT ?x { ?x skos:inScheme kgv:claimKinds }"),
        (
            "Event-dateBasis",
            "SELECT ?x { ?x skos:inScheme kgv:dateBases FILTER(?x NOT IN (kgv:metadata, kgv:dateline)) }",
        ),
        (
            "Article-publicationDateBasis",
            "SELECT ?x { VALUES ?x { kgv:metadata kgv:dateline } ?x a kgo:DateBasis }",
        ),
        (
            "Attack-type",
            "SELECT ?x { { ?x rdfs:subClassOf* kgo:Attack } UNION "
            "{ kgo:Attack rdfs:subClassOf+ ?x FILTER(STRSTARTS(STR(?x), STR(kgo:))) } }",
        ),
    ],
)
def test_controlled_lists_match_the_vocabularies(shapes: ShapesGraph, shape: str, query: str) -> None:
    rows = _ontology().query(PROLOGUE + query)
    assert _in_list(shapes, shape) == {row["x"].value for row in rows}  # type: ignore[union-attr]


def test_an_ill_formed_date_is_a_violation_of_its_datatype(shapes: ShapesGraph, quads: list[Quad]) -> None:
    store = _store(quads)
    store.update(
        PROLOGUE + 'INSERT { ?e kgo:latestDate "2024-02-30"^^xsd:date } WHERE { ?e a kgo:Deployment }'
    )
    report = validate_store(store, shapes)
    broken = [r for r in report.results if r.shape.value == KGSH + "Event-latestDate"]
    assert [(r.component, r.severity, str(r.value)) for r in broken] == [
        (
            sh("DatatypeConstraintComponent"),
            VIOLATION,
            '"2024-02-30"^^<http://www.w3.org/2001/XMLSchema#date>',
        )
    ]
