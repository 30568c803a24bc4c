"""Names found missing by the gazetteer audit of issue 13, resolved through the real extractor.

Sentences are written for these tests, not taken from any article. Each class of addition is checked
once: a group by a variant spelling with its attack attributed, an office title tying a newly listed
person to a newly listed body, a base by a variant name, and short names that must stay ordinary words.
"""

from __future__ import annotations

import pytest
from extract_support import attacks, labels

from kg.extract import Extractor
from kg.extract.lexicon import make_doc
from kg.extract.mentions import find_mentions

KGR = "https://w3id.org/conflict-kg/id/"


def _found(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.ref.iri) for m in find_mentions(extractor.nlp(make_doc(extractor.nlp, text)))]


def triples(extraction) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(r.subject.label, r.predicate, r.object.label) for r in extraction.relations}


SPELLINGS = [
    # groups and fronts
    ("Harakat al-Nujabaa issued a warning.", "Harakat al-Nujabaa", "harakat-al-nujaba"),
    ("Fighters of the PMF's 45th Brigade were buried in Karbala.", "PMF's 45th Brigade", "kataib-hezbollah"),
    ("A statement by Tha'r al-Muhandis threatened the convoys.", "Tha'r al-Muhandis", "thar-al-muhandis"),
    ("Badr withdrew from the talks.", "Badr", "badr-organization"),
    ("Kata'eb Hezbollah denied the report.", "Kata'eb Hezbollah", "kataib-hezbollah"),
    # state bodies
    ("AFCENT said the jets returned safely.", "AFCENT", "afcent"),
    ("The Jordanian Armed Forces shot down two drones.", "Jordanian Armed Forces", "jordan-armed-forces"),
    (
        "Iran's Supreme National Security Council met on Sunday.",
        "Iran's Supreme National Security Council",
        "iran-supreme-national-security-council",
    ),
    ("Officials of the AANES asked for help.", "AANES", "aanes"),
    # people
    ("Abbas Araghchi arrived in Baghdad.", "Abbas Araghchi", "abbas-araghchi"),
    ("Sudani met the envoy on Monday.", "Sudani", "mohammed-shia-al-sudani"),
    ("Abu Mahdi al-Mohandes was killed in the strike.", "Abu Mahdi al-Mohandes", "abu-mahdi-al-muhandis"),
    ("Nasr al-Shammari spoke for the movement.", "Nasr al-Shammari", "nasr-al-shammari"),
    ("Abdul Amir Yarallah toured the border.", "Abdul Amir Yarallah", "abdul-amir-yarallah"),
    # places
    ("Rockets fell near Ein al-Assad on Monday.", "Ein al-Assad", "ain-al-asad-air-base"),
    ("A drone was downed over MSS Conoco.", "MSS Conoco", "conoco"),
    ("Jets struck the Deir ez-Zor military airport.", "Deir ez-Zor military airport", "deir-ez-zor-airport"),
    ("Guards reinforced the Ghwayran prison.", "Ghwayran prison", "ghwayran-prison"),
    ("Troops rotated through Camp Buehring.", "Camp Buehring", "camp-buehring"),
    ("A drone crashed in Ankawa overnight.", "Ankawa", "ankawa"),
]


@pytest.mark.parametrize(
    ("sentence", "surface", "slug"), SPELLINGS, ids=[s[2] + ":" + s[1] for s in SPELLINGS]
)
def test_an_added_name_resolves_to_its_entity(
    extractor: Extractor, sentence: str, surface: str, slug: str
) -> None:
    assert (surface, KGR + slug) in _found(extractor, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # the words that short names were kept from
        "The salami and the badr lentils were served at noon.",
        "The 45th Brigade of the army moved north.",
        "He spoke of the assad family name and of rukban grazing land.",
    ],
)
def test_ordinary_words_stay_unnamed(extractor: Extractor, sentence: str) -> None:
    assert [text for text, _ in _found(extractor, sentence)] == []


def test_a_group_by_a_variant_spelling_is_the_attacker(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("Harakat al-Nujabaa fighters fired rockets at Ain al-Asad air base on Friday."))
    assert labels(event.perpetrators) == ["Harakat Hezbollah al-Nujaba"]


def test_a_front_named_for_al_muhandis_is_not_the_man(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(
        read("Tha'r al-Muhandis claimed a roadside bomb attack on a convoy near Diwaniyah on Friday.")
    )
    assert labels(event.claimants) == ["Tha'r al-Muhandis"]


def test_a_base_by_a_variant_name_is_the_target(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("Two drones targeted Ein al-Assad on Friday."))
    assert labels(event.targets) == ["Ain al-Asad Air Base"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Iraqi parliament speaker Mohammed al-Halbousi condemned the attack.",
            ("Mohammed al-Halbousi", "leaderOf", "Council of Representatives of Iraq"),
        ),
        (
            "Jordanian government spokesman Muhannad Mubaideen said the base was outside Jordan.",
            ("Muhannad Mubaideen", "memberOf", "Government of Jordan"),
        ),
        (
            "Jordan's King Abdullah II spoke to the president by phone.",
            ("Abdullah II", "leaderOf", "Government of Jordan"),
        ),
    ],
)
def test_an_office_title_ties_an_added_holder_to_an_added_body(read, sentence, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(read(sentence))
