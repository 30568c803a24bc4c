"""One event per real attack inside an article (issue 13, class 1): the cues that keep accounts
of one attack together and tell two attacks apart.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03.
"""

from __future__ import annotations

from tests.test_extract_phrasings import attacks, labels


def test_a_headline_strike_is_the_missile_strike_of_the_body(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(
        read(
            "Israeli strike on Homs kills three guards\n\nAn Israeli missile strike on Homs on Saturday killed three guards."
        )
    )
    assert [(e.kind, e.date.value if e.date else None) for e in found] == [("MissileAttack", "2024-02-03")]


def test_an_attack_on_the_attacker_is_not_the_same_attack(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(
        read(
            "Israeli strike on Homs kills three guards\n\nAn Israeli missile strike on Homs on Saturday killed "
            "three guards. Israel has stepped up its strikes since the Oct. 7 attack on Israel by Hamas."
        )
    )
    strike = next(e for e in found if labels(e.perpetrators) == ["Israel"])
    assert strike.date is not None and strike.date.value == "2024-02-03"
    # the Oct. 7 attack is not merged into the strike (and, an attack on Israel, lies outside the theatre)
    assert not any("Hamas" in x.text for x in strike.evidence)


def test_an_attack_named_as_a_time_is_no_new_attack(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "A drone struck Harir air base on Monday, causing no damage. Two days after the drone attack, "
        "parliament met to discuss the presence of foreign troops."
    )
    assert [e.date.value if e.date else None for e in attacks(found)] == ["2024-01-29"]


def test_an_anniversary_names_an_earlier_attack(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(
        read(
            "Rockets hit Harir air base on Monday. The attack came on the second anniversary of a deadly "
            "attack by a U.S. drone near Erbil airport that killed a commander."
        )
    )
    assert len(found) == 2
    earlier = next(e for e in found if e.kind != "RocketAttack")
    # dated by the anniversary, two years before the page (2024-02-03), never by today's "Monday"
    assert earlier.date is not None and (earlier.date.value or "").startswith("2022")


def test_a_foiled_attack_did_not_happen(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(
        read("A U.S. air strike on a rocket launcher in Iraq on Monday foiled an attack on an air base.")
    )
    assert [e.kind for e in found] == ["Airstrike"]


def test_a_second_attack_on_the_same_base_is_another_event(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(
        read(
            "Rockets hit Ain al-Asad air base on Monday, causing no damage. A second attack on the same base "
            "days later wounded two soldiers."
        )
    )
    assert len(found) == 2


def test_another_attack_on_the_base_is_another_event(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(
        read(
            "Rockets hit Ain al-Asad air base on Monday. Another rocket attack hit the base later in the week."
        )
    )
    assert len(found) == 2


def test_a_quoted_claim_of_the_attack_is_the_same_event(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(
        read(
            "Drones hit Harir base\n\nTwo drones struck Harir air base on Monday. Kataib Hezbollah said in a "
            'statement: "Our fighters targeted the occupation base at Harir with two drones."'
        )
    )
    assert len(found) == 1


def test_an_attack_named_in_a_retaliation_stays_its_own_event(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(
        read(
            "In response to continued attacks on coalition troops, including the attack in eastern Syria on "
            "January 21st that killed two soldiers, U.S. forces conducted strikes on Friday on four facilities in Iraq."
        )
    )
    assert sorted((e.kind, labels(e.locations)[0], e.date.value if e.date else None) for e in found) == [
        ("Airstrike", "Iraq", "2024-02-02"),
        ("Attack", "Syria", "2024-01-21"),
    ]


def test_a_strike_in_retaliation_for_an_attack_is_not_that_attack(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(
        read(
            "US jets struck a militia depot near Al-Qaim on Friday in retaliation for a drone attack on "
            "Tower 22 on Sunday that killed three soldiers."
        )
    )
    assert sorted(e.kind for e in found) == ["Airstrike", "DroneAttack"]
