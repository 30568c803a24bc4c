"""What the extractor finds in one article: plain data, independent of spaCy and of RDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ATTACK_KINDS = frozenset(
    {"Attack", "DroneAttack", "RocketAttack", "MortarAttack", "MissileAttack", "Airstrike"}
)


@dataclass(frozen=True)
class Entity:
    """An actor or place: a reference entity (``iri`` set) or one met in text (``iri`` None)."""

    label: str
    kind: str  # an ontology class local name: ArmedGroup, Person, MilitaryBase, City...
    iri: str | None = None

    @property
    def in_reference(self) -> bool:
        return self.iri is not None

    @property
    def key(self) -> str:
        """What makes two mentions the same entity: the IRI, else the name in lower case."""
        return self.iri or self.label.lower()


@dataclass(frozen=True)
class Evidence:
    """The sentence behind a fact, where it is, and why the extractor believed it."""

    start: int
    end: int
    text: str
    rule: str
    matched: tuple[str, ...] = ()

    def read_by(self, rule: str, matched: tuple[str, ...] = ()) -> Evidence:
        """The same sentence, as read by RULE with the words it MATCHED."""
        return Evidence(self.start, self.end, self.text, rule, matched)


@dataclass(frozen=True)
class EventDate:
    """An event date at the precision the text supports, with the interval it stands for."""

    value: str | None  # ISO 8601 at its precision: 2023-10-18, 2024-01, 2020; None when unknown
    precision: str | None  # "day", "month", "year"
    earliest: date | None
    latest: date | None
    basis: str  # "stated", "resolved", "inferredFromPublication"
    expression: str = ""


@dataclass(eq=False)
class Event:
    """One attack (or interception, deployment) as this article reports it."""

    # Attack, DroneAttack, RocketAttack, MortarAttack, MissileAttack, Airstrike, Interception or Deployment
    kind: str
    evidence: list[Evidence]
    weapon: str | None = None  # a kgv concept local name
    targets: list[Entity] = field(default_factory=list)  # places
    target_actors: list[Entity] = field(default_factory=list)
    locations: list[Entity] = field(default_factory=list)
    perpetrators: list[Entity] = field(default_factory=list)  # stated as fact
    claimants: list[Entity] = field(default_factory=list)
    attributed_to: list[Entity] = field(default_factory=list)
    attributed_by: list[Entity] = field(default_factory=list)
    date: EventDate | None = None
    outcomes: set[str] = field(default_factory=set)
    killed: int | None = None
    injured: int | None = None
    victims: list[Entity] = field(default_factory=list)
    interceptors: list[Entity] = field(default_factory=list)
    intercepts: Event | None = None  # for an interception: the attack it stopped
    # Attacks told apart by the text itself (a timeline line, one of "two separate attacks"): events
    # with different keys are never merged, however alike their place, type and date.
    distinct: str | None = None

    @property
    def claim_kind(self) -> str:
        if self.claimants:
            return "claimed"
        if self.attributed_to:
            return "attributed"
        if self.perpetrators:
            return "confirmed"
        return "unknown"


@dataclass(frozen=True)
class Relation:
    """One statement of a relation between two actors."""

    subject: Entity
    predicate: str  # backedBy, partOf, memberOf, affiliatedWith, commanderOf, leaderOf
    object: Entity
    evidence: Evidence


@dataclass(frozen=True)
class Aggregate:
    """A count of many attacks ("57 attacks in Iraq"): kept as a statement, never as events."""

    count: int
    evidence: Evidence
    stated_by: tuple[Entity, ...] = ()
    places: tuple[Entity, ...] = ()


@dataclass
class Extraction:
    """Everything read from one article."""

    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)
