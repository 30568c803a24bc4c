"""Which HTML reader turns a page into article text: kg's own (:mod:`kg.ingest.html`) or trafilatura.

trafilatura (boilerplate removal) and htmldate (publication dates) are an optional extra,
``pip install 'kg[html]'``; they are imported only when that reader is asked for.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from typing import Any

from kg.errors import KgError
from kg.ingest.html import Page, html_to_text

READERS = ("builtin", "trafilatura")
DEFAULT_READER = "builtin"
_NEEDS = ("trafilatura", "htmldate")


def check_reader(reader: str) -> None:
    """Raise a one-line KgError when READER is unknown or its libraries are not installed."""
    if reader not in READERS:
        raise KgError(f"unknown HTML reader {reader!r}: choose one of {', '.join(READERS)}")
    if reader == "trafilatura" and any(importlib.util.find_spec(name) is None for name in _NEEDS):
        raise KgError("--html-reader trafilatura needs trafilatura and htmldate: pip install 'kg[html]'")


def read_html(markup: str, reader: str = DEFAULT_READER) -> Page:
    """The text and metadata of an HTML page, read by READER (one of :data:`READERS`)."""
    if reader == "trafilatura":
        return _trafilatura_page(markup)
    return html_to_text(markup)


def _trafilatura_page(markup: str) -> Page:
    import trafilatura
    from htmldate import find_date

    own = html_to_text(markup)
    found = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
    )
    doc: dict[str, Any] = {} if found is None else found if isinstance(found, dict) else found.as_dict()
    text = str(doc.get("text") or "").strip()
    title = doc.get("title") or own.title
    if not text:  # too little for trafilatura to call it an article: kg's reading is all there is
        return own
    # kg's own reading opens with the headline, as a stored text copy does; trafilatura keeps it apart
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    stamp = find_date(markup, original_date=True, extensive_search=False)
    return Page(
        text=text + "\n",
        title=title,
        url=doc.get("url") or own.url,
        published=date.fromisoformat(stamp) if stamp else own.published,
        outlet=doc.get("sitename") or own.outlet,
    )
