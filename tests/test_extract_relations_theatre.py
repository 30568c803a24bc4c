"""Relations of the wider theatre (issue 13 items 5 and 6): Turkish, Iranian, Kurdish and ISIS actors.

Sentences are written for these tests, not taken from any article. Each names the rule (the
``relation.*`` name ``kg explain`` shows) that reads it.
"""

from __future__ import annotations

import pytest


def triples(extraction) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(r.subject.label, r.predicate, r.object.label) for r in extraction.relations}


@pytest.mark.parametrize(
    ("sentence", "expected", "rule"),
    [
        # an offshoot is a part
        (
            "Ankara says PJAK, an offshoot of the PKK, keeps camps near the border.",
            ("Party of Free Life of Kurdistan", "partOf", "Kurdistan Workers' Party"),
            "relation.cue",
        ),
        # two titles joined by "and" name one person and one organization
        (
            "Abu Mahdi al-Muhandis, the founder and leader of Kataib Hezbollah, spoke at the funeral.",
            ("Abu Mahdi al-Muhandis", "leaderOf", "Kata'ib Hezbollah"),
            "relation.title",
        ),
        # a relative clause after the person's appositive gives a second title
        (
            "Abu Mahdi al-Muhandis, the founder of Kataib Hezbollah, who was also the deputy chairman of "
            "the Popular Mobilization Commission, was buried in Najaf.",
            ("Abu Mahdi al-Muhandis", "leaderOf", "Popular Mobilization Forces"),
            "relation.title",
        ),
        # a copula after the name: "X is a senior Y finance official"
        (
            "Karim Hadi al-Zubaidi is a senior Kataib Hezbollah finance official based in Basra.",
            ("Karim Hadi al-Zubaidi", "memberOf", "Kata'ib Hezbollah"),
            "relation.title",
        ),
        # an adviser in an organization serves in it
        (
            "The strike killed Razi Mousavi, a senior adviser in the Revolutionary Guards, near Damascus.",
            ("Razi Mousavi", "memberOf", "Islamic Revolutionary Guard Corps"),
            "relation.title",
        ),
        # "the Guards" alone is the IRGC in this reporting
        (
            "The Guards' commander, Hossein Salami, promised a response.",
            ("Hossein Salami", "commanderOf", "Islamic Revolutionary Guard Corps"),
            "relation.title",
        ),
        # "X, its news agency": part of the group "its" is
        (
            "Islamic State published the claim through Amaq, its propaganda news agency, on Sunday.",
            ("Amaq", "partOf", "Islamic State"),
            "relation.own-part",
        ),
        # a unit name after "the", before "of" and the whole: the gazetteer's "IRGC Ground Force"
        (
            "The Ground Force of the Islamic Revolutionary Guard Corps said it shelled the camps.",
            ("IRGC Ground Forces", "partOf", "Islamic Revolutionary Guard Corps"),
            "relation.unit-of",
        ),
        # "an alliance whose backbone is X"
        (
            "The SDF is a US-backed coalition whose backbone is the YPG.",
            ("People's Protection Units", "partOf", "Syrian Democratic Forces"),
            "relation.whose-core",
        ),
        # a group that answers to, or takes its orders from, another is directed by it
        (
            "Kataib Sayyid al-Shuhada, which answers to the Quds Force, warned Washington.",
            ("Kata'ib Sayyid al-Shuhada", "backedBy", "Quds Force"),
            "relation.cue",
        ),
        # the organization that leads an alliance is its leading part
        (
            "Drones hit the YPG, the militia that leads the SDF, near Kobani.",
            ("People's Protection Units", "partOf", "Syrian Democratic Forces"),
            "relation.leading-part",
        ),
    ],
)
def test_relations_of_the_wider_theatre(read, sentence, expected, rule) -> None:  # type: ignore[no-untyped-def]
    found = read(sentence).relations
    hit = next((r for r in found if (r.subject.label, r.predicate, r.object.label) == expected), None)
    assert hit is not None, triples(read(sentence))
    assert hit.evidence.rule == rule


def test_a_longer_name_is_not_the_gazetteer_person_with_that_surname(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(read("Ali Nasser al-Khazali is a member of Kataib Hezbollah who buys drone parts."))
    assert ("Ali Nasser al-Khazali", "memberOf", "Kata'ib Hezbollah") in found
    assert not any(s == "Qais al-Khazali" for s, _, _ in found)


def test_a_title_after_its_own_organization_still_names_the_gazetteer_person(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(read("Asaib Ahl al-Haq leader Qais al-Khazali denied the report."))
    assert ("Qais al-Khazali", "leaderOf", "Asa'ib Ahl al-Haq") in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Masrour Barzani, the prime minister of the Kurdistan Region, condemned the attack.",
            ("Masrour Barzani", "leaderOf", "Kurdistan Regional Government"),
        ),
        (
            "Iraqi caretaker Prime Minister Adel Abdul Mahdi condemned the strikes.",
            ("Adel Abdul Mahdi", "leaderOf", "Government of Iraq"),
        ),
    ],
)
def test_an_office_of_the_region_and_a_caretaker_office(read, sentence, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(read(sentence))


def test_a_bare_prime_minister_names_no_government(read) -> None:  # type: ignore[no-untyped-def]
    text = "Rockets hit Baghdad on Monday. Prime Minister Mustafa al-Kadhimi ordered an inquiry."
    assert triples(read(text)) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Abu Ali al-Askari, the security official of Kataib Hezbollah, wrote on Telegram.",
            {("Abu Ali al-Askari", "memberOf", "Kata'ib Hezbollah")},
        ),
        (
            "The Quds Force is the branch of the IRGC that runs operations abroad.",
            {("Quds Force", "partOf", "Islamic Revolutionary Guard Corps")},
        ),
        (
            "Kataib Hezbollah and Harakat al-Nujaba are among the factions of the Popular Mobilization Forces.",
            {
                ("Kata'ib Hezbollah", "memberOf", "Popular Mobilization Forces"),
                ("Harakat Hezbollah al-Nujaba", "memberOf", "Popular Mobilization Forces"),
            },
        ),
    ],
)
def test_roles_definite_parts_and_plural_subjects(read, sentence, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected <= triples(read(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Fatemiyoun Brigade, an Afghan militia recruited by the IRGC, lost fighters.",
            ("Liwa Fatemiyoun", "backedBy", "Islamic Revolutionary Guard Corps"),
        ),
        (
            "The YPG, the backbone of the US-backed Syrian Democratic Forces, holds the town.",
            ("People's Protection Units", "partOf", "Syrian Democratic Forces"),
        ),
    ],
)
def test_a_group_raised_by_another_and_a_core_past_a_backed_compound(read, sentence, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(read(sentence))


def test_a_group_established_by_a_person_is_led_not_backed_by_him(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(read("Kataib Hezbollah, established by Abu Mahdi al-Muhandis, denied it."))
    assert found == {("Abu Mahdi al-Muhandis", "leaderOf", "Kata'ib Hezbollah")}
