"""The page's own date, and the title, of an article whose metadata does not give them.

Where a page says when it was published, best first:

1. an agency dateline opening the story ("BAGHDAD, Jan. 3 (Xinhua) --", "MOSCOW, November 21. /TASS/.");
   its year, when it prints none, comes from the page's other dates, else from the latest full
   date the story mentions (a report is dated after what it tells), else it stays open;
2. a date after a publication cue in the header ("Published 3 Mar 2024", "| Created: ...");
3. a date line below the headline (a byline), then one above it;
4. a date after a publication cue further down (some pages print the lead first), below the header's
   own dates: a "Related" list or a comment thread there has cues and dates of other pages;
5. a date after an update cue ("Updated: ...");
6. a line above the headline holding only a weekday and a date: that is usually the day the page
   was saved ("Friday, 22 November 2024" in a site's top bar), so it counts only when the page's
   metadata agrees with it.

The page store's marker (a first line " date YYYY-MM-DD") and a date in the page's address stand
for the page's date line, but they may be a day off (another time zone, the day of the crawl): a
date of the text within two days of them wins, as the text's relative dates ("on Monday") count
from it; else the marker or address is the date.

All-number dates: "28/01/2024" reads one way and is read so. "03/04/2024" is decided by, in order,
a weekday on the same line ("Saturday, 11/04/2023"), the page's own habit (another all-number date
of the page that reads one way), agreement with the marker or address, a time zone beside it
(IST, GMT+3: day first; ET, PST: month first) and the separator ("03.04.2024", "03-04-2024": day
first). A slashed date none of these decides is left out: no date is better than a wrong one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache

from kg.dates import MONTH_NAME, WEEKDAYS, DateMatch, date_in_url, find_dates, month_number, parse_iso_date
from kg.resources import lexicon_file

_HEADER_LINES = 25
_BODY_WORDS = 25  # the first line this long is body text: the header ends there
_CUE_LINES = 60  # publication cues are looked for this far down (some pages repeat the lead first)
_CUE_WORDS = 40  # a line this long is a sentence, not a byline
_NEAR = timedelta(days=2)  # how far the text's date may lie from the marker's and still win
_RENDER_LINE = re.compile(rf"^\W*(?:{'|'.join(WEEKDAYS)}),?\s+", re.I)
# "First published on Thu 12 Mar 2020": a weekday, often shortened, between a cue and its date
_WEEKDAY_LEAD = re.compile(rf"(?:{'|'.join(WEEKDAYS)}|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+", re.I)
# a date line has few words in lower case ("at", "by the news desk"); a sentence has this many
_PROSE_WORDS = 4
_LOWER_WORD = re.compile(r"(?<![\w.])[a-z][a-z'’-]+(?![\w.])")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")
_RENDERED = 6  # the rank of a header line that may be the day the page was saved
_STORE_MARKER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d\d-\d\d)\b[ \t]*")
_URL = re.compile(r"https?://\S+")
_SPAN = re.compile(r"\s*(?:[–—-]|to\b)\s*")
# "BAGHDAD, Jan. 3 (Xinhua) --", "WASHINGTON, Jan 28 (Reuters) -", "MOSCOW, November 21. /TASS/.":
# a place in capitals (or an agency in brackets) makes a line opening with a date a dateline
_DAY_AND_MONTH = (
    rf"(?i:(?P<month>{MONTH_NAME}))\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
)
_AGENCY = r"(?:\([^)\n]{1,30}\)|/[A-Za-z]{2,12}/\.?)"
_DATELINE = re.compile(
    r"^\W{0,3}(?P<place>[A-Z][A-Z'’.\- ]{1,30}[A-Z.](?:\s*,\s*[A-Z][\w'’.\- ]{1,30})?\s*,\s*)?"
    rf"{_DAY_AND_MONTH}\s*[.,]?\s*(?P<agency>{_AGENCY})?\s*(?P<dash>[-–—:]+)?"
)


# "Amman, 29/01/2024 (Petra) --": a place in any case (one to four capitalised words, perhaps a region
# after a comma), a comma, then a full date; an agency or a dash must follow the date (_full_dateline).
# An all-number date there reads day first: agencies that print one so are not American.
_PLACE_COMMA = re.compile(
    r"^\W{0,3}[A-Z][A-Za-z'’.\-]*(?:\s[A-Z][A-Za-z'’.\-]*){0,3}(?:\s*,\s*[A-Z][A-Za-z'’.\- ]{1,30}?)?\s*,\s*"
)
_AFTER_DATE = re.compile(rf"\s*[.,]?\s*(?P<agency>{_AGENCY})?\s*(?P<dash>[-–—]+|:(?=\s))?")


@dataclass(frozen=True)
class PageDate:
    """The page's date, what it was read from, and on what basis ("metadata" or "dateline")."""

    value: date
    basis: str
    text: str


@dataclass(frozen=True)
class _Candidate:
    value: date
    rank: int  # the order of the module docstring: lower is better
    text: str


@cache
def _cues() -> dict[str, dict[str, list[str]]]:
    with lexicon_file("dates.toml").open("rb") as f:
        return tomllib.load(f)


def _cue_pattern(kind: str) -> re.Pattern[str]:
    words = sorted(_cues()["page"][kind], key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?:^|[|•·,;(\s])(?:{alternatives})\b(?:\s+(?:on|at))?(?:\s*:\s*|\s+)", re.I)


def take_store_date(text: str) -> tuple[str, date | None]:
    """TEXT without the page store's " date YYYY-MM-DD" marker, and the marker's date.

    >>> take_store_date(" date 2022-01-02 Drones downed near the airport\\nBody.")
    ('Drones downed near the airport\\nBody.', datetime.date(2022, 1, 2))
    """
    m = _STORE_MARKER.match(text)
    if not m:
        return text, None
    return text[m.end() :], parse_iso_date(m.group(1))


def _is_title(line: str) -> bool:
    words = line.split()
    return (
        4 <= len(words) <= 30
        and not next(find_dates(line), None)
        and not line.lstrip().startswith(("•", "-"))
        and line.count("|") < 2  # "Home | World | Middle East": a menu
    )


def guess_title(text: str) -> str | None:
    """The first line that reads like a headline.

    >>> guess_title("logo\\n\\nRockets hit a base in western Iraq\\n\\nBody text follows here.")
    'Rockets hit a base in western Iraq'
    """
    for line in text.split("\n")[:_HEADER_LINES]:
        if _is_title(line):
            return line.strip()
    return None


def find_publication_date(text: str, *, title: str | None = None) -> date | None:
    """The publication date in the header of TEXT, or None when the header gives none.

    >>> find_publication_date(
    ...     "• Friday, 22 November 2024\\nAttacks on bases raise concerns\\n"
    ...     "Gulan Media January 19, 2024 News\\n"
    ... )
    datetime.date(2024, 1, 19)
    """
    found = find_page_date(text, title=title)
    return found.value if found else None


def find_page_date(
    text: str, *, title: str | None = None, url: str | None = None, stored: date | None = None
) -> PageDate | None:
    """The page's own date (see the module docstring), or None when nothing gives one.

    >>> find_page_date("BAGHDAD, Jan. 3 (Agency) -- Drones hit a base on Monday.", stored=date(2022, 1, 2))
    PageDate(value=datetime.date(2022, 1, 3), basis='dateline', text='BAGHDAD, Jan. 3 (Agency) --')
    """
    lines = text.split("\n")
    addresses = [url] if url else []
    addresses += [m.group(0) for line in lines[:_HEADER_LINES] + lines[-5:] for m in _URL.finditer(line)]
    references = [d for d in [stored, *(date_in_url(a) for a in addresses)] if d]
    dated = _text_dates(lines, title, references)
    year_anchors = references + [c.value for c in dated if c.rank < _RENDERED]
    dateline = _dateline(lines, year_anchors, text)
    if dateline is not None:
        dated.append(dateline)
    dated.sort(key=lambda c: c.rank)
    if references:
        near = [c for c in dated if abs(c.value - references[0]) <= _NEAR]
        if near:
            return PageDate(near[0].value, "dateline", near[0].text)
        return PageDate(references[0], "metadata", str(references[0]))
    usable = [c for c in dated if c.rank < _RENDERED]
    return PageDate(usable[0].value, "dateline", usable[0].text) if usable else None


def _text_dates(lines: list[str], title: str | None, references: list[date]) -> list[_Candidate]:
    """Every date the page's header and byline lines give, ranked."""
    published, updated = _cue_pattern("published"), _cue_pattern("updated")
    numeric = [(f, line) for line in lines[:_CUE_LINES] for f in find_dates(line) if f.separator]
    habit = _habit(numeric, "\n".join(lines[:_HEADER_LINES]))
    found: list[_Candidate] = []
    seen_title = False
    in_header = True
    for number, line in enumerate(lines[:_CUE_LINES]):
        stripped = line.strip()
        if not stripped:
            continue
        words = len(stripped.split())
        if number >= _HEADER_LINES or words >= _BODY_WORDS:
            in_header = False
        if (
            in_header
            and not seen_title
            and ((title and stripped == title.strip()) or (title is None and _is_title(stripped)))
        ):
            seen_title = True
            continue
        if words >= _CUE_WORDS:
            continue
        for pattern, rank in ((published, 1 if in_header else 4), (updated, 5)):
            for cue in pattern.finditer(stripped):
                after = stripped[cue.end() : cue.end() + 60]
                if lead := _WEEKDAY_LEAD.match(after):
                    after = after[lead.end() :]
                match = next(find_dates(after), None)
                if match is not None and match.start == 0 and not _is_span(after, match.end):
                    value = _reading(match, stripped, habit, references)
                    if value is not None:
                        found.append(_Candidate(value, rank, stripped))
        if not in_header:
            continue
        matches = list(find_dates(stripped))
        if any(_is_span(stripped, m.end) for m in matches):
            continue  # "17 October 2023 – 4 February 2024": the span of a war, not a page's date
        if matches and _is_prose(stripped, matches):
            continue  # "The drone struck on January 28, 2024.": a date the story tells, in a short line
        for match in matches:
            value = _reading(match, stripped, habit, references)
            if value is None:
                continue
            if seen_title:
                rank = 2
            elif _RENDER_LINE.match(stripped) and len(stripped) - len(match.text) < 16:
                rank = _RENDERED
            else:
                rank = 3
            found.append(_Candidate(value, rank, stripped))
    return found


def _is_prose(line: str, dates: list[DateMatch]) -> bool:
    """Whether LINE is a sentence of the story rather than a date line: words in lower case, which
    bylines and date lines ("By A. Writer | March 3, 2024 4:12 PM GMT+3") hardly have."""
    rest = line
    for found in reversed(dates):
        rest = rest[: found.start] + " " + rest[found.end :]
    lower = len(_LOWER_WORD.findall(rest))
    return lower >= _PROSE_WORDS or (lower >= 2 and _SENTENCE_END.search(rest) is not None)


def _is_span(text: str, end: int) -> bool:
    """Whether the date ending at END of TEXT opens a span: "17 October 2023 – 4 February 2024"."""
    dash = _SPAN.match(text, end)
    if dash is None:
        return False
    following = next(find_dates(text[dash.end() :]), None)
    return following is not None and following.start == 0


def _habit(numeric: list[tuple[DateMatch, str]], header: str) -> str | None:
    """ "day" or "month": which comes first in the page's all-number dates.

    Told by one that reads only one way ("28/01/2024"), or by a weekday beside one ("Thursday,
    4/1/2024" is 4 January), else by the outlet or agency the header names.
    """
    for found, line in numeric:
        readings = [found.value] if found.other is None else _by_weekday(found, line)
        if len(readings) == 1 and readings[0].day != readings[0].month:
            a = int(re.split(r"[-/.]", found.text)[0])
            return "day" if a == readings[0].day else "month"
    cues = _cues()["numeric"]
    low = header.lower()
    for habit, outlets in (("day", cues["day_first_outlets"]), ("month", cues["month_first_outlets"])):
        for outlet in outlets:
            if outlet.startswith("("):
                if outlet in low:
                    return habit
            elif re.search(rf"(?<![\w.-]){re.escape(outlet)}(?![\w-])", low):
                return habit
    return None


def _by_weekday(found: DateMatch, line: str) -> list[date]:
    """The readings of an all-number date that fall on the weekday its line names (all when none)."""
    readings = [found.value] if found.other is None else [found.value, found.other]
    low = line.lower()
    named = [k for k, day in enumerate(WEEKDAYS) if re.search(rf"\b{day}\b", low)]
    return [d for d in readings if d.weekday() in named] or readings if named else readings


def _reading(found: DateMatch, line: str, habit: str | None, references: list[date]) -> date | None:
    """The date an all-number date of LINE stands for, or None when nothing decides it."""
    if found.other is None:
        return found.value
    readings = _by_weekday(found, line)
    if len(readings) == 1:
        return readings[0]
    low = line.lower()
    agreeing = [d for d in readings if any(abs(d - r) <= _NEAR for r in references)]
    if len(agreeing) == 1:
        return agreeing[0]
    if habit is not None:
        return found.value if habit == "day" else found.other
    cues = _cues()["numeric"]
    for zone in re.finditer(r"\b([a-z]{2,5})\b(\+)?", low[found.end : found.end + 24]):
        word = zone.group(1) + (zone.group(2) or "")
        if word in cues["day_first_zones"]:
            return found.value
        if word in cues["month_first_zones"]:
            return found.other
    if found.separator in cues["day_first_separators"]:
        return found.value
    return None


def _full_dateline(line: str, anchors: list[date]) -> _Candidate | None:
    """ "Amman, 29/01/2024 (Petra) --", "BAGHDAD, 29 January 2024 (INA) -", "Beijing, Jan. 29, 2024
    (Xinhua) --": a place in any case, a full date, then an agency or a dash."""
    m = _PLACE_COMMA.match(line)
    if m is None:
        return None
    rest = line[m.end() :]
    found = next(find_dates(rest), None)
    if found is None or found.start != 0:
        return None
    after = _AFTER_DATE.match(rest[found.end :])
    if after is None or not (after.group("agency") or after.group("dash")):
        return None
    value = _reading(found, line, "day" if found.separator else None, anchors)
    return _Candidate(value, 0, line[: m.end() + found.end + after.end()].strip()) if value else None


def _dateline(lines: list[str], anchors: list[date], text: str) -> _Candidate | None:
    """The agency dateline opening the story, with its year from ANCHORS or the story's dates."""
    for line in lines[:_HEADER_LINES]:
        m = _DATELINE.match(line.strip())
        if not m or not (m.group("agency") or (m.group("place") and m.group("dash"))):
            if (full := _full_dateline(line.strip(), anchors)) is not None:
                return full
            continue
        month, day = month_number(m.group("month")) or 1, int(m.group("day"))
        if m.group("year"):
            years = [int(m.group("year"))]
        elif anchors:
            years = [a.year + k for a in anchors[:1] for k in (-1, 0, 1)]
        else:
            years = _years_after(text, month, day)
        readings = []
        for year in years:
            try:
                readings.append(date(year, month, day))
            except ValueError:
                continue
        if not readings:
            return None
        value = min(readings, key=lambda d: abs(d - anchors[0])) if anchors else readings[0]
        return _Candidate(value, 0, m.group(0).strip())
    return None


def _years_after(text: str, month: int, day: int) -> list[int]:
    """The year of a report dated MONTH/DAY: the first on or after the latest full date it tells."""
    told = [f.value for f in find_dates(text) if f.other is None]
    if not told:
        return []
    latest = max(told)
    return [latest.year if (month, day) >= (latest.month, latest.day) else latest.year + 1]


def record_date(record: dict[str, object]) -> date | None:
    """The publication date of a JSON Lines record: the first of its date fields that parses.

    >>> record_date({"text": "...", "pubDate": "Sat, 20 Jan 2024 15:35:00 +0000"})
    datetime.date(2024, 1, 20)
    >>> record_date({"text": "...", "published_at": 1705757700})
    datetime.date(2024, 1, 20)
    """
    for field in _cues()["jsonl"]["fields"]:
        value = record.get(field)
        if isinstance(value, str) and (found := parse_iso_date(value)):
            return found
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            seconds = value / 1000 if value > 1e11 else value  # milliseconds since 1970, as JavaScript writes
            try:
                return datetime.fromtimestamp(seconds, tz=UTC).date()
            except (OverflowError, OSError, ValueError):
                continue
    return None
