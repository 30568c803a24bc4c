"""The closed namespaces in kg/namespaces.py and the ontology files declare the same terms."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, URIRef

from kg import resources
from kg.namespaces import KGO, KGV, Minter, slugify


def _declared(prefix: str) -> set[str]:
    graph = Graph()
    for path in resources.ontology_files():
        graph.parse(path)
    return {
        str(s)[len(prefix) :] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(prefix)
    }


@pytest.mark.parametrize("namespace", [KGO, KGV], ids=["kgo", "kgv"])
def test_python_namespace_matches_the_ontology(namespace) -> None:  # type: ignore[no-untyped-def]
    prefix = str(namespace._NS)
    in_python = set(namespace.__annotations__)
    assert in_python == _declared(prefix)


def test_a_typo_raises() -> None:
    with pytest.raises(AttributeError):
        _ = KGO.Atack


def test_minted_iris_are_stable_and_use_the_base() -> None:
    a, b = Minter("https://example.org/kg/"), Minter("https://example.org/kg/")
    assert a.event("x.txt", "DroneAttack|kgr:harir|2024-01-24|drone") == b.event(
        "x.txt", "DroneAttack|kgr:harir|2024-01-24|drone"
    )
    assert str(a.actor("Ashab al-Kahf")) == "https://example.org/kg/actor/ashab-al-kahf"
    assert slugify("Kata’ib Ḥezbollah") == "kataib-hezbollah"


def test_the_shipped_rdf_has_no_blank_nodes() -> None:
    """Blank nodes get new ids at every load, which would make two builds' dumps differ."""
    graph = Graph()
    for path in [*resources.ontology_files(), *resources.reference_files()]:
        graph.parse(path)
    assert not [t for triple in graph for t in triple if isinstance(t, BNode)]
