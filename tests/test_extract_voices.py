"""Phrasings found by probing the reader with articles written in other outlets' voices (wire briefs,
retellings of 2019-2022 attacks, claims and attributions told a sentence apart): one general rule each.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03 unless a test says otherwise.
"""

from __future__ import annotations

import pytest
from extract_support import attacks, labels


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. military responded on Friday with strikes on two militia depots near Al-Qaim.",
        "U.S. forces retaliated swiftly late Friday with strikes on a militia depot near Al-Qaim.",
        "The United States responded two days later with strikes on a depot near Al-Qaim.",
    ],
)
def test_the_time_of_an_answer_between_the_verb_and_with(read, sentence) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert event.kind == "Airstrike" and labels(event.perpetrators) in (["US military"], ["United States"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Rockets struck the Conoco field on Friday. U.S. officials attributed the attack to Iranian proxies.",
        "Rockets struck the Conoco field on Friday. Washington blamed the attack on Tehran's proxy militias.",
        "Rockets struck the Conoco field on Friday. Officials blamed Iranian militias for the attack.",
    ],
)
def test_a_states_proxies_are_not_the_state(read, sentence) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert event.attributed_to == [] and event.perpetrators == []


def test_a_states_own_forces_are_the_state(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("Iranian forces fired missiles at a base near Erbil on Friday."))
    assert labels(event.perpetrators) == ["Iran"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Drones targeted Ain al-Asad air base, which was struck by Iranian ballistic missiles in January 2020, on Friday.",
        "Drones targeted Ain al-Asad air base on Friday. The base, which Iran struck with ballistic missiles in "
        "January 2020, hosts U.S. troops.",
    ],
)
def test_an_aside_about_a_sites_past_is_its_own_attack(read, sentence) -> None:  # type: ignore[no-untyped-def]
    found = sorted(attacks(read(sentence)), key=lambda e: e.kind)
    assert [(e.kind, e.date.value if e.date else None) for e in found] == [
        ("DroneAttack", "2024-02-02"),
        ("MissileAttack", "2020-01"),
    ]
    assert labels(found[0].perpetrators) == [] and labels(found[1].perpetrators) == ["Iran"]


def test_an_undated_aside_tells_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(
        read("Rockets hit Ain al-Asad, which has come under attack dozens of times, on Friday.")
    )
    assert event.kind == "RocketAttack" and event.date is not None and event.date.value == "2024-02-02"


def test_a_site_noun_as_the_subject_of_a_passive_attack_verb(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "Drones struck Erbil International Airport on Friday. The airport was hit by rockets in 2021."
    )
    assert sorted((e.kind, e.date.value if e.date else None) for e in attacks(found)) == [
        ("DroneAttack", "2024-02-02"),
        ("RocketAttack", "2021"),
    ]
    assert all(labels(e.targets) == ["Erbil International Airport"] for e in attacks(found))


def test_a_site_noun_that_speaks_is_no_target(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "Mortars landed inside the US Embassy compound on Friday. The embassy said no mortar hit it."
    )
    assert len(attacks(found)) == 1


@pytest.mark.parametrize(
    "second",
    [
        "Washington blamed Kataib Hezbollah for the attack and struck five of the group's depots on Thursday night.",
        "Washington blamed that attack on Kataib Hezbollah and struck five of its depots near Karbala on Thursday night.",
    ],
)
def test_a_blame_and_the_blamers_own_strike(read, second) -> None:  # type: ignore[no-untyped-def]
    """The blamer's strike told after "and" is the blamer's; the blame is of the attack told before."""
    first = "Rockets struck Camp Taji on Wednesday, killing two Americans. "
    rockets, strike = sorted(attacks(read(first + second)), key=lambda e: e.kind != "RocketAttack")
    assert labels(rockets.attributed_to) == ["Kata'ib Hezbollah"] and rockets.perpetrators == []
    assert strike.kind == "Airstrike" and labels(strike.perpetrators) == ["United States"]
    assert strike.attributed_to == []


@pytest.mark.parametrize(
    ("sentence", "claimant", "accused"),
    [
        (
            "In a Telegram post, Kataib Hezbollah said it was behind Friday's rocket attack on Ain al-Asad.",
            "Kata'ib Hezbollah",
            None,
        ),
        (
            "Responsibility for the drone attack on Al-Tanf on Friday was claimed by a group calling itself the "
            "Islamic Resistance in Iraq.",
            "Islamic Resistance in Iraq",
            None,
        ),
        (
            "No group claimed the rocket attack on Ain al-Asad on Friday, but U.S. officials suspect Kataib Hezbollah.",
            None,
            "Kata'ib Hezbollah",
        ),
        (
            "A U.S. official said Kataib Hezbollah was likely responsible for Friday's drone attack on Al-Tanf.",
            None,
            "Kata'ib Hezbollah",
        ),
    ],
)
def test_claims_and_hedged_blame(read, sentence, claimant, accused) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert labels(event.claimants) == ([claimant] if claimant else [])
    assert labels(event.attributed_to) == ([accused] if accused else [])


def test_a_count_of_one_days_attacks_is_that_many_attacks(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "The Islamic Resistance in Iraq claimed three attacks on Friday, targeting Harir, Ain al-Asad and Al-Tanf."
    )
    assert sorted(labels(e.targets)[0] for e in attacks(found)) == [
        "Ain al-Asad Air Base",
        "Al-Tanf",
        "Harir Air Base",
    ]
    assert not found.aggregates


def test_a_count_since_a_day_stays_a_tally(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "The Islamic Resistance in Iraq said on Friday it had carried out 150 attacks since October 18."
    )
    assert attacks(found) == [] and [a.count for a in found.aggregates] == [150]


def test_a_government_vowing_to_pursue_those_responsible_claims_nothing(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "Rockets struck Ain al-Asad on Friday. The Iraqi government said it would pursue those responsible."
    )
    (event,) = attacks(found)
    assert event.claimants == []


def test_a_killing_done_in_a_strike_is_the_killers_strike(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(
        read("The US killed a senior Kataib Hezbollah commander in a drone strike in Baghdad on Wednesday.")
    )
    assert event.kind == "Airstrike" and labels(event.perpetrators) == ["United States"]


def test_a_state_before_a_site_noun_says_whose_site_not_where(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("Militants fired rockets at the US base in the Al-Omar oilfield on Friday."))
    assert labels(event.targets) == ["Al-Omar oil field"] and event.locations == []


@pytest.mark.parametrize(
    ("sentence", "site"),
    [
        ("A drone targeted Victoria base near Baghdad airport on Friday.", "Victory Base Complex"),
        ("The Qayyarah base south of Mosul was hit by rockets on Friday.", "Qayyarah Airfield West"),
    ],
)
def test_spellings_of_bases_in_iraqi_outlets(read, sentence, site) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert labels(event.targets) == [site]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "A rocket landed near the US embassy late Friday. Earlier in the day, a roadside bomb hit a coalition "
            "convoy south of Baghdad.",
            "2024-02-02",
        ),
        ("Rockets struck Ain al-Asad shortly after midnight on Thursday.", "2024-02-01"),
        ("Rockets struck Ain al-Asad at dawn, security sources said.", "2024-02-03"),
        ("Rockets struck Ain al-Asad at dawn on Thursday.", "2024-02-01"),
    ],
)
def test_times_of_day_in_wire_reports(read, text, day) -> None:  # type: ignore[no-untyped-def]
    *_, event = attacks(read(text))
    assert event.date is not None and event.date.value == day


def test_a_retelling_at_dawn_is_the_attack_told_before(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Two drones attacked a military base near Baghdad International Airport on Friday, a source said. "
        "The attack took place at dawn when the drones attacked a base known as Camp Victory."
    )
    (event,) = attacks(read(text))
    assert event.date is not None and event.date.value == "2024-02-02"


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("ISIS cells killed four soldiers in an ambush near Thiban on Friday.", "Islamic State"),
        ("The Zionist enemy launched an aerial aggression on the vicinity of Damascus on Friday.", "Israel"),
    ],
)
def test_how_state_media_and_monitors_name_attackers(read, sentence, actor) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert labels(event.perpetrators) == [actor]
