"""The kgo: superclasses kg writes beside a node's class come from the ontology's hierarchy."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from kg.entailment import completed, most_specific, superclasses, types_of

KGO = "https://w3id.org/conflict-kg/ontology#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def test_a_drone_attack_is_an_attack_an_event_and_an_extracted_fact() -> None:
    assert superclasses(KGO + "DroneAttack") == (KGO + "Attack", KGO + "Event", KGO + "ExtractedFact")


def test_a_base_is_a_place_and_a_named_entity_but_no_outside_class() -> None:
    assert types_of(KGO + "MilitaryBase") == (KGO + "MilitaryBase", KGO + "Place", KGO + "NamedEntity")


def test_the_most_specific_class_is_the_one_no_other_is_below() -> None:
    assert most_specific([KGO + "Attack", KGO + "RocketAttack", KGO + "Event"]) == {KGO + "RocketAttack"}


def test_reference_data_gets_the_types_and_a_plain_label() -> None:
    base = NamedNode("https://w3id.org/conflict-kg/id/some-base")
    graph = NamedNode("urn:g")
    label = Literal("Some Base", language="en")
    quads = [
        Quad(base, RDF_TYPE, NamedNode(KGO + "MilitaryBase"), graph),
        Quad(base, NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), label, graph),
    ]
    added = set(completed(quads)) - set(quads)
    assert added == {
        Quad(base, RDF_TYPE, NamedNode(KGO + "Place"), graph),
        Quad(base, RDF_TYPE, NamedNode(KGO + "NamedEntity"), graph),
        Quad(base, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), label, graph),
    }
