"""Where an attack is when the gazetteer names no site: a site named by its shape, minted for review.

"a drone hit the Zulfa air base", "rockets fell on Qarrar airfield": a capitalized name that no
reference entity covers, right before a site noun, is that site. The entity has no IRI, so the
graph marks it for review, as :func:`kg.extract.places._unknown_place` does for towns.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from kg.extract.lexicon import Lexicon, Phrase, doc_norms
from kg.extract.mentions import Mention

_MAX_NAME = 4  # words of a name before the site noun


class SiteShapes:
    """The site nouns of lexicons/extraction.toml [places], read once per pipeline."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.shapes: list[tuple[Phrase, str]] = sorted(
            [(p, "MilitaryBase") for p in lexicon.phrases("places", "base_shapes")]
            + [(p, "Facility") for p in lexicon.phrases("places", "facility_shapes")],
            key=lambda pk: -len(pk[0]),
        )
        self.not_names = lexicon.words("places", "not_site_names")

    def find(self, doc: Doc, start: int, end: int, known: Sequence[Mention]) -> tuple[str, str] | None:
        """(label, kind) of the first unknown site named by its shape in tokens [START, END)."""
        norms = doc_norms(doc)
        taken = {i for m in known for i in range(m.start, m.end)}
        for i in range(start + 1, end):
            shape = next((s for s in self.shapes if tuple(norms[i : i + len(s[0])]) == s[0]), None)
            if shape is None:
                continue
            first = i
            while (
                first > start
                and i - first < _MAX_NAME
                and doc[first - 1].text[:1].isupper()
                and norms[first - 1] not in self.not_names
                and first - 1 not in taken
            ):
                first -= 1
            if first == i or not doc[first].text[:1].isalpha():
                continue
            phrase, kind = shape
            label = f"{doc[first:i].text} {doc[i : i + len(phrase)].text}"
            return label, kind
        return None
