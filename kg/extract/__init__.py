"""Extraction: spaCy (rule-based by default) over an article's text, into plain records.

``load_extractor()`` builds the pipeline once; ``Extractor.extract(article)`` is pure per article.
The records (``kg.extract.model``) are plain data: importing them, as the mapping and the CLI do,
does not import spaCy, which only loads when an extractor is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.extract.extractor import Extractor, load_extractor

__all__ = ["Extractor", "load_extractor"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kg.extract import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
