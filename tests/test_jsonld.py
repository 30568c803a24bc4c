"""JSON-LD: the published context is current, dumps are compact and lossless, one event is framed."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import rdflib
from merge_corpus import WIKIDATA_SAMPLE, build_store
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store, parse
from rdflib import Dataset

from kg.jsonld import (
    CONTEXT_FILE,
    Compactor,
    JsonLdError,
    build_context,
    dataset_document,
    frame_event,
    load_context,
    resolve_event,
)
from kg.link import apply_links, propose
from kg.loader import load_files
from kg.namespaces import DEFAULT_BASE, PREFIXES
from kg.store import dump

ONTOLOGY = Path(__file__).parent.parent / "ontology"
XSD = PREFIXES["xsd"]


@pytest.fixture(scope="module")
def store() -> Store:
    return build_store(Store())


def test_the_published_context_is_generated_from_the_ontology() -> None:
    published = json.loads((ONTOLOGY / CONTEXT_FILE).read_text(encoding="utf-8"))
    assert published == {"@context": build_context()}, (
        "regenerate it: python -m kg.jsonld > ontology/context.jsonld"
    )
    context = load_context()
    assert context["targetPlace"] == {"@id": "kgo:targetPlace", "@type": "@id"}
    assert context["text"] == {"@id": "kgo:text", "@language": None}
    assert context["DroneAttack"] == "kgo:DroneAttack"


def _dump(store: Store) -> bytes:
    out = io.BytesIO()
    dump(store, out, "jsonld")
    return out.getvalue()


def test_the_dump_reads_back_to_the_same_quads(store: Store) -> None:
    assert set(parse(_dump(store), format=RdfFormat.JSON_LD)) == set(store)


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib.*")
def test_rdflib_reads_the_dump_to_the_same_quads(store: Store) -> None:
    dataset = Dataset()
    dataset.parse(data=_dump(store), format="json-ld")
    ours = {(_n3(q.subject), _n3(q.predicate), _n3(q.object), _n3(q.graph_name)) for q in store}
    theirs = {(s.n3(), p.n3(), o.n3(), g.n3()) for s, p, o, g in dataset.quads((None, None, None, None))}
    assert theirs == ours


def _n3(term: object) -> str:
    """N-Triples of a pyoxigraph term as rdflib writes it (rdflib normalises typed literals)."""
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language).n3()
        datatype = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if datatype == XSD + "string" else datatype).n3()
    return str(term)


def test_the_dump_is_compact(store: Store) -> None:
    document = json.loads(_dump(store))
    assert document["@context"] == load_context()
    graphs = {g["id"]: g["@graph"] for g in document["@graph"]}
    event = next(n for n in graphs["kgd:graph/tower-22"] if n["id"].startswith("kgd:event/"))
    assert event["type"] == ["DroneAttack", "Attack", "Event", "ExtractedFact"]  # most specific first
    assert event["targetPlace"] == "kgr:tower-22"
    assert event["killed"] == 3
    assert event["label"] == "drone attack on Tower 22 (2024-01-28)"
    assert event["date"] == {"@value": "2024-01-28", "type": "xsd:date"}
    keys = {k for nodes in graphs.values() for node in nodes for k in node}
    assert not {k for k in keys if k.startswith("http")}, "every property of kg's data has a term or a prefix"


def test_loaded_graphs_and_links_dump_too(tmp_path: Path) -> None:
    oxi = build_store(Store())
    load_files(oxi, [WIKIDATA_SAMPLE])
    apply_links(oxi, propose(oxi).proposals)
    assert set(parse(_dump(oxi), format=RdfFormat.JSON_LD)) == set(oxi)


LITERALS = [
    (Literal("drone attack", language="en"), "label", "drone attack"),
    (Literal("هجوم", language="ar"), "label", {"@value": "هجوم", "@language": "ar"}),
    (Literal("plain"), "text", "plain"),
    (Literal("plain"), "label", {"@value": "plain"}),
    (Literal("3", datatype=NamedNode(XSD + "integer")), "killed", 3),
    (Literal("007", datatype=NamedNode(XSD + "integer")), "killed", {"@value": "007", "type": "xsd:integer"}),
    (
        Literal("3", datatype=NamedNode(XSD + "nonNegativeInteger")),
        "killed",
        {"@value": "3", "type": "xsd:nonNegativeInteger"},
    ),
    (Literal("true", datatype=NamedNode(XSD + "boolean")), "inReferenceData", True),
    (Literal("2024-01-28", datatype=NamedNode(XSD + "date")), "earliestDate", "2024-01-28"),
    (
        Literal("2024-01", datatype=NamedNode(XSD + "gYearMonth")),
        "date",
        {"@value": "2024-01", "type": "xsd:gYearMonth"},
    ),
    (NamedNode("https://w3id.org/conflict-kg/id/erbil"), "targetPlace", "kgr:erbil"),
    (NamedNode("https://example.org/x"), "label", {"id": "https://example.org/x"}),
    (BlankNode("b1"), "targetPlace", "_:b1"),
]


@pytest.mark.parametrize(
    ("term", "key", "expected"), LITERALS, ids=[f"{k}-{i}" for i, (_, k, _) in enumerate(LITERALS)]
)
def test_each_value_takes_the_shortest_lossless_form(term: Any, key: str, expected: Any) -> None:
    context = load_context()
    compactor = Compactor(context)
    predicate = compactor.expand(context[key]["@id"] if isinstance(context[key], dict) else context[key])
    node = compactor.node(NamedNode("https://example.org/s"), [(NamedNode(predicate), term)])
    assert node[key] == expected
    back = list(parse(json.dumps({"@context": context, **node}), format=RdfFormat.JSON_LD))
    [quad] = back
    assert quad.predicate.value == predicate
    if isinstance(term, BlankNode):
        assert isinstance(quad.object, BlankNode)
    else:
        assert quad.object == term


def _nodes(value: Any) -> list[dict[str, Any]]:
    """Every embedded node object (with more than an id) under VALUE."""
    found = []
    if isinstance(value, dict):
        if "id" in value and len(value) > 1:
            found.append(value)
        for item in value.values():
            found += _nodes(item)
    elif isinstance(value, list):
        for item in value:
            found += _nodes(item)
    return found


def _event_id(store: Store, article: str) -> str:
    return next(iri for iri in (str(q.subject)[1:-1] for q in store) if f"/event/{article}-" in iri).rsplit(
        "/", 1
    )[-1]


def test_a_framed_event_embeds_its_actors_places_and_sentences(store: Store) -> None:
    document = frame_event(store, _event_id(store, "asad-october"))
    assert document["type"][0] == "DroneAttack"  # then the kgo: classes above it
    assert document["claimedBy"]["prefLabel"] == "Brigades of the Faithful"
    assert document["targetPlace"]["prefLabel"] == "Ain al-Asad Air Base"
    assert document["targetPlace"]["hasGeometry"]["asWKT"] == "POINT(42.4411 33.7856)"
    assert document["location"]["locatedIn"]["prefLabel"] == "Iraq"  # Anbar, then the country it lies in
    assert document["source"]["title"] == "Drones fired at Ain al-Asad"
    assert {m["text"][:15] for m in document["mention"]} == {"In October 2023", "The Brigades of"}
    [claim] = document["@reverse"]["about"]
    assert claim["type"][0] == "ClaimOfResponsibility"
    ids = [n["id"] for n in _nodes(document)]
    assert len(ids) == len(set(ids)), "each node is embedded once"
    # Only the frame's properties are shown for embedded nodes: no alternative labels of the base.
    assert "altLabel" not in document["targetPlace"]


def test_a_framed_event_is_a_subset_of_the_graph(store: Store) -> None:
    node = resolve_event(store, _event_id(store, "tower-22"))
    document = frame_event(store, node.value)
    triples = {
        (q.subject, q.predicate, q.object) for q in parse(json.dumps(document), format=RdfFormat.JSON_LD)
    }
    union = {(q.subject, q.predicate, q.object) for q in store}
    assert triples <= union
    own = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(node, None, None)}
    assert own <= triples


def test_framed_events_show_links_to_a_loaded_graph() -> None:
    oxi = build_store(Store())
    load_files(oxi, [WIKIDATA_SAMPLE])
    apply_links(oxi, propose(oxi).proposals)
    document = frame_event(oxi, _event_id(oxi, "tower-22"), context_url="https://example.org/context.jsonld")
    assert document["@context"] == "https://example.org/context.jsonld"
    assert document["targetPlace"]["sameAs"] == "https://example.org/wikidata-sample/entity/Q1003"


@pytest.mark.parametrize("ref", ["nope", "kgd:event/nope", f"{DEFAULT_BASE}event/nope", "bad name!"])
def test_an_unknown_event_is_an_error(store: Store, ref: str) -> None:
    with pytest.raises(JsonLdError, match="no such event in the store"):
        frame_event(store, ref)


def test_events_are_found_by_iri_prefixed_name_or_local_name(store: Store) -> None:
    local = _event_id(store, "erbil-airport")
    iri = f"{DEFAULT_BASE}event/{local}"
    assert {resolve_event(store, r).value for r in (local, f"kgd:event/{local}", iri)} == {iri}


def test_default_graph_nodes_and_named_graphs_share_a_node() -> None:
    g = NamedNode("https://example.org/g")
    p = NamedNode("https://example.org/p")
    quads = [
        Quad(g, p, Literal("about the graph")),
        Quad(NamedNode("https://example.org/s"), p, Literal("x"), g),
    ]
    document = dataset_document(quads)
    [holder] = document["@graph"]
    assert holder["id"] == "https://example.org/g" and "@graph" in holder
    assert set(parse(json.dumps(document), format=RdfFormat.JSON_LD)) == set(quads)
