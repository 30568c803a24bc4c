"""Calendar dates written in text: "January 19, 2024", "19 January 2024", "22-10-2023", "2024-01-19".

Shared by ingest (publication dates) and extraction (event dates). Pure functions, no spaCy.

All-number dates: "28/01/2024" and "01/28/2024" can only be read one way, and are. "03/04/2024" can
be read both ways; :func:`find_dates` then gives the day-first reading as ``value`` (what Arab,
European and South Asian outlets write) and the month-first one as ``other``, and leaves the choice
to the caller, who may know the outlet's habit (see kg.ingest.pubdate).
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
    # 2024-01-19, and the day of a timestamp "2024-01-19T08:30:00Z"
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?:\b|(?=T\d))"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b"),  # 2024/01/19
    # 22-10-2023, 10/22/2023: which number is the day is decided in find_dates
    re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
]


@dataclass(frozen=True)
class DateMatch:
    value: date
    start: int
    end: int
    text: str
    other: date | None = None  # the month-first reading of an all-number date that has two
    separator: str = ""  # of an all-number date: "/", "-" or "."


def numeric_readings(a: int, b: int, year: int) -> list[date]:
    """The dates "A/B/YEAR" can stand for: day first, then month first; one when only one exists.

    >>> numeric_readings(3, 4, 2024)
    [datetime.date(2024, 4, 3), datetime.date(2024, 3, 4)]
    >>> numeric_readings(1, 28, 2024)
    [datetime.date(2024, 1, 28)]
    """
    readings: list[date] = []
    for day, month in ((a, b), (b, a)):
        try:
            reading = date(year, month, day)
        except ValueError:
            continue
        if reading not in readings:
            readings.append(reading)
    return readings


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
    >>> found = next(find_dates("03/04/2024"))
    >>> found.value, found.other
    (datetime.date(2024, 4, 3), datetime.date(2024, 3, 4))
    """
    seen: list[DateMatch] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s.start <= m.start() < s.end for s in seen):
                continue
            if "a" in m.groupdict():
                readings = numeric_readings(int(m.group("a")), int(m.group("b")), int(m.group("year")))
                if readings:
                    other = readings[1] if len(readings) > 1 else None
                    found = DateMatch(readings[0], m.start(), m.end(), m.group(0), other, m.group("sep"))
                    seen.append(found)
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
    """The date of a metadata value: ISO 8601, RFC 2822 (RSS), a written date, or a compact 20240119.

    An all-number date that reads two ways ("03/04/2024") gives None: metadata has no outlet cue.

    >>> parse_iso_date("2024-01-19T08:30:00+03:00")
    datetime.date(2024, 1, 19)
    >>> parse_iso_date("January 19, 2024")
    datetime.date(2024, 1, 19)
    >>> parse_iso_date("Sat, 20 Jan 2024 15:35:00 +0000")
    datetime.date(2024, 1, 20)
    >>> parse_iso_date("03/04/2024") is None
    True
    """
    m = re.match(r"\s*(\d{4})-?(\d\d)-?(\d\d)(?!\d)", value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    found = next(find_dates(value), None)
    return found.value if found and found.other is None else None


_URL_DATE = re.compile(
    r"(?<![\d])(?P<year>(?:19|20)\d\d)(?P<sep>[/_-]?)(?P<month>0[1-9]|1[0-2])(?P=sep)(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"
)


def date_in_url(url: str) -> date | None:
    """The date a web address carries in its path: /2024/01/28/, -2024-01-28-, 20240128.

    >>> date_in_url("https://example.com/world/2024/01/28/drone-hits-base/")
    datetime.date(2024, 1, 28)
    >>> date_in_url("https://example.com/news/20231105-strikes.html")
    datetime.date(2023, 11, 5)
    >>> date_in_url("https://example.com/article/123456") is None
    True
    """
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I)
    for m in _URL_DATE.finditer(path):
        try:
            return date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        except ValueError:
            continue
    return None
