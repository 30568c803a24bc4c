"""Timelines and enumerated attacks (issue 13, class 4): a line per attack, dated by its heading.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03 unless a test says otherwise.
"""

from __future__ import annotations

from tests.test_extract_phrasings import attacks, labels

TIMELINE = """Attacks on coalition troops this winter:

MAR. 4 – Coalition troops in Iraq are targeted in two separate drone attacks. One drone is shot down.

MAR. 6 – A drone attack in Syria wounds a soldier. Separately, rockets target two bases in Iraq.

MAR. 9 – Troops in Iraq and Syria are attacked three times; a drone attack in Syria wounds a soldier while two other attacks in Iraq cause no damage.

MAR. 12 – A one-way drone attack in Iraq wounds three soldiers.
"""


def rows(extraction) -> list[tuple[str | None, str, str]]:  # type: ignore[no-untyped-def]
    return [
        (e.date.value if e.date else None, e.kind, "|".join(labels(e.locations))) for e in attacks(extraction)
    ]


def test_each_timeline_line_is_its_own_event_dated_by_its_heading(read) -> None:  # type: ignore[no-untyped-def]
    assert rows(read(TIMELINE)) == [
        ("2023-03-04", "DroneAttack", "Iraq"),
        ("2023-03-04", "DroneAttack", "Iraq"),
        ("2023-03-06", "DroneAttack", "Syria"),
        ("2023-03-06", "RocketAttack", "Iraq"),
        ("2023-03-06", "RocketAttack", "Iraq"),
        ("2023-03-09", "DroneAttack", "Syria"),
        ("2023-03-09", "Attack", "Iraq"),
        ("2023-03-09", "Attack", "Iraq"),
        ("2023-03-12", "DroneAttack", "Iraq"),
    ]


def test_a_timeline_without_a_page_date_still_makes_its_events(read) -> None:  # type: ignore[no-untyped-def]
    found = rows(read(TIMELINE, published=None))
    assert len(found) == 9
    assert {when for when, _, _ in found} == {None}


def test_a_colon_heading_dates_its_line(read) -> None:  # type: ignore[no-untyped-def]
    found = read("Recent attacks:\n\nJan 21: A drone attack in Syria wounded two soldiers.\n")
    assert rows(found) == [("2024-01-21", "DroneAttack", "Syria")]


def test_attacks_counted_on_one_day_are_each_an_event(read) -> None:  # type: ignore[no-untyped-def]
    found = read("On Tuesday, troops in northeastern Syria were attacked with drones four times in 24 hours.")
    assert len(attacks(found)) == 4


def test_attacks_counted_over_a_period_are_no_events(read) -> None:  # type: ignore[no-untyped-def]
    assert attacks(read("Troops in Syria have been attacked with drones forty times since October.")) == []


def test_two_facilities_near_a_town_are_one_strike(read) -> None:  # type: ignore[no-untyped-def]
    assert (
        len(attacks(read("- March 2: US jets struck two facilities near Abu Kamal used by militias."))) == 1
    )


def test_a_widely_known_dated_event_gives_an_undated_timeline_its_year(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Militias have struck US troops many times since the war that began with the October 7 attack in Israel.\n\n"
        "NOV. 2 – A drone attack in Syria wounds a soldier.\n\n"
        "JAN. 5 – A rocket attack in Iraq causes no damage.\n"
    )
    assert rows(read(text, published=None)) == [
        ("2023-11-02", "DroneAttack", "Syria"),
        ("2024-01-05", "RocketAttack", "Iraq"),
    ]


def test_attacks_counted_with_mixed_weapons_have_no_known_weapon(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "On Monday, coalition troops in eastern Syria were attacked with rockets and drones three times."
    )
    assert [(e.kind, e.weapon) for e in attacks(found)] == [("Attack", None)] * 3
