"""The extractor's cue words (``lexicons/extraction.toml``), tokenized the way spaCy tokenizes text."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from kg import resources
from kg.errors import OntologyError

Tokenize = Callable[[str], list[str]]
Phrase = tuple[str, ...]


_FOLD_TABLE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
        "\u00b4": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u201c": '"',
        "\u201d": '"',
    }
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The form words are compared in: lower case, no diacritics, straight apostrophes and hyphens.

    >>> fold("Kata’ib Ḥezbollah")
    "kata'ib hezbollah"
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().translate(_FOLD_TABLE)


@dataclass(frozen=True)
class Lexicon:
    """Word lists by section and key, each as a set of single words and a tuple of phrases."""

    raw: dict[str, dict[str, Any]]
    tokenize: Tokenize

    def words(self, section: str, key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in self._list(section, key))

    def phrases(self, section: str, key: str) -> tuple[Phrase, ...]:
        """Multi-token entries tokenized, longest first so the longest match wins."""
        found = {tuple(self.tokenize(fold(w))) for w in self._list(section, key)}
        return tuple(sorted(found, key=lambda p: (-len(p), p)))

    def mapping(self, section: str, key: str) -> dict[str, str]:
        value = self.raw.get(section, {}).get(key)
        if not isinstance(value, dict):
            raise OntologyError(f"lexicons/extraction.toml: [{section}] {key} must be a table")
        return {fold(k): str(v) for k, v in value.items()}

    def number(self, section: str, key: str) -> int:
        return int(self.raw[section][key])

    def _list(self, section: str, key: str) -> list[str]:
        value = self.raw.get(section, {}).get(key)
        if not isinstance(value, list):
            raise OntologyError(f"lexicons/extraction.toml: [{section}] needs a list named {key!r}")
        return [str(v) for v in value]


def load_lexicon(tokenize: Tokenize) -> Lexicon:
    return Lexicon(_read_toml(), tokenize)


def _read_toml() -> dict[str, dict[str, Any]]:
    path = resources.lexicon_file("extraction.toml")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise OntologyError(f"{path}: not valid TOML: {err}") from err


@cache
def single_words() -> Lexicon:
    """The lexicon read once, its phrases split at spaces: for the stages' module-level tables."""
    return Lexicon(_read_toml(), str.split)


def cue_words(section: str, key: str) -> frozenset[str]:
    """A list of single cue words, folded, read once: the reader's stages keep these as module constants.

    Single words need no tokenizer, so the list is ready at import and the stages name it as before
    (``_DIRECTIONS = cue_words("places", "directions")``).
    """
    return single_words().words(section, key)


def cue_number(section: str, key: str) -> int:
    """A whole number of the lexicon (a threshold, a number of days), read once."""
    return single_words().number(section, key)


def cue_numbers(section: str, key: str) -> dict[str, int]:
    """A table of folded words to whole numbers ("two" = 2), read once."""
    value = single_words().raw.get(section, {}).get(key)
    if not isinstance(value, dict):
        raise OntologyError(f"lexicons/extraction.toml: [{section}] {key} must be a table")
    return {fold(k): int(v) for k, v in value.items()}


def doc_norms(doc: Any) -> list[str]:
    """The folded form of every token of DOC, computed once per document (see kg_fold_norm)."""
    norms = doc.user_data.get("kg_norms")
    if norms is None or len(norms) != len(doc):
        norms = doc.user_data["kg_norms"] = [t.norm_ for t in doc]
    return norms  # type: ignore[no-any-return]


def doc_offsets(doc: Any) -> list[int]:
    """The character offset of every token of DOC, computed once per document."""
    offsets = doc.user_data.get("kg_offsets")
    if offsets is None or len(offsets) != len(doc):
        offsets = doc.user_data["kg_offsets"] = doc.to_array("IDX").tolist()
    return offsets  # type: ignore[no-any-return]


def doc_text(doc: Any) -> str:
    """DOC's text, joined once per document (spaCy's Doc.text and Span.text join a Token per word)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text  # type: ignore[no-any-return]


def make_doc(nlp: Any, text: str) -> Any:
    """NLP's tokens of TEXT, in a Doc that remembers TEXT for :func:`doc_text`."""
    doc = nlp.make_doc(text)
    doc.user_data["kg_text"] = text
    return doc


def span_text(span: Any) -> str:
    """SPAN's text, sliced from its document's."""
    return doc_text(span.doc)[span.start_char : span.end_char]


@cache
def _index(phrases: tuple[Phrase, ...]) -> dict[str, list[Phrase]]:
    """Phrases by first word, longest first; built once per phrase list."""
    by_first: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    for group in by_first.values():
        group.sort(key=len, reverse=True)
    return by_first


def find_phrases(
    tokens: list[str], phrases: Iterable[Phrase], start: int = 0, end: int | None = None
) -> list[tuple[int, int, Phrase]]:
    """Non-overlapping (start, end, phrase) hits of PHRASES in the folded TOKENS, left to right.

    >>> find_phrases(["claimed", "responsibility", "for", "the", "attack"],
    ...              [("claimed", "responsibility"), ("attack",)])
    [(0, 2, ('claimed', 'responsibility')), (4, 5, ('attack',))]
    """
    end = len(tokens) if end is None else end
    by_first = _index(tuple(phrases))
    hits = []
    i = start
    while i < end:
        for phrase in by_first.get(tokens[i], ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase and i + len(phrase) <= end:
                hits.append((i, i + len(phrase), phrase))
                i += len(phrase) - 1
                break
        i += 1
    return hits
