"""Voices of a third blind set: link headings in capitals, numbered communique lists, strikes told by the
aircraft's munitions, explosions reported in towns after a strike placed by countries. One general rule each.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_support import attacks, labels

from kg.ingest import make_article


@pytest.mark.parametrize("heading", ["ALSO READ", "Read also", "More on this story"])
def test_a_link_list_heading_ends_the_article(heading: str) -> None:
    body = "Rockets hit the base on Friday, officials said. " * 10
    text = f"Title\n\n{body}\n\n{heading}\n* Drone attack on a base near Erbil\n"
    article = make_article("a.txt", text, source="a.txt")
    assert "Drone attack" not in article.text


def test_a_second_site_after_near_the_only_says_where(read) -> None:  # type: ignore[no-untyped-def]
    text = "Militants fired rockets on Friday at Ain al-Asad air base and at the Harir base, near the Erbil airport."
    places = sorted(labels(e.targets)[0] for e in attacks(read(text)))
    assert places == ["Ain al-Asad Air Base", "Harir Air Base"]


@pytest.mark.parametrize("layout", ["{n}.\n{item}", "{n}. {item}", "({n}) {item}"])
def test_each_numbered_item_under_an_attack_with_no_place_is_one_attack(read, layout: str) -> None:  # type: ignore[no-untyped-def]
    items = [
        "The base of Harir near Erbil, with a drone.",
        "The base at al-Shaddadi, with a barrage of rockets.",
    ]
    lines = "\n\n".join(layout.format(n=n, item=item) for n, item in enumerate(items, 1))
    text = (
        f"The fighters of Kataib Hezbollah attacked, on Tuesday, the following American bases:\n\n{lines}\n"
    )
    events = attacks(read(text))
    got = {labels(e.targets)[0]: (e.kind, e.date.value if e.date else None) for e in events}
    assert got == {
        "Harir Air Base": ("DroneAttack", "2024-01-30"),
        "Al-Shaddadi": ("RocketAttack", "2024-01-30"),
    }
    assert all(labels(e.perpetrators) == ["Kata'ib Hezbollah"] for e in events)


def test_a_numbered_paragraph_after_a_colon_with_no_attack_above_is_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = "The report names the bases it visited:\n\n1.\nThe base of Harir near Erbil.\n"
    assert attacks(read(text)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The United States on Friday night launched air strikes on targets in Syria.",
        "American forces late on Friday carried out air strikes in Syria.",
    ],
)
def test_a_time_adverbial_between_subject_and_verb_keeps_the_subject(read, sentence: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert event.kind == "Airstrike" and event.perpetrators and event.date is not None
    assert event.date.value == "2024-02-02"


def test_explosions_heard_in_towns_place_a_strike_told_by_countries(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "US bombers struck militia targets in Iraq and Syria on Friday night, the Pentagon said. "
        "Residents said explosions were heard around Al-Qaim and near Mayadin."
    )
    events = attacks(read(text))
    assert sorted(labels(e.locations)[0] for e in events) == ["Al-Mayadin", "Al-Qaim"]
    assert all(e.kind == "Airstrike" and e.date and e.date.value == "2024-02-02" for e in events)


def test_a_group_reporting_that_on_a_day_its_fighters_attacked_claims_it(read) -> None:  # type: ignore[no-untyped-def]
    text = "Kataib Hezbollah posted on its channel that early on Saturday its fighters hit the Harir base with drones."
    (event,) = attacks(read(text))
    assert labels(event.claimants) == ["Kata'ib Hezbollah"]


def test_a_bomber_strike_in_a_country_is_not_a_militia_drone_attack_there(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The United States on Friday night carried out air strikes in Iraq and Syria. "
        "On Saturday morning drones attacked the American base at al-Shaddadi in Syria."
    )
    drone = next(e for e in attacks(read(text)) if e.kind == "DroneAttack")
    assert drone.perpetrators == [] and drone.weapon == "drone"


def test_a_russian_spelling_of_a_border_town_is_known(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("US jets struck a depot near Abu Kemal on Friday."))
    assert labels(event.locations) == ["Albu Kamal"]


def test_every_strike_of_a_kind_is_no_one_attack(read) -> None:  # type: ignore[no-untyped-def]
    assert attacks(read("Until this month every American strike hit empty depots in eastern Syria.")) == []


def test_aircraft_dropping_munitions_on_a_place_is_an_air_strike(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(
        read("On Friday two Jordanian F-16s dropped guided bombs on a smugglers' depot near Albu Kamal.")
    )
    assert event.kind == "Airstrike" and labels(event.locations) == ["Albu Kamal"]


@pytest.mark.parametrize(
    "sentence",
    [
        "On Friday two F-15E Strike Eagles bombed a weapons depot near Albu Kamal.",
        "An AC-130J gunship engaged a launch truck near Abu Ghraib on Friday, killing two militants.",
    ],
)
def test_an_aircraft_only_one_state_flies_names_that_state(read, sentence: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert labels(event.perpetrators) == ["United States"]


def test_an_unnamed_f16_names_no_state(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("On Friday two F-16s bombed a weapons depot near Albu Kamal."))
    assert event.perpetrators == []


@pytest.mark.parametrize(
    "text",
    [
        "Everything changed on the night of Jan. 30. A drone was launched at the Harir base.",
        "Here is what happened on Tuesday. Rockets were fired at the Harir base, officials said.",
    ],
)
def test_a_day_set_by_the_sentence_before_dates_an_undated_attack(read, text: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(text))
    assert event.date is not None and event.date.value == "2024-01-30"


def test_a_dated_page_line_sets_no_scene(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(
        read("Title\n\nTuesday, 30 January 2024\n\nRockets were fired at the Harir base, officials said.\n")
    )
    assert event.date is None or event.date.basis == "inferredFromPublication"


def test_an_aside_between_dashes_keeps_the_weapon_with_its_verb(read) -> None:  # type: ignore[no-untyped-def]
    text = "A short-range ballistic missile - officials gave no type, but the militia has several - was fired at the Harir base on Friday."
    (event,) = attacks(read(text))
    assert event.kind == "MissileAttack"


def test_an_abbreviated_month_and_day_before_a_comma_is_no_count(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("On Jan. 30, US strikes hit a depot near Albu Kamal."))
    assert event.date is not None and event.date.value == "2024-01-30"


def test_a_weekday_on_the_page_date_line_sets_no_scene_for_the_headline(read) -> None:  # type: ignore[no-untyped-def]
    text = "Saturday - 03-02-2024 | Baghdad\n\nDrones strike the Harir base\n\nDrones struck the Harir base on Thursday, officials said.\n"
    (event,) = attacks(read(text))
    assert event.date is not None and event.date.value == "2024-02-01"


def test_the_day_something_was_said_sets_no_scene(read) -> None:  # type: ignore[no-untyped-def]
    text = "A spokesman told a local radio station on Friday that the group was not involved. Rockets were fired at the Harir base."
    (event,) = attacks(read(text))
    assert event.date is None or event.date.basis == "inferredFromPublication"


def test_a_day_after_counts_from_the_evening_not_the_night_that_follows(read) -> None:  # type: ignore[no-untyped-def]
    text = "Rockets hit the Harir base on Tuesday night. The attack came a day after a roadside bomb hit a convoy near Diwaniyah."
    dates = {
        labels(e.targets + e.locations)[0]: e.date.value if e.date else None for e in attacks(read(text))
    }
    assert dates == {"Harir Air Base": "2024-01-30", "Diwaniyah": "2024-01-29"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Protesters forced their way into the US embassy compound in Baghdad on Tuesday, in protest at US air strikes.",
        "Angry crowds storm the US embassy compound in Baghdad",
    ],
)
def test_a_crowd_forcing_its_way_in_is_an_attack_not_the_strikes_it_protests(read, sentence: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(sentence))
    assert event.kind == "Attack" and labels(event.targets) == ["US Embassy in Baghdad"]


def test_ranking_an_attack_since_a_year_tells_no_new_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A car bomb killed two soldiers at a checkpoint in Manbij on Wednesday. "
        "It was the bloodiest attack on US forces in Syria since American troops arrived there in 2017."
    )
    (event,) = attacks(read(text))
    assert (
        labels(event.locations) == ["Manbij"] and event.date is not None and event.date.value == "2024-01-31"
    )


def test_a_count_of_targets_struck_in_no_place_is_no_attack(read) -> None:  # type: ignore[no-untyped-def]
    assert (
        attacks(
            read(
                "The raid followed those of Jan. 30, when US forces struck some 40 targets linked to the group."
            )
        )
        == []
    )


def test_last_and_a_month_is_that_month_before_the_page(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("Last November, a rocket attack struck the Harir base; nobody was hurt."))
    assert event.date is not None and event.date.value == "2023-11"


def test_the_previous_week_is_the_seven_days_before(read) -> None:  # type: ignore[no-untyped-def]
    text = "Two officers died in an Israeli air strike near Damascus the previous week."
    (event,) = attacks(read(text, published=date(2024, 2, 17)))
    assert event.date is not None and event.date.value == "2024-02"
    assert event.date.earliest == date(2024, 2, 10) and event.date.latest == date(2024, 2, 16)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("On Monday two drones flew at the Harir base, officials said.", True),
        ("On Monday a drone dived into the Harir base, officials said.", True),
        ("On Monday two drones flew over the Harir base, officials said.", False),
    ],
)
def test_a_weapon_flying_at_a_place_attacks_it(read, sentence: str, found: bool) -> None:  # type: ignore[no-untyped-def]
    assert bool(attacks(read(sentence))) is found


def test_a_part_of_a_salvo_told_before_has_its_weapon_and_actors(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Militants fired a barrage of rockets at two bases in Iraq on Tuesday, Kataib Hezbollah said. "
        "Most of them struck the Harir base. At least one hit a compound near the airport in Erbil."
    )
    erbil = [e for e in attacks(read(text)) if labels(e.locations) == ["Erbil"]]
    assert len(erbil) == 1 and erbil[0].kind == "RocketAttack" and erbil[0].weapon == "rocket"


def test_a_day_number_before_the_subject_is_no_part_of_a_salvo(read) -> None:  # type: ignore[no-untyped-def]
    text = "Russian jets bombed a market in Jisr al-Shughur on Monday. On 30 January, government artillery shelled Darat Izza, killing a child."
    shelled = [e for e in attacks(read(text)) if e.date and e.date.value == "2024-01-30"]
    assert len(shelled) == 1 and shelled[0].kind != "Airstrike" and shelled[0].perpetrators == []


def test_a_summary_is_not_absorbed_by_an_attack_told_after_the_story_moved_on(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Iran fired ballistic missiles at targets in Iraq on Tuesday. "
        "A US drone strike killed a commander near Baghdad airport on Monday. "
        "Crowds later stormed the US embassy in Baghdad."
    )
    embassy = next(e for e in attacks(read(text)) if labels(e.targets) == ["US Embassy in Baghdad"])
    assert embassy.kind == "Attack" and embassy.perpetrators == []


@pytest.mark.parametrize(
    "blame",
    [
        "Washington blamed the militia for the attack.",
        "Washington has blamed the group for that attack and for several earlier ones.",
    ],
)
def test_blame_of_the_group_named_before_for_the_attack_told(read, blame: str) -> None:  # type: ignore[no-untyped-def]
    text = f"Kataib Hezbollah held a rally in Baghdad. Rockets hit the Harir base on Tuesday, killing a soldier. {blame}"
    (event,) = attacks(read(text))
    assert labels(event.attributed_to) == ["Kata'ib Hezbollah"]


def test_the_body_a_group_belongs_to_is_not_the_group_named_later(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Officials blamed Kataib Hezbollah, one of the factions within the Popular Mobilization Forces, for a "
        "rally. Rockets hit the Harir base on Tuesday, killing a soldier. Washington blamed the group for the attack."
    )
    (event,) = attacks(read(text))
    assert labels(event.attributed_to) == ["Kata'ib Hezbollah"]


def test_a_claim_of_both_attacks_goes_to_the_last_two_told(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Air defences downed a drone over Ain al-Asad air base, and another drone was shot down near the Harir "
        "base. Kataib Hezbollah said it was behind both attacks."
    )
    claimed = [labels(e.targets) for e in attacks(read(text)) if labels(e.claimants) == ["Kata'ib Hezbollah"]]
    assert sorted(claimed) == [["Ain al-Asad Air Base"], ["Harir Air Base"]]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "Alarms went off at the Harir base near Erbil and the base came under rocket fire, officials said.",
            "RocketAttack",
        ),
        ("The minister came under fire from critics in parliament on Monday.", None),
    ],
)
def test_a_place_coming_under_fire_is_attacked(read, sentence: str, kind: str | None) -> None:  # type: ignore[no-untyped-def]
    assert [e.kind for e in attacks(read(sentence))] == ([kind] if kind else [])


def test_aircraft_going_after_a_launch_crew_within_minutes_then_placed_by_its_toll(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On Tuesday evening rockets hit the Harir base. Within minutes, US helicopters went after the launch "
        "crew. Officials said two militants were killed in the area around Erbil."
    )
    strike = next(e for e in attacks(read(text)) if e.kind == "Airstrike")
    assert (
        labels(strike.locations) == ["Erbil"]
        and strike.date is not None
        and strike.date.value == "2024-01-30"
    )


def test_aircraft_going_after_someone_attack_them(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("On Tuesday US helicopters went after a launch crew near Erbil."))
    assert event.kind == "Airstrike" and labels(event.locations) == ["Erbil"]


def test_within_minutes_is_the_day_told_before(read) -> None:  # type: ignore[no-untyped-def]
    text = "Rockets hit the Harir base on Tuesday evening. Within minutes, US jets struck a launch site near Erbil."
    strike = next(e for e in attacks(read(text)) if e.kind == "Airstrike")
    assert strike.date is not None and strike.date.value == "2024-01-30"


def test_a_numbered_pmf_brigade_is_a_known_group(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("Officials blamed Brigade 30 for the rocket attack on Erbil airport on Tuesday."))
    assert labels(event.attributed_to) == ["30th Brigade"]


def test_the_attack_of_a_day_dates_the_undated_attack_told_last(read) -> None:  # type: ignore[no-untyped-def]
    text = "A drone crashed into a hangar at the Harir base. Nobody has claimed the attack of 30 January."
    (event,) = attacks(read(text))
    assert event.date is not None and event.date.value == "2024-01-30"


def test_the_weapon_told_before_launched_by_a_group_names_its_attacker(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A drone crashed into a hangar at the Harir base on Monday. "
        "Officials said the drone had been launched by Kataib Hezbollah from a farm outside the city."
    )
    (event,) = attacks(read(text))
    assert labels(event.perpetrators + event.attributed_to) == ["Kata'ib Hezbollah"]


def test_where_a_weapon_was_launched_from_is_no_second_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A rocket fell near the Harir base on Monday. "
        "The rocket was launched by militants from a farm on the outskirts of Erbil, officials said."
    )
    assert [labels(e.targets) for e in attacks(read(text))] == [["Harir Air Base"]]


def test_a_scene_day_dates_an_undated_attack_told_again(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Key events\n\nDrones downed near the Harir base\n\n"
        "Here is a recap of what happened on Tuesday. US forces shot down two drones heading for the Harir base."
    )
    (event,) = attacks(read(text))
    assert event.date is not None and event.date.value == "2024-01-30"


def test_officials_saying_the_attackers_belonged_to_a_group_blame_it(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rockets hit the Harir base on Monday. Officials said the launch team belonged to Kataib Hezbollah."
    )
    (event,) = attacks(read(text))
    assert labels(event.attributed_to) == ["Kata'ib Hezbollah"]


def test_a_strike_on_facilities_belonging_to_a_group_blames_nobody(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("US jets struck depots belonging to Kataib Hezbollah near Al-Qaim on Monday."))
    assert event.attributed_to == []


def test_a_spokesman_naming_the_aircraft_of_the_strikes_told_before_tells_no_new_strike(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "US strikes on Sunday hit two sites near Al-Qaim and one near Albu Kamal. "
        "A Pentagon spokesman said F-15E jets had targeted depots used by the militia."
    )
    events = attacks(read(text))
    assert sorted(labels(e.locations)[0] for e in events) == ["Al-Qaim", "Albu Kamal"]
    assert all(e.weapon == "aircraft" for e in events)


@pytest.mark.parametrize("published", [date(2024, 2, 3), None])
def test_an_answer_with_strikes_near_a_town_is_one_attack(read, published: date | None) -> None:  # type: ignore[no-untyped-def]
    text = "Rockets hit the Harir base, killing a contractor. Washington answered with air strikes on militia depots near Al-Qaim."
    strikes = [e for e in attacks(read(text, published=published)) if e.kind == "Airstrike"]
    assert [labels(e.locations) for e in strikes] == [["Al-Qaim"]] and labels(strikes[0].perpetrators) == [
        "United States"
    ]
