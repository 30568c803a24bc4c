"""Actor relations: each pattern with its own sentences, negatives next to positives."""

from __future__ import annotations

import pytest


def triples(extraction) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(r.subject.label, r.predicate, r.object.label) for r in extraction.relations}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Iran-backed Kata'ib Hezbollah denied the report.", ("Kata'ib Hezbollah", "backedBy", "Iran")),
        (
            "The IRGC-linked Harakat al-Nujaba issued a statement.",
            ("Harakat Hezbollah al-Nujaba", "affiliatedWith", "Islamic Revolutionary Guard Corps"),
        ),
        (
            "Kata'ib Hezbollah, a militia funded by Iran, denied the report.",
            ("Kata'ib Hezbollah", "backedBy", "Iran"),
        ),
        (
            "Asa'ib Ahl al-Haq, which is aligned with the Quds Force, stayed silent.",
            ("Asa'ib Ahl al-Haq", "affiliatedWith", "Quds Force"),
        ),
        (
            "Kata'ib Sayyid al-Shuhada, a faction of the Popular Mobilisation Forces, denied involvement.",
            ("Kata'ib Sayyid al-Shuhada", "partOf", "Popular Mobilization Forces"),
        ),
        (
            "Badr Organization, a member of the Popular Mobilization Forces, took part.",
            ("Badr Organization", "memberOf", "Popular Mobilization Forces"),
        ),
        (
            "The Hashd al-Shaabi's Kata'ib Hezbollah brigades were deployed.",
            ("Kata'ib Hezbollah", "partOf", "Popular Mobilization Forces"),
        ),
        (
            "Officers of the IRGC's Quds Force met in Damascus.",
            ("Quds Force", "partOf", "Islamic Revolutionary Guard Corps"),
        ),
    ],
)
def test_group_relations(read, sentence, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(read(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Kata'ib Hezbollah commander Abu Fadak al-Mohammedawi spoke on Monday.",
            ("Abu Fadak al-Mohammedawi", "commanderOf", "Kata'ib Hezbollah"),
        ),
        (
            "Esmail Qaani, head of the IRGC's Quds Force, visited Baghdad.",
            ("Esmail Qaani", "leaderOf", "Quds Force"),
        ),
        (
            "The head of the Quds Force, Esmail Qaani, visited Baghdad.",
            ("Esmail Qaani", "leaderOf", "Quds Force"),
        ),
        (
            "Akram al-Kaabi, Nujaba's secretary-general, gave a speech.",
            ("Akram al-Kaabi", "leaderOf", "Harakat Hezbollah al-Nujaba"),
        ),
        (
            "The Quds Force, whose commander Esmail Qaani rarely appears in public, denied it.",
            ("Esmail Qaani", "commanderOf", "Quds Force"),
        ),
        (
            "Kata'ib Hezbollah spokesman Jaafar al-Husseini denied the claim.",
            ("Jaafar al-Husseini", "memberOf", "Kata'ib Hezbollah"),
        ),
    ],
)
def test_person_relations(read, sentence, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(read(sentence))


def test_a_person_the_gazetteer_does_not_know_is_minted(read) -> None:  # type: ignore[no-untyped-def]
    # an invented name: the real spokesman is in the gazetteer now
    relation = next(iter(read("Kata'ib Hezbollah spokesman Nadhim al-Fartusi denied the claim.").relations))
    assert relation.subject.kind == "Person" and not relation.subject.in_reference


def test_umbrella_members(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(
        read(
            "The Islamic Resistance in Iraq, an umbrella of groups including Kata'ib Hezbollah and "
            "Harakat al-Nujaba, claimed the attack."
        )
    )
    assert {
        ("Kata'ib Hezbollah", "memberOf", "Islamic Resistance in Iraq"),
        ("Harakat Hezbollah al-Nujaba", "memberOf", "Islamic Resistance in Iraq"),
    } <= found


@pytest.mark.parametrize(
    "sentence",
    [
        "Pro-Iran militias backed by Tehran fired rockets.",  # no named group
        "Iran-backed militias fired rockets at Ain al-Asad.",
        "The Islamic Resistance in Iraq and Kata'ib Hezbollah both issued statements.",
        "General Esmail Qaani spoke to reporters.",  # a rank commands no institution
        "President Joe Biden spoke to reporters.",  # the office of no named country
        "Iraqi Deputy Prime Minister Fuad Hussein spoke to reporters.",  # another office than the premier's
    ],
)
def test_no_relation_without_a_named_pair(read, sentence) -> None:  # type: ignore[no-untyped-def]
    assert triples(read(sentence)) == set()


def test_each_relation_keeps_its_sentence_and_rule(read) -> None:  # type: ignore[no-untyped-def]
    text = "Kata'ib Hezbollah, a militia funded by Iran, denied the report."
    relation = read(text).relations[0]
    assert relation.evidence.text == text
    assert relation.evidence.rule == "relation.cue"
    assert text[relation.evidence.start : relation.evidence.end] == text
