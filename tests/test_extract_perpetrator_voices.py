"""Who did it, in phrasings of other voices: a passive's agent after the weapon and the day, a group "suspected
of" the attack, a state that "said it carried out strikes".

Sentences are written for these tests. Articles are dated Sunday 2024-03-03.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_support import attacks, labels

SUNDAY = date(2024, 3, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Ain al-Asad was targeted with rockets on Saturday by Harakat al-Nujaba.",
        "Ain al-Asad was struck with two drones late on Saturday by the Nujaba movement.",
    ],
)
def test_a_passive_agent_after_the_weapon_and_the_day_is_the_attacker(read, text: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(text, SUNDAY))
    assert labels(event.perpetrators) == ["Harakat Hezbollah al-Nujaba"]


def test_a_by_after_another_verb_names_no_attacker(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(
        read("Rockets struck near a base used by US-led coalition troops at Conoco late Tuesday.", SUNDAY)
    )
    assert event.perpetrators == [] and event.attributed_to == []


@pytest.mark.parametrize(
    "text",
    [
        "Kataib Hezbollah is suspected of firing rockets at Ain al-Asad on Friday.",
        "Rockets hit Ain al-Asad on Friday. Kataib Hezbollah is suspected of carrying out the attack.",
    ],
)
def test_a_group_suspected_of_the_attack_is_blamed_for_it(read, text: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(text, SUNDAY))
    assert labels(event.attributed_to) == ["Kata'ib Hezbollah"] and event.perpetrators == []


def test_a_state_that_said_it_carried_out_strikes_did_them(read) -> None:  # type: ignore[no-untyped-def]
    text = "The US military said it carried out strikes against Kataib Hezbollah in al-Qaim on Friday."
    (event,) = attacks(read(text, SUNDAY))
    assert event.kind == "Airstrike" and labels(event.perpetrators) == ["US military"]


def test_a_strike_it_would_carry_out_is_none(read) -> None:  # type: ignore[no-untyped-def]
    text = "The Pentagon said it would carry out strikes near al-Qaim if the attacks continued."
    assert attacks(read(text, SUNDAY)) == []


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            '"Our mujahideen targeted the occupation base at Ain al-Asad with two drones," Kataib Hezbollah '
            "spokesman Jaafar al-Husseini said on Saturday.",
            "Kata'ib Hezbollah",
        ),
        (
            '"We targeted the Harir base with drones on Saturday," the Islamic Resistance in Iraq said.',
            "Islamic Resistance in Iraq",
        ),
    ],
)
def test_a_group_quoted_attacking_in_the_first_person_claims_it(read, text: str, group: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(text, SUNDAY))
    assert labels(event.claimants) == [group]


def test_a_government_body_quoted_on_its_forces_strikes_did_them(read) -> None:  # type: ignore[no-untyped-def]
    text = '"Our forces struck militia facilities near al-Qaim," the Pentagon said on Saturday.'
    (event,) = attacks(read(text, SUNDAY))
    assert labels(event.perpetrators) == ["US Department of Defense"] and event.claimants == []


@pytest.mark.parametrize(
    "text",
    ['"We will hit the Harir base again," Kataib Hezbollah said.', "The militia will strike the Harir base."],
)
def test_an_attack_in_the_future_tense_is_none(read, text: str) -> None:  # type: ignore[no-untyped-def]
    assert attacks(read(text, SUNDAY)) == []
