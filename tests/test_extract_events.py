"""Attack events: one pattern family per test, several phrasings each, negatives next to positives.

Sentences are written for these tests (not taken from the seed articles). Articles are dated
Saturday 2024-02-03 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_support import attacks, labels

from kg.extract.model import Event

REF = "https://w3id.org/conflict-kg/id/"


def only(extraction) -> Event:  # type: ignore[no-untyped-def]
    found = attacks(extraction)
    assert len(found) == 1, [(e.kind, [t.label for t in e.targets]) for e in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "kind", "site"),
    [
        ("Two rockets targeted Ain al-Assad air base on Thursday.", "RocketAttack", "Ain al-Asad Air Base"),
        (
            "Katyusha rockets slammed into the Victory Base Complex near Baghdad airport on Thursday.",
            "RocketAttack",
            "Victory Base Complex",
        ),
        (
            "Militants fired two ballistic missiles at Harir air base on Thursday.",
            "MissileAttack",
            "Harir Air Base",
        ),
        ("Al-Tanf was hit by an explosive-laden drone on Thursday.", "DroneAttack", "Al-Tanf"),
        (
            "Mission Support Site Conoco came under mortar fire on Thursday.",
            "MortarAttack",
            "Mission Support Site Conoco",
        ),
        ("On Thursday, a drone attack on Tower 22 wounded several soldiers.", "DroneAttack", "Tower 22"),
        ("Drones targeted al-Shaddadi base in Hasakah on Thursday.", "DroneAttack", "Al-Shaddadi"),
    ],
)
def test_attack_wordings_give_one_event_with_type_site_and_date(read, sentence, kind, site) -> None:  # type: ignore[no-untyped-def]
    event = only(read(sentence))
    assert event.kind == kind
    assert labels(event.targets) == [site]
    assert event.date is not None and event.date.value == "2024-02-01"


def test_one_event_per_named_site(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(read("On Thursday, drones struck Ain al-Asad and Harir air base."))
    assert sorted(labels(e.targets)[0] for e in found) == ["Ain al-Asad Air Base", "Harir Air Base"]


def test_towns_listed_after_near_are_one_airstrike_each(read) -> None:  # type: ignore[no-untyped-def]
    found = attacks(
        read("American jets hit depots of Kata'ib Hezbollah near Al-Qaim and Albu Kamal on Friday.")
    )
    assert sorted(labels(e.locations)[0] for e in found) == ["Al-Qaim", "Albu Kamal"]
    assert all(e.kind == "Airstrike" and labels(e.perpetrators) == ["United States"] for e in found)
    assert all(labels(e.target_actors) == ["Kata'ib Hezbollah"] for e in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "A US drone strike in Baghdad killed a commander of Kata'ib Hezbollah on Wednesday.",
        "An American drone strike targeted a car of Harakat al-Nujaba in Baghdad on Wednesday.",
        "On Wednesday, US forces conducted a strike on a Kata'ib Hezbollah vehicle in Baghdad.",
    ],
)
def test_state_strikes_are_airstrikes_stated_as_fact(read, sentence) -> None:  # type: ignore[no-untyped-def]
    event = only(read(sentence))
    assert event.kind == "Airstrike"
    assert labels(event.perpetrators) in (["United States"], ["US military"])
    assert event.claim_kind == "confirmed"
    assert labels(event.locations) == ["Baghdad"]
    assert event.date is not None and event.date.value == "2024-01-31"


def test_generic_descriptions_are_not_actors(read) -> None:  # type: ignore[no-untyped-def]
    event = only(read("Iran-backed militias fired rockets at Ain al-Asad on Thursday."))
    assert event.perpetrators == [] and event.claimants == [] and event.claim_kind == "unknown"


def test_an_attack_without_a_named_actor_is_still_an_event(read) -> None:  # type: ignore[no-untyped-def]
    event = only(read("Three drones targeted Erbil airport late on Friday."))
    assert event.claim_kind == "unknown"
    assert labels(event.targets) == ["Erbil International Airport"]


# ---------------------------------------------------------------------- who says so


@pytest.mark.parametrize(
    "text",
    [
        "Kata'ib Hezbollah claimed responsibility for a drone attack on Tower 22 on Sunday.",
        "On Sunday a drone attack hit Tower 22. Kata'ib Hezbollah claimed responsibility for the attack.",
        "Kata'ib Hezbollah said it had launched a drone at Tower 22 on Sunday.",
        "Kata'ib Hezbollah, one of the strongest factions, later claimed the drone attack on Tower 22 on Sunday.",
    ],
)
def test_a_groups_own_claim(read, text) -> None:  # type: ignore[no-untyped-def]
    event = only(read(text))
    assert event.claim_kind == "claimed"
    assert labels(event.claimants) == ["Kata'ib Hezbollah"]
    assert event.perpetrators == []


@pytest.mark.parametrize(
    "text",
    [
        "Rockets hit the US embassy in Baghdad on Friday. Officials held Kata'ib Hezbollah responsible for the attack.",
        "Rockets hit the US embassy in Baghdad on Friday. The Pentagon attributed the attack to Kata'ib Hezbollah.",
        "On Friday rockets hit the US embassy in Baghdad, an attack Washington blamed on Kata'ib Hezbollah.",
    ],
)
def test_a_third_partys_attribution(read, text) -> None:  # type: ignore[no-untyped-def]
    event = only(read(text))
    assert event.claim_kind == "attributed"
    assert labels(event.attributed_to) == ["Kata'ib Hezbollah"]
    assert event.claimants == [] and event.perpetrators == []


def test_an_unknown_group_is_minted_and_marked(read) -> None:  # type: ignore[no-untyped-def]
    event = only(
        read(
            "A group calling itself Saraya al-Muntaqimun claimed a rocket attack on Balad Air Base on Monday."
        )
    )
    claimant = event.claimants[0]
    assert claimant.label == "Saraya al-Muntaqimun" and claimant.kind == "ArmedGroup"
    assert not claimant.in_reference


def test_the_group_refers_to_the_last_named_armed_group(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Harakat al-Nujaba has warned US forces to leave Iraq. On Monday the group said it struck "
        "Ain al-Asad with drones."
    )
    assert labels(only(read(text)).claimants) == ["Harakat Hezbollah al-Nujaba"]


# ---------------------------------------------------------------------- not attacks


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon said 150 attacks have targeted US forces in Iraq and Syria since October.",
        "Of these attacks, 60 were aimed at bases in Iraq and 90 in Syria.",
        "The militia warned that it would strike Ain al-Asad if US forces did not leave.",
        "Kata'ib Hezbollah vowed to attack Harir air base.",
        "Kata'ib Hezbollah denied any role in attacks on Ain al-Asad.",
        "US bases have faced a wave of drone attacks since the autumn.",
        "The Pentagon redirected a carrier strike group to the region.",
        "Targets included Harir air base and Ain al-Asad.",
        "The football club praised its attack after the match in Erbil on Friday.",
    ],
)
def test_counts_threats_denials_series_and_other_words_are_not_attacks(read, text) -> None:  # type: ignore[no-untyped-def]
    assert attacks(read(text)) == []


def test_counts_are_kept_as_aggregate_statements(read) -> None:  # type: ignore[no-untyped-def]
    extraction = read(
        "The Pentagon said 150 attacks have targeted US forces in Iraq and Syria since October."
    )
    assert [a.count for a in extraction.aggregates] == [150]


# ---------------------------------------------------------------------- one event per attack


def test_sentences_about_one_attack_become_one_event_with_every_mention(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rockets hit Ain al-Asad air base on Tuesday. The rocket attack on Ain al-Asad caused minor damage, "
        "officials said."
    )
    event = only(read(text))
    assert len(event.evidence) == 2
    assert "damage" in event.outcomes


def test_attacks_on_one_site_on_different_days_stay_apart(read) -> None:  # type: ignore[no-untyped-def]
    text = "Rockets hit Ain al-Asad on Tuesday. Drones struck Ain al-Asad again on Thursday."
    assert sorted(e.date.value for e in attacks(read(text)) if e.date) == ["2024-01-30", "2024-02-01"]


# ---------------------------------------------------------------------- outcome


def test_interception_is_the_outcome_of_the_attack_it_stopped(read) -> None:  # type: ignore[no-untyped-def]
    extraction = read("A drone targeted Erbil airport on Friday. It was shot down by the Peshmerga.")
    event = only(extraction)
    assert "intercepted" in event.outcomes
    interception = next(e for e in extraction.events if e.kind == "Interception")
    assert interception.intercepts is event and labels(interception.interceptors) == ["Peshmerga"]


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("A drone struck Tower 22 on Sunday, killing three soldiers and wounding 34.", 3, 34),
        ("Two soldiers were killed when rockets hit Ain al-Asad on Sunday.", 2, None),
    ],
)
def test_casualties_per_source(read, sentence, killed, injured) -> None:  # type: ignore[no-untyped-def]
    event = only(read(sentence))
    assert (event.killed, event.injured) == (killed, injured)
    assert "casualties" in event.outcomes


def test_named_people_killed_are_victims(read) -> None:  # type: ignore[no-untyped-def]
    event = only(read("A US drone strike in Baghdad on Wednesday killed Abu Baqir al-Saadi."))
    assert labels(event.victims) == ["Abu Baqir al-Saadi"]


# ---------------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("Rockets hit Ain al-Asad late on Wednesday.", "2024-01-31", "day"),
        ("Rockets hit Ain al-Asad overnight.", "2024-02-03", "day"),
        ("Rockets hit Ain al-Asad earlier today.", "2024-02-03", "day"),
        ("Rockets hit Ain al-Asad in early January.", "2024-01", "month"),
        ("Rockets hit Ain al-Asad late last month.", "2024-01", "month"),
        ("Rockets hit Ain al-Asad on January 20.", "2024-01-20", "day"),
        ("Rockets hit Ain al-Asad on 20 December 2023.", "2023-12-20", "day"),
        ("Rockets hit Ain al-Asad on December 28.", "2023-12-28", "day"),
    ],
)
def test_dates_resolve_against_the_publication_date(read, sentence, value, precision) -> None:  # type: ignore[no-untyped-def]
    when = only(read(sentence)).date
    assert when is not None and (when.value, when.precision) == (value, precision)


def test_relative_days_follow_the_previous_event(read) -> None:  # type: ignore[no-untyped-def]
    text = "Rockets hit Ain al-Asad on Monday. The next day drones struck Harir air base."
    assert sorted(e.date.value for e in attacks(read(text)) if e.date) == ["2024-01-29", "2024-01-30"]


def test_an_undated_event_keeps_no_date_and_records_the_inference(read) -> None:  # type: ignore[no-untyped-def]
    when = only(read("Drones targeted Al-Tanf, a monitor reported.")).date
    assert when is not None and when.value is None
    assert when.basis == "inferredFromPublication" and when.latest == date(2024, 2, 3)


def test_a_historical_recap_keeps_its_own_date(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Tensions date back to the US killing of Qasem Soleimani at Baghdad airport in January 2020. "
        "On Friday rockets hit Ain al-Asad."
    )
    dates = sorted(e.date.value for e in attacks(read(text)) if e.date and e.date.value)
    assert dates == ["2020-01", "2024-02-02"]


def test_a_weekday_without_a_publication_date_is_left_unresolved(read) -> None:  # type: ignore[no-untyped-def]
    when = only(read("Rockets hit Ain al-Asad on Tuesday.", published=None)).date
    assert when is None or when.value is None


# ---------------------------------------------------------------------- discourse


def test_a_question_is_not_a_claim(read) -> None:  # type: ignore[no-untyped-def]
    text = "Rockets hit Ain al-Asad on Friday. Did Kata'ib Hezbollah claim the attack?"
    assert only(read(text)).claim_kind == "unknown"


@pytest.mark.parametrize(
    "follow_up",
    [
        "Officials assess that Kata'ib Hezbollah was responsible.",
        "Kata'ib Hezbollah claimed responsibility.",
    ],
)
def test_a_later_sentence_names_who_did_it(read, follow_up) -> None:  # type: ignore[no-untyped-def]
    event = only(read(f"Rockets hit Ain al-Asad on Friday. Nobody was hurt. {follow_up}"))
    assert labels(event.claimants + event.attributed_to) == ["Kata'ib Hezbollah"]


def test_negated_damage_is_not_damage(read) -> None:  # type: ignore[no-untyped-def]
    assert (
        "damage"
        not in only(read("A rocket was fired at Ain al-Asad on Friday without causing damage.")).outcomes
    )


def test_an_interception_on_another_day_is_another_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Air defences shot down a drone heading towards Erbil airport on Friday. "
        "On January 26, two drones were downed over the same facility."
    )
    found = attacks(read(text))
    assert sorted(e.date.value for e in found if e.date) == ["2024-01-26", "2024-02-02"]
    assert all("intercepted" in e.outcomes for e in found)


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("An IED struck a coalition convoy near the town of Afak on Wednesday, killing two.", "Afak"),
        ("Rockets hit a checkpoint in Shirqat on Monday, the army said.", "Shirqat"),
        ("Drones struck a depot outside the village of Abu Hamam late on Monday.", "Abu Hamam"),
    ],
)
def test_a_town_the_gazetteer_does_not_know_is_minted_for_review(read, sentence, place) -> None:  # type: ignore[no-untyped-def]
    event = only(read(sentence))
    assert [(p.label, p.in_reference, p.kind) for p in event.locations] == [(place, False, "City")]


@pytest.mark.parametrize(
    "sentence",
    [
        "A drone attack reported in Telegram channels hit Ain al-Asad on Monday.",
        "In July rockets hit Ain al-Asad air base.",
        "Rockets hit Ain al-Asad in Anbar on Monday.",
    ],
)
def test_no_place_is_minted_from_other_capitalized_words(read, sentence) -> None:  # type: ignore[no-untyped-def]
    assert all(p.in_reference for e in attacks(read(sentence)) for p in e.targets + e.locations)
