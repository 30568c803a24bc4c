"""Phrasings of a third voices set (the whole Iraq/Syria theatre: Turkish, Iranian, Israeli and Russian
strikes, weekly summaries, state-agency dispatches, hearings): one general rule each.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03 unless a test says otherwise.
"""

from __future__ import annotations

from kg.extract.model import Event


def attacks(extraction) -> list[Event]:  # type: ignore[no-untyped-def]
    return [e for e in extraction.events if e.kind not in {"Interception", "Deployment"}]


def places(event: Event) -> set[str]:
    return {e.label for e in event.targets + event.locations}


def test_a_claim_of_the_attack_on_a_later_day_dates_the_claim_not_a_second_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On Tuesday, gunmen ambushed an army patrol near Tuz Khurmatu, killing two soldiers. "
        "Islamic State claimed the ambush on Thursday."
    )
    found = attacks(read(text))
    assert len(found) == 1
    assert found[0].date is not None and found[0].date.value == "2024-01-30"
    assert [c.label for c in found[0].claimants] == ["Islamic State"]


def test_towns_of_the_wider_theatre_are_known_places(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On Monday, warplanes struck the outskirts of Jisr al-Shughur, killing three people. "
        "On Tuesday, a drone hit a car near Amouda, killing two men. "
        "On Wednesday, missiles hit the Koysinjaq area, killing four people."
    )
    found = attacks(read(text))
    assert [places(e) for e in found] == [{"Jisr al-Shughur"}, {"Amuda"}, {"Koya"}]


def test_a_district_of_a_town_told_after_the_town_is_the_same_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A missile strike on Damascus on Friday killed three officers, a monitor said. "
        "State television said an apartment in the Mazzeh district of Damascus had been hit in the attack."
    )
    found = attacks(read(text))
    assert len(found) == 1
    assert {"Mezzeh", "Damascus"} <= places(found[0])
