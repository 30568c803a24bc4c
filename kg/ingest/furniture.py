"""Page furniture in plain text: the comment box, "The Latest" sidebar and link lines around an article.

The markers are data (``lexicons/furniture.txt``, ``lexicons/furniture_lines.txt`` and
``lexicons/furniture_marks.txt``).
"""

from __future__ import annotations

import re
from functools import cache

from kg.resources import lexicon_file

# A furniture heading only ends the article once this much body text has been seen, so that a
# "Latest" item of a menu above the headline does not swallow the article.
_MIN_BODY_WORDS = 40


def _read_lexicon(name: str) -> tuple[str, ...]:
    lines = lexicon_file(name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _markers() -> tuple[frozenset[str], tuple[str, ...]]:
    return frozenset(_read_lexicon("furniture.txt")), _read_lexicon("furniture_lines.txt")


@cache
def _marks() -> re.Pattern[str]:
    lines = lexicon_file("furniture_marks.txt").read_text(encoding="utf-8").splitlines()
    return re.compile("|".join(f"(?:{x.strip()})" for x in lines if x.strip() and not x.startswith("#")))


def strip_furniture(text: str) -> str:
    """TEXT without the trailing furniture and with link lines blanked.

    >>> strip_furniture("A long body. " * 20 + "\\n\\nComments\\n\\nGreat article!").rstrip()[-12:]
    'A long body.'
    """
    headings, prefixes = _markers()
    kept: list[str] = []
    words = 0
    for line in text.split("\n"):
        line = _marks().sub(lambda m: " " * len(m.group()), line)  # "in Syria.[5] The": two sentences
        # after the marks: "See also [edit]" is an encyclopedia's "See also" heading
        key = re.sub(r"[\s:]+$", "", line.strip().lower())
        if words >= _MIN_BODY_WORDS and key in headings:
            break
        if key.startswith(prefixes):
            line = ""
        kept.append(line)
        words += len(line.split())
    return "\n".join(kept).rstrip() + "\n"
