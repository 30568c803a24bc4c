"""Phrasings of a third voices set (the whole Iraq/Syria theatre: Turkish, Iranian, Israeli and Russian
strikes, weekly summaries, state-agency dispatches, hearings): one general rule each.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03 unless a test says otherwise.
"""

from __future__ import annotations

from extract_support import attacks

from kg.extract.model import Event


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


def test_a_state_agency_dateline_with_a_comma_before_the_agency_places_nothing(read) -> None:  # type: ignore[no-untyped-def]
    text = "TEHRAN, (XNA) - The Guards said on Saturday that their missiles struck a camp near Koya."
    assert [places(e) for e in attacks(read(text))] == [{"Koya"}]


def test_a_town_near_another_town_is_the_place_the_other_only_locates_it(read) -> None:  # type: ignore[no-untyped-def]
    text = "On Friday, missiles hit depots in the Koysinjaq area and in Zirgwez near Sulaymaniyah."
    assert sorted(sorted(places(e)) for e in attacks(read(text))) == [["Koya"], ["Zirgwez"]]


def test_a_town_in_the_speakers_name_is_where_they_sit_not_where_the_attack_was(read) -> None:  # type: ignore[no-untyped-def]
    text = "On Friday, officials of the provincial council in Erbil said four people were killed in Koya by shelling."
    assert [places(e) for e in attacks(read(text))] == [{"Koya"}]


def test_an_attack_told_in_a_region_is_the_attacks_told_in_its_towns(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The IRGC said on Saturday that its missiles had hit militant headquarters in the Kurdistan region. "
        "The IRGC said its units had struck depots in the Koysinjaq area and in Zirgwez on Saturday morning."
    )
    assert sorted(sorted(places(e)) for e in attacks(read(text))) == [["Koya"], ["Zirgwez"]]


def test_an_air_operation_in_a_place_is_an_airstrike(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "- On 2 February, in an air operation carried out in the Gara region, a weapons depot was destroyed."
    )
    found = attacks(read(text))
    assert [(e.kind, e.weapon, places(e)) for e in found] == [("Airstrike", "aircraft", {"Gara"})]


def test_neutralised_in_a_communique_is_a_toll_of_no_stated_kind(read) -> None:  # type: ignore[no-untyped-def]
    text = "- On 2 February, 4 militants were neutralised in Tal Rifat with howitzer fire."
    found = attacks(read(text))
    assert [places(e) for e in found] == [{"Tal Rifat"}]
    assert "casualties" in found[0].outcomes and found[0].killed is None


def test_a_planned_attack_of_those_who_were_then_struck_is_no_reason_to_drop_the_strike(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "- On 2 February, 4 militants who were spotted while preparing to attack a border post "
        "were neutralised in Tal Rifat."
    )
    assert [places(e) for e in attacks(read(text))] == [{"Tal Rifat"}]


def test_a_base_after_from_the_direction_of_is_whence_the_missiles_came(read) -> None:  # type: ignore[no-untyped-def]
    text = "On Thursday, Israeli missiles fired from the direction of the al-Tanf area hit the T4 airbase."
    assert [{e.label for e in ev.targets} for ev in attacks(read(text))] == [{"Tiyas Military Airbase"}]


def test_a_states_drone_that_struck_is_an_airstrike(read) -> None:  # type: ignore[no-untyped-def]
    text = "On Friday, a Turkish drone struck a power station near Qamishli."
    assert [(e.kind, e.weapon) for e in attacks(read(text))] == [("Airstrike", "drone")]


def test_a_toll_told_without_one_number_still_makes_a_placed_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = "On Thursday, artillery shelled Darat Izza, killing a farmer and his two sons."
    found = attacks(read(text))
    assert [places(e) for e in found] == [{"Darat Izza"}]
    assert "casualties" in found[0].outcomes
