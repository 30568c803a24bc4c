"""Validation results and their three renderings: text for reviewers, JSON, and a SHACL report in Turtle.

The text report groups results by severity, shape and focus node, names each node by its label
and quotes the article and sentence it was read from, so a reviewer can go from a broken rule to
the words behind it without a SPARQL query.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

from kg.namespaces import PREFIXES
from kg.validate.shapes import RDF_TYPE, SH, VIOLATION, Node, Path_, Term, sh

XSD = "http://www.w3.org/2001/XMLSchema#"
SEVERITY_ORDER = {SH + "Violation": 0, SH + "Warning": 1, SH + "Info": 2}
REPORT_PREFIXES = {**PREFIXES, "sh": SH, "kgsh": "https://w3id.org/conflict-kg/shapes#"}


@dataclass(frozen=True)
class Result:
    """One sh:ValidationResult."""

    focus: Term
    shape: Node
    component: NamedNode
    severity: NamedNode = VIOLATION
    path: Path_ | NamedNode | None = None
    value: Term | None = None
    messages: tuple[Literal, ...] = ()

    @property
    def severity_name(self) -> str:
        return self.severity.value.removeprefix(SH)

    @property
    def message(self) -> str:
        english = [m.value for m in self.messages if m.language in (None, "", "en")]
        return (english or [m.value for m in self.messages] or [self.component.value.removeprefix(SH)])[0]

    def key(self) -> tuple[str, ...]:
        """A comparable form: blank nodes (which differ between engines) become ``_:``."""
        path = self.path.node if isinstance(self.path, Path_) else self.path
        terms = (self.focus, path, self.value, self.shape, self.component, self.severity)
        text = ["_:" if isinstance(t, BlankNode) else ("" if t is None else str(t)) for t in terms]
        return (*text, self.message if self.messages else "")


@dataclass(frozen=True)
class Evidence:
    """Where a node came from: the article and the sentence."""

    sentence: str
    article: str  # the article's IRI
    title: str = ""
    source_file: str = ""


@dataclass(frozen=True)
class NodeInfo:
    label: str = ""
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Report:
    """The outcome of a validation. ``conforms`` is false only when a result is a Violation."""

    results: tuple[Result, ...]
    checks: int = 0
    seconds: float = 0.0
    nodes: dict[Term, NodeInfo] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        return not any(r.severity == VIOLATION for r in self.results)

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity.value == SH + severity)

    def keys(self) -> set[tuple[str, ...]]:
        return {r.key() for r in self.results}

    def summary(self) -> str:
        """One line: conforms or not, and how many results of each severity.

        >>> Report(()).summary()
        'conforms: 0 violation(s), 0 warning(s), 0 info'
        """
        verdict = "conforms" if self.conforms else "does not conform"
        return (
            f"{verdict}: {self.count('Violation')} violation(s), {self.count('Warning')} warning(s), "
            f"{self.count('Info')} info"
        )


def short(t: Term | Path_ | None) -> str:
    """A term with the project's prefixes, for reading.

    >>> short(NamedNode("https://w3id.org/conflict-kg/ontology#date"))
    'kgo:date'
    """
    if t is None:
        return ""
    if isinstance(t, Path_):
        if t.kind == "predicate" and t.iri is not None:
            return short(t.iri)
        inner = [short(p) for p in t.parts]
        if t.kind == "inverse":
            return f"^{inner[0]}"
        if t.kind in {"sequence", "alternative"}:
            return "(" + ("/" if t.kind == "sequence" else "|").join(inner) + ")"
        return f"({inner[0]}){ {'zeroOrMore': '*', 'oneOrMore': '+', 'zeroOrOne': '?'}[t.kind] }"
    if isinstance(t, NamedNode):
        best = max((ns for ns in REPORT_PREFIXES.values() if t.value.startswith(ns)), key=len, default=None)
        if best is not None:
            prefix = next(p for p, ns in REPORT_PREFIXES.items() if ns == best)
            local = t.value[len(best) :]
            if local and all(ch.isalnum() or ch in "_-./" for ch in local):
                return f"{prefix}:{local}"
        return f"<{t.value}>"
    if isinstance(t, Literal):
        return _literal(t)
    return str(t)


_BARE = {XSD + "integer", XSD + "decimal", XSD + "boolean"}


def _literal(t: Literal) -> str:
    """A literal as Turtle would write it, with prefixed datatypes.

    >>> _literal(Literal("2024-02-30", datatype=NamedNode(XSD + "date")))
    '"2024-02-30"^^xsd:date'
    >>> _literal(Literal("3", datatype=NamedNode(XSD + "integer")))
    '3'
    """
    text = json.dumps(t.value, ensure_ascii=False)
    if t.language:
        return f"{text}@{t.language}"
    datatype = t.datatype.value
    if datatype == XSD + "string":
        return text
    if datatype in _BARE and re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?|true|false", t.value):
        return t.value
    return f"{text}^^{short(t.datatype)}"


def _sorted(report: Report) -> list[Result]:
    def order(r: Result) -> tuple[object, ...]:
        info = report.nodes.get(r.focus, NodeInfo())
        return (
            SEVERITY_ORDER.get(r.severity.value, 3),
            short(r.shape),
            r.component.value,
            info.label or short(r.focus),
            short(r.focus),
            str(r.value),
        )

    return sorted(report.results, key=order)


def to_text(report: Report, *, limit: int = 0, title: str = "kg validate") -> str:
    """The reviewer's report: by severity, shape and focus node, with the sentence behind each node.

    LIMIT caps the nodes listed per shape (0: all).
    """
    lines = [f"{title}: {report.summary()}  ({report.checks} checks, {report.seconds:.2f} s)"]
    groups: dict[tuple[str, str, str], list[Result]] = {}
    for r in _sorted(report):
        groups.setdefault((r.severity_name, short(r.shape), r.component.value), []).append(r)
    for (severity, shape, component), results in groups.items():
        first = results[0]
        nodes: dict[Term, list[Result]] = {}
        for r in results:
            nodes.setdefault(r.focus, []).append(r)
        where = f" on {short(first.path)}" if first.path is not None else ""
        lines += [
            "",
            f"{severity.upper()}  {shape}  ({component.removeprefix(SH)}{where}; {len(nodes)} node(s))",
            f"  {first.message}",
        ]
        shown = list(nodes.items())
        for focus, node_results in shown[: limit or None]:
            lines += list(_node_lines(report, focus, node_results))
        if limit and len(shown) > limit:
            lines.append(f"  ... and {len(shown) - limit} more node(s); use --format json for all")
    if not report.results:
        lines.append("No results: every focus node conforms to every shape.")
    return "\n".join(lines) + "\n"


def _node_lines(report: Report, focus: Term, results: list[Result]) -> Iterator[str]:
    info = report.nodes.get(focus, NodeInfo())
    name = f"{info.label}  {short(focus)}" if info.label else short(focus)
    yield f"  - {name}"
    values = [short(r.value) for r in results if r.value is not None and r.value != focus]
    if values:
        yield f"      value: {', '.join(sorted(set(values)))}"
    for r in results:
        if isinstance(r.path, NamedNode) and r.path != results[0].path:
            yield f"      property: {short(r.path)}"
    if info.evidence is not None:
        ev = info.evidence
        if ev.title:
            article = f'"{ev.title}"' + (f" ({ev.source_file})" if ev.source_file else "")
        else:
            article = ev.source_file or short(NamedNode(ev.article))
        sentence = ev.sentence if len(ev.sentence) <= 240 else ev.sentence[:239] + "…"
        yield f'      from {article}: "{sentence}"'


def to_json(report: Report) -> str:
    """Every result as a JSON object, with the focus node's label and evidence."""
    results = []
    for r in _sorted(report):
        info = report.nodes.get(r.focus, NodeInfo())
        item: dict[str, object] = {
            "severity": r.severity_name,
            "shape": short(r.shape),
            "component": r.component.value.removeprefix(SH),
            "focus": r.focus.value if not isinstance(r.focus, Literal) else str(r.focus),
            "label": info.label,
            "path": short(r.path) if r.path is not None else None,
            "value": None
            if r.value is None
            else (r.value.value if isinstance(r.value, NamedNode) else str(r.value)),
            "message": r.message,
        }
        if info.evidence is not None:
            item["evidence"] = {
                "article": info.evidence.article,
                "title": info.evidence.title,
                "source_file": info.evidence.source_file,
                "sentence": info.evidence.sentence,
            }
        results.append(item)
    body = {
        "conforms": report.conforms,
        "violations": report.count("Violation"),
        "warnings": report.count("Warning"),
        "infos": report.count("Info"),
        "results": results,
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def report_triples(
    report: Report, path_triples: dict[Node, list[tuple[Node, NamedNode, Term]]]
) -> list[Triple]:
    """The sh:ValidationReport as triples; PATH_TRIPLES gives the triples of complex result paths."""
    node = BlankNode()
    xsd_boolean = NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
    quads = [
        Triple(node, RDF_TYPE, sh("ValidationReport")),
        Triple(node, sh("conforms"), Literal("true" if report.conforms else "false", datatype=xsd_boolean)),
    ]
    copied: set[Node] = set()
    for r in _sorted(report):
        res = BlankNode()
        quads += [
            Triple(node, sh("result"), res),
            Triple(res, RDF_TYPE, sh("ValidationResult")),
            Triple(res, sh("focusNode"), r.focus),
            Triple(res, sh("resultSeverity"), r.severity),
            Triple(res, sh("sourceConstraintComponent"), r.component),
            Triple(res, sh("sourceShape"), r.shape),
        ]
        if r.path is not None:
            path_node = r.path.node if isinstance(r.path, Path_) else r.path
            if path_node is not None:
                quads.append(Triple(res, sh("resultPath"), path_node))
                if isinstance(path_node, BlankNode) and path_node not in copied:
                    copied.add(path_node)
                    quads += [Triple(s, p, o) for s, p, o in _reachable(path_node, path_triples)]
        if r.value is not None:
            quads.append(Triple(res, sh("value"), r.value))
        quads += [Triple(res, sh("resultMessage"), m) for m in r.messages]
    return quads


def _reachable(
    start: Node, triples: dict[Node, list[tuple[Node, NamedNode, Term]]]
) -> Iterator[tuple[Node, NamedNode, Term]]:
    todo, seen = [start], {start}
    while todo:
        for s, p, o in triples.get(todo.pop(), []):
            yield s, p, o
            if isinstance(o, BlankNode) and o not in seen:
                seen.add(o)
                todo.append(o)


def to_turtle(
    report: Report, path_triples: dict[Node, list[tuple[Node, NamedNode, Term]]] | None = None
) -> str:
    """The standard SHACL validation report graph, in Turtle."""
    out = io.BytesIO()
    serialize(
        report_triples(report, path_triples or {}), out, format=RdfFormat.TURTLE, prefixes=REPORT_PREFIXES
    )
    return out.getvalue().decode()
