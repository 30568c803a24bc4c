"""Read a SHACL shapes graph into plain data: shapes, their targets, paths and constraints.

The shapes are loaded through an Oxigraph store, like the data, so that a literal in a shape
(``sh:hasValue 5``, ``sh:in ("a" "b")``) is normalised exactly as the data it is compared with.
Only SHACL Core is understood; anything else a shape asks for raises :class:`UnsupportedShape`
rather than being skipped silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

from kg.errors import OntologyError

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

Term = NamedNode | BlankNode | Literal
Node = NamedNode | BlankNode

RDF_TYPE = NamedNode(RDF + "type")
RDF_FIRST = NamedNode(RDF + "first")
RDF_REST = NamedNode(RDF + "rest")
RDF_NIL = NamedNode(RDF + "nil")
VIOLATION = NamedNode(SH + "Violation")


class UnsupportedShape(OntologyError):
    """A shape uses a SHACL feature this validator does not implement (SHACL-SPARQL, SHACL-AF...)."""


def sh(local: str) -> NamedNode:
    """A term of the SHACL namespace.

    >>> sh("minCount").value
    'http://www.w3.org/ns/shacl#minCount'
    """
    return NamedNode(SH + local)


# Constraint parameters -> their constraint component (SHACL Core, section 4). Components with
# several parameters (qualified value shapes, closed) are keyed by their mandatory one.
COMPONENTS = {
    "class": "ClassConstraintComponent",
    "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent",
    "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent",
    "minExclusive": "MinExclusiveConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent",
    "maxExclusive": "MaxExclusiveConstraintComponent",
    "maxInclusive": "MaxInclusiveConstraintComponent",
    "minLength": "MinLengthConstraintComponent",
    "maxLength": "MaxLengthConstraintComponent",
    "pattern": "PatternConstraintComponent",
    "languageIn": "LanguageInConstraintComponent",
    "uniqueLang": "UniqueLangConstraintComponent",
    "equals": "EqualsConstraintComponent",
    "disjoint": "DisjointConstraintComponent",
    "lessThan": "LessThanConstraintComponent",
    "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "not": "NotConstraintComponent",
    "and": "AndConstraintComponent",
    "or": "OrConstraintComponent",
    "xone": "XoneConstraintComponent",
    "node": "NodeConstraintComponent",
    "property": "PropertyConstraintComponent",
    "qualifiedMinCount": "QualifiedMinCountConstraintComponent",
    "qualifiedMaxCount": "QualifiedMaxCountConstraintComponent",
    "closed": "ClosedConstraintComponent",
    "hasValue": "HasValueConstraintComponent",
    "in": "InConstraintComponent",
}
_HELPER_PARAMETERS = {
    "flags",
    "ignoredProperties",
    "qualifiedValueShape",
    "qualifiedValueShapesDisjoint",
    "qualifiedMinCount",
    "qualifiedMaxCount",
}
_NOT_CORE = {"sparql", "target", "rule", "js", "jsFunctionName", "expression", "condition"}
_LIST_PARAMETERS = {"and", "or", "xone", "in", "languageIn", "ignoredProperties"}
_SHAPE_PARAMETERS = {"not", "node", "property", "qualifiedValueShape"}


@dataclass(frozen=True)
class Path_:
    """A SHACL property path: a predicate IRI, or (kind, parts) for inverse, sequence, ``*`` ..."""

    kind: str  # "predicate", "inverse", "sequence", "alternative", "zeroOrMore", "oneOrMore", "zeroOrOne"
    iri: NamedNode | None = None
    parts: tuple[Path_, ...] = ()
    node: Node | None = None  # the path's node in the shapes graph, for sh:resultPath

    def sparql(self) -> str:
        """The SPARQL 1.1 property path with the same value nodes.

        >>> Path_("inverse", parts=(Path_("predicate", NamedNode("http://e/p")),)).sparql()
        '^(<http://e/p>)'
        """
        if self.kind == "predicate":
            assert self.iri is not None
            return f"<{self.iri.value}>"
        inner = [p.sparql() for p in self.parts]
        if self.kind == "inverse":
            return f"^({inner[0]})"
        if self.kind == "sequence":
            return "(" + "/".join(inner) + ")"
        if self.kind == "alternative":
            return "(" + "|".join(inner) + ")"
        suffix = {"zeroOrMore": "*", "oneOrMore": "+", "zeroOrOne": "?"}[self.kind]
        return f"({inner[0]}){suffix}"


@dataclass(frozen=True)
class Constraint:
    """One constraint of a shape: its component, its main parameter and any helper parameters."""

    name: str  # the main parameter's local name: "minCount", "class", "or"...
    value: object  # a term, a tuple of terms, a Shape, a tuple of Shapes, or a Path_ (property pairs)
    options: dict[str, object] = field(default_factory=dict)

    @property
    def component(self) -> NamedNode:
        return sh(COMPONENTS[self.name])


@dataclass(eq=False)
class Shape:
    """A node or property shape. Identity is the shape node; shapes may refer to each other."""

    node: Node
    path: Path_ | None = None
    constraints: list[Constraint] = field(default_factory=list)
    target_classes: list[NamedNode] = field(default_factory=list)
    target_nodes: list[Term] = field(default_factory=list)
    target_subjects_of: list[NamedNode] = field(default_factory=list)
    target_objects_of: list[NamedNode] = field(default_factory=list)
    severity: NamedNode = VIOLATION
    messages: list[Literal] = field(default_factory=list)
    deactivated: bool = False
    labels: list[Literal] = field(default_factory=list)

    @property
    def is_property(self) -> bool:
        return self.path is not None

    @property
    def has_targets(self) -> bool:
        return bool(
            self.target_classes or self.target_nodes or self.target_subjects_of or self.target_objects_of
        )

    @property
    def name(self) -> str:
        return self.node.value if isinstance(self.node, NamedNode) else f"_:{self.node.value}"


@dataclass
class ShapesGraph:
    """Every shape of a shapes graph, by node; ``roots`` are those with targets of their own."""

    shapes: dict[Node, Shape]
    triples: list[tuple[Node, NamedNode, Term]]

    @property
    def roots(self) -> list[Shape]:
        return [s for s in self.shapes.values() if s.has_targets and not s.deactivated]

    def path_triples(self) -> dict[Node, list[tuple[Node, NamedNode, Term]]]:
        """The triples of each blank node (complex paths), to copy into a validation report."""
        found: dict[Node, list[tuple[Node, NamedNode, Term]]] = defaultdict(list)
        for s, p, o in self.triples:
            if isinstance(s, BlankNode):
                found[s].append((s, p, o))
        return found


class _Index:
    """Subject -> predicate -> objects, in file order, over the triples of a shapes graph."""

    def __init__(self, triples: Iterable[tuple[Node, NamedNode, Term]]) -> None:
        self.spo: dict[Node, dict[NamedNode, list[Term]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in triples:
            self.spo[s][p].append(o)

    def objects(self, s: Term, p: NamedNode) -> list[Term]:
        if isinstance(s, Literal) or s not in self.spo:
            return []
        return self.spo[s].get(p, [])

    def value(self, s: Term, p: NamedNode) -> Term | None:
        values = self.objects(s, p)
        return values[0] if values else None

    def items(self, head: Term) -> list[Term]:
        """The members of the RDF list starting at HEAD."""
        out: list[Term] = []
        seen: set[Term] = set()
        while head != RDF_NIL:
            if head in seen or not isinstance(head, NamedNode | BlankNode):
                raise OntologyError(f"malformed RDF list at {head}")
            seen.add(head)
            first = self.value(head, RDF_FIRST)
            if first is None:
                raise OntologyError(f"malformed RDF list at {head}: no rdf:first")
            out.append(first)
            rest = self.value(head, RDF_REST)
            if rest is None:
                raise OntologyError(f"malformed RDF list at {head}: no rdf:rest")
            head = rest
        return out


def read_shapes_files(paths: Iterable[Path]) -> ShapesGraph:
    """Parse Turtle (or any RDF) shapes files into a :class:`ShapesGraph`.

    The triples are kept as written (not through a store, which would turn ``"1"^^xsd:boolean``
    into ``"true"``); constants compiled into queries are normalised by Oxigraph like the data.
    """
    triples: list[tuple[Node, NamedNode, Term]] = []
    for path in paths:
        try:
            quads = list(parse(path=str(path), format=_format(path), base_iri=path.resolve().as_uri()))
        except (SyntaxError, ValueError, OSError) as err:
            raise OntologyError(f"{path}: cannot read shapes: {err}") from err
        triples += [(q.subject, q.predicate, q.object) for q in quads]
    return read_shapes_triples(triples)


def shapes_files(where: Path) -> list[Path]:
    """The shapes files of a directory (its ``*.ttl``, not its subfolders), or a single file."""
    if where.is_dir():
        files = sorted(where.glob("*.ttl"))
        if not files:
            raise OntologyError(f"{where}: no *.ttl shapes files here; pass --shapes DIR with Turtle shapes")
        return files
    if not where.exists():
        raise OntologyError(f"{where}: no such shapes file or directory")
    return [where]


def _format(path: Path) -> RdfFormat:
    suffix = path.suffix.lower()
    return {
        ".nt": RdfFormat.N_TRIPLES,
        ".rdf": RdfFormat.RDF_XML,
        ".xml": RdfFormat.RDF_XML,
        ".trig": RdfFormat.TRIG,
        ".nq": RdfFormat.N_QUADS,
        ".jsonld": RdfFormat.JSON_LD,
    }.get(suffix, RdfFormat.TURTLE)


def read_shapes_triples(triples: list[tuple[Node, NamedNode, Term]]) -> ShapesGraph:
    """The shapes among TRIPLES."""
    return _Reader(_Index(triples), triples).read()


class _Reader:
    def __init__(self, index: _Index, triples: list[tuple[Node, NamedNode, Term]]) -> None:
        self.g = index
        self.triples = triples
        self.shapes: dict[Node, Shape] = {}

    def read(self) -> ShapesGraph:
        for node in self._shape_nodes():
            self.shape(node)
        return ShapesGraph(self.shapes, self.triples)

    def _shape_nodes(self) -> list[Node]:
        """Nodes that are shapes: typed as such, with targets, or with sh:path (SHACL 2.1)."""
        shape_types = {sh("NodeShape"), sh("PropertyShape")}
        target_ps = {sh(t) for t in ("targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf")}
        rdfs_class = NamedNode(RDFS + "Class")
        class_types = {rdfs_class} | {
            s
            for s, preds in self.g.spo.items()
            if rdfs_class in preds.get(NamedNode(RDFS + "subClassOf"), [])
        }
        found: list[Node] = []
        for s, preds in self.g.spo.items():
            types = set(preds.get(RDF_TYPE, []))
            if (
                types & shape_types
                or target_ps & preds.keys()
                or sh("path") in preds
                or (types & class_types and any(p.value.startswith(SH) for p in preds))
            ):
                found.append(s)
        return found

    def shape(self, node: Term) -> Shape:
        if not isinstance(node, NamedNode | BlankNode):
            raise OntologyError(f"a shape must be an IRI or blank node, not the literal {node}")
        if node in self.shapes:
            return self.shapes[node]
        g = self.g
        shape = Shape(node)
        self.shapes[node] = shape  # before the constraints: shapes may refer to themselves
        path = g.value(node, sh("path"))
        if path is not None:
            shape.path = self.path(path)
        shape.target_classes = [t for t in g.objects(node, sh("targetClass")) if isinstance(t, NamedNode)]
        shape.target_nodes = list(g.objects(node, sh("targetNode")))
        shape.target_subjects_of = [
            t for t in g.objects(node, sh("targetSubjectsOf")) if isinstance(t, NamedNode)
        ]
        shape.target_objects_of = [
            t for t in g.objects(node, sh("targetObjectsOf")) if isinstance(t, NamedNode)
        ]
        if self._is_implicit_class(node):
            assert isinstance(node, NamedNode)
            shape.target_classes.append(node)
        severity = g.value(node, sh("severity"))
        if isinstance(severity, NamedNode):
            shape.severity = severity
        shape.messages = [m for m in g.objects(node, sh("message")) if isinstance(m, Literal)]
        shape.labels = [m for m in g.objects(node, NamedNode(RDFS + "label")) if isinstance(m, Literal)]
        deactivated = g.value(node, sh("deactivated"))
        shape.deactivated = isinstance(deactivated, Literal) and deactivated.value == "true"
        shape.constraints = self.constraints(node)
        return shape

    def _is_implicit_class(self, node: Term) -> bool:
        rdfs_class = NamedNode(RDFS + "Class")
        types = self.g.objects(node, RDF_TYPE)
        return isinstance(node, NamedNode) and any(
            t == rdfs_class or rdfs_class in self.g.objects(t, NamedNode(RDFS + "subClassOf")) for t in types
        )

    def constraints(self, node: Node) -> list[Constraint]:
        g = self.g
        out: list[Constraint] = []
        for p, values in g.spo[node].items():
            if not p.value.startswith(SH):
                continue
            local = p.value[len(SH) :]
            if local in _NOT_CORE:
                raise UnsupportedShape(
                    f"shape {node}: sh:{local} is not SHACL Core; kg validates SHACL Core only"
                )
            if local == "qualifiedValueShape":
                out.extend(self._qualified(node, values))
                continue
            if local not in COMPONENTS or local in _HELPER_PARAMETERS:
                continue
            for value in values:
                out.append(self._constraint(node, local, value))
        return out

    def _constraint(self, node: Node, local: str, value: Term) -> Constraint:
        g = self.g
        if local == "closed":
            ignored = g.value(node, sh("ignoredProperties"))
            return Constraint(local, value, {"ignored": tuple(g.items(ignored)) if ignored else ()})
        if local in {"equals", "disjoint", "lessThan", "lessThanOrEquals"}:
            if not isinstance(value, NamedNode):
                raise OntologyError(f"shape {node}: sh:{local} needs a property IRI")
            return Constraint(local, Path_("predicate", value))
        if local == "pattern":
            flags = g.value(node, sh("flags"))
            return Constraint(local, value, {"flags": flags.value if isinstance(flags, Literal) else ""})
        if local in _LIST_PARAMETERS:
            members = tuple(g.items(value))
            if local in {"and", "or", "xone"}:
                return Constraint(local, tuple(self.shape(m) for m in members))
            return Constraint(local, members)
        if local in _SHAPE_PARAMETERS:
            return Constraint(local, self.shape(value))
        return Constraint(local, value)

    def _qualified(self, node: Node, values: list[Term]) -> list[Constraint]:
        g = self.g
        disjoint = g.value(node, sh("qualifiedValueShapesDisjoint"))
        options = {"disjoint": isinstance(disjoint, Literal) and disjoint.value == "true", "parent_of": node}
        out = []
        for value in values:
            qshape = self.shape(value)
            for name in ("qualifiedMinCount", "qualifiedMaxCount"):
                bound = g.value(node, sh(name))
                if isinstance(bound, Literal):
                    out.append(Constraint(name, bound, {**options, "shape": qshape}))
        return out

    def path(self, node: Term) -> Path_:
        g = self.g
        if isinstance(node, NamedNode):
            return Path_("predicate", node, node=node)
        if not isinstance(node, BlankNode):
            raise OntologyError(f"sh:path must be an IRI or a blank node, not {node}")
        if g.value(node, RDF_FIRST) is not None:
            return Path_("sequence", parts=tuple(self.path(m) for m in g.items(node)), node=node)
        for kind in ("inversePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath"):
            inner = g.value(node, sh(kind))
            if inner is not None:
                return Path_(kind.removesuffix("Path"), parts=(self.path(inner),), node=node)
        alternatives = g.value(node, sh("alternativePath"))
        if alternatives is not None:
            return Path_("alternative", parts=tuple(self.path(m) for m in g.items(alternatives)), node=node)
        raise OntologyError(f"unknown kind of sh:path at {node}")
