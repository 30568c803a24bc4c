"""Time expressions in a sentence, resolved against the publication date.

"on Saturday", "late on Wednesday", "Wednesday's", "overnight", "hours later", "the next day",
"earlier today", "early January", "late last month", "October 18", "January 2020", ... Each
resolution keeps its precision (day, month, year) and the interval it stands for. An expression
that needs a publication date the article does not have resolves to nothing rather than a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from kg.dates import MONTHS, find_dates, month_number
from kg.extract.model import EventDate
from kg.extract.timespans import Resolver, year_less_day
from kg.extract.timex_rules import CUES, IN_RESPONSE, RULES, THAT_DAY


@dataclass(frozen=True)
class TimeExpr:
    """A time expression found in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    text: str
    resolve: Resolver
    relative_to_previous: bool = False  # "hours later": anchored on the previous event's date
    month_day: tuple[int, int] | None = None  # "October 17": a day whose year the context gives
    fixed: date | None = None  # "October 17, 2023", "October 2023": a date the text alone gives
    year_less: bool = False  # "October 17", "in October": the year comes from the page or a heading
    that_year: bool = False  # "in December of that year": the year the text named last


_YEAR_LESS = frozenset({"month_day", "month_only", "holiday"})
_SINCE = re.compile(r"\bsince\s*$", re.IGNORECASE)
# "since February, when a drone strike killed ...": the clause after "when" is dated by it
_WHEN = re.compile(r",?\s*when\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# "on the 6th of the month", "on the 6th": a day whose month the sentence may name before it
_BARE_DAY = re.compile(r"on\s+the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+the\s+month)?", re.IGNORECASE)


_ALL_CUES = frozenset(cue for cues in CUES for cue in cues) - {"#"}
_CUE_SETS = [frozenset(cues) for cues in CUES]


def _candidate_rules(sentence: str) -> list[int]:
    """The rules that can match in SENTENCE: those with one of their cues in it."""
    low = sentence.lower()
    found = {cue for cue in _ALL_CUES if cue in low}
    if _DIGIT.search(sentence):
        found.add("#")
    return [k for k, cues in enumerate(_CUE_SETS) if not cues.isdisjoint(found)] if found else []


def find_time_expressions(sentence: str) -> Iterator[TimeExpr]:
    """Time expressions of SENTENCE, left to right, without overlaps and without "since ..." phrases.

    >>> found = list(find_time_expressions("On Saturday it struck the base, and hours later it struck again"))
    >>> [(t.text, t.relative_to_previous) for t in found]
    [('On Saturday', False), ('hours later', True)]
    >>> found[0].resolve(date(2023, 10, 22), None).value
    '2023-10-21'
    """
    taken: list[TimeExpr] = []
    bounds: list[TimeExpr] = []
    for k in _candidate_rules(sentence):
        pattern, factory, relative = RULES[k]
        for m in pattern.finditer(sentence):
            if any(t.start < m.end() and m.start() < t.end for t in taken) or any(
                t.start < m.end() and m.start() < t.end for t in bounds
            ):
                continue
            found = TimeExpr(
                m.start(),
                m.end(),
                m.group(0),
                factory(m),
                relative,
                *_parts(factory, m),
                year_less=factory.__name__ in _YEAR_LESS,
                that_year=m.group(0).lower().endswith("that year"),
            )
            if (
                _SINCE.search(sentence[: m.start()]) or m.group(0).lower().startswith("since")
            ) and not _WHEN.match(sentence, m.end()):
                bounds.append(found)  # "since Wednesday" bounds a series of attacks, it dates none of them
                continue
            taken.append(found)
    if len(taken) > 1:  # "In response, on Tuesday U.S. forces struck": the day given wins
        taken = [t for t in taken if not IN_RESPONSE.match(t.text)]
    if bounds or len(taken) > 1:
        taken = [_that_day(t, taken + bounds) for t in taken]
        taken = [_told_year(t, taken + bounds) for t in taken]
        taken = _day_of_told_month(taken)
    yield from sorted(taken, key=lambda t: t.start)


def _parts(
    factory: Callable[[re.Match[str]], Resolver], m: re.Match[str]
) -> tuple[tuple[int, int] | None, date | None]:
    """The (month, day) of a year-less date, and the date a full date or a month and year stand for."""
    groups = m.groupdict()
    if factory.__name__ == "month_day":
        return (month_number(groups["month"]) or 1, int(groups["day"])), None
    if factory.__name__ == "full":
        return None, next(find_dates(m.group(0))).value
    if factory.__name__ == "month_year":
        return None, date(int(groups["year"]), month_number(groups["month"]) or 1, 1)
    return None, None


def _told_year(expr: TimeExpr, found: list[TimeExpr]) -> TimeExpr:
    """ "between Dec. 30 and Jan. 2, 2024", "on Oct. 17, 2023 and again on Oct. 19": a year-less
    day takes its year from the nearest date of its sentence that has one."""
    if expr.month_day is None:
        return expr
    told = [t for t in found if t.fixed is not None]
    if not told:
        return expr
    nearest = min(told, key=lambda t: min(abs(t.start - expr.end), abs(expr.start - t.end)))
    assert nearest.fixed is not None
    month, day = expr.month_day
    return replace(expr, resolve=year_less_day(month, day, expr.text, nearest.fixed))


def _day_of_told_month(found: list[TimeExpr]) -> list[TimeExpr]:
    """ "In July, a drone struck near the airport on the 6th of the month": the bare day is of the month
    named just before it in the sentence (not the page's month), and the month names that one day."""
    out = list(found)
    for k, expr in enumerate(found):
        bare = _BARE_DAY.fullmatch(expr.text)
        months = [
            (j, t)
            for j, t in enumerate(found)
            if t.end <= expr.start and t.year_less and t.month_day is None
            if month_number(t.text.split()[-1])
        ]
        if bare is None or not months:
            continue
        j, told = max(months, key=lambda jt: jt[1].end)
        month = month_number(told.text.split()[-1]) or 1
        day = year_less_day(month, int(bare.group("day")), f"{told.text} ... {expr.text}")
        out[k] = replace(expr, resolve=day, month_day=(month, int(bare.group("day"))), year_less=True)
        out[j] = replace(told, resolve=day)
    return out


def _that_day(expr: TimeExpr, found: list[TimeExpr]) -> TimeExpr:
    """ "since Feb. 4, although on that day a drone struck": that day is the one named just before."""
    if not THAT_DAY.fullmatch(expr.text):
        return expr
    before = [t for t in found if t.end <= expr.start and not t.relative_to_previous]
    if not before:
        return expr
    anchor = max(before, key=lambda t: t.end)
    return TimeExpr(expr.start, expr.end, expr.text, anchor.resolve)


def undated(pub: date | None) -> EventDate | None:
    """The date of an event the text does not date: before publication, and recorded as inferred."""
    if pub is None:
        return None
    return EventDate(None, None, None, pub, "inferredFromPublication", "")


assert set(MONTHS) >= {"may"}  # "may" is a month only next to a day or year: the rules above require one
