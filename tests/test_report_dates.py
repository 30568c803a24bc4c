"""A date that only dates the statement reporting an attack is not the attack's date when another
expression dates the attack (kg.extract.report_times). Every sentence here is made up; the page is
dated Saturday 2024-02-03."""

from __future__ import annotations

import pytest

from kg.extract.report_times import dates_a_statement

HEADLINE = "Rockets and drones hit bases in Iraq\n\n"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a statement noun between the reporting verb and the time
        (
            "The Pentagon said in a news conference on Saturday that a drone attacked Tower 22 on Thursday.",
            "2024-02-01",
        ),
        (
            "The group said in a Telegram post on Saturday that its fighters attacked Harir air base on Friday.",
            "2024-02-02",
        ),
        (
            "In a statement on Saturday, the coalition said rockets hit Ain al-Asad air base on Friday.",
            "2024-02-02",
        ),
        (
            "A spokesman said in a televised statement on Saturday that the strike on Jurf al-Sakhar was on Wednesday.",
            "2024-01-31",
        ),
        # a hearer named in capitals between "told" and the time
        (
            "Two officials told The Associated Press on Saturday that rockets hit Ain al-Asad air base on Friday.",
            "2024-02-02",
        ),
    ],
)
def test_the_date_of_a_statement_does_not_date_the_attack(read, sentence: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = read(HEADLINE + sentence)
    assert [e.date.value for e in found.events if e.date] == [expected]


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        ("The group said in a statement issued late on Friday that", True),
        ("officials told reporters on Friday that", True),
        ("according to a report carried on Friday by state media", True),
        # a place called a post, a hearer in lower case who is no outlet: the attack's time
        ("Militants attacked a border post on Friday", False),
        ("A source told him the base was hit on Friday", False),
    ],
)
def test_what_dates_a_statement(sentence: str, statement: bool) -> None:
    at = sentence.index("on Friday") if "late on" not in sentence else sentence.index("late on")
    assert dates_a_statement(sentence, at) is statement
