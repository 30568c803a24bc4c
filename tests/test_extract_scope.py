"""The theatre: attacks told as background from outside Iraq, Syria and Jordan make no event."""

from __future__ import annotations

import pytest

from kg.extract.model import Entity, Event
from kg.extract.scope import in_theatre
from kg.namespaces import REFERENCE


def _attacks(read, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    return [e for e in read(text).events if e.kind not in {"Interception", "Deployment"}]


@pytest.mark.parametrize(
    "text",
    [
        "Houthi rebels fired an anti-ship missile at a tanker in the Red Sea on March 4, 2024.",
        "US and British jets struck Houthi targets in Yemen on January 12, 2024.",
        "The Islamic Resistance in Iraq said it launched a drone at Eilat on June 11, 2024.",
    ],
)
def test_an_attack_placed_only_outside_the_theatre_makes_no_event(read, text: str) -> None:  # type: ignore[no-untyped-def] -> None:
    assert _attacks(read, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Two rockets struck Ain al-Asad Air Base on March 4, 2024.",
        "A drone hit a US outpost near the Rukban camp on the Syrian-Jordanian border on March 4, 2024.",
        "A rocket hit a US base in the Iraqi town of Qalat Sukkar on Friday.",  # a town kg does not know
        "Drones struck Tower 22 in Jordan and a base in the Red Sea port on March 4, 2024.",
    ],
)
def test_an_attack_inside_or_where_kg_cannot_tell_is_kept(read, text: str) -> None:  # type: ignore[no-untyped-def] -> None:
    assert _attacks(read, text)


def _state(slug: str) -> Entity:
    return Entity(slug.title(), "State", str(REFERENCE[slug]))


def test_an_attack_with_no_place_on_a_state_outside_lies_there() -> None:
    assert not in_theatre(Event(kind="Attack", evidence=[], target_actors=[_state("israel")]))


def test_an_attack_with_no_place_on_forces_in_the_theatre_may_lie_in_it() -> None:
    # "a drone attack on a US base": US forces are in the theatre, so nothing says where
    assert in_theatre(Event(kind="DroneAttack", evidence=[], target_actors=[_state("united-states")]))


def test_an_attack_near_a_border_of_the_theatre_is_placed_at_that_border(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = _attacks(read, "Drones struck a militia convoy near the Iraqi-Syrian border on Monday.")
    assert [p.label for p in event.locations] == ["Iraq-Syria border"]
