"""Background stays background (issue 13, class 3): counts split into lists, page furniture.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03.
"""

from __future__ import annotations

from tests.test_extract_phrasings import attacks


def test_a_breakdown_of_a_count_makes_no_attacks(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "Since November, monitors have recorded 40 attacks on coalition bases in Syria.\n"
        "Here is how they were spread:\n"
        "• 25 attacks on Al-Tanf garrison.\n"
        "• One attack on Tell Baydar base.\n"
    )
    assert attacks(found) == []
    assert [a.count for a in found.aggregates] == [40]


def test_a_list_under_a_plain_header_still_makes_attacks(read) -> None:  # type: ignore[no-untyped-def]
    found = read("Attacks this week:\n• A drone struck Al-Tanf garrison on Monday.\n")
    assert len(attacks(found)) == 1


def test_blame_for_a_similar_earlier_barrage_stays_with_it(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "Rockets hit Ain al-Asad air base on Monday, causing no damage. Last year a similar barrage, which "
        "Washington blamed on Kataib Hezbollah, wounded two soldiers at the base."
    )
    (event,) = attacks(found)
    assert event.attributed_to == [] and event.perpetrators == []


def test_blame_for_similar_attacks_is_not_blame_for_this_one(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "Rockets hit Ain al-Asad air base on Monday, causing no damage. No group claimed the attack, but "
        "Washington has blamed similar attacks on Kataib Hezbollah."
    )
    (event,) = attacks(found)
    assert event.attributed_to == []


def test_a_similar_attack_with_its_own_day_keeps_its_blame(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "Rockets hit Ain al-Asad air base on Monday. Officials held Kataib Hezbollah responsible for a similar "
        "attack on the base in December."
    )
    today, earlier = attacks(found)
    assert today.attributed_to == []
    assert [e.label for e in earlier.attributed_to] == ["Kata'ib Hezbollah"]


def test_a_photo_caption_makes_no_event(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "A drone struck Harir air base on Monday, causing no damage.\n\n"
        "FILE PHOTO: Smoke rises after a rocket attack on Ain al-Asad air base in Iraq, January 5, 2020.\n\n"
        "In this photo released by the army, rockets hit Erbil airport on Tuesday.\n"
    )
    assert [e.kind for e in attacks(found)] == ["DroneAttack"]


def test_a_claim_the_article_refutes_makes_no_event(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "A roadside bomb hit a supply convoy near Taji on Monday, the army said. On Sunday Kataib Hezbollah "
        "claimed it had fired rockets at Harir air base. Kurdish officials denied any attack took place at "
        "Harir and dismissed the claim."
    )
    assert [e.targets[0].label if e.targets else e.locations[0].label for e in attacks(found)] == [
        "Camp Taji"
    ]


def test_a_claim_nobody_refutes_stays_an_event(read) -> None:  # type: ignore[no-untyped-def]
    found = read("On Sunday Kataib Hezbollah claimed it had fired rockets at Harir air base.")
    assert len(attacks(found)) == 1


def test_the_attack_an_anniversary_marks_is_dated_by_it(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "Two drones were shot down over Harir Air Base on Saturday. The attack came on the third anniversary "
        "of a U.S. drone strike that killed a militia commander near Baghdad International Airport."
    )
    dates = sorted((labels_of(e), e.date.value if e.date else None) for e in attacks(found))
    assert (["Baghdad International Airport"], "2021-02-03") in dates
    assert (["Harir Air Base"], "2024-02-03") in dates


def labels_of(event) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.label for e in event.targets]
