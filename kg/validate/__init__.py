"""Validate a kg store or an RDF file against SHACL shapes, natively on Oxigraph.

SHACL Core shapes are compiled to SPARQL (:mod:`kg.validate.compile`) and run on the store
(:mod:`kg.validate.engine`); the results render as text, JSON or a standard sh:ValidationReport
(:mod:`kg.validate.report`). pySHACL stays the reference: the tests compare both engines.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import NamedNode, Store

from kg import resources
from kg.errors import StoreError
from kg.store import RDF_FORMATS, rdf_format
from kg.validate.engine import CheckTiming, graph_subjects, validate
from kg.validate.report import Report, Result, to_json, to_text, to_turtle
from kg.validate.shapes import ShapesGraph, read_shapes_files, shapes_files

FORMATS = ("text", "turtle", "json")


def load_shapes(where: Path | None = None) -> ShapesGraph:
    """The shapes in WHERE (a directory of ``*.ttl`` or one file); the bundled ``shapes/`` by default."""
    return read_shapes_files(shapes_files(where or resources.shapes_dir()))


def validate_store(
    store: Store,
    shapes: ShapesGraph | None = None,
    *,
    describe: bool = True,
    timings: list[CheckTiming] | None = None,
) -> Report:
    """Validate every focus node in STORE (the union of its graphs)."""
    return validate(store, shapes or load_shapes(), describe=describe, timings=timings)


def validate_graphs(store: Store, graph_iris: Iterable[str], shapes: ShapesGraph | None = None) -> Report:
    """Validate only the focus nodes described in the named graphs GRAPH_IRIS (what a build added).

    The rest of the store is still read: an event's actor is checked against its reference entry.
    """
    focus = graph_subjects(store, graph_iris)
    if not focus:
        return Report(())
    return validate(store, shapes or load_shapes(), focus=focus)


def load_data_file(path: Path, *, fmt: str | None = None, with_ontology: bool = True) -> Store:
    """An in-memory store holding the RDF file PATH, plus the ontology and reference data.

    The ontology supplies the rdfs:subClassOf links that class targets follow, and the reference
    data the entities events point to; pass WITH_ONTOLOGY=False for a file that already has both.
    """
    store = Store()
    name = rdf_format(fmt, path)
    graph = NamedNode(path.resolve().as_uri())
    try:
        if name in {"nquads", "trig"}:
            store.bulk_load(path=str(path), format=RDF_FORMATS[name])
        else:
            store.bulk_load(path=str(path), format=RDF_FORMATS[name], to_graph=graph)
    except (SyntaxError, ValueError) as err:
        raise StoreError(f"{path}: not valid {name}: {err}") from err
    except OSError as err:
        raise StoreError(f"{path}: cannot read: {err}") from err
    if with_ontology:
        for i, extra in enumerate([*resources.ontology_files(), *resources.reference_files()]):
            extra_graph = NamedNode(f"urn:kg:validate:{i}")
            store.bulk_load(path=str(extra), format=RDF_FORMATS["turtle"], to_graph=extra_graph)
    return store


__all__ = [
    "FORMATS",
    "CheckTiming",
    "Report",
    "Result",
    "ShapesGraph",
    "load_data_file",
    "load_shapes",
    "to_json",
    "to_text",
    "to_turtle",
    "validate_graphs",
    "validate_store",
]
