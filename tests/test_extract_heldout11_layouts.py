"""Layouts and phrasings of a fourth blind set (heldout11): an HTML table of dated incidents, a live page
headed by clock times, one place told at two grains, a day told after an anniversary's attack word.
One general rule each.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

from extract_support import attacks, labels

from kg.ingest.html import html_to_text


def _day(event) -> str | None:  # type: ignore[no-untyped-def]
    return event.date.value if event.date else None


# ---------------------------------------------------------------------- an HTML table


def test_the_cells_of_an_html_table_row_are_split() -> None:
    markup = (
        "<html><body><main><p>Selected incidents.</p><table><tr><th>Date</th><th>Where</th><th>What</th></tr>"
        "<tr><td>4 Jan 2023</td><td>Harir air base</td><td>Two drones hit a hangar.</td></tr></table>"
        "</main></body></html>"
    )
    text = html_to_text(markup).text
    assert "4 Jan 2023 | Harir air base | Two drones hit a hangar." in text
    assert "Date | Where | What" in text


def test_a_row_of_an_html_table_is_dated_by_its_date_cell(read) -> None:  # type: ignore[no-untyped-def]
    markup = (
        "<html><body><main><p>Attacks we could confirm.</p><table>"
        "<tr><td>4 Jan 2023</td><td>Harir air base</td><td>Two drones hit a hangar.</td></tr>"
        "<tr><td>9 Feb 2023</td><td>Ain al-Asad air base</td><td>Rockets land near the runway.</td></tr>"
        "</table></main></body></html>"
    )
    events = attacks(read(html_to_text(markup).text))
    got = sorted((labels(e.targets)[0], e.kind, _day(e)) for e in events)
    assert got == [
        ("Ain al-Asad Air Base", "RocketAttack", "2023-02-09"),
        ("Harir Air Base", "DroneAttack", "2023-01-04"),
    ]


# ---------------------------------------------------------------------- a live page headed by clock times


def test_a_live_page_entry_with_no_day_is_of_the_page_day(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Latest: rockets over Baghdad\n\n"
        "11:05 p.m.\n\nThe army says two rockets were fired at the Green Zone. Nobody was hurt.\n\n"
        "8:30 p.m.\n\nSirens sound across the centre of the capital.\n"
    )
    (event,) = attacks(read(text, published=date(2022, 5, 14)))
    assert _day(event) == "2022-05-14"


def test_without_clock_headings_an_undated_attack_stays_undated(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rockets over Baghdad\n\nThe army says two rockets were fired at the Green Zone. Nobody was hurt.\n"
    )
    (event,) = attacks(read(text, published=date(2022, 5, 14)))
    assert event.date is None or event.date.basis == "inferredFromPublication"


# ---------------------------------------------------------------------- one place at two grains


def test_a_site_and_the_site_that_holds_it_are_one_attack(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rockets target US Embassy in Baghdad's Green Zone\n\n"
        "Two rockets were fired at the Green Zone late on Friday, the army said.\n"
    )
    assert len(attacks(read(text))) == 1


# ---------------------------------------------------------------------- an anniversary's own day


def test_a_day_after_the_attack_word_of_an_anniversary_is_that_attacks_day(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The rally came a week before the second anniversary of the killing of a militia chief in an "
        "American drone strike on Feb. 10 near Baghdad airport."
    )
    (event,) = attacks(read(text))
    assert _day(event) == "2022-02-10"


# ---------------------------------------------------------------------- a day of the month counted from the last


def test_days_later_on_a_day_of_the_month_counts_from_the_day_told_before(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On 6 November, rockets struck Harir air base. "
        "Eight days later, on the 14th, American jets struck a depot near Abu Kamal."
    )
    got = sorted(_day(e) for e in attacks(read(text)))
    assert got == ["2023-11-06", "2023-11-14"]


def test_a_bare_day_is_of_the_month_the_sentence_named_before_it(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rockets hit Harir air base on Friday. The base was hit before: in November, a drone struck its "
        "runway on the 12th of the month."
    )
    got = sorted(_day(e) or "" for e in attacks(read(text)))
    assert got == ["2023-11-12", "2024-02-02"]


# ---------------------------------------------------------------------- a photo gallery


def test_a_gallery_page_is_read_from_its_captions_without_credits() -> None:
    slides = "".join(
        f'<figure><img src="{n}.jpg"><figcaption>{n}/2 - {caption} <span class="credit">Photo: Staff</span>'
        "</figcaption></figure>"
        for n, caption in enumerate(
            ["Firefighters at Harir air base after two drones hit a hangar on Monday.", "A street in Erbil."],
            1,
        )
    )
    markup = f"<html><body><main><h1>In pictures: drones over Erbil</h1>{slides}</main></body></html>"
    text = html_to_text(markup).text
    assert "two drones hit a hangar on Monday" in text
    assert "Photo: Staff" not in text


def test_an_article_with_a_long_text_keeps_its_captions_out() -> None:
    body = "<p>" + "Officials met in Baghdad on Monday to discuss the budget. " * 12 + "</p>"
    figure = "<figure><figcaption>Rockets hit Harir air base on Sunday.</figcaption></figure>"
    text = html_to_text(f"<html><body><main>{body}{figure}</main></body></html>").text
    assert "Rockets hit" not in text


# ---------------------------------------------------------------------- an aside about a placed site


def test_an_aside_after_a_landmark_is_about_the_site_it_places(read) -> None:  # type: ignore[no-untyped-def]
    text = "Soldiers stand at the Harir base near the Erbil airport, where two rockets fell on Friday night."
    (event,) = attacks(read(text))
    assert labels(event.targets) == ["Harir Air Base"]


def test_a_day_of_the_month_before_a_dashed_aside(read) -> None:  # type: ignore[no-untyped-def]
    text = "The strikes we carried out on the 28th - as I said - hit depots near Abu Kamal."
    (event,) = attacks(read(text))
    assert _day(event) == "2024-01-28"
