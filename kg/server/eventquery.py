"""The SPARQL behind the event table (``/events``): facet filters read from a URL, checked, and
written into queries as VALUES rows, never pasted in as they came.

A filter value is one of three kinds, each checked before it goes near a query:

- a name from a fixed list (``type``: ``DroneAttack``...; ``claim``: ``claimed``...), written as
  a literal only after it was found in the list;
- a month ``YYYY-MM``, matched against a pattern;
- a resource (``actor``, ``country``, ``base``): a compact IRI with one of kg's prefixes
  (``kgr:iraq``) or a full http(s) IRI, which must contain none of the characters SPARQL forbids
  in an IRI (``<>"{}|^`\\``, spaces) and parse as one.

Several values of one facet are alternatives (``type=DroneAttack&type=RocketAttack``); different
facets must all hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg.namespaces import PREFIXES
from kg.server.protocol import HttpError

KGO = PREFIXES["kgo"]
KGV = PREFIXES["kgv"]
# An event's type is its most specific attack class; a plain kgo:Attack is "Attack".
TYPES = ("Airstrike", "Attack", "DroneAttack", "MissileAttack", "MortarAttack", "RocketAttack")
CLAIM_KINDS = ("attributed", "claimed", "confirmed", "unknown")
SPECIFIC = " ".join(f"kgo:{name}" for name in TYPES if name != "Attack")
BASE_CLASSES = ("MilitaryBase", "Facility")
FACETS = ("type", "month", "actor", "claim", "country", "base")
RESOURCE_FACETS = ("actor", "country", "base")
MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")
# Characters SPARQL's IRIREF production forbids: an IRI free of them cannot end the <...> early.
IRI = re.compile(r"https?://[^\x00-\x20<>\"{}|^`\\]+")
COMPACT = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):([A-Za-z0-9_][A-Za-z0-9._~/-]*)")
# sort key -> the variable it orders by (a leading "-" sorts descending)
SORTS = {"date": "?date", "type": "?type", "claim": "?claim", "event": "?event"}
MAX_VALUES = 50  # per facet in one URL: enough for any person, a bound for a script

PROLOGUE = f"""PREFIX kgo: <{KGO}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
ACTOR_PROPERTIES = ("perpetrator", "claimedBy", "attributedTo")
PLACE_PROPERTIES = ("targetPlace", "location")
PLACE_ROLES = "kgo:targetPlace|kgo:location"
BASES = " ".join(f"kgo:{name}" for name in BASE_CLASSES)


@dataclass(frozen=True)
class Filters:
    """The checked facet values (facet -> values) and the sort of one request."""

    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "date"

    def without(self, facet: str) -> Filters:
        return Filters({k: v for k, v in self.values.items() if k != facet}, self.sort)

    def params(self) -> list[tuple[str, str]]:
        """The query-string pairs that give these filters (and the sort, when not the default)."""
        pairs = [(facet, value) for facet in FACETS for value in self.values.get(facet, ())]
        return pairs + ([("sort", self.sort)] if self.sort != "date" else [])


def parse(params: Iterable[tuple[str, str]]) -> Filters:
    """Filters from a URL's query parameters; a value that is not allowed is a 400 saying why.

    >>> parse([("type", "DroneAttack"), ("month", "2024-01"), ("country", "kgr:iraq")]).values["country"]
    ('https://w3id.org/conflict-kg/id/iraq',)
    >>> parse([("type", "Drone")])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.server.protocol.HttpError: type=Drone is not one of Airstrike, Attack, DroneAttack, ...
    """
    values: dict[str, list[str]] = {}
    sort = "date"
    for name, value in params:
        if name == "sort":
            if value.removeprefix("-") not in SORTS:
                raise HttpError(
                    400, f"sort={value} is not one of {', '.join(SORTS)} (a leading - for descending)"
                )
            sort = value
        elif name in FACETS and value != "":
            checked = _check(name, value.strip())
            if checked not in values.setdefault(name, []):
                values[name].append(checked)
            if len(values[name]) > MAX_VALUES:
                raise HttpError(400, f"at most {MAX_VALUES} values of {name}= in one request")
    return Filters({name: tuple(found) for name, found in values.items()}, sort)


def _check(facet: str, value: str) -> str:
    if facet == "type":
        if value not in TYPES:
            raise HttpError(400, f"type={value} is not one of {', '.join(TYPES)}")
        return value
    if facet == "claim":
        if value not in CLAIM_KINDS:
            raise HttpError(400, f"claim={value} is not one of {', '.join(CLAIM_KINDS)}")
        return value
    if facet == "month":
        if not MONTH.fullmatch(value):
            raise HttpError(400, f"month={value} is not a month written YYYY-MM, like 2024-01")
        return value
    return resource(facet, value)


def resource(facet: str, value: str) -> str:
    """VALUE (a compact IRI with one of kg's prefixes, or a full IRI) as a checked full IRI.

    >>> resource("actor", "kgr:kataib-hezbollah")
    'https://w3id.org/conflict-kg/id/kataib-hezbollah'
    >>> resource("actor", "http://example.org/x> } ; DROP ALL ; {")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.server.protocol.HttpError: actor=http://example.org/x> } ; DROP ALL ; { is not an IRI nor ...
    """
    compact = COMPACT.fullmatch(value)
    if compact and compact[1] in PREFIXES:
        value = PREFIXES[compact[1]] + compact[2]
    if not IRI.fullmatch(value):
        raise HttpError(400, f"{facet}={value} is not an IRI nor prefix:name with one of kg's prefixes")
    try:
        return NamedNode(value).value
    except ValueError as err:
        raise HttpError(400, f"{facet}={value} is not an IRI: {err}") from err


def _literal(text: str) -> str:
    """TEXT as a SPARQL string literal (the values written are already checked; this is a second lock)."""
    return (
        '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    )


def _iri(text: str) -> str:
    if not IRI.fullmatch(text):  # only checked IRIs get here; refuse anything else outright
        raise ValueError(f"not a checked IRI: {text!r}")
    return f"<{text}>"


def _values(variable: str, terms: Sequence[str]) -> str:
    return f"VALUES {variable} {{ {' '.join(terms)} }}"


def selection(filters: Filters) -> str:
    """A sub-SELECT giving one solution per event the filters keep: ?event ?type ?date ?month ?claim."""
    chosen = filters.values
    # Joins, not FILTER EXISTS: Oxigraph ran an EXISTS with a property path once per solution (minutes
    # on 3,000 events); a join reads each named property's index once. The extra solutions a join may
    # make collapse in the GROUP BY.
    joins = []
    if "actor" in chosen:
        joins.append(_values("?actorFilter", [_iri(v) for v in chosen["actor"]]))
        joins.append(" UNION ".join(f"{{ ?event kgo:{p} ?actorFilter }}" for p in ACTOR_PROPERTIES))
    if "base" in chosen:
        joins.append(_values("?baseFilter", [_iri(v) for v in chosen["base"]]))
        joins.append(" UNION ".join(f"{{ ?event kgo:{p} ?baseFilter }}" for p in PLACE_PROPERTIES))
    if "country" in chosen:
        countries = _values("?countryFilter", [_iri(v) for v in chosen["country"]])
        inside = f"{countries} ?inCountry kgo:locatedIn* ?countryFilter"
        joins.append(f"{{ SELECT DISTINCT ?inCountry WHERE {{ {inside} }} }}")
        joins.append(" UNION ".join(f"{{ ?event kgo:{p} ?inCountry }}" for p in PLACE_PROPERTIES))
    outer = [
        _values(f"?{facet}", [_literal(v) for v in chosen[facet]])
        for facet in ("type", "month", "claim")
        if facet in chosen
    ]
    filters_text = "\n      ".join(joins)
    outer_text = "\n  ".join(outer)
    return f"""{{
    SELECT ?event (COALESCE(MIN(STRAFTER(STR(?specific), "#")), "Attack") AS ?type)
           (MIN(STR(?day)) AS ?date) (SAMPLE(?kind) AS ?claimKind)
    WHERE {{
      ?event a ?class .
      VALUES ?class {{ {" ".join(f"kgo:{name}" for name in TYPES)} }}
      # the subclass, on every solution of the event alike: MIN over a mix of bound and unbound
      # values is unbound in Oxigraph, which typed a kgo:DroneAttack that is also a kgo:Attack "Attack"
      OPTIONAL {{ ?event a ?specific . VALUES ?specific {{ {SPECIFIC} }} }}
      OPTIONAL {{ ?event kgo:claimKind ?kind }}
      OPTIONAL {{ ?event kgo:date ?day }}
      {filters_text}
    }}
    GROUP BY ?event
  }}
  BIND(IF(STRLEN(?date) >= 7, SUBSTR(?date, 1, 7), "") AS ?month)
  BIND(COALESCE(STRAFTER(STR(?claimKind), "#"), "unknown") AS ?claim)
  {outer_text}"""


def order(filters: Filters) -> str:
    key = SORTS[filters.sort.removeprefix("-")]
    first = f"DESC({key})" if filters.sort.startswith("-") else key
    return f"ORDER BY {first} ?event" if key != "?event" else f"ORDER BY {first}"


def events_query(filters: Filters, *, limit: int | None, offset: int) -> str:
    """The events kept, in order, one page of them: ?event ?type ?date ?claim."""
    page = (f"LIMIT {int(limit)} " if limit is not None else "") + (f"OFFSET {int(offset)}" if offset else "")
    body = f"SELECT ?event ?type ?date ?claim WHERE {{ {selection(filters)} }}"
    return f"{PROLOGUE}\n{body}\n{order(filters)} {page}"


# (property, column): each branch names its property, so that Oxigraph reads one predicate's index
# instead of every statement (a variable property, or an alternative path, made this query 40 s on
# 3,000 events)
ATTRIBUTES = (
    ("perpetrator", "perpetrator"),
    ("claimedBy", "claimed_by"),
    ("attributedTo", "attributed_to"),
    ("targetActor", "target"),
    ("targetPlace", "target"),
    ("location", "location"),
    ("weapon", "weapon"),
    ("source", "source"),
)


def attributes_query(events: Sequence[str] | None) -> str:
    """The (?event ?column ?o) attributes of EVENTS (IRIs from the store's own answers), or of every event."""
    branches = " UNION ".join(
        f'{{ ?event kgo:{prop} ?o BIND("{column}" AS ?column) }}' for prop, column in ATTRIBUTES
    )
    branches += ' UNION { ?o kgo:report ?event BIND("incident" AS ?column) }'
    chosen = _values("?event", [_iri(e) for e in events]) if events is not None else ""
    return f"{PROLOGUE}\nSELECT ?event ?column ?o WHERE {{ {chosen} {branches} }}"


# Every place's country (itself, or up kgo:locatedIn) and whether it is a base: a small table, read
# once per request and joined in Python (the path from each event took seconds).
PLACES_QUERY = f"""{PROLOGUE}
SELECT ?place ?kind ?country WHERE {{
  {{ ?place a kgo:Country BIND(?place AS ?country) BIND("country" AS ?kind) }}
  UNION {{ ?place kgo:locatedIn+ ?country . ?country a kgo:Country BIND("country" AS ?kind) }}
  UNION {{ ?place a kgo:MilitaryBase BIND("base" AS ?kind) }}
  UNION {{ ?place a kgo:Facility BIND("base" AS ?kind) }}
}}"""


def labels_query(iris: Sequence[str]) -> str:
    """The English (or untagged) names of IRIS: ?o ?property ?label."""
    return f"""{PROLOGUE}
SELECT ?o ?property ?label WHERE {{
  {_values("?o", [_iri(i) for i in iris])}
  {{ ?o skos:prefLabel ?label BIND(1 AS ?property) }}
  UNION {{ ?o rdfs:label ?label BIND(2 AS ?property) }}
  UNION {{ ?o dcterms:title ?label BIND(3 AS ?property) }}
  FILTER(LANG(?label) IN ("en", ""))
}}"""


def count_query(filters: Filters) -> str:
    return f"{PROLOGUE}\nSELECT (COUNT(*) AS ?n) WHERE {{ {selection(filters)} }}"


FACET_PATTERNS = {
    "type": "BIND(?type AS ?value)",
    "month": 'BIND(?month AS ?value) FILTER(?month != "")',
    "claim": "BIND(?claim AS ?value)",
    "actor": " UNION ".join(f"{{ ?event kgo:{prop} ?value }}" for prop in ACTOR_PROPERTIES),
    "country": f"?event ({PLACE_ROLES})/kgo:locatedIn* ?value . ?value a kgo:Country .",
    "base": f"{{ ?event kgo:targetPlace ?value }} UNION {{ ?event kgo:location ?value }} "
    f"?value a ?baseClass . VALUES ?baseClass {{ {BASES} }}",
}


def facet_query(facet: str, filters: Filters, *, limit: int = 40) -> str:
    """How many events each value of FACET has, under every filter but FACET's own (so that a
    second value can be added to the first). Names come from :func:`labels_query`."""
    return f"""{PROLOGUE}
SELECT ?value (COUNT(DISTINCT ?event) AS ?n) WHERE {{
  {{ SELECT ?event ?type ?month ?claim WHERE {{ {selection(filters.without(facet))} }} }}
  {FACET_PATTERNS[facet]}
}}
GROUP BY ?value
ORDER BY {"?value" if facet == "month" else "DESC(?n) ?value"}
LIMIT {int(limit)}"""
