"""Compile SHACL Core shapes to SPARQL SELECT queries whose rows are validation results.

Each shape with targets becomes a few queries over its focus nodes: one for all its per-value
constraints (sh:class, sh:datatype, sh:in, sh:or ...), one for its cardinalities, and one per
other constraint (property pairs, sh:hasValue, sh:closed, qualified value shapes, sh:uniqueLang).
Value nodes come from the shape's path, written as a SPARQL property path, which has the same
meaning as the SHACL path. A shape used inside another (sh:node, sh:not, sh:or ...) becomes a
boolean SPARQL expression (:mod:`kg.validate.expressions`), so nesting costs no extra round trips.

Every query reads the union of the store's graphs, where the ontology graph supplies the
rdfs:subClassOf links that class targets and sh:class follow (SHACL instance-of, no inference).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.validate.expressions import (
    PAIR_CONSTRAINTS,
    RDF_TYPE,
    SUBCLASS,
    VALUE_CONSTRAINTS,
    Vars,
    closed_pattern,
    conforms,
    guard,
    integer,
    is_true,
    pair_patterns,
    term,
    unique_lang_pattern,
    value_expr,
)
from kg.validate.shapes import Constraint, Shape, ShapesGraph, UnsupportedShape


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
        elif c.name == "uniqueLang" and is_true(c.value):
            assert path is not None
            yield _narrowable(focus, lambda f, c=c: _unique_lang_check(shape, c, f, path))  # type: ignore[misc]
        elif c.name == "closed" and is_true(c.value):
            pattern = closed_pattern(shape, c, "?this", "?p", "?v")
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
    v = Vars()
    value = "?v" if path is not None else "?this"
    joins, tests = [], []
    for i, c in enumerate(constraints):
        if c.name == "class" and not focus.few:
            joins.append(
                f"OPTIONAL {{ {value} {RDF_TYPE}/{SUBCLASS}* {term(c.value)} BIND(true AS ?_class{i}) }}"
            )
            tests.append(f"BOUND(?_class{i})")
        else:
            tests.append(guard(value_expr(c, value, v, set())))
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
    tests = [f"?n <= {integer(c)}" for c in constraints]
    flags = "" if len(tests) == 1 else " ".join(f"({t} AS ?ok{i})" for i, t in enumerate(tests))
    failing = " || ".join(f"!({t})" for t in tests)
    query = (
        f"SELECT ?this {keys} {flags} WHERE {{ {{ SELECT ?this {keys} (COUNT(DISTINCT ?_v) AS ?n) WHERE {{ "
        f"{focus('?this')} ?this {path} ?_v . }} GROUP BY ?this {keys} }} FILTER({failing}) }}"
    )
    least = min(integer(c) for c in constraints)
    prefilter = (
        f"SELECT ?this WHERE {{ ?this {path} ?_v }} GROUP BY ?this HAVING(COUNT(DISTINCT ?_v) > {least})"
    )
    return Check(shape, tuple(constraints), query, prefilter)


def _min_count_check(shape: Shape, focus: Focus, path: str, constraints: list[Constraint]) -> Check:
    """Focus nodes with too few values: they cannot be found without the focus nodes themselves."""
    keys = focus.keys("?this")
    if len(constraints) == 1 and integer(constraints[0]) == 1:
        # the common case, as an anti-join: Oxigraph hashes the nodes that have a value once
        absent = "FILTER NOT EXISTS" if focus.few else "MINUS"
        query = f"SELECT DISTINCT ?this {keys} WHERE {{ {focus('?this')} {absent} {{ ?this {path} ?_any }} }}"
        return Check(shape, tuple(constraints), query)
    tests = [f"?n >= {integer(c)}" for c in constraints]
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
    alternatives = pair_patterns(c, "?this", path, "?v", "?_w")
    union = " UNION ".join(f"{{ {f} {alt} }}" for alt in alternatives)
    query = f"SELECT DISTINCT ?this ?v ?_w {keys} WHERE {{ {union} }}"
    suspects = " UNION ".join(f"{{ {alt} }}" for alt in alternatives)
    prefilter = f"SELECT DISTINCT ?this WHERE {{ {suspects} }}" if path is not None else None
    return Check(shape, (c,), query, prefilter)


def _unique_lang_check(shape: Shape, c: Constraint, focus: Focus, path: str) -> Check:
    keys = focus.keys("?this")
    pattern = unique_lang_pattern("?this", path, "?_a", "?_b")
    query = f"SELECT DISTINCT ?this (LCASE(LANG(?_a)) AS ?lang) {keys} WHERE {{ {focus('?this')} {pattern} }}"
    return Check(shape, (c,), query, f"SELECT DISTINCT ?this WHERE {{ {pattern} }}")


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
    v = Vars()
    test = conforms(qshape, "?_q", v, set())
    if c.options.get("disjoint"):
        for sibling in _siblings(shape, c, shapes):
            test += f" && !({conforms(sibling, '?_q', v, set())})"
    bound, keys = integer(c), focus.keys("?this")
    fails = f"?n < {bound}" if c.name == "qualifiedMinCount" else f"?n > {bound}"
    return (
        f"SELECT ?this {keys} WHERE {{ {{ SELECT ?this {keys} (COUNT(DISTINCT ?_q) AS ?n) WHERE {{ "
        f"{focus('?this')} OPTIONAL {{ ?this {path} ?_q FILTER({guard(test)}) }} }} "
        f"GROUP BY ?this {keys} }} FILTER({fails}) }}"
    )


__all__ = ["Check", "Focus", "compile_shapes", "shape_checks", "target_pattern"]
