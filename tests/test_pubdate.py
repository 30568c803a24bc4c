"""The page's own date: date lines in any common format, datelines, the store's marker, addresses,
HTML metadata and JSON Lines fields (kg.ingest.pubdate). Every text here is made up."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.ingest import make_article, read_file
from kg.ingest.html import html_to_text
from kg.ingest.pubdate import find_page_date, find_publication_date, take_store_date

HEADLINE = "Rockets land near a base in western Iraq"
BODY = (
    "Several rockets landed near a base in western Iraq on Saturday, officials said, adding that"
    " nobody was hurt and that an investigation into the launch site had begun in the morning."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published 3 Mar 2024", date(2024, 3, 3)),
        ("By Staff Writer | March 3, 2024 4:12 PM GMT+3", date(2024, 3, 3)),
        ("03/03/2024 - 16:12", date(2024, 3, 3)),
        ("Thursday 14 December 2023 - 21:07", date(2023, 12, 14)),
        ("Saturday, 11/11/2023", date(2023, 11, 11)),
        ("Posted on 2024-01-19 by the news desk", date(2024, 1, 19)),
        ("Last updated: 2024/01/19 09:10", date(2024, 1, 19)),
    ],
)
def test_a_date_line_below_the_headline_in_any_common_format(line: str, expected: date) -> None:
    assert find_publication_date(f"{HEADLINE}\n{line}\n\n{BODY}\n") == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # a timestamp as a site's template prints it
        ("2020-03-12T14:05:00Z", date(2020, 3, 12)),
        # the publication cue wins over an update line above it, a shortened weekday between cue and date
        (
            "Last modified on Fri 13 Mar 2020 09.00 GMT\nFirst published on Thu 12 Mar 2020 14.05 GMT",
            date(2020, 3, 12),
        ),
        # a copied page glues the time to the year
        ("By A. Writer\nMarch 12, 20204:05 PM GMT+3Updated 3 hours ago", date(2020, 3, 12)),
        # a month name between hyphens, with a four- or two-digit year
        ("12-Mar-2020", date(2020, 3, 12)),
        ("Updated 14:05, 13-Mar-20", date(2020, 3, 13)),
        # Gulf outlets state the time in Mecca's zone: day first
        ("12/3/2020 14:05 (Mecca time)", date(2020, 3, 12)),
        # an AP copy: month first
        ("By AP | 03/12/2020", date(2020, 3, 12)),
        # a relative age is no date
        ("3 hours ago", None),
        # wire datelines without a date, and with one but no year, leave the page undated
        ("WASHINGTON (AP) — Officials said", None),
        ("BAGHDAD, March 12 (Wire Agency) - Officials said", None),
    ],
)
def test_header_formats_of_real_outlets(header: str, expected: date | None) -> None:
    assert find_publication_date(f"{HEADLINE}\n{header}\n\n{BODY}\n") == expected


def test_a_related_list_below_the_body_does_not_outrank_the_byline() -> None:
    text = (
        f"{HEADLINE}\nBy A. Writer | March 12, 2020\n\n{BODY}\n\nRelated\n"
        "Posted March 1, 2019: Drones fall near an airport\n"
    )
    assert find_publication_date(text) == date(2020, 3, 12)


@pytest.mark.parametrize(
    "line",
    [
        "The drone struck the outpost on January 28, 2024.",
        "It was designated a terrorist group on July 2, 2009.",
        "The first attack came on October 17, 2023, at a base in the west of the country and",
    ],
)
def test_a_short_sentence_that_tells_a_date_is_no_date_line(line: str) -> None:
    # an explainer or a question-and-answer page: short lines of the story under the headline
    assert find_publication_date(f"{HEADLINE}\n\n{line}\n\n{BODY}\n") is None
    assert find_publication_date(
        f"{HEADLINE}\nBy A. Writer and B. Writer | March 3, 2024\n\n{line}\n"
    ) == date(2024, 3, 3)


def test_a_publication_cue_below_the_lead_paragraph_still_dates_the_page() -> None:
    # some pages print the lead first and the byline under it
    text = f"{HEADLINE}\n\n{BODY}\n\nNews Desk | Updated: 12-08-2020 09:10 | Created: 11-08-2020 08:00\n"
    assert find_publication_date(text) == date(2020, 8, 11)


def test_the_span_of_a_war_in_an_infobox_is_not_the_page_date() -> None:
    text = f"{HEADLINE}\nDate: 17 October 2023 – 4 February 2024\nLocation: Iraq\n\n{BODY}\n"
    assert find_publication_date(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a weekday on the line: 4 November 2023 was a Saturday, 11 April 2023 a Tuesday
        ("Saturday, 04/11/2023", date(2023, 11, 4)),
        ("03.04.2024 10:00", date(2024, 4, 3)),  # dots: day first
        ("03/04/2024 10:00 AM ET", date(2024, 3, 4)),  # a US time zone: month first
        ("03/04/2024 10:00 IST", date(2024, 4, 3)),
        ("03/04/2024 10:00", None),  # nothing decides: no date rather than a wrong one
    ],
)
def test_an_all_number_date_that_reads_two_ways(line: str, expected: date | None) -> None:
    assert find_publication_date(f"{HEADLINE}\n{line}\n\n{BODY}\n") == expected


def test_the_page_habit_and_the_outlet_decide_an_all_number_date() -> None:
    habit = f"{HEADLINE}\n03/04/2024\n\n{BODY}\nAn earlier raid on 28/02/2024 was also reported.\n"
    assert find_publication_date(habit) == date(2024, 4, 3)
    agency = f"{HEADLINE}\n03/04/2024\nDAMASCUS (AFP) - {BODY}\n"
    assert find_publication_date(agency) == date(2024, 4, 3)


def test_the_store_marker_is_taken_out_of_the_text_and_dates_the_page() -> None:
    text, stored = take_store_date(f" date 2023-11-05 {HEADLINE}\n\n{BODY}\n")
    assert stored == date(2023, 11, 5) and text.startswith(HEADLINE)
    article = make_article("a.txt", f" date 2023-11-05 {HEADLINE}\n\n{BODY}\n", source="a.txt")
    assert article.published == date(2023, 11, 5) and "2023-11-05" not in article.text


def test_an_agency_dateline_wins_over_a_marker_a_day_off() -> None:
    # the text's relative dates ("on Monday") count from the dateline, not from the store's clock
    page = f" date 2024-01-01 {HEADLINE}\nMOSUL, Jan. 2 (Wire Agency) -- Drones struck a base on Tuesday.\n"
    assert make_article("a.txt", page, source="a.txt").published == date(2024, 1, 2)


def test_a_dateline_without_a_year_takes_it_from_elsewhere_or_stays_open() -> None:
    told = "ERBIL, Feb. 1 (Wire Agency) -- A drone hit the airport. It came after strikes on Dec. 30, 2023.\n"
    assert find_publication_date(told) == date(2024, 2, 1)
    assert find_publication_date("ERBIL, Feb. 1 (Wire Agency) -- A drone hit the airport.\n") is None
    tass = "MOSCOW, February 1. /WIRE/. A drone hit the airport, the ministry said on Dec. 30, 2023.\n"
    assert find_publication_date(tass) == date(2024, 2, 1)


def test_a_timeline_entry_is_no_dateline() -> None:
    text = "Attacks since the war began\n\nOCT. 18 – Drones target a base in Iraq.\n"
    assert find_publication_date(text) is None


def test_a_date_in_the_address() -> None:
    found = find_page_date(f"{HEADLINE}\n\n{BODY}\n", url="https://news.example/world/2024/01/28/base-hit/")
    assert found is not None and found.value == date(2024, 1, 28) and found.basis == "metadata"
    in_text = f"{HEADLINE}\nhttps://news.example/2023/11/05/rockets-iraq\n\n{BODY}\n"
    assert find_publication_date(in_text) == date(2023, 11, 5)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="og:article:published_time" content="2024-01-19T08:00:00Z">', date(2024, 1, 19)),
        ('<meta itemprop="datePublished" content="2024-01-19">', date(2024, 1, 19)),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"},'
            ' {"@type": "NewsArticle", "datePublished": "2024-01-19T10:00:00+03:00"}]}</script>',
            date(2024, 1, 19),
        ),
        ('<meta property="article:modified_time" content="2024-01-20T08:00:00Z">', date(2024, 1, 20)),
    ],
)
def test_html_metadata_dates_the_page(head: str, expected: date) -> None:
    page = html_to_text(f"<html><head>{head}</head><body><article><p>{BODY}</p></article></body></html>")
    assert page.published == expected


def test_a_time_element_in_a_sidebar_does_not_date_the_article() -> None:
    markup = (
        "<html><body><div class='related'><time datetime='2019-05-05'>old</time></div>"
        f"<article><span itemprop='datePublished' content='2024-01-19'></span><p>{BODY}</p>"
        "</article></body></html>"
    )
    assert html_to_text(markup).published == date(2024, 1, 19)
    marked = f"<html><body><aside><time datetime='2019-05-05'>x</time></aside><p>{BODY}</p>"
    marked += "<time class='publish-date' datetime='2024-01-19'>today</time></body></html>"
    assert html_to_text(marked).published == date(2024, 1, 19)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("published", "2024-01-19", date(2024, 1, 19)),
        ("datePublished", "2024-01-19T08:00:00Z", date(2024, 1, 19)),
        ("pubDate", "Fri, 19 Jan 2024 08:00:00 +0000", date(2024, 1, 19)),
        ("date", "January 19, 2024", date(2024, 1, 19)),
        ("published_at", 1705651200, date(2024, 1, 19)),
        ("published_at", 1705651200000, date(2024, 1, 19)),
    ],
)
def test_json_lines_date_fields(tmp_path: Path, field: str, value: object, expected: date) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": BODY, field: value}) + "\n")
    article = next(read_file(path))
    assert not isinstance(article, Exception)
    assert article.published == expected and article.published_basis == "metadata"


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Amman, 29/01/2024 (Petra) -- ", date(2024, 1, 29)),
        ("BAGHDAD, 29 January 2024 (INA) - ", date(2024, 1, 29)),
        ("Beijing, Jan. 29, 2024 (Xinhua) -- ", date(2024, 1, 29)),
        ("Erbil, Kurdistan Region, 29.01.2024 – ", date(2024, 1, 29)),
    ],
)
def test_a_dateline_with_a_full_date_and_a_place_in_any_case(opening: str, expected: date) -> None:
    found = find_page_date(f"{HEADLINE}\n\n{opening}{BODY}")
    assert found is not None and found.value == expected


def test_the_place_of_a_dateline_is_not_where_the_attack_was(read) -> None:  # type: ignore[no-untyped-def]
    text = f"{HEADLINE}\n\nAmman, 29/01/2024 (Petra) -- A drone struck the Tower 22 outpost on Sunday."
    (event,) = [e for e in read(text, None).events if e.kind != "Interception"]
    assert [p.label for p in event.targets + event.locations] == ["Tower 22"]
