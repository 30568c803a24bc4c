"""Stage 3 of the event reader: the time expressions of a sentence and the date each frame gets
(the nearest expression of its clause; a report date only as a fallback).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import timedelta
from itertools import pairwise

from spacy.tokens import Doc, Span

from kg.dates import MONTHS
from kg.extract.arguments import _number
from kg.extract.clauses import _TABLE_ROW, _Frame
from kg.extract.cues import Cues
from kg.extract.lexicon import doc_norms, doc_offsets, span_text
from kg.extract.mentions import _DATELINE, Mention
from kg.extract.model import EventDate
from kg.extract.report_times import dates_a_statement
from kg.extract.state import _State
from kg.extract.timespans import day_of
from kg.extract.timex import TimeExpr, find_time_expressions

_DAY_LIST_WORDS = frozenset({"and", ",", "on", "then", "again"})
_PLACE_TO_DAY = 3  # "on the Baghdad International Zone on Feb. 22": the day within a few words of its place
_ANSWER_GAP = 4  # "followed [a] [US] [drone] strike"
# "followed up with strikes" and "was followed by strikes" tell a later attack, not an earlier one
_SAME_DAY_UNITS = frozenset({"hours", "minutes", "shortly", "soon", "just", "moments", "hour"})
_GAP_STOPS = frozenset({",", ";", "and", "but", "which", "that", "who", ".", "up", "with", "by"})


def _date(
    lex: Cues, frame: _Frame, times: list[tuple[int, TimeExpr, bool]], state: _State
) -> EventDate | None:
    return _dated(lex, frame, times, state)[0]


def _dated(
    lex: Cues,
    frame: _Frame,
    times: list[tuple[int, TimeExpr, bool]],
    state: _State,
    answered: int | None = None,
    norms: list[str] | None = None,
) -> tuple[EventDate | None, bool]:
    """The date of FRAME, and whether it is only the day the attack was reported ("said on Wednesday").

    ANSWERED: where the cue of an earlier, answered attack starts (:func:`answered_at`)."""
    start, end = frame.clause
    # "The strike was the first since February, when ...": "since" dates only what follows it
    times = [t for t in times if t[0] < frame.start or not t[1].text.lower().startswith("since")]
    if frame.span != (0, 0) and frame.span[1] < end:  # "... in retaliation for a bombing earlier this month"
        times = [t for t in times if t[0] < frame.span[1]]  # a later attack's time is its own
    if answered is not None:  # "on Dec. 31 followed US strikes on X": that day is not the strikes'
        counted = _counted_back(norms or [], frame, times, state, answered)
        if counted is not None:
            return counted, False
        times = [t for t in times if t[0] > answered or not _a_day(t[1], state)]
    in_clause = [t for t in times if start <= t[0] < end]
    # "X on Monday was followed by US strikes on Y on Tuesday": a day inside the attack's own words is its own
    own = (
        [t for t in in_clause if frame.start <= t[0] < frame.span[1] and not t[2]]
        if frame.span != (0, 0)
        else []
    )
    candidates = (
        own
        or [t for t in in_clause if not t[2]]
        or [t for t in times if not t[2] and t[1].relative_to_previous]
        or in_clause
        or [t for t in times if not t[2]]
    )
    if not candidates:
        return None, False
    at, expr, reported = min(candidates, key=lambda t: abs(t[0] - frame.start))
    previous = state.prev_date
    anchor = state.pub_for(expr)
    if not reported and expr.fixed is None and expr.month_day is None and not expr.relative_to_previous:
        # "The Pentagon said Tuesday that a drone had struck the base overnight": the night before that day
        report_days = [
            d for t in times if t[2] and (d := t[1].resolve(anchor, previous)) and d.precision == "day"
        ]
        if (
            report_days
            and report_days[0].latest is not None
            and (anchor is None or report_days[0].latest < anchor)
        ):
            anchor = report_days[0].latest
    if expr.relative_to_previous:  # "on Feb. 4, ... late that day": the day told before it
        told = [t[1] for t in times if t[0] < at and not t[1].relative_to_previous]
        day = told[-1].resolve(state.pub_for(told[-1]), state.prev_date) if told else None
        previous = day.latest if day and day.precision == "day" else previous
    return expr.resolve(anchor, previous), reported


def _counted_back(
    norms: list[str], frame: _Frame, times: list[tuple[int, TimeExpr, bool]], state: _State, answered: int
) -> EventDate | None:
    """ "struck X on Friday, two days after a drone attack on Y": the earlier attack, that many days before
    the day told before the cue ("hours after": the same day)."""
    if answered >= len(norms) or norms[answered] != "after":
        return None
    unit, amount = norms[answered - 1], norms[answered - 2] if answered >= 2 else ""
    if unit in _SAME_DAY_UNITS:
        days = 0
    elif unit in {"day", "days", "week", "weeks"} and (n := 1 if amount in {"a", "one"} else _number(amount)):
        days = n * (7 if unit.startswith("week") else 1)
    else:
        return None
    told = [
        t
        for t in times
        if frame.clause[0] <= t[0] < answered
        and not t[2]
        and not t[1].relative_to_previous
        and _a_day(t[1], state)
    ]
    if not told:
        return None
    when = told[-1][1].resolve(state.pub_for(told[-1][1]), state.prev_date)
    if when is None or when.latest is None:
        return None
    return day_of(when.latest - timedelta(days=days), "resolved", f"{amount} {unit} after".strip())


def _a_day(expr: TimeExpr, state: _State) -> bool:
    """Whether EXPR names one day (a month, "in late January", may hold the earlier attack too)."""
    when = expr.resolve(state.pub_for(expr), state.prev_date)
    return when is not None and when.precision == "day"


def answered_at(lex: Cues, norms: list[str], frame: _Frame) -> int | None:
    """Where the cue starts when FRAME is an earlier attack that the clause's attack answers: "followed
    US strikes on X", "in retaliation for a drone attack on Y" (up to four words before the noun)."""
    first = frame.triggers[0]
    if norms[first.index] not in lex.attack_nouns:  # "after midnight, rockets hit X": hit answers nothing
        return None
    start = frame.clause[0]
    for gap in range(_ANSWER_GAP + 1):
        end = first.index - gap
        if gap and norms[end] in _GAP_STOPS:
            return None
        for cue in lex.answered_cues:
            at = end - len(cue)
            if at >= start and tuple(norms[at:end]) == cue:
                return at
    return None


def _times(lex: Cues, doc: Doc, sent: Span) -> list[tuple[int, TimeExpr, bool]]:
    """(token index, expression, is the date of a report) for each time expression of SENT."""
    starts = doc_offsets(doc)
    norms = doc_norms(doc)
    text = span_text(sent)
    out = []
    dateline = _DATELINE.match(text)
    row = _TABLE_ROW.match(text)
    for expr in find_time_expressions(text):
        if dateline and expr.start < dateline.end():
            continue
        if row and expr.start >= row.end():
            continue  # "01/28/24 | ... on the same day": the row's date dates all of it
        found = bisect_right(starts, sent.start_char + expr.start, sent.start, sent.end) - 1
        index = max(sent.start, found)
        # a capitalised word is part of a name, not a verb of saying: "The United States on Friday struck ..."
        window = [norms[j] for j in range(max(sent.start, index - 3), index) if not doc[j].text[:1].isupper()]
        # "claimed responsibility for Wednesday's drone attacks": a possessive day dates the noun after it
        possessive = expr.text.endswith(("'s", "\u2019s"))
        reported = not possessive and (
            any(w in lex.reporting for w in window) or dates_a_statement(text, expr.start)
        )
        out.append((index, expr, reported))
    return out


def _date_pairs(
    doc: Doc,
    frame: _Frame,
    places: list[Mention],
    times: list[tuple[int, TimeExpr, bool]],
    state: _State,
) -> list[tuple[EventDate, Mention | None]]:
    """One (day, place) per attack when one attack word tells several days.

    "On 25 February and 27 June, jets struck depots near Abu Kamal": one strike on each day, at the
    same place; "attacks on Erbil on Feb. 15 and on the Green Zone on Feb. 22": each place with the
    day told after it. Empty when the clause tells one day, or days and places do not pair up.
    """
    norms = doc_norms(doc)
    start, end = frame.clause
    days = []
    for at, expr, reported in times:
        if reported or expr.relative_to_previous or not start <= at < end:
            continue
        when = expr.resolve(state.pub_for(expr), state.prev_date)
        if when is not None and when.precision == "day":
            days.append((at, when))
    if len(days) < 2 or len({d.value for _, d in days}) < len(days):
        return []
    # "On 25 February and 27 June": the days listed together, one place for all of them
    listed = all(
        all(n in _DAY_LIST_WORDS or n.isdigit() or n.rstrip(".") in MONTHS for n in norms[a + 1 : b])
        for (a, _), (b, _) in pairwise(days)
    )
    if listed:
        return [(when, None) for _, when in days]
    # each day right after its own place, in turn
    pairs: list[tuple[EventDate, Mention | None]] = []
    previous_day = start
    for at, when in days:
        own = [m for m in places if previous_day <= m.start and m.end <= at]
        if not own or at - own[-1].end > _PLACE_TO_DAY:
            return []
        pairs.append((when, own[-1]))
        previous_day = at
    return pairs if len({id(m) for _, m in pairs}) == len(pairs) else []


def scene_day(lex: Cues, doc: Doc, sent: Span, state: _State) -> EventDate | None:
    """The day a sentence with no attack sets its scene on ("That changed on the evening of Nov. 20.",
    "Here is a recap of what happened yesterday.", "Hours later, US forces came under fire."): the day
    of an undated attack told right after it.

    Only a day the page date resolves (a weekday, "yesterday", a day without its year) in a sentence
    of prose: a full date, or a line with no final stop, is the page's own date line, not a scene."""
    if not span_text(sent).rstrip().rstrip('"”’').endswith((".", "!", ":")):
        return None
    if any(n in lex.reporting for n in doc_norms(doc)[sent.start : sent.end]):
        return None  # "a commander told a radio station on Thursday that ...": when it was said
    days = [
        d
        for _, expr, reported in _times(lex, doc, sent)
        if not reported and expr.fixed is None
        if (d := expr.resolve(state.pub_for(expr), state.prev_date)) is not None
        and d.precision == "day"
        and d.basis in {"stated", "resolved"}
    ]
    return days[-1] if days else None
