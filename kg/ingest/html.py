"""HTML pages to article text and metadata, with menus, comment sections and sidebars removed.

Uses the standard library's HTMLParser: no network, no extra dependency, tolerant of broken markup.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from kg.dates import parse_iso_date

_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
    "figure",
    "figcaption",
}
_VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "pre",
    "br",
    "hr",
    "dd",
    "dt",
    "title",
    "figcaption",
}
_FURNITURE = re.compile(
    r"comment|sidebar|related|latest|menu|navbar|nav-|footer|share|social|newsletter|advert|\bad-|cookie"
    r"|breadcrumb|widget|popular|trending|subscribe|promo|recommend|most-read|tags|byline-share|credit",
    re.I,
)
# Meta names that hold the publication date, the most specific first; then JSON-LD's datePublished,
# a bare "date" (also used for the day a page was rendered), <time> elements, and modification
# dates only when nothing else is there.
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "datecreated",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified")


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    url: str | None
    published: date | None
    outlet: str | None


# A page whose own text, captions left out, is shorter than this many words is a photo gallery: its
# captions are what it tells ("Smoke rises over the city after jets struck ..."), so they are read.
_GALLERY_MAX_WORDS = 80
_CAPTION_TAGS = frozenset({"figure", "figcaption"})


class _Extractor(HTMLParser):
    def __init__(self, *, captions: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.captions = captions
        self.stack: list[tuple[str, bool]] = []  # (tag, opened a skipped region)
        self.skip_depth = 0
        self.chunks: list[str] = []
        self.article_chunks: list[str] | None = None
        self.article_depth = 0
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.in_title = False
        self.time_values: list[tuple[int, int, str]] = []
        self.json_ld: list[str] = []
        self.in_json_ld = False
        self.cells_in_row = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key and attr.get("content"):
                self.meta.setdefault(key, attr["content"])
            return
        if tag == "link" and attr.get("rel", "").lower() == "canonical" and attr.get("href"):
            self.meta.setdefault("canonical", attr["href"])
            return
        stamp = attr.get("datetime") or attr.get("content")
        if attr.get("itemprop", "").lower() == "datepublished" and stamp:
            self.meta.setdefault("datepublished", stamp)
        if tag == "time" and attr.get("datetime"):
            # a <time> in a sidebar dates another article; one marked as the publication date wins
            marked = "pubdate" in attr or "publish" in " ".join((attr.get("class", ""), attr.get("id", "")))
            rank = 0 if marked else 1 if not self.skip_depth else 2
            self.time_values.append((rank, len(self.time_values), attr["datetime"]))
        if tag == "script" and "ld+json" in attr.get("type", ""):
            self.in_json_ld = True
        if tag == "title":
            self.in_title = True
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self._emit("\n")
            return
        marker = " ".join((attr.get("class", ""), attr.get("id", ""), attr.get("role", "")))
        skip_tag = tag in _SKIP_TAGS and not (self.captions and tag in _CAPTION_TAGS)
        skipped = skip_tag or bool(_FURNITURE.search(marker)) or attr.get("role") == "navigation"
        self.stack.append((tag, skipped))
        if skipped:
            self.skip_depth += 1
        if tag == "article" and self.article_chunks is None and not self.skip_depth:
            self.article_chunks = []
            self.article_depth = len(self.stack)
        if tag in _BLOCK_TAGS:
            self._emit("\n")
        if tag == "tr":
            self.cells_in_row = 0
        elif tag in ("td", "th") and not skipped:
            # cells of one row are split by "|", as a tracker table written in text is: glued together,
            # "8 May 2021Ain al-Asad" would run the date into the place
            if self.cells_in_row and not self.skip_depth:
                self._emit(" | ")
            self.cells_in_row += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self.in_json_ld = False
        if tag in _VOID_TAGS or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skip_depth -= 1
            if open_tag == tag:
                break
        if tag in _BLOCK_TAGS:
            self._emit("\n")
        if self.article_depth and len(self.stack) < self.article_depth:
            self.article_depth = 0

    def handle_data(self, data: str) -> None:
        if self.in_json_ld:
            self.json_ld.append(data)
        if self.in_title:
            self.title_parts.append(data)
            return
        if not self.skip_depth:
            self._emit(re.sub(r"\s+", " ", data))

    def _emit(self, text: str) -> None:
        self.chunks.append(text)
        if self.article_depth and self.article_chunks is not None:
            self.article_chunks.append(text)


def _tidy(chunks: list[str]) -> str:
    lines = [line.strip() for line in "".join(chunks).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _body_text(parser: _Extractor) -> str:
    body = parser.article_chunks if parser.article_chunks and "".join(parser.article_chunks).strip() else None
    return _tidy(body if body is not None else parser.chunks)


def _json_ld_items(data: object) -> list[dict[str, object]]:
    """The objects of a JSON-LD blob: a list of them, one, or an "@graph" of them."""
    items = data if isinstance(data, list) else [data]
    found: list[dict[str, object]] = []
    for item in items:
        if isinstance(item, dict):
            found.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                found += [g for g in graph if isinstance(g, dict)]
    return found


def _json_ld_field(blobs: list[str], *keys: str) -> str | None:
    for blob in blobs:
        try:
            data = json.loads(blob)
        except json.JSONDecodeError:
            continue
        for item in _json_ld_items(data):
            if isinstance(item, dict):
                for key in keys:
                    value = item.get(key)
                    if isinstance(value, dict):
                        value = value.get("name")
                    if isinstance(value, str) and value.strip():
                        return value.strip()
    return None


def html_to_text(markup: str) -> Page:
    """The readable text of an HTML page and its metadata (title, URL, publication date, outlet).

    >>> page = html_to_text("<html><head><title>Drones hit base</title></head><body><nav>Home News</nav>"
    ...     "<article><h1>Drones hit base</h1><p>Two drones struck the base.</p></article>"
    ...     "<div class='comments'>First!</div></body></html>")
    >>> page.text
    'Drones hit base\\n\\nTwo drones struck the base.\\n'
    """
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    text = _body_text(parser)
    if len(text.split()) < _GALLERY_MAX_WORDS and "<figcaption" in markup.lower():
        gallery = _Extractor(captions=True)
        gallery.feed(markup)
        gallery.close()
        text = _body_text(gallery)
    meta = parser.meta
    title = (
        meta.get("og:title")
        or _json_ld_field(parser.json_ld, "headline")
        or " ".join(parser.title_parts).strip()
    )
    published = None
    found = _json_ld_field(parser.json_ld, "datePublished", "dateCreated")
    for value in [meta.get(key) for key in _PUBLISHED_META] + [found, meta.get("date")]:
        if value and (published := parse_iso_date(value)):
            break
    for _, _, value in sorted(parser.time_values):
        if published is not None:
            break
        published = parse_iso_date(value)
    if published is None:  # a modification date is later than publication, but seldom by much
        for key in _MODIFIED_META:
            if key in meta and (published := parse_iso_date(meta[key])):
                break
    outlet = meta.get("og:site_name") or _json_ld_field(parser.json_ld, "publisher")
    url = meta.get("og:url") or meta.get("canonical")
    return Page(text=text, title=title or None, url=url, published=published, outlet=outlet)
