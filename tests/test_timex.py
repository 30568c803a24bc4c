"""Time expressions: the cue pre-filter never hides a rule that would have matched.

Each rule of kg.extract.timex runs only when the sentence holds one of its cue words; a cue
missing for some wording would silently drop that date. The check runs every rule on every
sentence of the bundled and held-out corpora, and on one example wording per rule.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from kg.extract.timex import _candidate_rules, find_time_expressions
from kg.extract.timex_rules import CUES, RULES

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [
    ROOT / "examples" / "articles",
    ROOT.parent / "shared" / "corpus" / "seeds",
    *sorted((ROOT / "tests" / "data").glob("heldout*")),
]
# One wording per rule, in the rules' order, in the case a wire headline might use.
WORDINGS = [
    "Two Weeks Before The Second Anniversary Of",
    "In December Of That Year",
    "It happened on JANUARY 19, 2024 and 2024-01-19",
    "announced on 6/2/2024 that",
    "posted on 2024/02/06 at",
    "rockets hit on Oct. 17",
    "drones struck on the 8th of February",
    "Ten Days Later, On The 25th",
    "drones struck on the 5th, officials said",
    "the attacks of late December 2023",
    "a strike late last month",
    "LAST OCTOBER",
    "since mid-November",
    "during 2020",
    "LATE ON WEDNESDAY NIGHT",
    "Earlier Today",
    "The Day Before Yesterday",
    "Yesterday",
    "Overnight",
    "THREE DAYS AGO",
    "Two Weeks Ago",
    "In The Past 24 Hours",
    "Over The Weekend",
    "Last Week",
    "The Previous Week",
    "Three Days After Christmas",
    "on New Year's Eve",
    "Hours Later",
    "The Following Day",
    "The Previous Day",
    "Two Days Later",
    "The Attack Came Two Days After",
    "Two Days Earlier",
    "Two Days After The Attack",
    "In Response, the coalition shelled",
    "On That Same Day",
    "The Attack Took Place At Dawn",
]


def _sentences() -> list[str]:
    found = list(WORDINGS)
    for corpus in CORPORA:
        for path in sorted(corpus.iterdir()):
            if path.suffix in {".txt", ".html"}:
                found += re.split(r"(?<=[.!?])\s+|\n", path.read_text(encoding="utf-8"))
    return found


def test_there_is_one_example_wording_and_one_cue_list_per_rule() -> None:
    assert len(WORDINGS) == len(RULES) == len(CUES)
    for k, (pattern, _, _) in enumerate(RULES):
        assert pattern.search(WORDINGS[k]), f"rule {k} does not match its example {WORDINGS[k]!r}"


def test_every_rule_that_matches_is_a_candidate() -> None:
    sentences = _sentences()
    missed = [
        (k, sentence)
        for sentence in sentences
        for k, (pattern, _, _) in enumerate(RULES)
        if pattern.search(sentence) and k not in _candidate_rules(sentence)
    ]
    assert len(sentences) > 200
    assert missed == []


def test_a_sentence_without_cues_has_no_time_expression() -> None:
    assert _candidate_rules("Militants fired at the base, officials said.") == []
    assert list(find_time_expressions("Militants fired at the base, officials said.")) == []


def test_that_day_is_the_day_named_before_it() -> None:
    found = list(find_time_expressions("No attacks since Feb. 4, although on that day a drone hit a base"))
    assert [t.text for t in found] == ["on that day"]
    assert found[0].resolve(date(2024, 2, 9), date(2024, 2, 7)).value == "2024-02-04"


def test_days_after_a_holiday() -> None:
    (found,) = find_time_expressions("The base was hit three days after Christmas")
    assert found.resolve(date(2024, 1, 5), date(2024, 1, 2)).value == "2023-12-28"
    (eve,) = find_time_expressions("rockets fell on New Year's Eve")
    assert eve.resolve(date(2024, 1, 5), None).value == "2023-12-31"


def test_in_response_is_the_day_before_it_unless_a_day_is_given() -> None:
    (found,) = find_time_expressions("In response, the coalition shelled militia positions.")
    assert found.resolve(date(2024, 2, 5), date(2024, 2, 4)).value == "2024-02-04"
    given = find_time_expressions("In response, on Tuesday U.S. forces struck three facilities.")
    assert [t.text for t in given] == ["on Tuesday"]


def _dates(sentence: str, pub: date | None, prev: date | None = None) -> list[str | None]:
    return [(d.value if (d := t.resolve(pub, prev)) else None) for t in find_time_expressions(sentence)]


def test_without_a_page_date_relative_days_stay_unresolved() -> None:
    # no page date: "on Saturday", "yesterday", "last week" are no day at all, whatever else is near
    assert _dates("Drones hit the base on Saturday, as 4-9 militiamen fled on 12 trucks", None) == [None]
    assert _dates("Rockets struck the airport yesterday", None, date(2023, 5, 2)) == [None]
    assert _dates("A convoy was hit last week", None) == [None]


def test_a_year_less_date_takes_the_page_year_or_the_one_before_for_a_later_month() -> None:
    assert _dates("Rockets hit the base on October 17", date(2024, 3, 5)) == ["2023-10-17"]
    assert _dates("Rockets hit the base on February 17", date(2024, 3, 5)) == ["2024-02-17"]
    # a later day of the page's own month: the page date is likelier a day early than the attack a year old
    assert _dates("Drones struck on March 6", date(2024, 3, 5)) == ["2024-03-06"]
    # a day well after the page's, in its month, would lie in the future: the year before
    assert _dates("Drones struck on March 20", date(2024, 3, 5)) == ["2023-03-20"]


def test_a_year_less_date_takes_the_year_of_a_date_beside_it() -> None:
    assert _dates("Bases were hit between Dec. 30 and Jan. 2, 2024", date(2024, 8, 1)) == [
        "2023-12-30",
        "2024-01-02",
    ]
    # a retrospective page: the year told in the sentence, not the page's
    assert _dates("A drone hit it on Oct. 17, 2022 and again on Oct. 19", date(2024, 8, 1)) == [
        "2022-10-17",
        "2022-10-19",
    ]


def test_a_timeline_without_a_page_date_takes_the_year_of_the_entry_before() -> None:
    # entries in order: Dec. 25, 2023 told before, so "Jan. 9" is 2024 and "Nov. 17" is 2023
    assert _dates("Jan. 9 - A strike hits a rocket launcher", None, date(2023, 12, 25)) == ["2024-01-09"]
    assert _dates("Nov. 17 - Drones target a base", None, date(2023, 12, 25)) == ["2023-11-17"]
    assert _dates("Nov. 17 - Drones target a base", None, None) == [None]


def test_a_timeline_entry_under_a_month_in_capitals_is_dated(read) -> None:  # type: ignore[no-untyped-def]
    # "OCT." in capitals must not end the sentence before its day
    found = read(
        "Attacks since October\n\nOCT. 18 – Drones targeted Ain al-Asad air base.\n", date(2024, 1, 28)
    )
    assert [e.date.value for e in found.events if e.date] == ["2023-10-18"]


def test_an_anniversary_dates_the_event_it_names_years_before_the_page() -> None:
    sentence = "The barrage fell on the third anniversary of the raid that killed the commander"
    assert _dates(sentence, date(2024, 1, 3)) == ["2021-01-03"]
    assert _dates("It marked the 2nd anniversary of the convoy strike", None) == [None]


# A Thursday page: the relative dates outlets write, counted from it
THURSDAY = date(2020, 3, 12)


def test_a_weekday_of_last_week_is_in_the_calendar_week_before() -> None:
    assert _dates("Rockets hit the base on Wednesday last week", THURSDAY) == ["2020-03-04"]
    assert _dates("Rockets hit the base on Wednesday", THURSDAY) == ["2020-03-11"]


def test_a_day_of_the_month_alone() -> None:
    assert _dates("Rockets hit the base on the 5th, the ministry said", THURSDAY) == ["2020-03-05"]
    # a day after the page's: the month before
    assert _dates("Rockets hit the base on the 20th, when the convoy passed", THURSDAY) == ["2020-02-20"]
    # an ordinal that names a unit is no date
    assert _dates("Rockets hit the base on the 3rd Brigade's camp", THURSDAY) == []


def test_weeks_ago_the_day_before_yesterday_and_the_past_day() -> None:
    assert _dates("A drone struck the camp two weeks ago", THURSDAY) == ["2020-02-27"]
    assert _dates("A drone struck the camp a week ago", THURSDAY) == ["2020-03-05"]
    assert _dates("A drone struck the camp the day before yesterday", THURSDAY) == ["2020-03-10"]
    (past,) = find_time_expressions("Two drones struck the camp in the past 24 hours")
    found = past.resolve(THURSDAY, None)
    assert found is not None and found.value == "2020-03-12" and found.earliest == date(2020, 3, 11)


def test_the_weekend_is_the_saturday_and_sunday_before_the_page() -> None:
    (found,) = find_time_expressions("Drones struck the camp over the weekend")
    weekend = found.resolve(THURSDAY, None)
    assert weekend is not None and (weekend.earliest, weekend.latest) == (date(2020, 3, 7), date(2020, 3, 8))
    (last,) = find_time_expressions("Drones struck the camp last weekend")
    earlier = last.resolve(date(2020, 3, 8), None)  # a Sunday page: the weekend before its own
    assert earlier is not None and earlier.earliest == date(2020, 2, 29)


def test_earlier_in_the_week_is_the_week_of_the_page_and_a_year_first_date_is_a_day() -> None:
    assert _dates("Drones hit the base earlier in the week", THURSDAY) == ["2020-03"]
    assert _dates("Drones hit the base on 2020/03/10", THURSDAY) == ["2020-03-10"]
    assert _dates("Drones hit the base on 2020/13/10", THURSDAY) == [None]


@pytest.mark.parametrize(
    "sentence", ["Drones struck the base on the 4th of February, 2024.", "on 4th February 2024"]
)
def test_an_ordinal_day_of_a_month_with_its_year_is_that_day(sentence: str) -> None:
    assert _dates(sentence, date(2024, 2, 5)) == ["2024-02-04"]
