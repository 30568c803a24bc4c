"""Namespaces of the kg ontology and vocabularies, and the one place instance IRIs are minted.

``KGO`` and ``KGV`` are closed (``_fail = True``): a typo such as ``KGO.Atack`` raises at import
time of the caller instead of minting a term the ontology does not declare. ``tests/test_namespaces.py``
checks that these lists and ``ontology/*.ttl`` declare the same terms.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import cast

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

ONTOLOGY_IRI = "https://w3id.org/conflict-kg/ontology"
REFERENCE = Namespace("https://w3id.org/conflict-kg/id/")
DEFAULT_BASE = "https://w3id.org/conflict-kg/data/"

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("http://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "kgo": "https://w3id.org/conflict-kg/ontology#",
    "kgv": "https://w3id.org/conflict-kg/vocab#",
    "kgr": str(REFERENCE),
    "kgd": DEFAULT_BASE,
    **{
        kind: f"{DEFAULT_BASE}{kind}/"
        for kind in (
            "article",
            "graph",
            "event",
            "mention",
            "relation",
            "statement",
            "actor",
            "place",
            "incident",
        )
    },
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "sem": str(SEM),
    "schema": str(SCHEMA),
    "geo": str(GEO),
    "time": "http://www.w3.org/2006/time#",
    "wd": str(WD),
}


class KGO(DefinedNamespace):
    """Classes and properties of ``ontology/kg.ttl``."""

    _NS = Namespace("https://w3id.org/conflict-kg/ontology#")
    _fail = True

    # classes
    Actor: URIRef
    Organization: URIRef
    ArmedGroup: URIRef
    State: URIRef
    MilitaryBody: URIRef
    GovernmentBody: URIRef
    Person: URIRef
    Event: URIRef
    Attack: URIRef
    DroneAttack: URIRef
    RocketAttack: URIRef
    MortarAttack: URIRef
    MissileAttack: URIRef
    Airstrike: URIRef
    Interception: URIRef
    Deployment: URIRef
    Statement: URIRef
    ClaimOfResponsibility: URIRef
    Attribution: URIRef
    AggregateStatement: URIRef
    Incident: URIRef
    Place: URIRef
    MilitaryBase: URIRef
    Facility: URIRef
    City: URIRef
    Province: URIRef
    Region: URIRef
    Country: URIRef
    Article: URIRef
    Mention: URIRef
    ActorRelation: URIRef
    Build: URIRef
    Weapon: URIRef
    Outcome: URIRef
    ClaimKind: URIRef
    DateBasis: URIRef
    ExtractedFact: URIRef
    NamedEntity: URIRef
    DateValue: URIRef
    # properties
    participant: URIRef
    perpetrator: URIRef
    claimedBy: URIRef
    attributedTo: URIRef
    targetActor: URIRef
    claimant: URIRef
    statedBy: URIRef
    about: URIRef
    claimKind: URIRef
    victim: URIRef
    interceptor: URIRef
    intercepted: URIRef
    targetPlace: URIRef
    location: URIRef
    weapon: URIRef
    outcome: URIRef
    killed: URIRef
    injured: URIRef
    date: URIRef
    earliestDate: URIRef
    latestDate: URIRef
    datePrecision: URIRef
    dateBasis: URIRef
    dateExpression: URIRef
    locatedIn: URIRef
    count: URIRef
    backedBy: URIRef
    partOf: URIRef
    memberOf: URIRef
    affiliatedWith: URIRef
    commanderOf: URIRef
    leaderOf: URIRef
    mention: URIRef
    article: URIRef
    source: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    rule: URIRef
    matched: URIRef
    report: URIRef
    outlet: URIRef
    sourceFile: URIRef
    contentHash: URIRef
    publicationDateBasis: URIRef
    inReferenceData: URIRef
    checkedOn: URIRef
    positionPrecision: URIRef


class KGV(DefinedNamespace):
    """Concepts of ``ontology/vocab.ttl``."""

    _NS = Namespace("https://w3id.org/conflict-kg/vocab#")
    _fail = True

    weapons: URIRef
    drone: URIRef
    rocket: URIRef
    mortar: URIRef
    ballisticMissile: URIRef
    cruiseMissile: URIRef
    aircraft: URIRef
    ied: URIRef
    outcomes: URIRef
    intercepted: URIRef
    hit: URIRef
    damage: URIRef
    casualties: URIRef
    noCasualties: URIRef
    claimKinds: URIRef
    claimed: URIRef
    attributed: URIRef
    confirmed: URIRef
    unknown: URIRef
    dateBases: URIRef
    stated: URIRef
    resolved: URIRef
    inferredFromPublication: URIRef
    reportDate: URIRef
    metadata: URIRef
    dateline: URIRef


def kgo(name: str) -> URIRef:
    """The ontology term NAME; raises AttributeError for a term the ontology does not declare."""
    return cast(URIRef, getattr(KGO, name))


def kgv(name: str) -> URIRef:
    """The vocabulary concept NAME; raises AttributeError for a concept the vocabulary does not declare."""
    return cast(URIRef, getattr(KGV, name))


def slugify(text: str) -> str:
    """A lower-case ASCII slug for an IRI path segment.

    >>> slugify("Kata'ib Hezbollah")
    'kataib-hezbollah'
    >>> slugify("  Ain al-Asad  Air Base ")
    'ain-al-asad-air-base'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['\u2019`]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def file_slug(name: str) -> str:
    """An IRI-safe form of a file stem that keeps it recognisable (and case) for ``source`` columns.

    >>> file_slug("000_bd298267c9d9f68e")
    '000_bd298267c9d9f68e'
    >>> file_slug("my article (1)")
    'my-article-1'
    """
    return re.sub(r"[^A-Za-z0-9_.~-]+", "-", name).strip("-") or "article"


def article_id(name: str) -> str:
    """The id of the article named NAME (a path relative to the folder built, or a JSON Lines id).

    A name the slug keeps whole stays as it is, so ids (and IRIs) read like their files. A name it
    changes (another script, spaces, a folder) gets a digest of the name, so two names never share
    an id. An id never starts with ``_`` or ``.``: graphs named ``<base>graph/_...`` are the
    system's (ontology, reference data, build records), and ``..`` would climb out of the IRI path.

    >>> article_id("000_seed.txt")
    '000_seed.txt'
    >>> article_id("a/report.txt")
    'a-report.txt-b98bde4c'
    >>> article_id("_reference")
    '-_reference'
    """
    slug = file_slug(name)
    if slug != name:
        slug = f"{slug}-{short_hash(name, length=8)}"
    # file_slug never starts with '-', so an escaped id cannot be another name's slug
    return "-" + slug if slug[0] in "_." else slug


def short_hash(*parts: object, length: int = 12) -> str:
    """A stable short hex digest of its arguments, for IRIs that must not change between builds."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class Minter:
    """Mints the IRIs of one deployment of kg under a base IRI (``--base-iri``).

    >>> Minter("https://example.org/kg/").article("000_seed")
    rdflib.term.URIRef('https://example.org/kg/article/000_seed')
    """

    base: str = DEFAULT_BASE

    def _iri(self, kind: str, local: str) -> URIRef:
        return URIRef(f"{self.base}{kind}/{local}")

    def article(self, article_id: str) -> URIRef:
        return self._iri("article", article_id)

    def graph(self, article_id: str) -> URIRef:
        """The named graph holding what was extracted from one article."""
        return self._iri("graph", article_id)

    def event(self, article_id: str, key: str) -> URIRef:
        return self._iri("event", f"{article_id}-{short_hash(key, length=10)}")

    def statement(self, article_id: str, key: str) -> URIRef:
        return self._iri("statement", f"{article_id}-{short_hash(key, length=10)}")

    def relation(self, article_id: str, key: str) -> URIRef:
        return self._iri("relation", f"{article_id}-{short_hash(key, length=10)}")

    def mention(self, article_id: str, start: int, end: int, fact: str) -> URIRef:
        """One fact's reading of one sentence (a sentence that reports two facts has two mentions)."""
        return self._iri("mention", f"{article_id}-{start}-{end}-{short_hash(fact, length=6)}")

    def actor(self, label: str) -> URIRef:
        """An actor met in text but not in the reference data: one IRI per normalised name."""
        return self._iri("actor", slugify(label))

    def place(self, label: str) -> URIRef:
        """A place met in text but not in the reference data: one IRI per normalised name."""
        return self._iri("place", slugify(label))

    def incident(self, key: str) -> URIRef:
        return self._iri("incident", short_hash(key, length=12))

    def build(self, key: str) -> URIRef:
        return self._iri("build", key)

    @property
    def meta_graph(self) -> URIRef:
        """The graph of build provenance (when and with which extractor each build ran)."""
        return URIRef(f"{self.base}graph/_builds")

    @property
    def reference_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/_reference")

    @property
    def ontology_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/_ontology")

    @property
    def incidents_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/_incidents")
