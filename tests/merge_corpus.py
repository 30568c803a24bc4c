"""A small hand-made corpus for the merge tests (load, link, export, diff, JSON-LD).

Three articles and what an extractor would read from them, written as ``kg.extract.model``
records and mapped with ``kg.mapping.article_quads``, so these tests exercise the merge code and
not the extractor. ``edited=True`` gives the second build of the diff tests: one article says
40 injured instead of 34, and nothing else changes.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store, parse

from kg import resources
from kg.extract.model import Entity, Event, EventDate, Evidence, Extraction, Relation
from kg.incidents import link_incidents
from kg.ingest import Article
from kg.mapping import article_quads
from kg.namespaces import REFERENCE, Minter
from kg.store import replace_graph

EXTRACTOR = "https://w3id.org/conflict-kg/extractor/test/0"
DATA = Path(__file__).parent / "data"
WIKIDATA_SAMPLE = DATA / "wikidata_sample.ttl"


def ref(local: str, label: str, kind: str) -> Entity:
    return Entity(label, kind, str(REFERENCE[local]))


TOWER_22 = ref("tower-22", "Tower 22", "MilitaryBase")
JORDAN = ref("jordan", "Jordan", "Country")
US_MILITARY = ref("us-military", "US military", "MilitaryBody")
UNITED_STATES = ref("united-states", "United States", "State")
IRAN = ref("iran", "Iran", "State")
IRI = ref("islamic-resistance-in-iraq", "Islamic Resistance in Iraq", "ArmedGroup")
KH = ref("kataib-hezbollah", "Kata'ib Hezbollah", "ArmedGroup")
ERBIL_AIRPORT = ref("erbil-international-airport", "Erbil International Airport", "Facility")
ERBIL = ref("erbil", "Erbil", "City")
AIN_AL_ASAD = ref("ain-al-asad-air-base", "Ain al-Asad Air Base", "MilitaryBase")
ANBAR = ref("anbar", "Anbar Governorate", "Province")
FAITHFUL = Entity("Brigades of the Faithful", "ArmedGroup")  # not in the reference data: minted

TOWER_TEXT = (
    "Drone strike kills three US soldiers in Jordan\n\n"
    "AMMAN, Jan. 29, 2024 - Three US service members were killed and {injured} injured when a one-way "
    "attack drone struck Tower 22, a small base in Jordan, on Sunday. "
    "The Islamic Resistance in Iraq claimed the attack. "
    "US officials blamed Kata'ib Hezbollah. "
    "Kata'ib Hezbollah is backed by Iran."
)
ERBIL_TEXT = (
    "Rockets hit Erbil airport\n\n"
    "ERBIL, Oct. 18, 2023 - Two rockets struck Erbil International Airport in Erbil on October 18, 2023, "
    "causing damage but no casualties. No group claimed responsibility."
)
ASAD_TEXT = (
    "Drones fired at Ain al-Asad\n\n"
    "In October 2023, drones were launched at Ain al-Asad Air Base in Anbar. "
    "The Brigades of the Faithful said it launched them. US forces intercepted the drones."
)


def _article(ident: str, text: str, published: date, title: str) -> Article:
    return Article(
        id=ident,
        text=text,
        source=f"{ident}.txt",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=title,
        url=f"https://news.example.org/{ident}",
        published=published,
        published_basis="metadata",
        outlet="Example News",
    )


def _ev(text: str, sentence: str, rule: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(start, start + len(sentence), sentence, rule)


def _day(value: str, basis: str = "stated") -> EventDate:
    day = date.fromisoformat(value)
    return EventDate(value, "day", day, day, basis)


def corpus(
    *, edited: bool = False, preface: str = "", weapon: str = "drone"
) -> list[tuple[Article, Extraction]]:
    """The articles and their extractions.

    EDITED changes one figure of one article; PREFACE is put before the text of that article (its
    offsets move, what is read from it does not); WEAPON is what it is read to be attacked with.
    """
    injured = 40 if edited else 34
    tower = preface + TOWER_TEXT.format(injured=injured)
    strike = (
        f"Three US service members were killed and {injured} injured when a one-way attack drone struck "
        "Tower 22, a small base in Jordan, on Sunday."
    )
    tower_event = Event(
        "DroneAttack" if weapon == "drone" else "Attack",
        [
            _ev(tower, strike, "attack-verb"),
            _ev(tower, "The Islamic Resistance in Iraq claimed the attack.", "claim"),
        ],
        weapon=weapon,
        targets=[TOWER_22],
        target_actors=[US_MILITARY],
        locations=[JORDAN],
        claimants=[IRI],
        attributed_to=[KH],
        attributed_by=[UNITED_STATES],
        date=_day("2024-01-28", "resolved"),
        outcomes={"casualties", "hit"},
        killed=3,
        injured=injured,
    )
    backed = Relation(KH, "backedBy", IRAN, _ev(tower, "Kata'ib Hezbollah is backed by Iran.", "backed-by"))
    erbil_sentence = (
        "Two rockets struck Erbil International Airport in Erbil on October 18, 2023, "
        "causing damage but no casualties."
    )
    erbil_event = Event(
        "RocketAttack",
        [_ev(ERBIL_TEXT, erbil_sentence, "attack-verb")],
        weapon="rocket",
        targets=[ERBIL_AIRPORT],
        locations=[ERBIL],
        date=_day("2023-10-18"),
        outcomes={"damage", "noCasualties"},
        killed=0,
    )
    asad_event = Event(
        "DroneAttack",
        [
            _ev(
                ASAD_TEXT,
                "In October 2023, drones were launched at Ain al-Asad Air Base in Anbar.",
                "attack-verb",
            ),
            _ev(ASAD_TEXT, "The Brigades of the Faithful said it launched them.", "claim"),
        ],
        weapon="drone",
        targets=[AIN_AL_ASAD],
        locations=[ANBAR],
        claimants=[FAITHFUL],
        date=EventDate(
            "2023-10", "month", date(2023, 10, 1), date(2023, 10, 31), "stated", "In October 2023"
        ),
        outcomes={"intercepted"},
    )
    return [
        (
            _article("tower-22", tower, date(2024, 1, 29), "Drone strike kills three US soldiers in Jordan"),
            Extraction(events=[tower_event], relations=[backed]),
        ),
        (
            _article("erbil-airport", ERBIL_TEXT, date(2023, 10, 18), "Rockets hit Erbil airport"),
            Extraction(events=[erbil_event]),
        ),
        (
            _article("asad-october", ASAD_TEXT, date(2023, 11, 2), "Drones fired at Ain al-Asad"),
            Extraction(events=[asad_event]),
        ),
    ]


def build_store(
    store: Store,
    *,
    edited: bool = False,
    preface: str = "",
    weapon: str = "drone",
    only: set[str] | None = None,
    when: datetime = datetime(2024, 2, 1, 12, 0, tzinfo=UTC),
    minter: Minter | None = None,
) -> Store:
    """Fill STORE as ``kg build`` would from the corpus: ontology, reference data, articles, incidents."""
    minter = minter or Minter()
    for target, files in (
        (minter.ontology_graph, resources.ontology_files()),
        (minter.reference_graph, resources.reference_files()),
    ):
        node = NamedNode(str(target))
        replace_graph(
            store, node, [Quad(q.subject, q.predicate, q.object, node) for p in files for q in parse(path=p)]
        )
    meta = NamedNode(str(minter.meta_graph))
    stamp = Literal(
        when.isoformat(timespec="seconds"), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
    )
    for article, extraction in corpus(edited=edited, preface=preface, weapon=weapon):
        if only is not None and article.id not in only:
            continue
        graph = NamedNode(str(minter.graph(article.id)))
        replace_graph(store, graph, article_quads(article, extraction, minter, EXTRACTOR))
        store.add(Quad(graph, NamedNode("http://www.w3.org/ns/prov#generatedAtTime"), stamp, meta))
    link_incidents(store, minter)
    return store
