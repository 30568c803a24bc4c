"""Calendar dates written in text: "January 19, 2024", "19 January 2024", "22-10-2023", "2024-01-19".

Shared by ingest (publication dates) and extraction (event dates). Pure functions, no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH = rf"(?P<month>{MONTH_NAME})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,\s*|\s+){_YEAR}\b", re.I),  # January 19, 2024
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),  # 19 January 2024
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),  # 2024-01-19
    re.compile(r"\b(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>(?:19|20)\d\d)\b"),  # 22-10-2023
]


@dataclass(frozen=True)
class DateMatch:
    value: date
    start: int
    end: int
    text: str


def month_number(word: str) -> int | None:
    """The month a name or abbreviation stands for.

    >>> month_number("Sept.")
    9
    >>> month_number("Monday") is None
    True
    """
    return MONTHS.get(word.lower().rstrip("."))


def find_dates(text: str) -> Iterator[DateMatch]:
    """Full calendar dates (day, month and year) in TEXT, in order of position.

    >>> [m.value.isoformat() for m in find_dates("Rudaw 22-10-2023, updated October 23, 2023")]
    ['2023-10-22', '2023-10-23']
    """
    seen: list[DateMatch] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s.start <= m.start() < s.end for s in seen):
                continue
            month_text = m.group("month")
            month = int(month_text) if month_text.isdigit() else month_number(month_text)
            try:
                value = date(int(m.group("year")), month or 0, int(m.group("day")))
            except ValueError:
                continue
            seen.append(DateMatch(value, m.start(), m.end(), m.group(0)))
    yield from sorted(seen, key=lambda d: d.start)


def parse_iso_date(value: str) -> date | None:
    """The date at the start of an ISO 8601 date or date-time string, or None.

    >>> parse_iso_date("2024-01-19T08:30:00+03:00")
    datetime.date(2024, 1, 19)
    >>> parse_iso_date("January 19, 2024")
    datetime.date(2024, 1, 19)
    """
    m = re.match(r"\s*(\d{4})-(\d\d)-(\d\d)", value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    found = next(find_dates(value), None)
    return found.value if found else None
