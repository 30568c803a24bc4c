"""Run compiled shapes on an Oxigraph store and turn the rows into validation results."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import NamedNode, QuerySolutions, Store

from kg.errors import OntologyError
from kg.validate.compile import Check, compile_shapes
from kg.validate.expressions import VALUE_CONSTRAINTS
from kg.validate.report import Evidence, NodeInfo, Report, Result
from kg.validate.shapes import ShapesGraph, Term

_VALUES_CHUNK = 2_000
_FEW_NODES = 4 * _VALUES_CHUNK


@dataclass(frozen=True)
class CheckTiming:
    """How long one check took, for ``--profile`` and the benchmark."""

    check: Check
    seconds: float
    rows: int


def run_checks(
    store: Store, checks: Iterable[Check], *, timings: list[CheckTiming] | None = None
) -> list[Result]:
    """The results of CHECKS on the union of all graphs of STORE."""
    results: list[Result] = []
    for check in checks:
        started = time.perf_counter()
        before = len(results)
        for query in _queries(store, check):
            solutions = _run(store, check, query)
            names = {v.value for v in solutions.variables}
            for row in solutions:
                results.extend(_row_results(check, row, names))
        if timings is not None:
            timings.append(CheckTiming(check, time.perf_counter() - started, len(results) - before))
    return results


def _run(store: Store, check: Check, query: str) -> QuerySolutions:
    try:
        solutions = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as err:  # a bug in the compiler, not in the user's data
        raise OntologyError(
            f"shape {check.shape.name}: compiled to invalid SPARQL ({err}):\n{query}"
        ) from err
    assert isinstance(solutions, QuerySolutions)
    return solutions


def _queries(store: Store, check: Check) -> list[str]:
    """The queries to run for CHECK: none when its prefilter finds no suspect, else on the suspects only."""
    if check.prefilter is None or check.narrowed is None:
        return [check.query]
    suspects: set[str] = set()
    for row in _run(store, check, check.prefilter):
        suspect = row["this"]
        if not isinstance(suspect, NamedNode) or len(suspects) >= _VALUES_CHUNK:
            # a blank node cannot go in VALUES, and many suspects (the prefilter of a path that
            # most nodes have, such as rdf:type) are better checked all at once
            return [check.query]
        suspects.add(suspect.value)
    if not suspects:
        return []
    return [check.narrowed("VALUES ?_focus { " + " ".join(f"<{n}>" for n in sorted(suspects)) + " }")]


def _row_results(check: Check, row: object, names: set[str]) -> list[Result]:
    shape = check.shape
    focus = row["this"]  # type: ignore[index]
    value: Term | None = row["v"] if "v" in names else None  # type: ignore[index]
    path = row["p"] if "p" in names else shape.path  # type: ignore[index]
    out = []
    for i, c in enumerate(check.constraints):
        if len(check.constraints) > 1 and row[f"ok{i}"].value != "false":  # type: ignore[index]
            continue
        # a node shape's value node is its focus node
        own = focus if value is None and shape.path is None and c.name in VALUE_CONSTRAINTS else value
        out.append(
            Result(
                focus=focus,
                shape=shape.node,
                component=c.component,
                severity=shape.severity,
                path=path,
                value=own,
                messages=tuple(shape.messages),
            )
        )
    return out


def validate(
    store: Store,
    shapes: ShapesGraph,
    *,
    focus: Iterable[NamedNode] | None = None,
    describe: bool = True,
    timings: list[CheckTiming] | None = None,
    full_pass_above: int = _FEW_NODES,
) -> Report:
    """Validate STORE against SHAPES; FOCUS limits the focus nodes to those given.

    Past FULL_PASS_ABOVE focus nodes, one pass over everything (then keeping the results on FOCUS)
    beats many passes restricted to batches of nodes.
    """
    started = time.perf_counter()
    nodes = sorted({n.value for n in focus}) if focus is not None else []
    if focus is None or len(nodes) > full_pass_above:
        compiled = compile_shapes(shapes)
        results, checks = run_checks(store, compiled, timings=timings), len(compiled)
        if focus is not None:
            wanted = set(nodes)
            results = [r for r in results if isinstance(r.focus, NamedNode) and r.focus.value in wanted]
    else:
        results, checks = [], 0
        for i in range(0, len(nodes), _VALUES_CHUNK):
            chunk = " ".join(f"<{n}>" for n in nodes[i : i + _VALUES_CHUNK])
            compiled = compile_shapes(shapes, restriction=f"VALUES ?_focus {{ {chunk} }}")
            checks = len(compiled)
            results += run_checks(store, compiled, timings=timings)
    nodes_info = describe_nodes(store, {r.focus for r in results}) if describe else {}
    return Report(tuple(results), checks=checks, seconds=time.perf_counter() - started, nodes=nodes_info)


_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?node ?label WHERE { VALUES ?node { %s } ?node skos:prefLabel|rdfs:label|dcterms:title ?label }
"""
_EVIDENCE = """
PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?node ?text ?article ?title ?file ?start WHERE {
  VALUES ?node { %s }
  %s
  ?m kgo:text ?text ; kgo:article ?article .
  OPTIONAL { ?m kgo:start ?start }
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article kgo:sourceFile ?file }
}
"""
_OWN_MENTION = "{ ?node kgo:mention ?m } UNION { ?node a kgo:Mention BIND(?node AS ?m) }"
_REFERRER_MENTION = "?referrer ?p ?node . ?referrer kgo:mention ?m ."
_ARTICLE = """
PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?node ?title ?file WHERE { VALUES ?node { %s } ?node a kgo:Article .
  OPTIONAL { ?node dcterms:title ?title } OPTIONAL { ?node kgo:sourceFile ?file } }
"""


def describe_nodes(store: Store, nodes: Iterable[Term]) -> dict[Term, NodeInfo]:
    """Each node's label and the first sentence it was read from (its own mention, else a referrer's)."""
    iris = sorted((n for n in nodes if isinstance(n, NamedNode)), key=lambda n: n.value)
    labels: dict[Term, str] = {}
    evidence: dict[Term, tuple[tuple[str, int], Evidence]] = {}
    for i in range(0, len(iris), _VALUES_CHUNK):
        chunk = iris[i : i + _VALUES_CHUNK]
        values = " ".join(str(n) for n in chunk)
        for row in _select(store, _LABELS % values):
            labels.setdefault(row["node"], row["label"].value)
        for row in _select(store, _ARTICLE % values):
            title = row["title"].value if row["title"] else ""
            file = row["file"].value if row["file"] else ""
            evidence[row["node"]] = (("", -1), Evidence("", row["node"].value, title, file))
        _collect_evidence(store, _EVIDENCE % (values, _OWN_MENTION), evidence)
        missing = " ".join(str(n) for n in chunk if n not in evidence)
        if missing:
            _collect_evidence(store, _EVIDENCE % (missing, _REFERRER_MENTION), evidence)
    return {n: NodeInfo(labels.get(n, ""), evidence[n][1] if n in evidence else None) for n in iris}


def _collect_evidence(store: Store, query: str, found: dict[Term, tuple[tuple[str, int], Evidence]]) -> None:
    """Keep, per node, the earliest sentence (article IRI, then offset): stable across runs."""
    for row in _select(store, query):
        start = int(row["start"].value) if row["start"] and row["start"].value.lstrip("-").isdigit() else 0
        rank = (row["article"].value, start)
        node = row["node"]
        if node not in found or rank < found[node][0]:
            found[node] = (
                rank,
                Evidence(
                    row["text"].value,
                    row["article"].value,
                    row["title"].value if row["title"] else "",
                    row["file"].value if row["file"] else "",
                ),
            )


def _select(store: Store, query: str) -> QuerySolutions:
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    return solutions


def graph_subjects(store: Store, graphs: Iterable[str]) -> set[NamedNode]:
    """The IRIs that are subjects in any of GRAPHS: the focus nodes a build added or changed."""
    found: set[NamedNode] = set()
    names = sorted(set(graphs))
    for i in range(0, len(names), _VALUES_CHUNK):
        values = " ".join(f"<{g}>" for g in names[i : i + _VALUES_CHUNK])
        for row in _select(
            store, f"SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        ):
            if isinstance(row["s"], NamedNode):
                found.add(row["s"])
    return found


__all__ = ["CheckTiming", "describe_nodes", "graph_subjects", "run_checks", "validate"]
