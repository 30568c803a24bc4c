"""The publication date and title of an article whose metadata does not give them.

A page saved from the web often carries the date it was rendered above the headline ("Friday,
22 November 2024") and the real publication date in the byline below it ("Gulan Media
January 19, 2024"). The byline wins: dates after the headline are preferred, and a line that
holds nothing but a weekday and a date above the headline is taken for a render date.
"""

from __future__ import annotations

import re
from datetime import date

from kg.dates import WEEKDAYS, find_dates

_HEADER_LINES = 25
_BODY_WORDS = 25  # the first line this long is body text: the header ends there
_RENDER_LINE = re.compile(rf"^\W*(?:{'|'.join(WEEKDAYS)}),?\s+", re.I)


def _is_title(line: str) -> bool:
    words = line.split()
    return (
        4 <= len(words) <= 30
        and not next(find_dates(line), None)
        and not line.lstrip().startswith(("•", "-"))
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
    lines = text.split("\n")
    after_title: list[date] = []
    before_title: list[date] = []
    seen_title = False
    for line in lines[:_HEADER_LINES]:
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped.split()) >= _BODY_WORDS:
            break
        if not seen_title and (
            (title and stripped == title.strip()) or (title is None and _is_title(stripped))
        ):
            seen_title = True
            continue
        for found in find_dates(stripped):
            if seen_title:
                after_title.append(found.value)
            elif not (_RENDER_LINE.match(stripped) and len(stripped) - len(found.text) < 16):
                before_title.append(found.value)
    for candidates in (after_title, before_title):
        if candidates:
            return candidates[0]
    # A render date alone is still not a publication date: better none than a wrong one.
    return _published_anywhere(text)


def _published_anywhere(text: str) -> date | None:
    """A date introduced by "Published" or "Posted" anywhere in the text."""
    for m in re.finditer(r"\b(?:Published|Posted)(?:\s+on)?:?\s*", text):
        found = next(find_dates(text[m.end() : m.end() + 40]), None)
        if found and found.start == 0:
            return found.value
    return None
