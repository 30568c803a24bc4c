"""pySHACL, the reference engine: the same validation run through pySHACL, for tests and the benchmark.

kg's own engine must give exactly these results. pySHACL is run as its authors recommend for
speed: on an rdflib in-memory graph (on an Oxigraph-backed graph it counts the whole store for
every result), with no inference (OWL-RL inference merges distinct dates of a functional
property and multiplies results), and on all shapes (``use_shapes`` skips named property shapes).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, QueryTriples, RdfFormat, Store

from kg.validate.shapes import SH

ResultKey = tuple[str, ...]


def store_to_ntriples(store: Store) -> bytes:
    """The union of all graphs of STORE as N-Triples (what pySHACL gets to read)."""
    out = io.BytesIO()
    for query in (
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ):
        triples = store.query(query)
        assert isinstance(triples, QueryTriples)
        triples.serialize(out, format=RdfFormat.N_TRIPLES)
    return out.getvalue()


def pyshacl_validate(data: bytes | Path, shapes: Iterable[Path]) -> tuple[bool, list[ResultKey]]:
    """Run pySHACL on DATA (N-Triples bytes or a file) with SHAPES; its conformance and result keys.

    Keys are those of :meth:`kg.validate.report.Result.key`.
    """
    import pyshacl
    from rdflib import Graph

    data_graph = Graph()
    if isinstance(data, Path):
        data_graph.parse(str(data), format="nt" if data.suffix == ".nt" else None)
    else:
        data_graph.parse(data=data, format="nt")
    shapes_graph = Graph()
    for path in shapes:
        shapes_graph.parse(str(path), format="turtle")
    conforms, report, _ = pyshacl.validate(
        data_graph, shacl_graph=shapes_graph, inference="none", advanced=False, allow_warnings=True
    )
    return bool(conforms), report_keys(report)


def report_keys(report: object) -> list[ResultKey]:
    """The result keys of an rdflib sh:ValidationReport graph."""
    from rdflib import BNode, URIRef
    from rdflib import Literal as RdfLiteral

    def text(term: object) -> str:
        if term is None:
            return ""
        if isinstance(term, BNode):
            return "_:"
        if isinstance(term, URIRef):
            return str(NamedNode(str(term)))
        if isinstance(term, RdfLiteral):
            if term.language:
                return str(Literal(str(term), language=term.language))
            datatype = NamedNode(str(term.datatype)) if term.datatype else None
            return str(_as_stored(Literal(str(term), datatype=datatype)))
        raise TypeError(term)

    names = ("focusNode", "resultPath", "value", "sourceShape", "sourceConstraintComponent", "resultSeverity")
    graph: Any = report
    keys = []
    for result in graph.objects(None, URIRef(SH + "result")):
        fields = [text(graph.value(result, URIRef(SH + name))) for name in names]
        messages = graph.objects(result, URIRef(SH + "resultMessage"))
        english = [str(m) for m in messages if getattr(m, "language", None) in (None, "en")]
        keys.append((*fields, (english or [""])[0]))
    return keys


def _as_stored(literal: Literal) -> object:
    """LITERAL as an Oxigraph store keeps it ("4.0"^^xsd:decimal becomes "4"^^xsd:decimal), as kg sees it."""
    store = Store()
    store.add(Quad(NamedNode("urn:kg:s"), NamedNode("urn:kg:p"), literal))
    return next(iter(store)).object
