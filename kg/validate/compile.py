"""Compile SHACL Core shapes to SPARQL SELECT queries whose rows are validation results.

Each shape with targets becomes a few queries over its focus nodes: one for all its per-value
constraints (sh:class, sh:datatype, sh:in, sh:or ...), one for its cardinalities, and one per
other constraint (property pairs, sh:hasValue, sh:closed, qualified value shapes, sh:uniqueLang).
Value nodes come from the shape's path, written as a SPARQL property path, which has the same
meaning as the SHACL path. A shape used inside another (sh:node, sh:not, sh:or ...) becomes a
boolean SPARQL expression, :func:`conforms`, so nesting costs no extra round trips.

Every query reads the union of the store's graphs, where the ontology graph supplies the
rdfs:subClassOf links that class targets and sh:class follow (SHACL instance-of, no inference).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.validate.lexical import well_formed
from kg.validate.shapes import SH, Constraint, Path_, Shape, ShapesGraph, UnsupportedShape, sh

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Constraints tested value node by value node: one query checks all of a shape's at once.
VALUE_CONSTRAINTS = {
    "class",
    "datatype",
    "nodeKind",
    "in",
    "pattern",
    "minExclusive",
    "minInclusive",
    "maxExclusive",
    "maxInclusive",
    "minLength",
    "maxLength",
    "languageIn",
    "node",
    "not",
    "and",
    "or",
    "xone",
}
_COMPARE = {"minExclusive": ">", "minInclusive": ">=", "maxExclusive": "<", "maxInclusive": "<="}


@dataclass(frozen=True)
class Focus:
    """A group pattern binding a variable to each focus node.

    Nested property shapes are evaluated once per parent focus node (SHACL counts a result per
    evaluation), so their focus pattern also binds the parents: ``?this_p``, ``?this_p_p``...
    ``narrow``, for focus nodes from targets, gives the same focus limited to the nodes a
    pattern on ``?_focus`` binds (see :attr:`Check.prefilter`).
    """

    pattern: Callable[[str], str]
    depth: int = 0
    narrow: Callable[[str], Focus] | None = None
    few: bool = False  # a handful of nodes (kg build --validate): look them up one by one

    def __call__(self, var: str) -> str:
        return self.pattern(var)

    def keys(self, var: str) -> str:
        """The parent variables to keep in projections and GROUP BY, for VAR."""
        return " ".join(var + "_p" * i for i in range(1, self.depth + 1))


@dataclass(frozen=True)
class Check:
    """One SPARQL query and the constraints its rows report.

    Rows bind ``?this`` (the focus node) and, when the constraint has them, ``?v`` (the value)
    and ``?p`` (a result path other than the shape's own, for sh:closed). With several
    constraints, ``?ok0``, ``?ok1``... tell which of them each row breaks.

    Finding the focus nodes of a class costs more than most constraints, so a check that can
    find its suspects without them has a ``prefilter``: a query over the data alone whose
    ``?this`` are the only nodes that may break it. When it finds none (the usual case) the
    check is done; otherwise ``narrowed(VALUES ?_focus {...})`` is the query on those nodes.
    """

    shape: Shape
    constraints: tuple[Constraint, ...]
    query: str
    prefilter: str | None = None
    narrowed: Callable[[str], str] | None = None


class _Vars:
    """Fresh SPARQL variable names for one query."""

    def __init__(self) -> None:
        self._count = itertools.count()

    def __call__(self, stem: str = "x") -> str:
        return f"?_{stem}{next(self._count)}"


def term(value: object) -> str:
    """A term in SPARQL syntax; blank nodes cannot be constants of a query.

    >>> term(NamedNode("http://e/a"))
    '<http://e/a>'
    """
    if isinstance(value, NamedNode | Literal):
        return str(value)
    if isinstance(value, BlankNode):
        raise UnsupportedShape(
            "a blank node as a constant (in sh:in, sh:hasValue or sh:targetNode) cannot be checked"
        )
    raise UnsupportedShape(f"unexpected constraint parameter {value!r}")


def target_pattern(shape: Shape, restriction: str | None = None, *, narrowable: bool = True) -> Focus:
    """The focus nodes of SHAPE's own targets, among those RESTRICTION (a pattern on ``?_focus``) binds.

    The restriction goes inside each kind of target, so that Oxigraph starts from the few
    nodes it binds rather than from every instance of a class.
    """

    def pattern(var: str) -> str:
        only = restriction.replace("?_focus", var) if restriction else ""
        parts = []
        for cls in shape.target_classes:
            # from a few nodes, up their types (100 times faster); else down from the class. A
            # constant class, not VALUES: Oxigraph then picks the fast join order.
            if restriction:
                parts.append(f"{{ {only} {var} {RDF_TYPE} ?_type . ?_type {SUBCLASS}* {term(cls)} }}")
            else:
                parts.append(f"{{ {var} {RDF_TYPE}/{SUBCLASS}* {term(cls)} }}")
        if shape.target_nodes:
            parts.append(f"{{ {only} VALUES {var} {{ {' '.join(term(n) for n in shape.target_nodes)} }} }}")
        parts += [f"{{ {only} {var} {term(p)} [] }}" for p in shape.target_subjects_of]
        parts += [f"{{ {only} [] {term(p)} {var} }}" for p in shape.target_objects_of]
        return f"{{ SELECT DISTINCT {var} WHERE {{ {' UNION '.join(parts)} }} }}"

    def narrow(more: str) -> Focus:
        return target_pattern(shape, f"{restriction} {more}" if restriction else more)

    return Focus(
        pattern, narrow=narrow if narrowable else None, few=restriction is not None and not narrowable
    )


def compile_shapes(shapes: ShapesGraph, *, restriction: str | None = None) -> list[Check]:
    """The checks of every shape with targets.

    Args:
        restriction: a group pattern binding ``?_focus``, such as ``VALUES ?_focus { <a> <b> }``:
            only the focus nodes it binds are validated (``kg build --validate``).
    """
    checks: list[Check] = []
    for shape in shapes.roots:
        # with a restriction the focus nodes are few: prefilters over the whole store would cost more
        focus = target_pattern(shape, restriction, narrowable=restriction is None)
        checks.extend(shape_checks(shape, focus, shapes))
    return checks


def shape_checks(shape: Shape, focus: Focus, shapes: ShapesGraph) -> Iterator[Check]:
    """The checks of SHAPE on the focus nodes FOCUS binds, and of the property shapes under it."""
    if shape.deactivated:
        return
    path = shape.path.sparql() if shape.path else None
    value_cs = [
        c for c in shape.constraints if c.name in VALUE_CONSTRAINTS or (c.name == "hasValue" and path is None)
    ]
    if value_cs:
        yield _narrowable(focus, lambda f: _value_check(shape, f, path, value_cs))
    counts = [c for c in shape.constraints if c.name in {"minCount", "maxCount"}]
    if counts and path is None:
        raise UnsupportedShape(f"shape {shape.name}: sh:minCount/sh:maxCount need a property shape")
    if path is not None and any(c.name == "maxCount" for c in counts):
        maxima = [c for c in counts if c.name == "maxCount"]
        yield _narrowable(focus, lambda f: _max_count_check(shape, f, path, maxima))
    if path is not None and any(c.name == "minCount" for c in counts):
        yield _min_count_check(shape, focus, path, [c for c in counts if c.name == "minCount"])
    keys = focus.keys("?this")
    for c in shape.constraints:
        f = focus("?this")
        if c.name == "hasValue" and path is not None:
            absent = "FILTER NOT EXISTS" if focus.few else "MINUS"
            query = (
                f"SELECT DISTINCT ?this {keys} WHERE {{ {f} {absent} {{ ?this {path} {term(c.value)} }} }}"
            )
            yield Check(shape, (c,), query)
        elif c.name in PAIR_CONSTRAINTS:
            yield _narrowable(focus, lambda f, c=c: _pair_check(shape, c, f, path))  # type: ignore[misc]
        elif c.name == "uniqueLang" and _true(c.value):
            assert path is not None
            yield _narrowable(focus, lambda f, c=c: _unique_lang_check(shape, c, f, path))  # type: ignore[misc]
        elif c.name == "closed" and _true(c.value):
            pattern = _closed_pattern(shape, c, "?this", "?p", "?v")
            yield Check(shape, (c,), f"SELECT DISTINCT ?this ?p ?v {keys} WHERE {{ {f} {pattern} }}")
        elif c.name in {"qualifiedMinCount", "qualifiedMaxCount"}:
            assert path is not None
            yield Check(shape, (c,), _qualified_query(shape, c, focus, path, shapes))
        elif c.name == "property":
            child = c.value
            assert isinstance(child, Shape)
            yield from shape_checks(child, _values_focus(focus, path), shapes)


def _narrowable(focus: Focus, build: Callable[[Focus], Check]) -> Check:
    """BUILD's check on FOCUS, able to rebuild its query on fewer focus nodes when FOCUS can narrow."""
    check = build(focus)
    narrow = focus.narrow
    if check.prefilter is None or narrow is None:
        return Check(check.shape, check.constraints, check.query)
    return Check(
        check.shape,
        check.constraints,
        check.query,
        check.prefilter,
        lambda restriction: build(narrow(restriction)).query,
    )


PAIR_CONSTRAINTS = {"equals", "disjoint", "lessThan", "lessThanOrEquals"}


def _true(value: object) -> bool:
    return isinstance(value, Literal) and value.value == "true"


def _values_focus(focus: Focus, path: str | None) -> Focus:
    """The value nodes of a shape (at PATH, or its focus nodes themselves) as the focus of a child."""
    if path is None:
        return focus

    def pattern(var: str) -> str:
        parent = var + "_p"
        columns = f"{var} {parent} {focus.keys(parent)}"
        return f"{{ SELECT DISTINCT {columns} WHERE {{ {focus(parent)} {parent} {path} {var} }} }}"

    return Focus(pattern, focus.depth + 1, few=focus.few)


def _value_check(shape: Shape, focus: Focus, path: str | None, constraints: list[Constraint]) -> Check:
    """One query for all per-value constraints of SHAPE; ``?okN`` tells which ones a value breaks.

    sh:class is joined with OPTIONAL rather than tested with EXISTS: Oxigraph then finds the
    instances of the class once, instead of walking rdfs:subClassOf from every value.
    """
    v = _Vars()
    value = "?v" if path is not None else "?this"
    joins, tests = [], []
    for i, c in enumerate(constraints):
        if c.name == "class" and not focus.few:
            joins.append(
                f"OPTIONAL {{ {value} {RDF_TYPE}/{SUBCLASS}* {term(c.value)} BIND(true AS ?_class{i}) }}"
            )
            tests.append(f"BOUND(?_class{i})")
        else:
            tests.append(_guard(value_expr(c, value, v, set())))
    step = f"?this {path} ?v ." if path is not None else ""
    columns = ("?this ?v" if path is not None else "?this") + " " + focus.keys("?this")
    binds = " ".join(f"BIND({t} AS ?ok{i})" for i, t in enumerate(tests))
    failing = " || ".join(f"!?ok{i}" for i in range(len(tests)))
    checks = f"{' '.join(joins)} {binds} FILTER({failing})"
    if len(tests) > 1:
        columns += " " + " ".join(f"?ok{i}" for i in range(len(tests)))
    query = f"SELECT DISTINCT {columns} WHERE {{ {focus('?this')} {step} {checks} }}"
    prefilter = f"SELECT DISTINCT ?this WHERE {{ {step} {checks} }}" if path is not None else None
    return Check(shape, tuple(constraints), query, prefilter)


def _max_count_check(shape: Shape, focus: Focus, path: str, constraints: list[Constraint]) -> Check:
    keys = focus.keys("?this")
    tests = [f"?n <= {_integer(c)}" for c in constraints]
    flags = "" if len(tests) == 1 else " ".join(f"({t} AS ?ok{i})" for i, t in enumerate(tests))
    failing = " || ".join(f"!({t})" for t in tests)
    query = (
        f"SELECT ?this {keys} {flags} WHERE {{ {{ SELECT ?this {keys} (COUNT(DISTINCT ?_v) AS ?n) WHERE {{ "
        f"{focus('?this')} ?this {path} ?_v . }} GROUP BY ?this {keys} }} FILTER({failing}) }}"
    )
    least = min(_integer(c) for c in constraints)
    prefilter = (
        f"SELECT ?this WHERE {{ ?this {path} ?_v }} GROUP BY ?this HAVING(COUNT(DISTINCT ?_v) > {least})"
    )
    return Check(shape, tuple(constraints), query, prefilter)


def _min_count_check(shape: Shape, focus: Focus, path: str, constraints: list[Constraint]) -> Check:
    """Focus nodes with too few values: they cannot be found without the focus nodes themselves."""
    keys = focus.keys("?this")
    if len(constraints) == 1 and _integer(constraints[0]) == 1:
        # the common case, as an anti-join: Oxigraph hashes the nodes that have a value once
        absent = "FILTER NOT EXISTS" if focus.few else "MINUS"
        query = f"SELECT DISTINCT ?this {keys} WHERE {{ {focus('?this')} {absent} {{ ?this {path} ?_any }} }}"
        return Check(shape, tuple(constraints), query)
    tests = [f"?n >= {_integer(c)}" for c in constraints]
    flags = "" if len(tests) == 1 else " ".join(f"({t} AS ?ok{i})" for i, t in enumerate(tests))
    failing = " || ".join(f"!({t})" for t in tests)
    query = (
        f"SELECT ?this {keys} {flags} WHERE {{ {{ SELECT ?this {keys} (COUNT(DISTINCT ?_v) AS ?n) WHERE {{ "
        f"{focus('?this')} OPTIONAL {{ ?this {path} ?_v }} }} GROUP BY ?this {keys} }} FILTER({failing}) }}"
    )
    return Check(shape, tuple(constraints), query)


def _pair_check(shape: Shape, c: Constraint, focus: Focus, path: str | None) -> Check:
    # one result per pair of values (SHACL 4.5.3), hence ?_w in the projection
    keys, f = focus.keys("?this"), focus("?this")
    alternatives = _pair_patterns(c, "?this", path, "?v", "?_w")
    union = " UNION ".join(f"{{ {f} {alt} }}" for alt in alternatives)
    query = f"SELECT DISTINCT ?this ?v ?_w {keys} WHERE {{ {union} }}"
    suspects = " UNION ".join(f"{{ {alt} }}" for alt in alternatives)
    prefilter = f"SELECT DISTINCT ?this WHERE {{ {suspects} }}" if path is not None else None
    return Check(shape, (c,), query, prefilter)


def _unique_lang_check(shape: Shape, c: Constraint, focus: Focus, path: str) -> Check:
    keys = focus.keys("?this")
    pattern = _unique_lang_pattern("?this", path, "?_a", "?_b")
    query = f"SELECT DISTINCT ?this (LCASE(LANG(?_a)) AS ?lang) {keys} WHERE {{ {focus('?this')} {pattern} }}"
    return Check(shape, (c,), query, f"SELECT DISTINCT ?this WHERE {{ {pattern} }}")


def _integer(c: Constraint) -> int:
    if not isinstance(c.value, Literal):
        raise UnsupportedShape(f"sh:{c.name} needs an integer, not {c.value}")
    try:
        return int(c.value.value)
    except ValueError as err:
        raise UnsupportedShape(f"sh:{c.name} needs an integer, not {c.value}") from err


def _pair_patterns(c: Constraint, x: str, path: str | None, y: str, z: str) -> list[str]:
    """Alternative patterns whose solutions Y are the values of X (at PATH, or X itself) that break
    the property-pair constraint C. X must be bound before each (by a focus pattern or by EXISTS)."""
    assert isinstance(c.value, Path_)
    other = c.value.sparql()
    values = f"{x} {path} {y} ." if path is not None else f"BIND({x} AS {y})"
    if c.name == "equals" and path is None:
        # X itself must be among its OTHER values, and nothing else may be
        return [
            f"{x} {other} {y} FILTER(!sameTerm({x}, {y}))",
            f"FILTER NOT EXISTS {{ {x} {other} {x} }} BIND({x} AS {y})",
        ]
    if c.name == "equals":
        return [
            f"{values} FILTER NOT EXISTS {{ {x} {other} {y} }}",
            f"{x} {other} {y} FILTER NOT EXISTS {{ {x} {path} {y} }}",
        ]
    if c.name == "disjoint":
        return [f"{values} {x} {other} {y} ."]
    op = "<" if c.name == "lessThan" else "<="
    return [f"{values} {x} {other} {z} FILTER(!COALESCE({y} {op} {z}, false))"]


def _unique_lang_pattern(x: str, path: str, a: str, b: str) -> str:
    return (
        f"{x} {path} {a} . {x} {path} {b} FILTER(isLiteral({a}) && isLiteral({b}) && !sameTerm({a}, {b}) "
        f'&& LANG({a}) != "" && LCASE(LANG({a})) = LCASE(LANG({b})))'
    )


def _closed_pattern(shape: Shape, c: Constraint, x: str, p: str, o: str) -> str:
    allowed = []
    for child in shape.constraints:
        child_path = child.value.path if child.name == "property" and isinstance(child.value, Shape) else None
        if child_path is not None and child_path.kind == "predicate" and child_path.iri is not None:
            allowed.append(term(child_path.iri))
    ignored = c.options.get("ignored", ())
    assert isinstance(ignored, tuple)
    allowed += [term(i) for i in ignored]
    test = f"FILTER({p} NOT IN ({', '.join(allowed)}))" if allowed else ""
    return f"{x} {p} {o} {test}"


def _siblings(shape: Shape, c: Constraint, shapes: ShapesGraph) -> list[Shape]:
    """The qualified value shapes of the other property shapes of SHAPE's parents (SHACL 4.7.3)."""
    own = c.options.get("shape")
    found: list[Shape] = []
    for parent in shapes.shapes.values():
        children = [x.value for x in parent.constraints if x.name == "property"]
        if shape not in children:
            continue
        for child in children:
            assert isinstance(child, Shape)
            for x in child.constraints:
                q = x.options.get("shape")
                if (
                    x.name.startswith("qualified")
                    and isinstance(q, Shape)
                    and q is not own
                    and q not in found
                ):
                    found.append(q)
    return found


def _qualified_query(shape: Shape, c: Constraint, focus: Focus, path: str, shapes: ShapesGraph) -> str:
    qshape = c.options["shape"]
    assert isinstance(qshape, Shape)
    v = _Vars()
    test = conforms(qshape, "?_q", v, set())
    if c.options.get("disjoint"):
        for sibling in _siblings(shape, c, shapes):
            test += f" && !({conforms(sibling, '?_q', v, set())})"
    bound, keys = _integer(c), focus.keys("?this")
    fails = f"?n < {bound}" if c.name == "qualifiedMinCount" else f"?n > {bound}"
    return (
        f"SELECT ?this {keys} WHERE {{ {{ SELECT ?this {keys} (COUNT(DISTINCT ?_q) AS ?n) WHERE {{ "
        f"{focus('?this')} OPTIONAL {{ ?this {path} ?_q FILTER({_guard(test)}) }} }} "
        f"GROUP BY ?this {keys} }} FILTER({fails}) }}"
    )


def _guard(expr: str) -> str:
    """An expression that is false, never an error (a FILTER error would hide a violation)."""
    return f"COALESCE({expr}, false)"


def value_expr(c: Constraint, var: str, v: _Vars, active: set[int]) -> str:
    """A SPARQL expression true when the value node in VAR satisfies the value constraint C."""
    name, value = c.name, c.value
    if name == "class":
        kind = v("type")
        return f"EXISTS {{ {var} {RDF_TYPE} {kind} . {kind} {SUBCLASS}* {term(value)} }}"
    if name == "datatype":
        assert isinstance(value, NamedNode)
        if value.value == RDF_LANGSTRING:
            return f'(isLiteral({var}) && LANG({var}) != "")'
        test = f"(isLiteral({var}) && sameTerm(DATATYPE({var}), {term(value)})"
        if value.value == XSD_STRING:
            test += f' && LANG({var}) = ""'
        lexical = well_formed(var, value.value)
        return test + (f" && {lexical})" if lexical else ")")
    if name == "nodeKind":
        assert isinstance(value, NamedNode)
        kinds = {
            "IRI": ["isIRI"],
            "BlankNode": ["isBlank"],
            "Literal": ["isLiteral"],
            "BlankNodeOrIRI": ["isBlank", "isIRI"],
            "BlankNodeOrLiteral": ["isBlank", "isLiteral"],
            "IRIOrLiteral": ["isIRI", "isLiteral"],
        }[value.value.removeprefix(SH)]
        return "(" + " || ".join(f"{k}({var})" for k in kinds) + ")"
    if name == "in":
        assert isinstance(value, tuple)
        members = [f"sameTerm({var}, {term(m)})" for m in value]
        return "(" + (" || ".join(members) or "false") + ")"
    if name == "hasValue":
        return f"sameTerm({var}, {term(value)})"
    if name in _COMPARE:
        return f"({var} {_COMPARE[name]} {term(value)})"
    if name in {"minLength", "maxLength"}:
        op = ">=" if name == "minLength" else "<="
        return f"(!isBlank({var}) && STRLEN(STR({var})) {op} {_integer(c)})"
    if name == "pattern":
        assert isinstance(value, Literal)
        flags = c.options.get("flags") or ""
        args = f"{term(Literal(value.value))}" + (f", {term(Literal(str(flags)))}" if flags else "")
        return f"(!isBlank({var}) && REGEX(STR({var}), {args}))"
    if name == "languageIn":
        assert isinstance(value, tuple)
        tests = [
            f"langMatches(LANG({var}), {term(Literal(t.value))})" for t in value if isinstance(t, Literal)
        ]
        return f"(isLiteral({var}) && ({' || '.join(tests) or 'false'}))"
    if name == "node":
        assert isinstance(value, Shape)
        return conforms(value, var, v, active)
    if name == "not":
        assert isinstance(value, Shape)
        return f"!({conforms(value, var, v, active)})"
    if name in {"and", "or", "xone"}:
        assert isinstance(value, tuple)
        parts = [_guard(conforms(s, var, v, active)) for s in value if isinstance(s, Shape)]
        if name == "xone":
            return "(" + " + ".join(f"IF({p}, 1, 0)" for p in parts) + ") = 1" if parts else "false"
        joiner = " && " if name == "and" else " || "
        return "(" + (joiner.join(parts) or ("true" if name == "and" else "false")) + ")"
    raise UnsupportedShape(f"sh:{name} cannot be tested on a single value node")


def conforms(shape: Shape, var: str, v: _Vars, active: set[int]) -> str:
    """A SPARQL expression true when the node in VAR conforms to SHAPE (for sh:node, sh:or ...)."""
    if shape.deactivated:
        return "true"
    if id(shape) in active:
        raise UnsupportedShape(f"shape {shape.name} refers to itself; recursive shapes are not SHACL Core")
    active = active | {id(shape)}
    tests: list[str] = []
    path = shape.path.sparql() if shape.path else None
    for c in shape.constraints:
        tests.append(_guard(_shape_level(shape, c, var, path, v, active)))
    return "(" + (" && ".join(tests) or "true") + ")"


def _shape_level(shape: Shape, c: Constraint, var: str, path: str | None, v: _Vars, active: set[int]) -> str:
    if c.name in PAIR_CONSTRAINTS:
        alternatives = _pair_patterns(c, var, path, v("y"), v("z"))
        return " && ".join(f"NOT EXISTS {{ {alt} }}" for alt in alternatives)
    if path is None:
        if c.name in VALUE_CONSTRAINTS or c.name == "hasValue":
            return value_expr(c, var, v, active)
        if c.name == "property":
            assert isinstance(c.value, Shape)
            return conforms(c.value, var, v, active)
        if c.name == "closed":
            return (
                f"NOT EXISTS {{ {_closed_pattern(shape, c, var, v('p'), v('o'))} }}"
                if _true(c.value)
                else "true"
            )
        raise UnsupportedShape(
            f"shape {shape.name}: sh:{c.name} inside sh:node/sh:or/sh:not is not supported"
        )
    y = v("y")
    if c.name in VALUE_CONSTRAINTS:
        return f"NOT EXISTS {{ {var} {path} {y} FILTER(!{_guard(value_expr(c, y, v, active))}) }}"
    if c.name == "property":
        assert isinstance(c.value, Shape)
        return f"NOT EXISTS {{ {var} {path} {y} FILTER(!{_guard(conforms(c.value, y, v, active))}) }}"
    if c.name == "hasValue":
        return f"EXISTS {{ {var} {path} {term(c.value)} }}"
    if c.name in {"minCount", "maxCount"}:
        n = _integer(c) if c.name == "minCount" else _integer(c) + 1
        if n == 0:
            return "true" if c.name == "minCount" else "false"
        if n > 4:
            raise UnsupportedShape(
                f"shape {shape.name}: sh:{c.name} above 3 inside sh:node/sh:or is not supported"
            )
        ys = [v("y") for _ in range(n)]
        pattern = " ".join(f"{var} {path} {y} ." for y in ys)
        distinct = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(ys, 2))
        body = pattern + (f" FILTER({distinct})" if distinct else "")
        return f"EXISTS {{ {body} }}" if c.name == "minCount" else f"NOT EXISTS {{ {body} }}"
    if c.name == "uniqueLang":
        return (
            f"NOT EXISTS {{ {_unique_lang_pattern(var, path, v('a'), v('b'))} }}"
            if _true(c.value)
            else "true"
        )
    raise UnsupportedShape(f"shape {shape.name}: sh:{c.name} inside sh:node/sh:or/sh:not is not supported")


__all__ = ["Check", "compile_shapes", "conforms", "sh", "term", "value_expr"]
