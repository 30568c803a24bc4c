"""Crowds storming a compound, bombers on foot, and an earlier attack named as what today's attack
answers ("followed US strikes on X"): phrasings of 2019-2021 reporting, one general rule each.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03 unless a test says otherwise.
"""

from __future__ import annotations

import pytest
from extract_support import attacks, labels

from kg.extract.model import Extraction


def dates_by_place(extraction: Extraction) -> dict[str, str | None]:
    """The date of each attack, by the first place it names."""
    return {labels(e.targets + e.locations)[0]: e.date.value if e.date else None for e in attacks(extraction)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Supporters of the militia stormed the US embassy compound in Baghdad on Tuesday.",
        "Angry mourners besieged the U.S. embassy compound in Baghdad on Tuesday, hurling stones.",
        "The storming of the American embassy in Baghdad on Tuesday shocked Washington.",
    ],
)
def test_a_crowd_forcing_its_way_into_a_compound_is_an_attack(read, sentence) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert event.kind == "Attack" and labels(event.targets) == ["US Embassy in Baghdad"]
    assert event.date is not None and event.date.value == "2024-01-30"


def test_a_threat_to_storm_is_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    assert attacks(read("The militia threatened to storm the US embassy compound in Baghdad.")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "A suicide bomber blew himself up at a restaurant in Manbij on Wednesday, killing four Americans.",
        "A car bomb exploded near a checkpoint in Manbij on Wednesday, killing three fighters.",
    ],
)
def test_a_bomber_on_foot_or_a_car_bomb_is_no_airstrike(read, sentence) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert event.kind == "Attack" and labels(event.locations) == ["Manbij"]


def test_a_year_after_a_day_is_no_count_of_attacks(read) -> None:  # type: ignore[no-untyped-def]
    text = "The attack on the US embassy compound in Baghdad on December 31, 2019 followed US strikes on a militia depot in Al-Qaim."
    events = attacks(read(text))
    assert [e.date.value if e.date else None for e in events] == ["2019-12-31", None]


@pytest.mark.parametrize(
    "sentence",
    [
        "Rockets hit Ain al-Asad air base on Tuesday in retaliation for US strikes on militia depots in Al-Qaim.",
        "The rocket attack on Ain al-Asad air base on Tuesday followed a US strike on a depot in Al-Qaim.",
        "Rockets hit Ain al-Asad air base on Tuesday, days after US strikes on militia depots in Al-Qaim.",
    ],
)
def test_the_day_of_an_answer_does_not_date_the_attack_it_answers(read, sentence) -> None:  # type: ignore[no-untyped-def]
    dates = dates_by_place(read(sentence))
    assert dates == {"Ain al-Asad Air Base": "2024-01-30", "Al-Qaim": None}


@pytest.mark.parametrize(
    "sentence",
    [
        "US jets followed up with strikes on a militia depot in Al-Qaim on Tuesday.",
        "The rocket attack on Ain al-Asad on Monday was followed by US strikes on a depot in Al-Qaim on Tuesday.",
    ],
)
def test_a_later_answer_keeps_its_own_day(read, sentence) -> None:  # type: ignore[no-untyped-def]
    dates = dates_by_place(read(sentence))
    assert dates["Al-Qaim"] == "2024-01-30"


def test_damage_to_a_compound_inside_the_area_hit_is_no_second_target(read) -> None:  # type: ignore[no-untyped-def]
    text = "Rockets hit the Green Zone on Sunday evening, causing minor damage to the US embassy compound."
    (event,) = attacks(read(text))
    assert labels(event.targets + event.locations) == ["Green Zone"]


def test_a_states_military_reporting_an_air_strike_reports_its_own(read) -> None:  # type: ignore[no-untyped-def]
    text = "An AC-130 gunship fired on a vehicle near Abu Ghraib on Monday, killing three fighters, the US military said."
    (event,) = attacks(read(text))
    assert event.kind == "Airstrike" and labels(event.perpetrators) == ["US military"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Unidentified aircraft struck a convoy near Albu Kamal on Monday, the Iraqi military said.",
        "A drone attacked the US base at Harir on Monday, the US military said.",
    ],
)
def test_an_unknown_aircraft_or_a_drone_is_not_the_speakers(read, sentence) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert event.perpetrators == []


def test_where_rockets_were_launched_from_is_no_second_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Several rockets struck near Erbil International Airport late on Tuesday. The interior ministry "
        "accused armed groups of launching the rockets from Nineveh."
    )
    assert [labels(e.targets) for e in attacks(read(text))] == [["Erbil International Airport"]]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("The Pentagon said Tuesday that a drone had targeted Tower 22 overnight.", "2024-01-30"),
        ("The Pentagon said on Tuesday that drones attacked Tower 22 on Sunday.", "2024-01-28"),
    ],
)
def test_a_relative_day_counts_from_the_day_of_the_report(read, sentence, day) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert event.date is not None and event.date.value == day


def test_an_explosion_rocking_a_base_is_an_attack(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("An explosion rocked the Ain al-Asad air base on Monday, security sources said."))
    assert labels(event.targets) == ["Ain al-Asad Air Base"]
    assert attacks(read("Protests rocked Baghdad on Monday.")) == []


@pytest.mark.parametrize(
    "blame",
    [
        "The attack bore the hallmarks of Kataib Hezbollah, officials said.",
        "US officials pointed the finger at Kataib Hezbollah.",
    ],
)
def test_idioms_of_blame_attribute_the_attack(read, blame) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("Three rockets hit the Conoco gas field on Saturday. " + blame))
    assert labels(event.attributed_to) == ["Kata'ib Hezbollah"]


@pytest.mark.parametrize(
    ("gap", "day"),
    [("a day after", "2024-02-01"), ("two days after", "2024-01-31"), ("hours after", "2024-02-02")],
)
def test_an_attack_answered_days_later_is_that_many_days_before(read, gap, day) -> None:  # type: ignore[no-untyped-def]
    text = f"U.S. forces struck three depots near Al-Qaim on Friday, {gap} a drone attack on Ain al-Asad air base."
    dates = dates_by_place(read(text))
    assert dates == {"Al-Qaim": "2024-02-02", "Ain al-Asad Air Base": day}


def test_a_communique_naming_the_day_twice_and_its_motive_first(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In response to the crimes of the occupation against our people in Gaza, the mujahideen of the Islamic "
        "Resistance in Iraq targeted, at dawn today, Friday, the American occupation base at Conoco with drones."
    )
    (event,) = attacks(read(text))
    assert event.date is not None and event.date.value == "2024-02-02"
    assert labels(event.locations) == []


@pytest.mark.parametrize(
    ("second", "day"),
    [
        ("Another strike hit a weapons depot near Mayadeen.", "2024-02-01"),
        ("A second strike hit a depot near Mayadeen on Friday.", "2024-02-02"),
    ],
)
def test_another_strike_at_a_town_is_one_more_attack_by_the_same_hand(read, second, day) -> None:  # type: ignore[no-untyped-def]
    events = attacks(read("US jets struck two facilities near Albu Kamal on Thursday. " + second))
    assert [(labels(e.locations), labels(e.perpetrators)) for e in events] == [
        (["Albu Kamal"], ["United States"]),
        (["Al-Mayadin"], ["United States"]),
    ]
    assert events[1].date is not None and events[1].date.value == day


def test_another_strike_only_planned_is_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    events = attacks(
        read(
            "US jets struck two facilities near Albu Kamal on Thursday. Another strike is planned near Mayadeen."
        )
    )
    assert len(events) == 1


def test_towns_named_after_strikes_placed_by_their_area_are_those_strikes(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "US fighter jets struck two facilities in eastern Syria on Thursday, the Pentagon said. "
        "The strikes hit sites near Albu Kamal and Mayadeen."
    )
    assert sorted(labels(e.locations)[0] for e in attacks(read(text))) == ["Al-Mayadin", "Albu Kamal"]
