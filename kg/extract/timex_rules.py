"""The time rules: each a pattern, the resolver it builds and whether it is anchored on the event told
before. Order is priority; CUES lists, rule by rule, the words one of which the rule needs (kg.extract.timex
skips a rule whose cues a sentence lacks). A new way of writing a date is one entry here and one in CUES."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from kg.dates import MONTH_NAME, WEEKDAYS, find_dates, month_number
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
    "several": 3,
    "few": 3,
    "couple": 2,
}
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
_ORDINAL_RE = "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th)"
_MONTH_RE = MONTH_NAME
_WEEKDAY_RE = "|".join(WEEKDAYS)
_PART = r"(?:\s+(?:night|morning|evening|afternoon|nights))?"


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
_HOLIDAY_RE = r"(?P<h>Christmas(?:\s+Day|\s+Eve)?|New\s+Year'?s?\s+(?:Day|Eve))\b"
IN_RESPONSE = re.compile(r"^\W*in\s+(?:response|retaliation|reprisal)\s*,", re.IGNORECASE)
THAT_DAY = re.compile(r"\b(?:on\s+)?that\s+(?:same\s+)?day\b", re.IGNORECASE)


def _rules() -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], Resolver], bool]]:
    """(pattern, resolver factory, anchored on previous event) in priority order."""

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
        n = int(word[:-2]) if word[:1].isdigit() else _ORDINALS.index(word) + 1
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

    i = re.IGNORECASE
    return [
        (  # "at the second anniversary of the drone strike that killed X": X, N years before the page;
            # "two weeks before the first anniversary of X": the anniversary two weeks after the page
            re.compile(
                r"\b(?:(?P<k>\d+|a|one|two|three|four|five|six|seven)\s+(?P<unit>days?|weeks?)\s+"
                rf"(?P<dir>before|after|ahead\s+of)\s+)?(?:the\s+)?(?P<n>{_ORDINAL_RE})\s+anniversary\s+of\b",
                i,
            ),
            anniversary,
            False,
        ),
        (  # "In December of that year": the month of the year told just before
            re.compile(rf"\b(?:in\s+|early\s+|mid-?|late\s+)?(?P<month>{_MONTH_RE})\s+of\s+that\s+year\b", i),
            month_only,
            False,
        ),
        (
            re.compile(
                rf"\b{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b|\b\d{{1,2}}\s+{_MONTH_RE},?\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b",
                i,
            ),
            full,
            False,
        ),
        (
            # "01/28/24" (trackers, US forms): a two-digit year only after a slash
            re.compile(r"\b(?P<a>\d{1,2})([/.-])(?P<b>\d{1,2})\2(?P<year>(?:19|20)\d\d|(?<=/)\d\d)\b"),
            numeric,
            False,
        ),
        (  # "2024/01/31", "2024.01.31": year first, then month and day, as some outlets write
            re.compile(r"\b(?P<year>(?:19|20)\d\d)([/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})\b"),
            year_first,
            False,
        ),
        (
            re.compile(
                rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d\d)",
                i,
            ),
            month_day,
            False,
        ),
        (
            re.compile(
                rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})\b(?!\s*,?\s*(?:19|20)\d\d)",
                i,
            ),
            month_day,
            False,
        ),
        (  # "on the 5th," "on the 20th, when": a day of the month, followed by no noun ("the 5th Brigade")
            re.compile(
                r"\bon\s+the\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?:\s+of\s+th(?:is|e)\s+month\b)?"
                r"(?=\s*[,.;:)]|\s*$|\s+(?:when|at|in|as|after|before|while|during|morning|night|evening|afternoon)\b)",
                i,
            ),
            day_of_month,
            False,
        ),
        (
            re.compile(
                rf"\b(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[-\s]+)?(?P<month>{_MONTH_RE})(?:\s+of)?,?\s+(?P<year>(?:19|20)\d\d)\b",
                i,
            ),
            month_year,
            False,
        ),
        (
            re.compile(
                r"\b(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of)[-\s]+)?(?P<which>last|this|next)\s+month\b",
                i,
            ),
            relative_month,
            False,
        ),
        (  # "Last October, drones struck X"
            re.compile(rf"\blast\s+(?P<month>{_MONTH_RE})\b(?!\s*\d)", i),
            last_named_month,
            False,
        ),
        (
            re.compile(rf"\b(?:in\s+|early\s+|mid-?|late\s+|since\s+)(?P<month>{_MONTH_RE})\b(?!\s*\d)", i),
            month_only,
            False,
        ),
        (re.compile(r"\b(?:in|during|since)\s+(?P<year>(?:19|20)\d\d)\b", i), year_only, False),
        (
            re.compile(
                # "today, Friday" (communiqués name the day twice): one day, the weekday
                r"\b(?:(?:today|tonight|yesterday|this\s+(?:morning|evening))\s*,\s*)?"
                rf"(?:(?:late|early)\s+)?(?:on\s+)?(?P<last>last\s+)?(?P<weekday>{_WEEKDAY_RE})(?:['\u2019]s)?{_PART}\b"
                r"(?P<lastweek>,?\s+(?:of\s+)?last\s+week\b)?"
                # "Thursday, 4/1/2024", "Sunday, January 28": the date that follows says which one
                rf"(?!,?\s+(?:\d{{1,2}}[/.-]\d|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}|{_MONTH_RE}\s+\d))",
                i,
            ),
            weekday,
            False,
        ),
        (
            re.compile(r"\b(?:earlier\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b", i),
            days_back(0),
            False,
        ),
        (re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b", i), days_back(2), False),
        (re.compile(r"\byesterday\b|\blast\s+night\b", i), days_back(1), False),
        (
            re.compile(r"\bovernight\b|\bearly\s+(?:on\s+)?this\s+morning\b", i),
            days_back(0, overnight=True),
            False,
        ),
        (
            re.compile(r"\b(?P<n>\d+|two|three|four|five|six|seven|several|a\s+few|few)\s+days\s+ago\b", i),
            ago,
            False,
        ),
        (re.compile(r"\b(?P<n>\d|a|one|two|three|four)\s+weeks?\s+ago\b", i), weeks_ago, False),
        (  # "in the past 24 hours": the page's day or the night before it
            re.compile(
                r"\b(?:in|over|during|within)\s+the\s+(?:past|last)\s+(?:24|twenty-four)\s+hours\b", i
            ),
            days_back(0, overnight=True),
            False,
        ),
        (
            re.compile(
                r"\b(?:over|at|during|on)\s+the\s+(?:past\s+)?weekend\b|\b(?:this\s+past|last|this)\s+weekend\b",
                i,
            ),
            weekend,
            False,
        ),
        (re.compile(r"\b(?:(?P<which>last|this)|earlier\s+in\s+the)\s+week\b", i), week, False),
        (
            re.compile(r"\bthe\s+(?:previous|preceding)\s+week\b|\bthe\s+week\s+before\b", i),
            week_before,
            False,
        ),
        (  # "three days after Christmas": before the rules that count days from the previous event
            re.compile(
                rf"\b(?P<n>\d+|a|one|two|three|four|five|six|seven)\s+days?\s+(?P<dir>after|before)\s+{_HOLIDAY_RE}",
                i,
            ),
            holiday,
            False,
        ),
        (re.compile(rf"\b{_HOLIDAY_RE}", i), holiday, False),
        (
            re.compile(
                # ("shortly after midnight" is a time of day, not "after" what was told before)
                r"\bsubsequently\b|\b(?:hours|minutes|moments|shortly)\s+(?:later|after(?:wards)?)\b(?!\s+(?:midnight|noon|dawn|dusk|sunrise|sunset|\d))|\blater?\s+(?:that|the\s+same)\s+(?:day|night|evening)\b|\bthe\s+same\s+(?:day|morning|afternoon|evening|night)\b|\blater\s+on\b"
                # "earlier in the day", "later in the day", "earlier that day"
                r"|\b(?:earlier|later)\s+(?:in|during)\s+the\s+day\b|\bearlier\s+(?:that|the\s+same)\s+(?:day|night|evening|morning)\b"
                # "late that day", "around the same time", "immediately following the attack"
                r"|\b(?:around|about|at)\s+the\s+same\s+time\b|\bimmediately\s+(?:after|following)\b"
                # "Within minutes, helicopters went after the launch teams"
                r"|\bwithin\s+(?:minutes|the\s+hour|an\s+hour|hours)\b",
                i,
            ),
            after_previous(0),
            True,
        ),
        (
            re.compile(
                r"\b(?:the\s+(?:next|following)\s+(?:day|morning|night)|a\s+day\s+later|the\s+day\s+after)\b",
                i,
            ),
            after_previous(1),
            True,
        ),
        (
            re.compile(
                r"\b(?:the\s+(?:previous|prior)\s+day|a\s+day\s+(?:earlier|before)|the\s+day\s+before)\b", i
            ),
            after_previous(-1),
            True,
        ),
        (
            re.compile(r"\b(?P<n>\d+|two|three|four|five|six|seven)\s+days\s+later\b", i),
            days_after_previous,
            True,
        ),
        (  # "the attack came two days after militants fired rockets at X": X two days before
            re.compile(
                r"\b(?:came|comes|come|coming)\s+(?P<n>\d+|a|one|two|three|four|five|six|seven)\s+days?\s+after\b",
                i,
            ),
            days_before_previous,
            True,
        ),
        (
            re.compile(r"\b(?P<n>\d+|two|three|four|five|six|seven)\s+days\s+(?:earlier|before)\b", i),
            days_before_previous,
            True,
        ),
        (  # "Two days after the attack on X, jets struck Y"
            re.compile(r"\b(?P<n>\d+|two|three|four|five|six|seven)\s+days\s+after\b", i),
            days_after_previous,
            True,
        ),
        (  # "In response, the coalition shelled ...": an answer told with no date of its own, the same day
            IN_RESPONSE,
            after_previous(0),
            True,
        ),
        (  # "on that day": the day named just before (see find_time_expressions), else the last event's
            THAT_DAY,
            after_previous(0),
            True,
        ),
        (  # "at dawn" with no day named: the day told before ("The attack took place at dawn"), else the
            # day of the report, as "this morning"
            re.compile(
                r"\b(?:at|before|just\s+before|shortly\s+before)\s+dawn\b"
                rf"(?!,?\s+(?:on|of|today|tonight|yesterday|this|{_WEEKDAY_RE})\b)",
                i,
            ),
            same_day_or_page,
            True,
        ),
    ]


RULES = _rules()

# Words one of which each rule above needs, in order ("#" stands for any digit). Most sentences
# hold none of a rule's cues, and a substring test is far cheaper than running the rule's regex.
_MONTH_CUES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
CUES: list[tuple[str, ...]] = [
    ("anniversary",),
    ("that year",),
    (*_MONTH_CUES, "#"),
    ("#",),
    ("#",),
    _MONTH_CUES,
    _MONTH_CUES,
    ("#",),
    _MONTH_CUES,
    ("month",),
    _MONTH_CUES,
    _MONTH_CUES,
    ("#",),
    tuple(WEEKDAYS),
    ("today", "this", "tonight"),
    ("yesterday",),
    ("yesterday", "last"),
    ("overnight", "this"),
    ("ago",),
    ("ago",),
    ("hours",),
    ("weekend",),
    ("week",),
    ("week",),
    ("christmas", "new year"),
    ("christmas", "new year"),
    ("subsequently", "late", "after", "same", "immediately", "earlier", "within"),
    ("next", "following", "later", "after"),
    ("previous", "prior", "earlier", "before"),
    ("later",),
    ("after",),
    ("earlier", "before"),
    ("after",),
    ("in re",),  # in response / retaliation / reprisal
    ("that day", "same"),
    ("dawn",),
]
assert len(CUES) == len(RULES), "every time rule needs its cues"
