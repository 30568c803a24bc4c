"""The resolvers of the time rules (timex_rules.py): each takes a rule's regex match and returns the
function that turns the publication date and the date told before into an EventDate, or None when
the article gives no date to count from. kg.extract.timex calls them for each expression it finds;
the date spans they build are in timespans.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from kg.dates import WEEKDAYS, find_dates, month_number
from kg.extract.model import EventDate
from kg.extract.timespans import (
    Resolver,
    day_of,
    month_day_before,
    month_of,
    week_of,
    weekday_before,
    weekend_before,
    year_for,
    year_less_day,
    year_of,
)

_NUMBERS = {
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 3,
    "few": 3,
    "couple": 2,
}
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]

# Holidays with a fixed day that articles date attacks by
_HOLIDAYS = {
    "christmas": (12, 25),
    "christmasday": (12, 25),
    "christmaseve": (12, 24),
    "newyearsday": (1, 1),
    "newyearday": (1, 1),
    "newyearseve": (12, 31),
    "newyeareve": (12, 31),
}


def full(m: re.Match[str]) -> Resolver:
    found = next(find_dates(m.group(0)))
    return lambda pub, prev: day_of(found.value, "stated", m.group(0))


def numeric(m: re.Match[str]) -> Resolver:
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
    year += 2000 if year < 100 else 0

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        readings = []
        for day, month in ((a, b), (b, a)):  # day first, as Arabic and European outlets write it
            try:
                readings.append(date(year, month, day))
            except ValueError:
                continue
        # "1/28/2024", or "4/1/2024" read as April in an article of February: the other reading
        fitting = [d for d in readings if pub is None or d <= pub] or readings
        return day_of(fitting[0], "stated", m.group(0)) if fitting else None

    return resolve


def year_first(m: re.Match[str]) -> Resolver:
    try:
        day = date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    except ValueError:
        return lambda pub, prev: None
    return lambda pub, prev: day_of(day, "stated", m.group(0))


def month_day(m: re.Match[str]) -> Resolver:
    return year_less_day(month_number(m.group("month")) or 1, int(m.group("day")), m.group(0))


def month_year(m: re.Match[str]) -> Resolver:
    month, year = month_number(m.group("month")) or 1, int(m.group("year"))
    return lambda pub, prev: month_of(year, month, "stated", m.group(0))


def month_only(m: re.Match[str]) -> Resolver:
    month = month_number(m.group("month")) or 1

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        year = year_for(month, None, pub)
        return None if year is None else month_of(year, month, "resolved", m.group(0))

    return resolve


def relative_month(m: re.Match[str]) -> Resolver:
    offset = {"last": -1, "this": 0, "next": 1}[m.group("which").lower()]

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        if pub is None:
            return None
        index = pub.year * 12 + pub.month - 1 + offset
        return month_of(index // 12, index % 12 + 1, "resolved", m.group(0))

    return resolve


def last_named_month(m: re.Match[str]) -> Resolver:
    """ "last October": the latest October before the page's month (of the year before, in October)."""
    month = month_number(m.group("month")) or 1

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        if pub is None:
            return None
        year = pub.year if month < pub.month else pub.year - 1
        return month_of(year, month, "resolved", m.group(0))

    return resolve


def week_before(m: re.Match[str]) -> Resolver:
    """ "the previous week": the seven days before the day told last (else the page's)."""

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        day = prev or pub
        if day is None:
            return None
        return week_of(day - timedelta(days=7), day - timedelta(days=1), m.group(0))

    return resolve


def year_only(m: re.Match[str]) -> Resolver:
    return lambda pub, prev: year_of(int(m.group("year")), m.group(0))


def weekday(m: re.Match[str]) -> Resolver:
    index = WEEKDAYS.index(m.group("weekday").lower())
    strictly = bool(m.group("last"))
    night = "night" in m.group(0).lower()
    last_week = bool(m.group("lastweek"))

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        if pub is None:
            return None
        day = weekday_before(pub, index, strictly=strictly)
        if last_week:  # "on Wednesday last week": that weekday of the calendar week before the page's
            day = pub - timedelta(days=pub.weekday() + 7 - index)
        # "Saturday night" may run past midnight into the next day.
        return EventDate(
            day.isoformat(), "day", day, day + timedelta(days=1) if night else day, "resolved", m.group(0)
        )

    return resolve


def days_back(n: int, *, overnight: bool = False) -> Callable[[re.Match[str]], Resolver]:
    def factory(m: re.Match[str]) -> Resolver:
        def resolve(pub: date | None, prev: date | None) -> EventDate | None:
            if pub is None:
                return None
            day = pub - timedelta(days=n)
            return day_of(
                day, "resolved", m.group(0), earliest=day - timedelta(days=1) if overnight else None
            )

        return resolve

    return factory


def weeks_ago(m: re.Match[str]) -> Resolver:
    n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS.get(m.group("n").lower(), 1)
    return days_back(7 * n)(m)


def day_of_month(m: re.Match[str]) -> Resolver:
    return month_day_before(int(m.group("day")), m.group(0))


def weekend(m: re.Match[str]) -> Resolver:
    return weekend_before(m.group(0), earlier=m.group(0).lower().startswith("last"))


def ago(m: re.Match[str]) -> Resolver:
    n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS.get(m.group("n").lower(), 1)
    return days_back(n)(m)


def after_previous(n: int) -> Callable[[re.Match[str]], Resolver]:
    def factory(m: re.Match[str]) -> Resolver:
        def resolve(pub: date | None, prev: date | None) -> EventDate | None:
            if prev is None:
                return None
            return day_of(prev + timedelta(days=n), "resolved", m.group(0))

        return resolve

    return factory


def same_day_or_page(m: re.Match[str]) -> Resolver:
    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        day = prev or pub
        return day_of(day, "resolved", m.group(0)) if day is not None else None

    return resolve


def days_after_previous(m: re.Match[str]) -> Resolver:
    n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS.get(m.group("n").lower(), 1)
    return after_previous(n)(m)


def days_later_on_day(m: re.Match[str]) -> Resolver:
    """ "Ten days later, on the 25th": the 25th nearest to ten days after the day told before (its month,
    not the page's); with nothing told before, the 25th before the page."""
    n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS.get(m.group("n").lower(), 1)
    number = int(m.group("day"))
    fallback = month_day_before(number, m.group(0))

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        if prev is None:
            return fallback(pub, prev)
        target = prev + timedelta(days=n)
        days = []
        for shift in (-1, 0, 1):
            index = target.year * 12 + target.month - 1 + shift
            try:
                days.append(date(index // 12, index % 12 + 1, number))
            except ValueError:
                continue
        if not days:
            return None
        return day_of(min(days, key=lambda d: abs((d - target).days)), "resolved", m.group(0))

    return resolve


def days_before_previous(m: re.Match[str]) -> Resolver:
    n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS.get(m.group("n").lower(), 1)
    return after_previous(-n)(m)


def week(m: re.Match[str]) -> Resolver:
    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        if pub is None:
            return None
        if (m.group("which") or "this").lower() == "last":
            monday = pub - timedelta(days=pub.weekday() + 7)
            return week_of(monday, monday + timedelta(days=6), m.group(0))
        monday = pub - timedelta(days=pub.weekday())
        return week_of(monday, pub, m.group(0))

    return resolve


def holiday(m: re.Match[str]) -> Resolver:
    """ "on Christmas Day", "three days after Christmas": a fixed holiday, moved by N days."""
    month, day = _HOLIDAYS[re.sub(r"[^a-z]", "", m.group("h").lower())]
    n = m.groupdict().get("n")
    shift = (int(n) if n.isdigit() else _NUMBERS.get(n.lower(), 1)) if n else 0
    if m.groupdict().get("dir", "").lower() == "before":
        shift = -shift

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        year = year_for(month, day, pub)
        if year is None:
            return None
        return day_of(date(year, month, day) + timedelta(days=shift), "resolved", m.group(0))

    return resolve


def anniversary(m: re.Match[str]) -> Resolver:
    word = m.group("n").lower()
    n = int(word[:-2]) if word[:1].isdigit() else ORDINALS.index(word) + 1
    k = m.group("k")
    shift = (int(k) if k.isdigit() else _NUMBERS.get(k.lower(), 1)) if k else 0
    shift *= 7 if k and m.group("unit").lower().startswith("week") else 1
    shift = -shift if k and m.group("dir").lower() == "after" else shift

    def resolve(pub: date | None, prev: date | None) -> EventDate | None:
        if pub is None or n <= 0:
            return None
        marked = pub + timedelta(days=shift)  # the anniversary's own day
        try:
            day = marked.replace(year=marked.year - n)
        except ValueError:  # 29 February
            day = marked.replace(year=marked.year - n, day=28)
        # an anniversary is marked on the day or within a few days of it
        return day_of(day, "resolved", m.group(0), earliest=day - timedelta(days=3))

    return resolve
