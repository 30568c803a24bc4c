"""SHACL constraints as SPARQL boolean expressions and patterns, for kg.validate.compile.

A shape used inside another (sh:node, sh:not, sh:or ...) becomes one boolean expression,
:func:`conforms`, so nesting costs no extra round trips; the top-level checks reuse the same
pieces for the constraints they test value by value.
"""

from __future__ import annotations

import itertools

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.validate.lexical import well_formed
from kg.validate.shapes import SH, Constraint, Path_, Shape, UnsupportedShape

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


class Vars:
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


PAIR_CONSTRAINTS = {"equals", "disjoint", "lessThan", "lessThanOrEquals"}


def is_true(value: object) -> bool:
    return isinstance(value, Literal) and value.value == "true"


def integer(c: Constraint) -> int:
    if not isinstance(c.value, Literal):
        raise UnsupportedShape(f"sh:{c.name} needs an integer, not {c.value}")
    try:
        return int(c.value.value)
    except ValueError as err:
        raise UnsupportedShape(f"sh:{c.name} needs an integer, not {c.value}") from err


def pair_patterns(c: Constraint, x: str, path: str | None, y: str, z: str) -> list[str]:
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


def unique_lang_pattern(x: str, path: str, a: str, b: str) -> str:
    return (
        f"{x} {path} {a} . {x} {path} {b} FILTER(isLiteral({a}) && isLiteral({b}) && !sameTerm({a}, {b}) "
        f'&& LANG({a}) != "" && LCASE(LANG({a})) = LCASE(LANG({b})))'
    )


def closed_pattern(shape: Shape, c: Constraint, x: str, p: str, o: str) -> str:
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


def guard(expr: str) -> str:
    """An expression that is false, never an error (a FILTER error would hide a violation)."""
    return f"COALESCE({expr}, false)"


def value_expr(c: Constraint, var: str, v: Vars, active: set[int]) -> str:
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
        return f"(!isBlank({var}) && STRLEN(STR({var})) {op} {integer(c)})"
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
        parts = [guard(conforms(s, var, v, active)) for s in value if isinstance(s, Shape)]
        if name == "xone":
            return "(" + " + ".join(f"IF({p}, 1, 0)" for p in parts) + ") = 1" if parts else "false"
        joiner = " && " if name == "and" else " || "
        return "(" + (joiner.join(parts) or ("true" if name == "and" else "false")) + ")"
    raise UnsupportedShape(f"sh:{name} cannot be tested on a single value node")


def conforms(shape: Shape, var: str, v: Vars, active: set[int]) -> str:
    """A SPARQL expression true when the node in VAR conforms to SHAPE (for sh:node, sh:or ...)."""
    if shape.deactivated:
        return "true"
    if id(shape) in active:
        raise UnsupportedShape(f"shape {shape.name} refers to itself; recursive shapes are not SHACL Core")
    active = active | {id(shape)}
    tests: list[str] = []
    path = shape.path.sparql() if shape.path else None
    for c in shape.constraints:
        tests.append(guard(_shape_level(shape, c, var, path, v, active)))
    return "(" + (" && ".join(tests) or "true") + ")"


def _shape_level(shape: Shape, c: Constraint, var: str, path: str | None, v: Vars, active: set[int]) -> str:
    if c.name in PAIR_CONSTRAINTS:
        alternatives = pair_patterns(c, var, path, v("y"), v("z"))
        return " && ".join(f"NOT EXISTS {{ {alt} }}" for alt in alternatives)
    if path is None:
        if c.name in VALUE_CONSTRAINTS or c.name == "hasValue":
            return value_expr(c, var, v, active)
        if c.name == "property":
            assert isinstance(c.value, Shape)
            return conforms(c.value, var, v, active)
        if c.name == "closed":
            return (
                f"NOT EXISTS {{ {closed_pattern(shape, c, var, v('p'), v('o'))} }}"
                if is_true(c.value)
                else "true"
            )
        raise UnsupportedShape(
            f"shape {shape.name}: sh:{c.name} inside sh:node/sh:or/sh:not is not supported"
        )
    y = v("y")
    if c.name in VALUE_CONSTRAINTS:
        return f"NOT EXISTS {{ {var} {path} {y} FILTER(!{guard(value_expr(c, y, v, active))}) }}"
    if c.name == "property":
        assert isinstance(c.value, Shape)
        return f"NOT EXISTS {{ {var} {path} {y} FILTER(!{guard(conforms(c.value, y, v, active))}) }}"
    if c.name == "hasValue":
        return f"EXISTS {{ {var} {path} {term(c.value)} }}"
    if c.name in {"minCount", "maxCount"}:
        n = integer(c) if c.name == "minCount" else integer(c) + 1
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
            f"NOT EXISTS {{ {unique_lang_pattern(var, path, v('a'), v('b'))} }}"
            if is_true(c.value)
            else "true"
        )
    raise UnsupportedShape(f"shape {shape.name}: sh:{c.name} inside sh:node/sh:or/sh:not is not supported")


__all__ = [
    "PAIR_CONSTRAINTS",
    "VALUE_CONSTRAINTS",
    "Vars",
    "closed_pattern",
    "conforms",
    "guard",
    "integer",
    "is_true",
    "pair_patterns",
    "term",
    "unique_lang_pattern",
    "value_expr",
]
