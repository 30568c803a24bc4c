"""Stage 3 of the event reader: the time expressions of a sentence and the date each frame gets
(the nearest expression of its clause; a report date only as a fallback).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from kg.extract.clauses import _TABLE_ROW, _Frame
from kg.extract.cues import Cues
from kg.extract.lexicon import doc_norms, doc_offsets, span_text
from kg.extract.mentions import _DATELINE
from kg.extract.model import EventDate
from kg.extract.state import _State
from kg.extract.timex import TimeExpr, find_time_expressions


def _date(
    lex: Cues, frame: _Frame, times: list[tuple[int, TimeExpr, bool]], state: _State
) -> EventDate | None:
    return _dated(lex, frame, times, state)[0]


def _dated(
    lex: Cues, frame: _Frame, times: list[tuple[int, TimeExpr, bool]], state: _State
) -> tuple[EventDate | None, bool]:
    """The date of FRAME, and whether it is only the day the attack was reported ("said on Wednesday")."""
    start, end = frame.clause
    # "The strike was the first since February, when ...": "since" dates only what follows it
    times = [t for t in times if t[0] < frame.start or not t[1].text.lower().startswith("since")]
    if frame.span != (0, 0) and frame.span[1] < end:  # "... in retaliation for a bombing earlier this month"
        times = [t for t in times if t[0] < frame.span[1]]  # a later attack's time is its own
    in_clause = [t for t in times if start <= t[0] < end]
    candidates = (
        [t for t in in_clause if not t[2]]
        or [t for t in times if not t[2] and t[1].relative_to_previous]
        or in_clause
        or [t for t in times if not t[2]]
    )
    if not candidates:
        return None, False
    at, expr, reported = min(candidates, key=lambda t: abs(t[0] - frame.start))
    previous = state.prev_date
    if expr.relative_to_previous:  # "on Feb. 4, ... late that day": the day told before it
        told = [t[1] for t in times if t[0] < at and not t[1].relative_to_previous]
        day = told[-1].resolve(state.pub_for(told[-1]), state.prev_date) if told else None
        previous = day.latest if day and day.precision == "day" else previous
    return expr.resolve(state.pub_for(expr), previous), reported


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
        window = norms[max(sent.start, index - 3) : index]
        out.append((index, expr, any(w in lex.reporting for w in window)))
    return out
