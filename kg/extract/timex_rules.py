"""The time rules: each a pattern, the resolver it builds (timex_resolvers.py) and whether it is anchored
on the event told before. Order is priority; CUES lists, rule by rule, the words one of which the rule
needs (kg.extract.timex skips a rule whose cues a sentence lacks). A new way of writing a date is one
entry here and one in CUES, and a resolver in timex_resolvers.py when none of those fits."""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.dates import MONTH_NAME, WEEKDAYS
from kg.extract.timespans import Resolver
from kg.extract.timex_resolvers import (
    ORDINALS,
    after_previous,
    ago,
    anniversary,
    day_of_month,
    days_after_previous,
    days_back,
    days_before_previous,
    days_later_on_day,
    full,
    holiday,
    last_named_month,
    month_day,
    month_only,
    month_year,
    numeric,
    relative_month,
    same_day_or_page,
    week,
    week_before,
    weekday,
    weekend,
    weeks_ago,
    year_first,
    year_only,
)

_ORDINAL_RE = "|".join(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th)"
_MONTH_RE = MONTH_NAME
_WEEKDAY_RE = "|".join(WEEKDAYS)
_PART = r"(?:\s+(?:night|morning|evening|afternoon|nights))?"
# the holidays of timex_resolvers._HOLIDAYS
_HOLIDAY_RE = r"(?P<h>Christmas(?:\s+Day|\s+Eve)?|New\s+Year'?s?\s+(?:Day|Eve))\b"
IN_RESPONSE = re.compile(r"^\W*in\s+(?:response|retaliation|reprisal)\s*,", re.IGNORECASE)
THAT_DAY = re.compile(r"\b(?:on\s+)?that\s+(?:same\s+)?day\b", re.IGNORECASE)


def _rules() -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], Resolver], bool]]:
    """(pattern, resolver factory, anchored on previous event) in priority order."""
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
                # "the 4th of February, 2024": an ordinal day and "of" before the month, too
                rf"\b{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
                rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE},?\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b",
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
        (  # "Ten days later, on the 25th", "Four days after that - so the 18th": counted from the day told
            # before, which says whose month the day is of
            re.compile(
                r"\b(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+days\s+"
                r"(?:later|after\s+that|afterwards)\s*[,\-\u2013\u2014]*\s*(?:on|so|that\s+is)\s+(?:on\s+)?the\s+"
                r"(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b",
                i,
            ),
            days_later_on_day,
            True,
        ),
        (  # "on the 5th," "on the 20th, when": a day of the month, followed by no noun ("the 5th Brigade")
            re.compile(
                r"\bon\s+the\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?:\s+of\s+th(?:is|e)\s+month\b)?"
                # "on the 27th - I'll remind you - hit": a dash opens an aside after the day
                r"(?=\s*[,.;:)\u2013\u2014]|\s+-\s|\s*$|\s+(?:when|at|in|as|after|before|while|during|morning|night|evening|afternoon)\b)",
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
    ("later", "after"),
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
