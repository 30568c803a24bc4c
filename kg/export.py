"""Attack events in the shapes analysts already use: ACLED-like rows and PLOVER-like JSON records.

One row or record per article's account of an attack (``kgo:Attack`` and its subclasses), keyed
by the event IRI, which stays the same across rebuilds. The mapping from kg's graph to each
column and field is documented in ``docs/export.md``; :data:`ACLED_COLUMNS` and
:data:`PLOVER_FIELDS` are the same lists in code, and the tests check the two agree.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import IO, Any

from pyoxigraph import QuerySolutions, Store

from kg import __version__
from kg.errors import KgError
from kg.link import parse_point
from kg.namespaces import PREFIXES, REFERENCE

_KGO = PREFIXES["kgo"]
_KGV = PREFIXES["kgv"]
ATTACK_CLASSES = ("Attack", "DroneAttack", "RocketAttack", "MortarAttack", "MissileAttack", "Airstrike")
# ISO 3166-1 codes of the countries of the reference data (numeric for ACLED, alpha-3 for PLOVER).
COUNTRY_CODES = {
    "iraq": (368, "IRQ"),
    "syria": (760, "SYR"),
    "iran": (364, "IRN"),
    "jordan": (400, "JOR"),
    "israel": (376, "ISR"),
    "united-states": (840, "USA"),
    "united-kingdom": (826, "GBR"),
}
_SUB_EVENT = {
    "drone": "Air/drone strike",
    "aircraft": "Air/drone strike",
    "rocket": "Shelling/artillery/missile attack",
    "mortar": "Shelling/artillery/missile attack",
    "ballisticMissile": "Shelling/artillery/missile attack",
    "cruiseMissile": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
}
_SUB_EVENT_BY_CLASS = {
    "DroneAttack": "Air/drone strike",
    "Airstrike": "Air/drone strike",
    "RocketAttack": "Shelling/artillery/missile attack",
    "MortarAttack": "Shelling/artillery/missile attack",
    "MissileAttack": "Shelling/artillery/missile attack",
}
_PLOVER_MODE = {
    "drone": "explosives",
    "ied": "explosives",
    "rocket": "heavy-weapons",
    "mortar": "heavy-weapons",
    "ballisticMissile": "heavy-weapons",
    "cruiseMissile": "heavy-weapons",
    "aircraft": "heavy-weapons",
}
_ROLES = ("perpetrator", "claimedBy", "attributedTo")
_SITE_CLASSES = {"MilitaryBase", "Facility", "City"}
_AREA_CLASSES = {"Province", "Region", "Country"}


class ExportError(KgError):
    """An export cannot be written (an unknown format, a missing optional dependency)."""


@dataclass(frozen=True)
class Column:
    """One column of a tabular export: its name, its type and what it holds."""

    name: str
    type: str  # string, integer, number, date
    description: str


ACLED_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "string", "Local name of the event IRI; stable across rebuilds"),
    Column("event_iri", "string", "The event IRI"),
    Column(
        "incident_id",
        "string",
        "Local name of the kgo:Incident grouping all articles' accounts of this attack",
    ),
    Column("event_date", "date", "kgo:date when known to the day, else the middle day of the date interval"),
    Column("year", "integer", "Year of event_date"),
    Column("time_precision", "integer", "1 = day known; 2 = within a week; 3 = within a month or longer"),
    Column("date_earliest", "date", "kgo:earliestDate"),
    Column("date_latest", "date", "kgo:latestDate"),
    Column("event_type", "string", "Always Explosions/Remote violence"),
    Column(
        "sub_event_type", "string", "From kgo:weapon, else the event class; empty when the mode is unknown"
    ),
    Column("actor1", "string", "First of kgo:perpetrator, kgo:claimedBy, kgo:attributedTo (preferred label)"),
    Column(
        "assoc_actor_1", "string", "The other perpetrators, claimants and attributed actors, '; '-separated"
    ),
    Column("actor2", "string", "kgo:targetActor labels, '; '-separated"),
    Column("target", "string", "kgo:targetPlace labels, '; '-separated"),
    Column("claim_kind", "string", "kgo:claimKind: claimed, attributed, confirmed or unknown"),
    Column("iso", "integer", "ISO 3166-1 numeric code of country"),
    Column("country", "string", "The kgo:Country the location lies in (kgo:locatedIn chain)"),
    Column("admin1", "string", "The kgo:Province (else kgo:Region) the location lies in"),
    Column("admin2", "string", "The kgo:City the location is or lies in (kg has no districts)"),
    Column(
        "location", "string", "The most precise place: the first target place, else the first kgo:location"
    ),
    Column(
        "latitude", "number", "Latitude of location, or of the nearest place above it that has coordinates"
    ),
    Column("longitude", "number", "Longitude, likewise"),
    Column(
        "geo_precision",
        "integer",
        "1 = the place itself; 2 = the town containing it (or a site placed at its town's point); "
        "3 = a province, region, country or wider area",
    ),
    Column("fatalities", "integer", "kgo:killed; empty when the article gives no figure"),
    Column("injuries", "integer", "kgo:injured; empty when the article gives no figure"),
    Column("source", "string", "The article's outlet, else its source file"),
    Column("source_url", "string", "The article's URL"),
    Column("article", "string", "The article IRI"),
    Column("notes", "string", "The sentences the event was read from, in text order"),
    Column("kg_type", "string", "The kgo class of the event"),
    Column("weapon", "string", "kgo:weapon (kgv concept local name)"),
    Column("outcome", "string", "kgo:outcome concept local names, '; '-separated"),
)


@dataclass(frozen=True)
class Field:
    """One field of a PLOVER-like record: its JSON type, whether PLOVER defines it, what it holds."""

    name: str
    type: str  # string, integer, number, array, object; "or null" when it may be null
    plover: bool
    description: str


PLOVER_FIELDS: tuple[Field, ...] = (
    Field("id", "string", True, "Local name of the event IRI; stable across rebuilds"),
    Field("kg_iri", "string", False, "The event IRI"),
    Field(
        "incident",
        "string or null",
        False,
        "IRI of the kgo:Incident grouping all articles' accounts of this attack",
    ),
    Field(
        "date", "string or null", True, "YYYY-MM-DD: kgo:date when known to the day, else kgo:earliestDate"
    ),
    Field(
        "enddate", "string or null", True, "YYYY-MM-DD: kgo:date when known to the day, else kgo:latestDate"
    ),
    Field("date_precision", "string or null", False, "day, month or year (kgo:datePrecision), or interval"),
    Field("event", "array", True, 'Always ["ASSAULT"]'),
    Field(
        "mode",
        "array",
        True,
        "ASSAULT modes: explosives or heavy-weapons from kgo:weapon; destroy for kgv:damage",
    ),
    Field("context", "array", True, 'Always ["military"]'),
    Field("source", "array", True, "Actor objects of kgo:perpetrator, kgo:claimedBy and kgo:attributedTo"),
    Field("recipient", "array", True, "Actor objects of kgo:targetActor and kgo:victim"),
    Field("event_loc", "object or null", True, "Location object of the most precise place"),
    Field("dead", "integer or null", True, "kgo:killed"),
    Field("injured", "integer or null", True, "kgo:injured"),
    Field("event_text", "array", True, "The sentences the event was read from (kgo:mention), in text order"),
    Field(
        "text_info", "array", True, "Their character offsets in the article text, {start, end}, same order"
    ),
    Field(
        "cite_info",
        "object",
        True,
        "The article: url, title, publication (outlet), citation (its IRI), language",
    ),
    Field("coder", "string", True, "kg and its version"),
    Field("kg_type", "string", False, "The kgo class of the event"),
    Field("claim_kind", "string", False, "kgo:claimKind: claimed, attributed, confirmed or unknown"),
    Field("weapon", "string or null", False, "kgo:weapon (kgv concept local name)"),
    Field("outcome", "array", False, "kgo:outcome concept local names"),
)
ACTOR_FIELDS: tuple[Field, ...] = (
    Field("actor_text", "string", True, "Preferred label of the actor"),
    Field(
        "identifier_id", "string or null", True, "Its Wikidata IRI (owl:sameAs / skos:exactMatch), if linked"
    ),
    Field("identifier_text", "string", True, "Preferred label of the actor"),
    Field(
        "code",
        "string or null",
        True,
        "ISO 3166-1 alpha-3 of a state, or of the state a military or government body is part of",
    ),
    Field("sector", "string or null", True, "GOV for a state or government body, MIL for a military body"),
    Field("kg_iri", "string", False, "The actor IRI"),
    Field(
        "role",
        "string",
        False,
        "The kgo property: perpetrator, claimedBy, attributedTo, targetActor or victim",
    ),
)
LOCATION_FIELDS: tuple[Field, ...] = (
    Field("name", "string", True, "Preferred label of the place"),
    Field("kg_iri", "string", False, "The place IRI"),
    Field("latitude", "number or null", True, "As the ACLED-like latitude column"),
    Field("longitude", "number or null", True, "As the ACLED-like longitude column"),
    Field("geo_precision", "integer or null", False, "As the ACLED-like geo_precision column"),
    Field("country", "string or null", False, "As the ACLED-like country column"),
    Field("cc3", "string or null", True, "ISO 3166-1 alpha-3 code of the country"),
    Field("admin1", "string or null", False, "As the ACLED-like admin1 column"),
    Field("admin2", "string or null", False, "As the ACLED-like admin2 column"),
)


# ---------------------------------------------------------------- reading the graph


@dataclass
class Place:
    iri: str
    label: str
    classes: set[str] = field(default_factory=set)
    point: tuple[float, float] | None = None
    parent: str | None = None
    precision: str | None = None  # kgo:positionPrecision of the point: "site", "town" or "area"


@dataclass
class Actor:
    iri: str
    label: str
    classes: set[str] = field(default_factory=set)
    wikidata: str | None = None
    part_of: str | None = None


@dataclass
class EventRecord:
    """Everything an export needs about one attack event."""

    iri: str
    kind: str
    claim_kind: str
    article: str
    when: str | None = None  # kgo:date, at its precision
    precision: str | None = None
    earliest: date | None = None
    latest: date | None = None
    weapon: str | None = None
    killed: int | None = None
    injured: int | None = None
    roles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    outcomes: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    incident: str | None = None


@dataclass
class Snapshot:
    """The events of a store with the actors, places and articles they refer to."""

    events: list[EventRecord]
    places: dict[str, Place]
    actors: dict[str, Actor]
    articles: dict[str, dict[str, str]]


def _select(store: Store, query: str) -> QuerySolutions:
    result = store.query(_PREFIX + query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions), "a SELECT query"
    return result


_PREFIX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def _local(iri: str, ns: str) -> str:
    return iri[len(ns) :] if iri.startswith(ns) else iri


def read_events(store: Store) -> Snapshot:
    """The attack events of STORE (the union of its graphs), sorted by date and IRI."""
    classes = " ".join(f"kgo:{c}" for c in ATTACK_CLASSES)
    events: dict[str, EventRecord] = {}
    for row in _select(
        store,
        f"""SELECT ?e ?class ?kind ?article ?date ?precision ?earliest ?latest ?weapon ?killed ?injured
        WHERE {{
          ?e a ?class ; kgo:claimKind ?kind ; kgo:source ?article . VALUES ?class {{ {classes} }}
          OPTIONAL {{ ?e kgo:date ?date }} OPTIONAL {{ ?e kgo:datePrecision ?precision }}
          OPTIONAL {{ ?e kgo:earliestDate ?earliest }} OPTIONAL {{ ?e kgo:latestDate ?latest }}
          OPTIONAL {{ ?e kgo:weapon ?weapon }} OPTIONAL {{ ?e kgo:killed ?killed }}
          OPTIONAL {{ ?e kgo:injured ?injured }}
        }}""",
    ):
        iri = row["e"].value
        kind = _local(row["class"].value, _KGO)
        if iri in events:  # a plain kgo:Attack type next to its subclass: keep the subclass
            if kind != "Attack":
                events[iri].kind = kind
            continue
        events[iri] = EventRecord(
            iri,
            kind,
            _local(row["kind"].value, _KGV),
            row["article"].value,
            when=row["date"].value if row["date"] else None,
            precision=row["precision"].value.rsplit("unit", 1)[-1].lower() if row["precision"] else None,
            earliest=date.fromisoformat(row["earliest"].value) if row["earliest"] else None,
            latest=date.fromisoformat(row["latest"].value) if row["latest"] else None,
            weapon=_local(row["weapon"].value, _KGV) if row["weapon"] else None,
            killed=int(row["killed"].value) if row["killed"] else None,
            injured=int(row["injured"].value) if row["injured"] else None,
        )
    roles = " ".join(
        f"kgo:{r}" for r in (*_ROLES, "targetActor", "targetPlace", "location", "victim", "outcome")
    )
    for row in _select(
        store, f"SELECT ?e ?role ?x WHERE {{ ?e ?role ?x . VALUES ?role {{ {roles} }} }} ORDER BY ?x"
    ):
        record = events.get(row["e"].value)
        if record is None:
            continue
        role = _local(row["role"].value, _KGO)
        if role == "outcome":
            record.outcomes.append(_local(row["x"].value, _KGV))
        elif row["x"].value not in record.roles[role]:
            record.roles[role].append(row["x"].value)
    for row in _select(
        store,
        "SELECT ?e ?s ?end ?text WHERE { ?e kgo:mention ?m . "
        "?m kgo:start ?s ; kgo:end ?end ; kgo:text ?text }",
    ):
        record = events.get(row["e"].value)
        if record is not None:
            record.mentions.append((int(row["s"].value), int(row["end"].value), row["text"].value))
    for row in _select(store, "SELECT ?i ?e WHERE { ?i a kgo:Incident ; kgo:report ?e }"):
        if row["e"].value in events:
            events[row["e"].value].incident = row["i"].value
    for record in events.values():
        record.mentions.sort()
        record.outcomes.sort()
    ordered = sorted(events.values(), key=lambda r: (_event_date(r)[0] or date.max, r.iri))
    return Snapshot(ordered, _places(store), _actors(store), _articles(store))


_PLACES = """SELECT ?x ?class ?label ?alt ?wkt ?precision ?parent WHERE {
  ?x a ?class .
  VALUES ?class { kgo:Place kgo:MilitaryBase kgo:Facility kgo:City kgo:Province kgo:Region kgo:Country }
  OPTIONAL { ?x skos:prefLabel ?label } OPTIONAL { ?x rdfs:label ?alt }
  OPTIONAL { ?x geo:hasGeometry ?g . ?g geo:asWKT ?wkt OPTIONAL { ?g kgo:positionPrecision ?precision } }
  OPTIONAL { ?x kgo:locatedIn ?parent }
} ORDER BY ?x ?label ?alt ?wkt ?precision ?parent"""
_ACTORS = """SELECT ?x ?class ?label ?alt ?same ?partOf WHERE {
  ?x a ?class . FILTER(STRSTARTS(STR(?class), STR(kgo:)))
  OPTIONAL { ?x skos:prefLabel ?label } OPTIONAL { ?x rdfs:label ?alt }
  OPTIONAL { ?x owl:sameAs|skos:exactMatch ?same FILTER(STRSTARTS(STR(?same), STR(wd:))) }
  OPTIONAL { ?x kgo:partOf ?partOf }
} ORDER BY ?x ?label ?alt ?same ?partOf"""


def _places(store: Store) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for row in _select(store, _PLACES):
        iri = row["x"].value
        label = (row["label"] or row["alt"] or row["x"]).value
        place = places.setdefault(iri, Place(iri, label))
        place.classes.add(_local(row["class"].value, _KGO))
        if row["wkt"] is not None and place.point is None:
            place.point = parse_point(row["wkt"].value)
            place.precision = row["precision"].value if row["precision"] is not None else None
        if row["parent"] is not None and place.parent is None:
            place.parent = row["parent"].value
    return places


def _actors(store: Store) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for row in _select(store, _ACTORS):
        iri = row["x"].value
        label = (row["label"] or row["alt"] or row["x"]).value
        actor = actors.setdefault(iri, Actor(iri, label))
        actor.classes.add(_local(row["class"].value, _KGO))
        if row["same"] is not None and actor.wikidata is None:
            actor.wikidata = row["same"].value
        if row["partOf"] is not None and actor.part_of is None:
            actor.part_of = row["partOf"].value
    return actors


def _articles(store: Store) -> dict[str, dict[str, str]]:
    articles: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _select(
        store,
        """SELECT ?a ?p ?v WHERE { ?a a kgo:Article ; ?p ?v .
           VALUES ?p { dcterms:title schema:url kgo:outlet kgo:sourceFile dcterms:issued } }""",
    ):
        articles[row["a"].value].setdefault(
            row["p"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1], row["v"].value
        )
    return articles


# ---------------------------------------------------------------- derived values


def _event_date(record: EventRecord) -> tuple[date | None, int | None]:
    """The date to put in a date column and its ACLED-like time precision."""
    if record.precision == "day" and record.when:
        return date.fromisoformat(record.when), 1
    if record.earliest and record.latest:
        span = (record.latest - record.earliest).days
        return record.earliest + timedelta(days=span // 2), 2 if span < 7 else 3
    if record.earliest or record.latest:
        return record.earliest or record.latest, 3
    return None, None


def _chain(snapshot: Snapshot, iri: str) -> Iterator[Place]:
    seen = set()
    while iri in snapshot.places and iri not in seen:
        seen.add(iri)
        place = snapshot.places[iri]
        yield place
        if place.parent is None:
            return
        iri = place.parent


def _main_place(snapshot: Snapshot, record: EventRecord) -> Place | None:
    for role in ("targetPlace", "location"):
        found = [snapshot.places[p] for p in record.roles.get(role, []) if p in snapshot.places]
        if found:
            return min(found, key=lambda p: (p.label, p.iri))
    return None


@dataclass(frozen=True)
class Location:
    """Where an event happened, at the levels analysts group by."""

    name: str
    iri: str
    country: str | None
    country_iri: str | None
    admin1: str | None
    admin2: str | None
    point: tuple[float, float] | None
    precision: int | None


def locate(snapshot: Snapshot, record: EventRecord) -> Location | None:
    """The location of RECORD: its most precise place, the areas above it and usable coordinates."""
    place = _main_place(snapshot, record)
    if place is None:
        return None
    chain = list(_chain(snapshot, place.iri))
    country = next((p for p in chain if "Country" in p.classes), None)
    admin1 = next((p for p in chain if "Province" in p.classes), None) or next(
        (p for p in chain if "Region" in p.classes), None
    )
    city = next((p for p in chain if "City" in p.classes), None)
    point, precision = None, None
    for level, p in enumerate(chain):
        if p.point is not None:
            point, precision = p.point, _geo_precision(p, level)
            break
    return Location(
        place.label,
        place.iri,
        country.label if country else None,
        country.iri if country else None,
        admin1.label if admin1 else None,
        city.label if city else None,
        point,
        precision,
    )


def _geo_precision(place: Place, level: int) -> int:
    """ACLED's geo_precision of PLACE's point, LEVEL steps above the event's place.

    The point's own kgo:positionPrecision counts: a base placed at its town's point is town
    precision, not the base; a zone's reference point is an area."""
    if place.precision == "area" or (place.classes & _AREA_CLASSES and not place.classes & _SITE_CLASSES):
        return 3
    if level > 0 or (place.precision == "town" and "City" not in place.classes):
        return 2
    return 1


def _labels(snapshot: Snapshot, iris: Iterable[str]) -> list[str]:
    out = []
    for iri in iris:
        entity = snapshot.actors.get(iri) or snapshot.places.get(iri)
        out.append(entity.label if entity else iri)
    return out


def _perpetrators(record: EventRecord) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for role in _ROLES:
        for iri in record.roles.get(role, []):
            seen.setdefault(iri, role)
    return list(seen.items())


def _sub_event(record: EventRecord) -> str:
    if record.weapon in _SUB_EVENT:
        return _SUB_EVENT[record.weapon]
    return _SUB_EVENT_BY_CLASS.get(record.kind, "")


def _country_code(iri: str | None) -> tuple[int, str] | None:
    if iri and iri.startswith(str(REFERENCE)):
        return COUNTRY_CODES.get(iri[len(str(REFERENCE)) :])
    return None


# ---------------------------------------------------------------- ACLED-like rows


def acled_rows(snapshot: Snapshot) -> list[dict[str, Any]]:
    """One row per event, with the keys of :data:`ACLED_COLUMNS` (None for an empty cell)."""
    rows = []
    for r in snapshot.events:
        day, precision = _event_date(r)
        where = locate(snapshot, r)
        perpetrators = _labels(snapshot, [iri for iri, _ in _perpetrators(r)])
        article = snapshot.articles.get(r.article, {})
        code = _country_code(where.country_iri if where else None)
        row: dict[str, Any] = {
            "event_id": r.iri.rsplit("/", 1)[-1],
            "event_iri": r.iri,
            "incident_id": r.incident.rsplit("/", 1)[-1] if r.incident else None,
            "event_date": day,
            "year": day.year if day else None,
            "time_precision": precision,
            "date_earliest": r.earliest,
            "date_latest": r.latest,
            "event_type": "Explosions/Remote violence",
            "sub_event_type": _sub_event(r),
            "actor1": perpetrators[0] if perpetrators else None,
            "assoc_actor_1": "; ".join(perpetrators[1:]) or None,
            "actor2": "; ".join(_labels(snapshot, r.roles.get("targetActor", []))) or None,
            "target": "; ".join(_labels(snapshot, r.roles.get("targetPlace", []))) or None,
            "claim_kind": r.claim_kind,
            "iso": code[0] if code else None,
            "country": where.country if where else None,
            "admin1": where.admin1 if where else None,
            "admin2": where.admin2 if where else None,
            "location": where.name if where else None,
            "latitude": where.point[1] if where and where.point else None,
            "longitude": where.point[0] if where and where.point else None,
            "geo_precision": where.precision if where else None,
            "fatalities": r.killed,
            "injuries": r.injured,
            "source": article.get("outlet") or article.get("sourceFile"),
            "source_url": article.get("url"),
            "article": r.article,
            "notes": " ".join(text for _, _, text in r.mentions) or None,
            "kg_type": r.kind,
            "weapon": r.weapon,
            "outcome": "; ".join(r.outcomes) or None,
        }
        rows.append(row)
    return rows


# A text cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_csv(rows: Iterable[dict[str, Any]], output: IO[str], *, raw: bool = False) -> None:
    """ACLED-like CSV: a header of :data:`ACLED_COLUMNS`, empty cells for missing values.

    Text that came from articles (an outlet, a place name) could be a formula a spreadsheet runs
    when the file is opened, so a text cell that starts like one gets a leading ``'``, as OWASP
    advises; RAW writes every cell as it is (for programs, not spreadsheets). Numbers and dates
    are never changed.
    """
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow([c.name for c in ACLED_COLUMNS])
    for row in rows:
        writer.writerow(["" if row[c.name] is None else _cell(row[c.name], raw) for c in ACLED_COLUMNS])


def _cell(value: object, raw: bool = False) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and not raw and value.startswith(_FORMULA_START):
        return "'" + value
    return str(value)


def write_parquet(rows: list[dict[str, Any]], path: str, metadata: dict[str, str] | None = None) -> None:
    """ACLED-like Parquet with typed columns (needs the ``parquet`` extra: pyarrow); METADATA goes
    into the file's key-value metadata (the licence and rights)."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError as err:
        raise ExportError("Parquet export needs pyarrow: pip install 'kg[parquet]'") from err
    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}
    schema = pa.schema([pa.field(c.name, types[c.type]) for c in ACLED_COLUMNS], metadata=metadata)
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)


# ---------------------------------------------------------------- PLOVER-like records


def _actor_object(snapshot: Snapshot, iri: str, role: str) -> dict[str, Any]:
    actor = snapshot.actors.get(iri)
    label = actor.label if actor else iri
    code, sector = _plover_code(snapshot, actor)
    return {
        "actor_text": label,
        "identifier_id": actor.wikidata if actor and actor.wikidata else None,
        "identifier_text": label,
        "code": code,
        "sector": sector,
        "kg_iri": iri,
        "role": role,
    }


def _plover_code(snapshot: Snapshot, actor: Actor | None) -> tuple[str | None, str | None]:
    """ISO alpha-3 code and sector (GOV, MIL) of a state or a body of one; None for armed groups."""
    if actor is None:
        return None, None
    sector = (
        "MIL"
        if "MilitaryBody" in actor.classes
        else "GOV"
        if actor.classes & {"GovernmentBody", "State"}
        else None
    )
    seen: set[str] = set()
    current: Actor | None = actor
    while current is not None and current.iri not in seen and sector:
        seen.add(current.iri)
        if "State" in current.classes:
            code = _country_code(current.iri)
            return (code[1] if code else None), sector
        current = snapshot.actors.get(current.part_of) if current.part_of else None
    return None, sector if "State" in actor.classes else None


def plover_records(snapshot: Snapshot) -> list[dict[str, Any]]:
    """One PLOVER-like ASSAULT record per event, with the fields of :data:`PLOVER_FIELDS`."""
    records = []
    for r in snapshot.events:
        where = locate(snapshot, r)
        article = snapshot.articles.get(r.article, {})
        start: str | None
        end: str | None
        if r.precision == "day" and r.when:
            start = end = r.when
        else:
            start = r.earliest.isoformat() if r.earliest else None
            end = r.latest.isoformat() if r.latest else None
        mode = [_PLOVER_MODE[r.weapon]] if r.weapon in _PLOVER_MODE else []
        if "damage" in r.outcomes:
            mode.append("destroy")
        code = _country_code(where.country_iri if where else None)
        record: dict[str, Any] = {
            "id": r.iri.rsplit("/", 1)[-1],
            "kg_iri": r.iri,
            "incident": r.incident,
            "date": start,
            "enddate": end,
            "date_precision": r.precision or ("interval" if start else None),
            "event": ["ASSAULT"],
            "mode": mode,
            "context": ["military"],
            "source": [_actor_object(snapshot, iri, role) for iri, role in _perpetrators(r)],
            "recipient": [
                _actor_object(snapshot, iri, role)
                for role in ("targetActor", "victim")
                for iri in r.roles.get(role, [])
            ],
            "event_loc": None
            if where is None
            else {
                "name": where.name,
                "kg_iri": where.iri,
                "latitude": where.point[1] if where.point else None,
                "longitude": where.point[0] if where.point else None,
                "geo_precision": where.precision,
                "country": where.country,
                "cc3": code[1] if code else None,
                "admin1": where.admin1,
                "admin2": where.admin2,
            },
            "dead": r.killed,
            "injured": r.injured,
            "event_text": [text for _, _, text in r.mentions],
            "text_info": [{"start": s, "end": e} for s, e, _ in r.mentions],
            "cite_info": {
                "url": article.get("url"),
                "title": article.get("title"),
                "publication": article.get("outlet"),
                "citation": r.article,
                "language": "en",
            },
            "coder": f"kg {__version__}",
            "kg_type": r.kind,
            "claim_kind": r.claim_kind,
            "weapon": r.weapon,
            "outcome": list(r.outcomes),
        }
        records.append(record)
    return records


def write_jsonl(records: Iterable[dict[str, Any]], output: IO[str]) -> None:
    """One JSON object per line, keys in :data:`PLOVER_FIELDS` order."""
    for record in records:
        output.write(json.dumps(record, ensure_ascii=False) + "\n")


FORMATS = ("csv", "jsonl", "parquet")
