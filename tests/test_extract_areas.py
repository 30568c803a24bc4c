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
