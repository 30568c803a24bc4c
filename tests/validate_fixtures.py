"""Hand-made extraction records for the validation tests, mapped to RDF by the real kg.mapping.

Every class of instance data that kg.mapping produces appears here at least once, so the graph
exercises every shape; it conforms (no Violation) and has the warnings listed in EXPECTED_WARNINGS.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Store

from kg.extract.model import Aggregate, Entity, Event, EventDate, Evidence, Extraction, Relation
from kg.ingest import Article
from kg.mapping import article_quads
from kg.namespaces import REFERENCE, Minter

EXTRACTOR = "https://w3id.org/conflict-kg/extractor/test/0"
MINTER = Minter()


def ref(local: str, kind: str, label: str) -> Entity:
    return Entity(label=label, kind=kind, iri=str(REFERENCE[local]))


IRI = ref("islamic-resistance-in-iraq", "ArmedGroup", "Islamic Resistance in Iraq")
KH = ref("kataib-hezbollah", "ArmedGroup", "Kata'ib Hezbollah")
US_MILITARY = ref("us-military", "MilitaryBody", "US military")
PENTAGON = ref("us-department-of-defense", "GovernmentBody", "US Department of Defense")
IRAN = ref("iran", "State", "Iran")
AIN_AL_ASAD = ref("ain-al-asad-air-base", "MilitaryBase", "Ain al-Asad Air Base")
ANBAR = ref("anbar", "Province", "Anbar Governorate")
ERBIL = ref("erbil", "City", "Erbil")
IRAQ = ref("iraq", "Country", "Iraq")
MINTED_GROUP = Entity(label="Brigades of the Dawn", kind="ArmedGroup")

TEXT_1 = (
    "Drones hit Ain al-Asad Air Base in Anbar on January 20, 2024, injuring three US service members. "
    "The Islamic Resistance in Iraq claimed the attack. "
    "A second drone was shot down by US forces. "
    "The Pentagon blamed Kata'ib Hezbollah, which is backed by Iran. "
    "Officials counted 57 attacks on US forces in Iraq since October. "
    "Abu Fadak al-Mohammedawi commands the PMF."
)
TEXT_2 = (
    "Rockets struck near Erbil on Saturday. Brigades of the Dawn said it fired them. "
    "The US moved an air-defence battery to Erbil."
)


def _evidence(text: str, sentence: str, rule: str, *matched: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(start=start, end=start + len(sentence), text=sentence, rule=rule, matched=matched)


def articles() -> list[tuple[Article, Extraction]]:
    """Two articles and what a perfect extractor would read from them."""
    a1 = Article(
        id="t001_fixture",
        text=TEXT_1,
        source="t001_fixture.txt",
        content_hash="a" * 64,
        title="Drones hit Ain al-Asad",
        url="https://example.org/news/1",
        published=date(2024, 1, 21),
        published_basis="metadata",
        outlet="Example News",
    )
    attack = Event(
        kind="DroneAttack",
        evidence=[
            _evidence(
                TEXT_1,
                TEXT_1[: TEXT_1.index(" The Islamic")],
                "attack.drone",
                "Drones",
                "hit",
                "Ain al-Asad Air Base",
            )
        ],
        weapon="drone",
        targets=[AIN_AL_ASAD],
        target_actors=[US_MILITARY],
        locations=[ANBAR],
        claimants=[IRI],
        attributed_to=[KH],
        attributed_by=[PENTAGON],
        date=EventDate(
            "2024-01-20", "day", date(2024, 1, 20), date(2024, 1, 20), "stated", "January 20, 2024"
        ),
        outcomes={"hit", "casualties"},
        killed=0,
        injured=3,
    )
    interception = Event(
        kind="Interception",
        evidence=[_evidence(TEXT_1, "A second drone was shot down by US forces.", "interception")],
        interceptors=[US_MILITARY],
        intercepts=attack,
        date=EventDate(None, None, date(2024, 1, 14), date(2024, 1, 21), "inferredFromPublication"),
    )
    e1 = Extraction(
        events=[attack, interception],
        relations=[
            Relation(
                ref("abu-fadak-al-mohammedawi", "Person", "Abu Fadak al-Mohammedawi"),
                "commanderOf",
                ref("pmf", "ArmedGroup", "Popular Mobilization Forces"),
                _evidence(TEXT_1, "Abu Fadak al-Mohammedawi commands the PMF.", "relation.commander"),
            ),
            Relation(
                KH,
                "backedBy",
                IRAN,
                _evidence(
                    TEXT_1,
                    "The Pentagon blamed Kata'ib Hezbollah, which is backed by Iran.",
                    "relation.backed",
                ),
            ),
        ],
        aggregates=[
            Aggregate(
                57,
                _evidence(
                    TEXT_1, "Officials counted 57 attacks on US forces in Iraq since October.", "aggregate"
                ),
                stated_by=(PENTAGON,),
                places=(IRAQ,),
            )
        ],
    )
    a2 = Article(id="t002_fixture", text=TEXT_2, source="t002_fixture.txt", content_hash="b" * 64, title=None)
    rockets = Event(
        kind="RocketAttack",
        evidence=[_evidence(TEXT_2, "Rockets struck near Erbil on Saturday.", "attack.rocket", "Rockets")],
        weapon="rocket",
        locations=[ERBIL],
        claimants=[MINTED_GROUP],
        date=EventDate("2024-01", "month", date(2024, 1, 1), date(2024, 1, 31), "resolved", "on Saturday"),
    )
    deployment = Event(
        kind="Deployment",
        evidence=[_evidence(TEXT_2, "The US moved an air-defence battery to Erbil.", "deployment")],
        locations=[ERBIL],
        perpetrators=[US_MILITARY],
    )
    e2 = Extraction(events=[rockets, deployment])
    return [(a1, e1), (a2, e2)]


# (shape, focus node) of the results the fixture graph has on purpose: a minted actor
EXPECTED_WARNINGS = {
    ("https://w3id.org/conflict-kg/shapes#Actor-in-reference", MINTER.actor("Brigades of the Dawn")),
}


def fixture_quads() -> list[Quad]:
    """The quads of both article graphs."""
    quads: list[Quad] = []
    for article, extraction in articles():
        quads += article_quads(article, extraction, MINTER, EXTRACTOR)
    return quads


def fixture_store(extra: list[Quad] | None = None) -> Store:
    """An in-memory store like `kg build` makes: articles, ontology and reference data, incidents."""
    from kg.build import load_static_graphs
    from kg.incidents import link_incidents

    store = Store()
    load_static_graphs(store, MINTER)
    store.extend(fixture_quads())
    link_incidents(store, MINTER)
    if extra:
        store.extend(extra)
    return store


def write_trig(store: Store, path: Path) -> None:
    with path.open("wb") as out:
        store.dump(out, format=RdfFormat.TRIG)
