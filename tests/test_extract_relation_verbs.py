"""Relations told by verbs: a title taken with "has been", "serves as" or "was appointed", a person named
again by surname alone, a backer that "supplies" a group "with" weapons, a whole that "includes" groups,
and a name that is "a front for" a group.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03.
"""

from __future__ import annotations

import pytest


def triples(extraction) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(r.subject.label, r.predicate, r.object.label) for r in extraction.relations}


@pytest.mark.parametrize(
    "text",
    [
        "Abu Fadak al-Mohammedawi serves as the PMF chief of staff.",
        "Abu Fadak al-Mohammedawi was appointed PMF chief of staff in 2020.",
        "Abu Fadak al-Mohammedawi has long been the chief of staff of the Popular Mobilization Forces.",
    ],
)
def test_a_title_taken_by_a_verb_of_office(read, text: str) -> None:  # type: ignore[no-untyped-def]
    assert ("Abu Fadak al-Mohammedawi", "commanderOf", "Popular Mobilization Forces") in triples(read(text))


def test_a_person_named_again_by_surname_alone_is_the_one_named_before(read) -> None:  # type: ignore[no-untyped-def]
    text = "The Treasury designated Ahmad al-Hamidawi. Hamidawi has been the secretary-general of Kataib Hezbollah since 2016."
    found = triples(read(text))
    assert ("Abu Hussein al-Hamidawi", "leaderOf", "Kata'ib Hezbollah") in found
    assert not any(s == "Hamidawi" for s, _, _ in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran supplies Kataib Hezbollah with drones and rockets.",
            ("Kata'ib Hezbollah", "backedBy", "Iran"),
        ),
        (
            "The Quds Force has provided Kataib Hezbollah with lethal aid, training and funding.",
            ("Kata'ib Hezbollah", "backedBy", "Quds Force"),
        ),
    ],
)
def test_a_backer_that_supplies_a_group_with_support(read, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(read(text))


def test_giving_a_government_information_backs_no_group(read) -> None:  # type: ignore[no-untyped-def]
    assert triples(read("The US provided the Iraqi government with intelligence.")) == set()


@pytest.mark.parametrize(
    "text",
    [
        "The PMF includes Kataib Hezbollah and Asaib Ahl al-Haq.",
        "The PMF, which comprises Kataib Hezbollah and Asaib Ahl al-Haq among its factions, met on Monday.",
    ],
)
def test_a_whole_that_includes_groups(read, text: str) -> None:  # type: ignore[no-untyped-def]
    found = triples(read(text))
    assert ("Kata'ib Hezbollah", "memberOf", "Popular Mobilization Forces") in found
    assert ("Asa'ib Ahl al-Haq", "memberOf", "Popular Mobilization Forces") in found


@pytest.mark.parametrize(
    "text",
    [
        "Ashab al-Kahf, a front for Kataib Hezbollah, claimed the attack.",
        "Ashab al-Kahf is a front group for Kataib Hezbollah.",
    ],
)
def test_a_front_for_a_group_is_part_of_it(read, text: str) -> None:  # type: ignore[no-untyped-def]
    assert ("Ashab al-Kahf", "partOf", "Kata'ib Hezbollah") in triples(read(text))


@pytest.mark.parametrize(
    "text",
    [
        "Tehran-backed Kataib Hezbollah claimed the attack.",
        "Kataib Hezbollah, one of the most powerful Iran-backed factions in Iraq, announced a pause.",
        "Kataib Hezbollah is one of the strongest Iran-backed militias in Iraq.",
    ],
)
def test_a_capital_or_a_ranking_before_iran_backed(read, text: str) -> None:  # type: ignore[no-untyped-def]
    assert ("Kata'ib Hezbollah", "backedBy", "Iran") in triples(read(text))
