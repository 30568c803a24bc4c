"""The intervals time expressions stand for, and the year of a date written without one.

Helpers of kg.extract.timex: a day, a week, a month or a year as an EventDate, the weekday before
a page's date, and the year a year-less "October 17" gets from the context.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from kg.extract.model import EventDate

_EARLY_PAGE_DAYS = 2  # how far a page's date may lie before the day it tells (kg.ingest.pubdate's _NEAR)
Resolver = Callable[[date | None, date | None], EventDate | None]


def week_of(first: date, last: date, text: str) -> EventDate:
    """A week: its month as the value when the whole week lies in one month ("last week" in late July)."""
    month = (
        f"{first.year:04d}-{first.month:02d}"
        if (first.year, first.month) == (last.year, last.month)
        else None
    )
    return EventDate(month, "month" if month else None, first, last, "resolved", text)


def day_of(value: date, basis: str, text: str, earliest: date | None = None) -> EventDate:
    return EventDate(value.isoformat(), "day", earliest or value, value, basis, text)


def month_of(year: int, month: int, basis: str, text: str) -> EventDate:
    last = calendar.monthrange(year, month)[1]
    return EventDate(
        f"{year:04d}-{month:02d}", "month", date(year, month, 1), date(year, month, last), basis, text
    )


def year_of(year: int, text: str) -> EventDate:
    return EventDate(f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31), "stated", text)


def year_for(month: int, day: int | None, pub: date | None) -> int | None:
    """The year of a month (and day) given without one: the page's, or the year before for a month
    later than the page's ("October 17" on a page of March). A day of the page's own month up to two
    days after it stays in its year: a page date a day or two early (a time zone, a crawl) is
    likelier than a year-old attack told without its year; a later one would lie in the future."""
    if pub is None:
        return None
    if month == pub.month and day is not None and day > pub.day + _EARLY_PAGE_DAYS:
        return pub.year - 1
    return pub.year - 1 if month > pub.month else pub.year


def day_near(month: int, day: int, anchor: date, pub: date | None) -> date | None:
    """MONTH/DAY in the year that puts it nearest ANCHOR (a date the text gave), not after the page's month.

    >>> day_near(1, 9, date(2023, 12, 25), None)
    datetime.date(2024, 1, 9)
    >>> day_near(10, 18, date(2023, 11, 17), None)
    datetime.date(2023, 10, 18)
    """
    readings = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            reading = date(year, month, day)
        except ValueError:
            continue
        if pub is None or (reading.year, reading.month) <= (pub.year, pub.month):
            readings.append(reading)
    return min(readings, key=lambda d: abs(d - anchor)) if readings else None


def year_less_day(month: int, day: int, text: str, anchor: date | None = None) -> Resolver:
    """ "October 17": its year from ANCHOR (a date told beside it), else from the page's date, else
    from the last dated event before it (a timeline, a page without a date); else unknown."""

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        context = anchor or (prev if pub is None else None)
        if context is not None:
            found = day_near(month, day, context, pub)
            return day_of(found, "resolved", text) if found else None
        year = year_for(month, day, pub)
        if year is None:
            return None
        try:
            return day_of(date(year, month, day), "resolved", text)
        except ValueError:
            return None

    return resolve


def weekday_before(pub: date, weekday: int, *, strictly: bool = False) -> date:
    back = (pub.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return pub - timedelta(days=back)


def month_day_before(number: int, text: str) -> Resolver:
    """ "on the 5th": that day of the page's month, or of the month before for a day later than the page's."""

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        if pub is None:
            return None
        index = pub.year * 12 + pub.month - 1 - (number > pub.day)
        try:
            return day_of(date(index // 12, index % 12 + 1, number), "resolved", text)
        except ValueError:
            return None

    return resolve


def weekend_before(text: str, *, earlier: bool = False) -> Resolver:
    """ "over the weekend": the Saturday and Sunday before the page (the page's own on a weekend);
    EARLIER ("last weekend" on a weekend page): the one before that."""

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        if pub is None:
            return None
        saturday = weekday_before(pub, 5)
        if earlier and pub.weekday() >= 5:
            saturday -= timedelta(days=7)
        return week_of(saturday, min(saturday + timedelta(days=1), pub), text)

    return resolve


def reported_on(day: EventDate) -> EventDate:
    """The date of an attack known only by the day it was reported: on that day or before it."""
    return EventDate(None, None, None, day.latest, "reportDate", day.expression)
