"""Attacks located only by an area, and sites named by their shape (issue 13, class 2).

Sentences are written for these tests. Articles are dated Saturday 2024-02-03.
"""

from __future__ import annotations

import pytest

from tests.test_extract_phrasings import attacks, labels


@pytest.mark.parametrize(
    ("sentence", "area"),
    [
        ("A drone attack in Syria wounded a soldier on Monday.", "Syria"),
        ("A rocket attack on a base in northern Iraq on Monday caused no damage.", "Iraq"),
        ("On Monday a drone struck near the border in northeastern Syria, causing minor damage.", "Syria"),
    ],
)
def test_an_attack_placed_only_by_its_area(read, sentence, area) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert labels(event.locations) == [area]
    assert not event.targets


def test_a_topic_placed_in_a_country_is_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    assert attacks(read("Militia attacks on US forces in Iraq have continued since October.")) == []


@pytest.mark.parametrize(
    ("sentence", "site"),
    [
        ("A drone hit the Zulfa air base in Iraq on Monday.", "Zulfa air base"),
        ("Rockets fell on Qarrar airfield on Monday, causing no damage.", "Qarrar airfield"),
        ("Two rockets struck Rafidain airport on Monday.", "Rafidain airport"),
    ],
)
def test_an_unknown_site_named_by_its_shape_is_minted(read, sentence, site) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert labels(event.locations)[0] == site
    assert event.locations[0].iri is None


def test_an_owner_before_a_base_is_no_name(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("A drone attacked the American base near Erbil on Monday."))
    assert labels(event.locations) == ["Erbil"]


def test_a_summary_in_countries_is_struck_at_the_towns_named_after_it(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "U.S. forces conducted strikes on Friday on five facilities in Iraq and Syria. In Iraq, the targets "
        "were located in the vicinity of Al-Qaim. In Syria, they were in the vicinity of Al-Mayadin."
    )
    assert sorted(labels(e.locations)[0] for e in attacks(found)) == ["Al-Mayadin", "Al-Qaim"]
    assert {e.date.value for e in attacks(found) if e.date} == {"2024-02-02"}


def test_a_use_is_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "U.S. jets struck depots near Al-Qaim on Friday that the militias have used to attack U.S. forces."
    )
    assert [e.kind for e in attacks(found)] == ["Airstrike"]


def test_a_comma_ends_the_places_of_the_attack_before_it(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "In January 2024, following U.S. airstrikes in Iraq and Syria, militia attacks on U.S. forces stopped."
    )
    (strike,) = attacks(found)
    assert labels(strike.locations) == ["Iraq", "Syria"]


def test_a_part_of_the_country_is_the_country_named_before(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "Tensions have risen in Syria this year. On Monday, a drone attack hit a coalition base in the east of "
        "the country, causing minor damage."
    )
    (event,) = attacks(found)
    assert labels(event.locations) == ["Syria"]
