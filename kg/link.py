"""Link kg's actors and places to the same things in a loaded graph (owl:sameAs / skos:exactMatch).

A candidate pair is scored from three pieces of evidence, each between 0 and 1:

- **label** (weight 0.6): 1.0 when the preferred names are equal once case, accents and
  punctuation are ignored; 0.95 when an alias equals a name or alias; 0.9 when they are equal
  without articles ("al-", "the"); else a fuzzy score (below);
- **type** (weight 0.2): 1.0 for the same kg class (City, MilitaryBase, ArmedGroup...), 0.5 when
  one side's class is unknown or generic, 0.25 for two different classes of the same kind; a
  person is never linked to a place or an organization;
- **coordinates** (weight 0.2): 1.0 within a radius that depends on the class (10 km for a city
  or base, 50 km for a province, 300 km for a country), falling to 0.0 at five times it; 0.5
  when either side has no coordinates.

(The fuzzy label score is 0.8 x the difflib ratio of the distinctive words of the closest labels,
"air base" and "governorate" left out, and only for labels of five characters or more.)

The best candidate of an entity is proposed ``accept`` when its score reaches the threshold and no
other candidate comes within 0.05; every other candidate above the minimum is ``review``. The
review file (CSV) can be edited (decision: accept, reject or review; relation: owl:sameAs or
skos:exactMatch) and applied back: the links of a loaded graph then live in their own named
graph, ``<base>graph/_links/<name>``, which holds exactly the accepted rows.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import IO

from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, Store

from kg.entailment import most_specific
from kg.errors import KgError
from kg.loader import loaded_graphs
from kg.namespaces import DEFAULT_BASE, PREFIXES, Minter, file_slug, short_hash

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
SKOS_EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"
RELATIONS = {"owl:sameAs": OWL_SAME_AS, "skos:exactMatch": SKOS_EXACT}
DECISIONS = ("accept", "review", "reject")
COLUMNS = (
    "decision",
    "score",
    "relation",
    "kg_entity",
    "kg_label",
    "kg_type",
    "other_entity",
    "other_label",
    "other_type",
    "distance_km",
    "label_score",
    "type_score",
    "evidence",
    "graph",
)
_KGO = PREFIXES["kgo"]
_PREFIXES = """
PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX schema: <http://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

# kg classes and the kind they belong to: a pair of entities of disjoint kinds is never linked.
KINDS: dict[str, frozenset[str]] = {
    "Person": frozenset({"person"}),
    "Actor": frozenset({"person", "org"}),
    "Organization": frozenset({"org"}),
    "ArmedGroup": frozenset({"org"}),
    "MilitaryBody": frozenset({"org"}),
    "GovernmentBody": frozenset({"org"}),
    "State": frozenset({"org", "place"}),
    "Place": frozenset({"place"}),
    "MilitaryBase": frozenset({"place"}),
    "Facility": frozenset({"place"}),
    "City": frozenset({"place"}),
    "Province": frozenset({"place"}),
    "Region": frozenset({"place"}),
    "Country": frozenset({"place", "org"}),
}
_GENERIC = frozenset({"Actor", "Organization", "Place"})
# Radius (km) within which two points count as the same place, per kg class.
_RADIUS = {"Country": 300.0, "Region": 100.0, "Province": 50.0}
_DEFAULT_RADIUS = 10.0

# Classes of other vocabularies whose IRI says what they are.
_WD = "http://www.wikidata.org/entity/"
_SCHEMA = "http://schema.org/"
KNOWN_CLASSES: dict[str, str] = {
    _WD + "Q5": "Person",
    _WD + "Q515": "City",
    _WD + "Q532": "City",
    _WD + "Q6256": "Country",
    _WD + "Q3624078": "Country",
    _WD + "Q10864048": "Province",
    _WD + "Q43229": "Organization",
    _SCHEMA + "Person": "Person",
    _SCHEMA + "City": "City",
    _SCHEMA + "Country": "Country",
    _SCHEMA + "AdministrativeArea": "Place",
    _SCHEMA + "Place": "Place",
    _SCHEMA + "Airport": "Facility",
    _SCHEMA + "Organization": "Organization",
    _SCHEMA + "GovernmentOrganization": "GovernmentBody",
    "http://xmlns.com/foaf/0.1/Person": "Person",
    "http://xmlns.com/foaf/0.1/Organization": "Organization",
}
# Otherwise the class's own label decides (first match wins, so specific phrases come first).
CLASS_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bhuman\b|\bperson\b", "Person"),
    (r"military base|air ?base|garrison|outpost", "MilitaryBase"),
    (r"airport|embassy|oil ?field|gas field|facility", "Facility"),
    (r"armed (organi[sz]ation|group)|militia|paramilitary|terrorist org|rebel|insurgent", "ArmedGroup"),
    (
        r"armed forces|military (unit|branch|organi[sz]ation|alliance|coalition)|\barmy\b|air force|\bnavy\b",
        "MilitaryBody",
    ),
    (r"government agency|ministry|government organi[sz]ation|intelligence agency", "GovernmentBody"),
    (r"first-level administrative|governorate|province", "Province"),
    (r"\bregion\b", "Region"),
    (r"sovereign state|\bcountry\b", "Country"),
    (r"\bcity\b|\btown\b|\bvillage\b|human settlement|\bcapital\b|municipality", "City"),
    (r"organi[sz]ation|\bgroup\b", "Organization"),
    (r"\bplace\b|\blocation\b", "Place"),
)
_ARTICLES = frozenset({"al", "el", "the", "of", "an", "ad", "as", "ar"})
# Words that say what kind of thing a name is rather than which one: ignored by the fuzzy match.
_GENERIC_WORDS = frozenset(
    {
        *("air", "base", "airport", "international", "governorate", "province", "region", "city", "district"),
        *("camp", "field", "oil", "gas", "site", "mission", "support", "complex"),
        *(
            "forces",
            "force",
            "brigades",
            "brigade",
            "group",
            "organization",
            "organisation",
            "movement",
            "party",
        ),
        *("in", "and", "for", "iraq", "iraqi", "syria", "syrian", "islamic", "state"),
    }
)


class LinkError(KgError):
    """Linking cannot run: no such loaded graph, or a review file that cannot be applied."""


@dataclass(frozen=True)
class Entity:
    """An actor or place as the linker sees it."""

    iri: str
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    classes: frozenset[str] = frozenset()
    point: tuple[float, float] | None = None  # (longitude, latitude)
    wikidata: tuple[str, ...] = ()  # the Wikidata items it is already linked to

    @property
    def label(self) -> str:
        return (self.names or self.aliases or (self.iri,))[0]

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset().union(*(KINDS[c] for c in self.classes)) if self.classes else frozenset()

    @property
    def type_name(self) -> str:
        return "|".join(sorted(self.classes))


@dataclass(frozen=True)
class Proposal:
    """One candidate link, with the evidence behind its score."""

    decision: str
    score: float
    relation: str
    kg: Entity
    other: Entity
    graph: str
    label_score: float
    type_score: float
    distance_km: float | None
    evidence: str


@dataclass
class LinkReport:
    """The proposals for one or more loaded graphs, and what was left out and why."""

    proposals: list[Proposal] = field(default_factory=list)
    already_linked: int = 0
    kg_entities: int = 0
    other_entities: int = 0

    def count(self, decision: str) -> int:
        return sum(1 for p in self.proposals if p.decision == decision)


# ---------------------------------------------------------------- labels and geometry


def normalize(label: str) -> str:
    r"""A label for comparison: ASCII, lower case, no punctuation.

    >>> normalize("Kata\u2019ib  Hezbollah")
    'kataib hezbollah'
    """
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['\u2019`]", "", text).replace("airbase", "air base")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def loose(label: str) -> str:
    """A normalized label without articles such as "al-" and "the".

    >>> loose("Ain al-Asad Air Base")
    'ain asad air base'
    """
    return " ".join(t for t in normalize(label).split() if t not in _ARTICLES)


def core(label: str) -> str:
    """The distinctive words of a label, for fuzzy matching (the loose form when none is left).

    >>> core("Balad Air Base"), core("Islamic State")
    ('balad', 'islamic state')
    """
    words = loose(label).split()
    return " ".join(w for w in words if w not in _GENERIC_WORDS) or " ".join(words)


def parse_point(wkt: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a WKT point, optionally preceded by its CRS IRI.

    >>> parse_point("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> Point(44.0092 36.1912)")
    (44.0092, 36.1912)
    """
    match = re.search(r"point\s*\(\s*(-?[\d.]+(?:e-?\d+)?)\s+(-?[\d.]+(?:e-?\d+)?)\s*\)", wkt, re.IGNORECASE)
    return (float(match.group(1)), float(match.group(2))) if match else None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (longitude, latitude) points.

    >>> round(distance_km((44.3661, 33.3152), (44.0092, 36.1912)))
    321
    """
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def class_of(iri: str, labels: Iterable[str]) -> str | None:
    """The kg class an outside class stands for, from its IRI or its label.

    >>> class_of("http://example.org/C1", ["military base"])
    'MilitaryBase'
    >>> class_of("http://example.org/C2", ["first-level administrative country subdivision"])
    'Province'
    """
    if iri.startswith(_KGO) and iri[len(_KGO) :] in KINDS:
        return iri[len(_KGO) :]
    if iri in KNOWN_CLASSES:
        return KNOWN_CLASSES[iri]
    for label in labels:
        text = label.lower()
        for pattern, name in CLASS_WORDS:
            if re.search(pattern, text):
                return name
    return None


# ---------------------------------------------------------------- scoring


def label_score(a: Entity, b: Entity) -> tuple[float, str]:
    """How alike the labels of A and B are, and the pair of labels that says so."""
    best, why = 0.0, ""
    for a_label, a_name in [*((n, True) for n in a.names), *((n, False) for n in a.aliases)]:
        for b_label, b_name in [*((n, True) for n in b.names), *((n, False) for n in b.aliases)]:
            if normalize(a_label) == normalize(b_label):
                score = 1.0 if a_name and b_name else 0.95
            elif loose(a_label) and loose(a_label) == loose(b_label):
                score = 0.9
            elif min(len(a_label), len(b_label)) >= 5:
                score = 0.8 * SequenceMatcher(None, core(a_label), core(b_label)).ratio()
            else:
                score = 0.0
            if score > best:
                best, why = score, f"{a_label!r} ~ {b_label!r}"
    return best, why


def type_score(a: Entity, b: Entity) -> float | None:
    """1.0 same class, 0.5 unknown or generic, 0.25 different classes of one kind, None incompatible."""
    if not a.classes or not b.classes:
        return 0.5
    if not a.kinds & b.kinds:
        return None
    if a.classes & b.classes - _GENERIC:
        return 1.0
    if a.classes <= _GENERIC or b.classes <= _GENERIC:
        return 0.5
    return 0.25


def geo_score(a: Entity, b: Entity) -> tuple[float, float | None]:
    """1.0 near, 0.0 far (radius by A's class), 0.5 when a point is missing; and the distance."""
    if a.point is None or b.point is None:
        return 0.5, None
    km = distance_km(a.point, b.point)
    radius = max((_RADIUS.get(c, _DEFAULT_RADIUS) for c in a.classes), default=_DEFAULT_RADIUS)
    if km <= radius:
        return 1.0, km
    return max(0.0, 1.0 - (km - radius) / (4 * radius)), km


def score_pair(kg: Entity, other: Entity) -> tuple[float, float, float, float | None, str] | None:
    """(score, label score, type score, distance, evidence) of a pair, or None if their kinds differ."""
    types = type_score(kg, other)
    if types is None:
        return None
    labels, why = label_score(kg, other)
    geo, km = geo_score(kg, other)
    return round(0.6 * labels + 0.2 * types + 0.2 * geo, 3), round(labels, 3), types, km, why


# ---------------------------------------------------------------- reading the store


def _select(store: Store, query: str) -> QuerySolutions:
    result = store.query(query)
    assert isinstance(result, QuerySolutions), "a SELECT query"
    return result


def links_graph_iri(graph: str, base: str = DEFAULT_BASE) -> str:
    """The graph that holds the links to a loaded GRAPH.

    >>> links_graph_iri("https://w3id.org/conflict-kg/data/graph/_loaded/wikidata")
    'https://w3id.org/conflict-kg/data/graph/_links/wikidata'
    """
    loaded = f"{base}graph/_loaded/"
    name = (
        graph[len(loaded) :]
        if graph.startswith(loaded)
        else f"{file_slug(graph.rsplit('/', 1)[-1])}-{short_hash(graph, length=8)}"
    )
    return f"{base}graph/_links/{name}"


def _literal_ok(term: object) -> bool:
    return isinstance(term, Literal) and (not term.language or term.language.lower().startswith("en"))


def _kg_entities(store: Store, exclude: Sequence[str]) -> dict[str, Entity]:
    not_in = ", ".join(f"<{g}>" for g in exclude) or "<urn:none>"
    classes: dict[str, set[str]] = defaultdict(set)
    for row in _select(
        store,
        f"SELECT DISTINCT ?x ?c WHERE {{ GRAPH ?g {{ ?x a ?c }} FILTER(?g NOT IN ({not_in})) "
        f'FILTER(STRSTARTS(STR(?c), "{_KGO}")) FILTER(isIRI(?x)) }}',
    ):
        name = row["c"].value[len(_KGO) :]
        if name in KINDS:
            classes[row["x"].value].add(name)
    for x, found in classes.items():  # a base is also a kgo:Place: only its own class counts
        classes[x] = {c[len(_KGO) :] for c in most_specific(_KGO + c for c in found)}
    names: dict[str, list[str]] = defaultdict(list)
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in _select(
        store,
        _PREFIXES + f"SELECT ?x ?p ?l WHERE {{ GRAPH ?g {{ ?x ?p ?l }} FILTER(?g NOT IN ({not_in})) "
        "VALUES ?p { skos:prefLabel rdfs:label skos:altLabel } } ORDER BY ?x ?p ?l",
    ):
        x = row["x"].value
        if x in classes and _literal_ok(row["l"]):
            target = aliases if row["p"].value.endswith("altLabel") else names
            if row["l"].value not in target[x]:
                target[x].append(row["l"].value)
    points = _points(store, f"FILTER(?g NOT IN ({not_in}))")
    wikidata: dict[str, list[str]] = defaultdict(list)
    for row in _select(
        store,
        _PREFIXES + "SELECT DISTINCT ?x ?w WHERE { GRAPH ?g { ?x owl:sameAs|skos:exactMatch ?w } "
        f'FILTER(STRSTARTS(STR(?w), "{_WD}")) }} ORDER BY ?x ?w',
    ):
        wikidata[row["x"].value].append(row["w"].value)
    return {
        x: Entity(
            x,
            tuple(names[x]),
            tuple(a for a in aliases[x] if a not in names[x]),
            frozenset(c),
            points.get(x),
            tuple(wikidata.get(x, ())),
        )
        for x, c in sorted(classes.items())
        if names[x] or aliases[x]
    }


def _points(store: Store, graph_filter: str) -> dict[str, tuple[float, float]]:
    points: dict[str, tuple[float, float]] = {}
    for row in _select(
        store,
        _PREFIXES + "SELECT ?x ?wkt ?lat ?lon WHERE { GRAPH ?g { "
        "{ ?x geo:hasGeometry/geo:asWKT ?wkt } UNION { ?x geo:asWKT ?wkt } UNION { ?x wdt:P625 ?wkt } "
        f"UNION {{ ?x wgs:lat ?lat ; wgs:long ?lon }} }} {graph_filter} }}",
    ):
        x = row["x"].value
        if row["wkt"] is not None:
            point = parse_point(row["wkt"].value)
        else:
            try:
                point = (float(row["lon"].value), float(row["lat"].value))
            except ValueError:
                point = None
        if point is not None:
            points.setdefault(x, point)
    return points


def _other_entities(store: Store, graph: str) -> dict[str, Entity]:
    g = f"<{graph}>"
    class_labels: dict[str, list[str]] = defaultdict(list)
    typed: dict[str, set[str]] = defaultdict(set)
    for row in _select(
        store,
        _PREFIXES + f"SELECT ?x ?c ?cl WHERE {{ GRAPH {g} {{ ?x a|wdt:P31 ?c "
        "OPTIONAL { ?c rdfs:label|skos:prefLabel ?cl } } }",
    ):
        typed[row["x"].value].add(row["c"].value)
        if row["cl"] is not None and _literal_ok(row["cl"]):
            class_labels[row["c"].value].append(row["cl"].value)
    names: dict[str, list[str]] = defaultdict(list)
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in _select(
        store,
        _PREFIXES
        + f"SELECT ?x ?p ?l WHERE {{ GRAPH {g} {{ ?x ?p ?l }} VALUES ?p {{ skos:prefLabel rdfs:label "
        "schema:name foaf:name skos:altLabel schema:alternateName } FILTER(isIRI(?x)) } ORDER BY ?x ?p ?l",
    ):
        if not _literal_ok(row["l"]):
            continue
        x, p = row["x"].value, row["p"].value
        target = aliases if p.endswith(("altLabel", "alternateName")) else names
        if row["l"].value not in target[x]:
            target[x].append(row["l"].value)
    points = _points(store, f"FILTER(?g = {g})")
    class_nodes = {c for cs in typed.values() for c in cs}
    entities = {}
    for x in sorted(set(names) | set(aliases)):
        if x in class_nodes:
            continue
        found = {class_of(c, class_labels.get(c, ())) for c in typed.get(x, ())}
        classes = frozenset(c for c in found if c is not None)
        entities[x] = Entity(
            x, tuple(names[x]), tuple(a for a in aliases[x] if a not in names[x]), classes, points.get(x)
        )
    return entities


def _identities(store: Store, skip_graph: str) -> set[tuple[str, str]]:
    """Pairs already said to be the same (owl:sameAs, skos:exactMatch), both ways, outside SKIP_GRAPH."""
    pairs = set()
    for row in _select(
        store,
        _PREFIXES + "SELECT ?a ?b WHERE { GRAPH ?g { ?a owl:sameAs|skos:exactMatch ?b } "
        f"FILTER(?g != <{skip_graph}>) }}",
    ):
        a, b = row["a"].value, row["b"].value
        pairs |= {(a, b), (b, a)}
    return pairs


def _current_links(store: Store, links_graph: str) -> dict[tuple[str, str], str]:
    found = {}
    for relation, iri in RELATIONS.items():
        for quad in store.quads_for_pattern(None, NamedNode(iri), None, NamedNode(links_graph)):
            if isinstance(quad.subject, NamedNode) and isinstance(quad.object, NamedNode):
                found[(quad.subject.value, quad.object.value)] = relation
    return found


# ---------------------------------------------------------------- proposing


def propose(
    store: Store,
    graphs: Sequence[str] | None = None,
    *,
    base: str = DEFAULT_BASE,
    threshold: float = 0.85,
    minimum: float = 0.65,
    relation: str = "auto",
    per_entity: int = 3,
) -> LinkReport:
    """Candidate links between kg's actors and places and the entities of the loaded GRAPHS.

    Args:
        relation: ``auto`` (owl:sameAs when the classes agree, else skos:exactMatch),
            ``owl:sameAs`` or ``skos:exactMatch``.
    """
    loaded = [g.graph for g in loaded_graphs(store, base)]
    if graphs is None:
        graphs = loaded
        if not graphs:
            raise LinkError("nothing to link to: load a graph first with `kg load FILE`")
    for graph in graphs:
        if not any(True for _ in store.quads_for_pattern(None, None, None, NamedNode(graph))):
            known = ", ".join(f"<{g}>" for g in loaded) or "none (load one with `kg load FILE`)"
            raise LinkError(f"<{graph}>: no such graph in the store; loaded graphs: {known}")
    link_graphs = [links_graph_iri(g, base) for g in loaded]
    kg = _kg_entities(store, [*loaded, *graphs, *link_graphs])
    report = LinkReport(kg_entities=len(kg))
    for graph in graphs:
        others = _other_entities(store, graph)
        report.other_entities += len(others)
        same = _identities(store, links_graph_iri(graph, base))
        current = _current_links(store, links_graph_iri(graph, base))
        linked_kg = {k for k in kg if any((k, o) in same or k == o for o in others)}
        linked_other = {o for o in others if any((k, o) in same or k == o for k in kg)}
        report.already_linked += len(linked_kg)
        report.proposals += _propose_graph(
            kg,
            others,
            graph,
            linked_kg,
            linked_other,
            current,
            threshold=threshold,
            minimum=minimum,
            relation=relation,
            per_entity=per_entity,
        )
    return report


def _blocks(others: dict[str, Entity]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for other in others.values():
        for label in (*other.names, *other.aliases):
            for token in core(label).split():
                index[token].add(other.iri)
    return index


def _propose_graph(
    kg: dict[str, Entity],
    others: dict[str, Entity],
    graph: str,
    linked_kg: set[str],
    linked_other: set[str],
    current: dict[tuple[str, str], str],
    *,
    threshold: float,
    minimum: float,
    relation: str,
    per_entity: int,
) -> list[Proposal]:
    index = _blocks(others)
    by_kg: dict[str, list[Proposal]] = defaultdict(list)
    for entity in kg.values():
        if entity.iri in linked_kg:
            continue
        candidates = {
            o
            for label in (*entity.names, *entity.aliases)
            for t in core(label).split()
            for o in index.get(t, ())
        }
        candidates |= {o for (k, o) in current if k == entity.iri and o in others}
        for iri in sorted(candidates - linked_other):
            scored = score_pair(entity, others[iri])
            if scored is None:
                continue
            score, labels, types, km, why = scored
            kept = current.get((entity.iri, iri))
            if score < minimum and kept is None:
                continue
            chosen = kept or (
                relation if relation != "auto" else ("owl:sameAs" if types == 1.0 else "skos:exactMatch")
            )
            second = iri.startswith(_WD) and entity.wikidata and iri not in entity.wikidata
            if second and not kept:
                # never accepted on its own: a second Wikidata item for one entity is a duplicate
                # item or a wrong match, which a reviewer decides
                ids = ", ".join(w.removeprefix(_WD) for w in entity.wikidata)
                why = f"already linked to Wikidata {ids}: a second item? {why}"
            by_kg[entity.iri].append(
                Proposal(
                    "accept" if kept else "review",
                    score,
                    chosen,
                    entity,
                    others[iri],
                    graph,
                    labels,
                    types,
                    km,
                    "linked before; " + why if kept else why,
                )
            )
    proposals: list[Proposal] = []
    accepted_other: dict[str, Proposal] = {}
    for iri in sorted(by_kg, key=lambda k: -max(p.score for p in by_kg[k])):
        ranked = sorted(by_kg[iri], key=lambda p: (-p.score, p.other.iri))[:per_entity]
        ranked += [p for p in by_kg[iri] if p.decision == "accept" and p not in ranked]
        best = ranked[0]
        clear = len(ranked) == 1 or ranked[1].score < best.score - 0.05
        if (
            best.decision == "review"
            and best.score >= threshold
            and clear
            and best.other.iri not in accepted_other
            and not best.evidence.startswith("already linked to Wikidata")
        ):
            ranked[0] = _with(best, "accept")
            accepted_other[best.other.iri] = ranked[0]
        proposals += ranked
    return sorted(proposals, key=lambda p: (DECISIONS.index(p.decision), -p.score, p.kg.iri, p.other.iri))


def _with(p: Proposal, decision: str) -> Proposal:
    return Proposal(
        decision,
        p.score,
        p.relation,
        p.kg,
        p.other,
        p.graph,
        p.label_score,
        p.type_score,
        p.distance_km,
        p.evidence,
    )


# ---------------------------------------------------------------- the review file


def write_review(proposals: Iterable[Proposal], output: IO[str]) -> None:
    """Write PROPOSALS as the CSV review file (one row per candidate, :data:`COLUMNS`)."""
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in proposals:
        writer.writerow(
            [
                p.decision,
                f"{p.score:.3f}",
                p.relation,
                p.kg.iri,
                p.kg.label,
                p.kg.type_name,
                p.other.iri,
                p.other.label,
                p.other.type_name,
                "" if p.distance_km is None else f"{p.distance_km:.1f}",
                f"{p.label_score:.3f}",
                f"{p.type_score:.2f}",
                p.evidence,
                p.graph,
            ]
        )


@dataclass(frozen=True)
class Decision:
    """One row of an edited review file."""

    line: int
    decision: str
    relation: str
    kg: str
    other: str
    graph: str


def read_review(path: Path) -> list[Decision]:
    """The rows of a review file; an unusable row is an error naming its line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise LinkError(f"{path}: cannot read the review file: {err}") from err
    reader = csv.DictReader(io.StringIO(text))
    needed = {"decision", "relation", "kg_entity", "other_entity", "graph"}
    missing = needed - set(reader.fieldnames or ())
    if missing:
        raise LinkError(f"{path}: not a kg link review file; missing column(s) {', '.join(sorted(missing))}")
    rows = []
    for number, row in enumerate(reader, start=2):
        decision = (row["decision"] or "").strip().lower()
        relation = (row["relation"] or "").strip()
        if decision not in DECISIONS:
            raise LinkError(f"{path}:{number}: decision {decision!r} must be one of {', '.join(DECISIONS)}")
        if relation not in RELATIONS:
            raise LinkError(f"{path}:{number}: relation {relation!r} must be one of {', '.join(RELATIONS)}")
        iris = [(row[c] or "").strip() for c in ("kg_entity", "other_entity", "graph")]
        for iri in iris:
            try:
                NamedNode(iri)
            except ValueError as err:
                raise LinkError(f"{path}:{number}: {iri!r} is not an IRI") from err
        rows.append(Decision(number, decision, relation, *iris))
    return rows


@dataclass(frozen=True)
class Applied:
    """What applying links did to one links graph."""

    graph: str
    links_graph: str
    links: int


def apply_links(
    store: Store,
    decisions: Iterable[Decision | Proposal],
    *,
    base: str = DEFAULT_BASE,
    source: Path | None = None,
    now: datetime | None = None,
) -> list[Applied]:
    """Make the links graph of every loaded graph named in DECISIONS hold exactly its accepted rows."""
    by_graph: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for d in decisions:
        kg, other = (d.kg.iri, d.other.iri) if isinstance(d, Proposal) else (d.kg, d.other)
        by_graph.setdefault(d.graph, set())
        if d.decision == "accept":
            by_graph[d.graph].add((kg, RELATIONS[d.relation], other))
    meta = NamedNode(str(Minter(base).meta_graph))
    when = Literal(
        (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        datatype=NamedNode("http://www.w3.org/2001/XMLSchema#dateTime"),
    )
    done = []
    for graph, links in sorted(by_graph.items()):
        target = NamedNode(links_graph_iri(graph, base))
        store.update(f"DROP SILENT GRAPH <{target.value}>")
        store.extend(Quad(NamedNode(s), NamedNode(p), NamedNode(o), target) for s, p, o in sorted(links))
        for quad in list(store.quads_for_pattern(target, None, None, meta)):
            store.remove(quad)
        prov = PREFIXES["prov"]
        meta_quads = [
            Quad(target, NamedNode(prov + "wasDerivedFrom"), NamedNode(graph), meta),
            Quad(target, NamedNode(prov + "generatedAtTime"), when, meta),
        ]
        if source is not None:
            used = NamedNode(source.resolve().as_uri())
            meta_quads.append(Quad(target, NamedNode(prov + "used"), used, meta))
        store.extend(meta_quads)
        done.append(Applied(graph, target.value, len(links)))
    return done
