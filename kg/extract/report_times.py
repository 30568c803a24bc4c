"""Whether a time expression dates a statement rather than what the statement tells.

"the military said in a statement on Saturday that rockets hit the base on Friday": "on Saturday"
dates the statement. A reporting verb right before the expression ("said on Saturday") is caught
where the sentence's tokens are (kg.extract.dating); this catches the longer forms that put a
statement noun, or a named hearer, between the verb and the time. The cue words are data
(lexicons/dates.toml, [report]).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from kg.resources import lexicon_file


def _words(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _before_time() -> re.Pattern[str]:
    with lexicon_file("dates.toml").open("rb") as f:
        cues = tomllib.load(f)["report"]
    noun = (
        rf"\b(?:{_words(cues['prepositions'])})\s+(?:a|an|the|its|his|her|their|this|that)\s+"
        rf"(?:[\w'’-]+\s+){{0,3}}?(?:{_words(cues['nouns'])})"
        rf"(?:\s+(?:{_words(cues['participles'])}))?"
    )
    gathering = (
        rf"\bat\s+(?:a|an|the|its|his|her|their)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_words(cues['gatherings'])})"
    )
    participle = rf"\b(?:{_words(cues['nouns'])})\s+(?:{_words(cues['participles'])})"
    name = r"(?-i:[A-Z])[\w.&'’-]*"  # a hearer named in capitals: Reuters, The Associated Press
    hearer = rf"\b(?:{_words(cues['telling'])})\s+(?:(?:{name}\s+){{0,4}}{name}|{_words(cues['hearers'])})"
    return re.compile(rf"(?:{noun}|{gathering}|{participle}|{hearer})\s*,?\s*$", re.I)


def dates_a_statement(sentence: str, start: int) -> bool:
    """Whether the time expression at START of SENTENCE dates a statement the sentence reports.

    >>> said = "The group said in a Telegram post on Sunday that it struck the base"
    >>> dates_a_statement(said, said.index("on Sunday"))
    True
    >>> dates_a_statement("Rockets hit a border post on Sunday, the group said", 26)
    False
    >>> dates_a_statement("A source told him the base was hit on Sunday", 35)
    False
    """
    return bool(_before_time().search(sentence[max(0, start - 120) : start]))
