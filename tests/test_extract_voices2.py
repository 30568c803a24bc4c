"""Phrasings of outlets' page forms found by a second voices set (encyclopedia lists, tracker tables,
transcripts, corrections): one general rule each.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_support import attacks

from kg.dates import find_dates
from kg.ingest.furniture import strip_furniture


def dates(extraction) -> list[str | None]:  # type: ignore[no-untyped-def]
    return sorted(e.date.value for e in attacks(extraction) if e.date is not None)


@pytest.mark.parametrize(
    "heading",
    ["Rocket attacks on coalition bases (2020)", "List of attacks in 2020", "2020", "Timeline: 2020"],
)
def test_a_heading_with_a_year_dates_the_year_less_items_below_it(read, heading) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"{heading}\n\n- 14 March - Three rockets hit Camp Taji north of Baghdad.\n"
        "- 2 May - A drone struck Erbil International Airport.\n"
    )
    assert dates(read(text)) == ["2020-03-14", "2020-05-02"]


def test_a_year_after_since_is_no_heading(read) -> None:  # type: ignore[no-untyped-def]
    text = "Attacks on coalition bases since 2020\n\n- 14 March - Three rockets hit Camp Taji north of Baghdad.\n"
    assert dates(read(text)) == ["2023-03-14"]


def test_an_encyclopedia_see_also_heading_ends_the_article() -> None:
    body = "Rockets hit a base north of the capital and wounded a contractor on the third day. " * 5
    text = body + "\n\nSee also [edit]\n- 2020 Erbil rocket attack\n"
    assert "Erbil" not in strip_furniture(text)


def test_the_day_of_a_timestamp_is_a_date() -> None:
    assert [d.value for d in find_dates("Last updated: 2022-05-14T09:30:00Z")] == [date(2022, 5, 14)]


def test_a_tracker_row_with_a_written_month_dates_every_sentence_of_its_line(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Attack log\n\n"
        "11 Jun 2022 | Unknown | Six rockets at Camp Taji; two soldiers hurt. Two more rockets hit "
        "Balad Air Base the same evening.\n"
    )
    assert dates(read(text)) == ["2022-06-11", "2022-06-11"]


def test_the_towns_a_definite_plural_strike_names_are_one_strike_each(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "US airstrikes hit militia depots overnight, Iraqi officials said on Friday.\n\n"
        "American warplanes struck a depot near Hillah on Friday. Officials said the strikes hit "
        "positions in Jurf al-Sakhar and Musayyib as well."
    )
    places = sorted(e.locations[0].label for e in attacks(read(text)) if e.locations)
    assert places == ["Hillah", "Jurf al-Sakhar", "Musayyib"]


def test_a_dateline_with_a_country_and_a_day_dates_nothing(read) -> None:  # type: ignore[no-untyped-def]
    text = "MOSUL, Iraq, Feb 3 (AP) - A soldier was killed when rockets hit Camp Taji on Thursday."
    assert dates(read(text)) == ["2024-02-01"]


def test_a_negated_killing_is_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = "Rockets hit Camp Taji on Friday. Until Friday, none had killed American troops."
    assert len(attacks(read(text))) == 1


def test_an_attack_that_is_one_of_a_count_is_still_an_attack(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("The January 9 attack on Camp Taji was one of twelve attacks that month."))
    assert (
        event.targets[0].label == "Camp Taji" and event.date is not None and event.date.value == "2024-01-09"
    )


def test_a_killing_placed_nowhere_is_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    assert attacks(read("Abu Mahdi al-Muhandis was killed in January alongside Qassem Soleimani.")) == []


def test_a_strike_told_beside_an_attack_is_not_folded_into_it(read) -> None:  # type: ignore[no-untyped-def]
    text = "In December, after the rocket attack on Camp Taji that killed a contractor, you struck five Kataib Hezbollah depots in Iraq and Syria."
    assert len(attacks(read(text))) == 2


def test_a_timeline_line_with_plural_strikes_in_an_area_is_one_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = "Log\n\n12 Jan 2024 | U.S. | Airstrikes on depots in eastern Syria.\n"
    (event,) = attacks(read(text))
    assert event.kind == "Airstrike" and event.date is not None and event.date.value == "2024-01-12"


def test_a_site_told_as_damaged_is_no_target_of_its_own(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("Rockets hit the Green Zone on Friday, damaging the US Embassy compound."))
    assert [e.label for e in event.targets] == ["Green Zone"]


def test_a_correction_notices_first_version_tells_nothing(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Correction: An earlier version of this report said that the rockets hit Camp Taji on Wednesday.\n\n"
        "Rockets hit Camp Taji on Thursday."
    )
    assert dates(read(text)) == ["2024-02-01"]


def test_weeks_before_an_anniversary_move_the_day_it_marks(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The attack came two weeks before the first anniversary of the US drone strike that killed "
        "Qassem Soleimani near Baghdad airport."
    )
    assert dates(read(text, published=date(2020, 12, 20))) == ["2020-01-03"]


def test_a_month_of_that_year_is_of_the_year_told_before(read) -> None:  # type: ignore[no-untyped-def]
    text = "It began in the spring of 2021. In May of that year, rockets hit Camp Taji."
    assert dates(read(text, published=date(2023, 11, 15))) == ["2021-05"]


def test_days_listed_together_are_one_attack_each(read) -> None:  # type: ignore[no-untyped-def]
    text = "On 4 January and 19 January, American jets struck Kataib Hezbollah depots near Al-Qaim."
    assert dates(read(text)) == ["2024-01-04", "2024-01-19"]


def test_each_place_takes_the_day_told_after_it(read) -> None:  # type: ignore[no-untyped-def]
    text = "Attacks on Erbil on Jan. 12 and on Camp Taji on Jan. 20 are under investigation."
    found = sorted((e.date.value, (e.targets or e.locations)[0].label) for e in attacks(read(text)) if e.date)
    assert found == [("2024-01-12", "Erbil"), ("2024-01-20", "Camp Taji")]


def test_the_grounds_of_a_blame_do_not_make_it_background(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rockets hit Camp Taji on Friday.\n\n"
        "Two U.S. officials blamed Kataib Hezbollah, saying the rockets matched earlier attacks by the group."
    )
    (event,) = attacks(read(text))
    assert [e.label for e in event.attributed_to] == ["Kata'ib Hezbollah"]


def test_an_attack_placed_at_a_town_is_the_attack_on_the_site_in_it(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Contractor killed in rocket barrage on base near Kirkuk\n\n"
        "Rockets slammed into the K-1 military base northwest of Kirkuk on Friday, killing a contractor."
    )
    (event,) = attacks(read(text))
    assert [e.label for e in event.targets] == ["K-1 Air Base"]


def test_a_tracker_rows_actor_cell_names_who_struck(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Log\n\n12 Jan 2024 | U.S. | Helicopters engaged a rocket team near Al-Qaim, killing two militants.\n"
    )
    (event,) = attacks(read(text))
    assert [e.label for e in event.perpetrators] == ["United States"]


def test_a_tracker_row_with_no_named_actor_names_nobody(read) -> None:  # type: ignore[no-untyped-def]
    text = "Log\n\n12 Jan 2024 | Unknown | Rockets fired at Camp Taji; no injuries.\n"
    (event,) = attacks(read(text))
    assert event.perpetrators == []


def test_announcing_the_strike_owns_it(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Missiles hit Ain al-Asad air base on Friday. The Islamic Revolutionary Guard Corps announced "
        "the strike within the hour."
    )
    (event,) = attacks(read(text))
    assert "Islamic Revolutionary Guard Corps" in [e.label for e in event.perpetrators + event.claimants]


def test_a_claim_that_is_the_subject_of_its_verb_is_no_claim(read) -> None:  # type: ignore[no-untyped-def]
    text = "A drone struck Tower 22 on Sunday. US officials say the Rukban claim refers to the attack on Tower 22."
    (event,) = attacks(read(text))
    assert event.perpetrators == [] and event.claimants == []


def test_an_operation_with_a_weapon_is_an_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The faction said it had carried out an operation with explosive drones against Camp Taji on Tuesday."
    )
    (event,) = attacks(read(text))
    assert event.kind == "DroneAttack" and event.date is not None and event.date.value == "2024-01-30"


def test_an_operation_without_a_weapon_is_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    assert attacks(read("The faction said operations against Camp Taji would continue on Tuesday.")) == []


def test_a_group_which_a_speaker_blamed_is_the_accused(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rockets hit Camp Taji on Wednesday. Jets later hit depots of Kataib Hezbollah, which Washington "
        "blamed for the rocket attack on Camp Taji."
    )
    (event,) = attacks(read(text, published=date(2020, 3, 13)))
    assert [e.label for e in event.attributed_to] == ["Kata'ib Hezbollah"]


def test_a_trend_of_attacks_is_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = "After the killings in January 2020, militias stepped up rocket attacks on Camp Taji and Balad Air Base."
    assert attacks(read(text)) == []


def test_a_dated_definite_retelling_gives_the_day_of_strikes_told_with_a_month(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In December, jets struck five Kataib Hezbollah depots in Iraq and Syria.\n\n"
        "The December 29 strikes were a response to a pattern of attacks."
    )
    (event,) = attacks(read(text, published=date(2020, 3, 12)))
    assert event.date is not None and event.date.value == "2019-12-29"
