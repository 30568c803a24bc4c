"""Days and places that flow from one sentence to the next: a sentence with no attack of its own can set the
day of the attack told right after it, and an attack placed only in a province is the one told next at a
base in that province.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03 unless a test says otherwise.
"""

from __future__ import annotations

from extract_support import attacks, labels


def test_hours_later_in_a_sentence_with_no_place_dates_the_attack_told_next(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On January 27, US jets struck militia depots near Albu Kamal. Hours later, US forces in Syria came "
        "under fire. Militants fired rockets at a US base at the al-Omar oil field."
    )
    dates = {
        labels(e.targets + e.locations)[0]: e.date.value if e.date else None for e in attacks(read(text))
    }
    assert dates["Al-Omar oil field"] == "2024-01-27"


def test_the_next_day_in_a_sentence_with_no_place_counts_from_the_day_told_before(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Drones struck the Harir base on January 20. The next day, the militias struck again. "
        "Two rockets landed inside Ain al-Asad air base."
    )
    dates = {labels(e.targets)[0]: e.date.value if e.date else None for e in attacks(read(text))}
    assert dates == {"Harir Air Base": "2024-01-20", "Ain al-Asad Air Base": "2024-01-21"}


def test_an_attack_on_a_base_in_a_province_told_again_at_the_base_is_one_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A drone attack targeted a US base in Syria's Hasakah province on Friday, local sources said. "
        "The base, in the Shaddadi area, was hit by a drone, the sources said."
    )
    (event,) = attacks(read(text))
    assert (
        labels(event.targets) == ["Al-Shaddadi"]
        and event.date is not None
        and event.date.value == "2024-02-02"
    )


def test_a_headline_in_a_town_named_like_its_province_is_the_attack_on_a_base_there(read) -> None:  # type: ignore[no-untyped-def]
    text = "Drone attack in Erbil\n\nA drone attack targeted the Harir air base on Friday, officials said."
    (event,) = attacks(read(text))
    assert labels(event.targets) == ["Harir Air Base"]
