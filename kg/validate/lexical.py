"""SPARQL tests that a literal's lexical form is valid for its datatype (sh:datatype needs them).

A store accepts ``"2024-02-30"^^xsd:date`` and keeps it as an opaque literal whose DATATYPE is
still xsd:date; SHACL counts such an ill-formed literal as a violation of ``sh:datatype xsd:date``.
Oxigraph's casts (``xsd:date(STR(?v))``) fail on exactly those literals, so a cast that succeeds
is the well-formedness test. Only the datatypes that pySHACL (through rdflib) also checks are
checked, so both engines agree; other datatypes (xsd:gYearMonth, geo:wktLiteral) are compared by
datatype IRI only, and the kg shapes add an sh:pattern where the lexical form matters.

Oxigraph stores the integer subtypes (xsd:byte, xsd:nonNegativeInteger...) of a valid integer as
xsd:integer, so a literal that still has such a datatype in the store failed to parse: its cast to
xsd:integer fails, or its value is outside the subtype's range.
"""

from __future__ import annotations

XSD = "http://www.w3.org/2001/XMLSchema#"

_CASTABLE = ("integer", "decimal", "float", "double", "boolean", "date", "dateTime", "time")

# Integer subtypes: (minimum, maximum), None when unbounded.
_INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}


def well_formed(var: str, datatype: str) -> str | None:
    """A SPARQL expression true when the literal in VAR (of DATATYPE) is well formed; None: no test.

    >>> well_formed("?v", XSD + "date")
    'COALESCE(isLiteral(<http://www.w3.org/2001/XMLSchema#date>(STR(?v))), false)'
    >>> well_formed("?v", XSD + "gYearMonth") is None
    True
    """
    if not datatype.startswith(XSD):
        return None
    local = datatype[len(XSD) :]
    if local in _CASTABLE:
        return f"COALESCE(isLiteral(<{datatype}>(STR({var}))), false)"
    if local in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[local]
        value = f"<{XSD}integer>(STR({var}))"
        tests = [f"isLiteral({value})"]
        if low is not None:
            tests.append(f"{value} >= {low}")
        if high is not None:
            tests.append(f"{value} <= {high}")
        return f"COALESCE({' && '.join(tests)}, false)"
    return None
