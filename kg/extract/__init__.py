"""Extraction: spaCy (rule-based by default) over an article's text, into plain records.

``load_extractor()`` builds the pipeline once; ``Extractor.extract(article)`` is pure per article.
"""

from __future__ import annotations

from kg.extract.model import Extraction
from kg.ingest import Article


class Extractor:
    """Reads events and relations from articles."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def extract(self, article: Article) -> Extraction:
        return Extraction()


def load_extractor(model: str | None = None) -> Extractor:
    return Extractor(model)
