"""The graph of one article, compared with a reviewed golden file.

A change in extraction or mapping shows up here as a readable diff (triples only in the expected
graph, only in the actual one). After reviewing an intended change:

    pytest tests/test_golden.py --update-golden && git diff tests/data/expected
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, serialize
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.extract import Extractor
from kg.ingest import read_file
from kg.mapping import article_quads
from kg.namespaces import PREFIXES, Minter

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = Path(__file__).parent / "data" / "expected"
CASES = ["wire-us-strikes-2024-02-03.txt", "zagros-daily-harir.html"]


def _actual(extractor: Extractor, name: str) -> Graph:
    [article] = list(read_file(ROOT / "examples" / "articles" / name))
    assert not isinstance(article, Exception)
    quads = article_quads(
        article, extractor.extract(article), Minter(), "https://w3id.org/conflict-kg/extractor/test"
    )
    triples = [
        Quad(q.subject, q.predicate, q.object, None)
        for q in quads
        if q.graph_name == NamedNode(str(Minter().graph(article.id)))
    ]
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    graph.parse(data=serialize([q.triple for q in triples], format=RdfFormat.N_TRIPLES).decode(), format="nt")
    return graph


@pytest.mark.parametrize("name", CASES)
def test_article_graph_matches_golden(extractor: Extractor, update_golden: bool, name: str) -> None:
    actual = _actual(extractor, name)
    golden = EXPECTED / f"{name}.ttl"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual.serialize(format="turtle"), encoding="utf-8")
    expected = Graph().parse(golden, format="turtle")
    if not isomorphic(expected, actual):
        _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        pytest.fail(
            "graph differs from the golden file\n--- only in expected:\n"
            + "\n".join(sorted(t.n3() for t in _lines(only_expected)))
            + "\n+++ only in actual:\n"
            + "\n".join(sorted(t.n3() for t in _lines(only_actual)))
        )


def _lines(graph: Graph) -> list[object]:
    class _Line:
        def __init__(self, triple: tuple[object, object, object]) -> None:
            self.triple = triple

        def n3(self) -> str:
            return " ".join(getattr(term, "n3")() for term in self.triple)  # noqa: B009

    return [_Line(t) for t in graph]
