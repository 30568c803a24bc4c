"""Timelines and enumerated attacks: a dated line per attack, and "two separate drone attacks".

A timeline line opens with a date and a dash or colon ("MAR. 4 – Drones hit ..."): every attack of
the line is dated by that heading and stays apart from the attacks of other lines, even when two
lines name the same country. A count of attacks on one day ("targeted in two separate drone
attacks", "attacked four times", "rockets target two bases") makes one event per attack, as the
gold conventions count them; a count spread over a period ("150 attacks since October") is an
aggregate and is read elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from kg.extract.lexicon import Lexicon, doc_norms, doc_text, fold
from kg.extract.timex import TimeExpr, find_time_expressions

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


@dataclass(frozen=True)
class Heading:
    """The date that opens a timeline line, and where the line starts (its identity)."""

    line_start: int
    expr: TimeExpr


class Listing:
    """The cue words of lexicons/extraction.toml [listing], read once per pipeline."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.marks = lexicon.words("listing", "heading_marks")
        self.fillers = lexicon.words("listing", "count_fillers")
        self.times = lexicon.words("listing", "times")
        self.sites = lexicon.words("listing", "sites")
        self.max_count = lexicon.number("listing", "max_count")
        preps = "|".join(re.escape(w) for w in lexicon.words("listing", "year_heading_preps"))
        self._year_heading = re.compile(
            rf"^(?:(?:.*\s)?(?:{preps})\s+|.*\(|.*:\s*)?\(?(?P<year>(?:19|20)\d\d)\)?\s*:?\s*$", re.IGNORECASE
        )
        self._year_heading_words = lexicon.number("listing", "year_heading_max_words")
        marks = "|".join(
            re.escape(w) for w in sorted(lexicon.words("listing", "clock_marks"), key=len, reverse=True)
        )
        self._clock_line = re.compile(
            rf"^(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*(?:{marks}))*\s*$", re.IGNORECASE
        )
        self._clock_min = lexicon.number("listing", "clock_headings_min")
        self.anchors = {k: date.fromisoformat(v) for k, v in lexicon.mapping("listing", "anchors").items()}
        self._anchor_re = (
            re.compile(
                r"(?<!\w)("
                + "|".join(re.escape(k) for k in sorted(self.anchors, key=len, reverse=True))
                + r")(?!\w)"
            )
            if self.anchors
            else None
        )

    def anchor(self, doc: Doc) -> date | None:
        """The day of the first widely known event the text names ("Hamas's October 7 attack"), if any.

        A page without a date still has its timeline's year-less days read near it."""
        if self._anchor_re is None:
            return None
        found = self._anchor_re.search(fold(doc_text(doc)))
        return self.anchors[found.group(1)] if found else None

    def year_headings(self, doc: Doc) -> list[tuple[int, int]]:
        """(offset, year) of each heading line that ends with a year: "List of attacks in 2021", "2021".

        An encyclopedia list or a yearly section prints the year once, above items dated "20 February"."""
        text = doc_text(doc)
        found = []
        at = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if (
                stripped
                and stripped[-1] not in ".!?"
                and len(stripped.split()) <= self._year_heading_words
                and (m := self._year_heading.match(stripped))
            ):
                found.append((at, int(m.group("year"))))
            at += len(line) + 1
        return found

    def clock_headed(self, doc: Doc) -> bool:
        """Whether the page's entries are headed by clock times alone on their lines ("10:15 a.m."), as a
        live page that follows one day is: its entries name no day, the page's date is theirs."""
        lines = (line.strip() for line in doc_text(doc).split("\n"))
        return sum(1 for line in lines if self._clock_line.match(line)) >= self._clock_min

    def heading(self, doc: Doc, sent: Span) -> Heading | None:
        """The date heading of the line SENT is on ("OCT. 18 – ..."), if the line opens with one."""
        text = doc_text(doc)
        line_start = text.rfind("\n", 0, sent.start_char) + 1
        line_end = text.find("\n", sent.start_char)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        lead = len(line) - len(line.lstrip(" \t•*·"))
        found = list(find_time_expressions(line[lead:]))
        if not found or found[0].start != 0:
            return None
        rest = line[lead + found[0].end :].lstrip()
        if not rest or fold(rest[0]) not in self.marks or not any(c.isdigit() for c in found[0].text):
            return None  # "In January – ..." is prose; a timeline line names a day
        return Heading(line_start, found[0])

    def count(
        self, doc: Doc, start: int, end: int, attack_nouns: frozenset[str], verbs: set[int], *, sites: bool
    ) -> int:
        """How many attacks tokens [START, END) enumerate: 1 unless they count them.

        With SITES, a count of bases hit also counts attacks ("rockets target two bases in Iraq", where
        nothing finer tells them apart); "struck two facilities near Albu Kamal" is one strike.
        """
        norms = doc_norms(doc)
        for i in range(start, end):
            n = _NUMBERS.get(norms[i]) or (
                int(norms[i]) if norms[i].isdecimal() and len(norms[i]) == 1 else 0
            )
            if not 1 < n <= self.max_count:
                continue
            j = i + 1
            while j < end and norms[j] in self.fillers:
                j += 1
            if j < end and norms[j] in attack_nouns and norms[j].endswith("s"):
                return n  # "two separate drone attacks"
            if j < end and norms[j] in self.times and any(v < i for v in verbs):
                return n  # "attacked with drones and rockets four times"
            if sites and j < end and norms[j] in self.sites and i - 1 in verbs:
                return n  # "drones and rockets target two bases"
        return 1
