"""The SPARQL 1.1 Protocol, HTTP side: content negotiation and reading an operation from a request.

Nothing here runs a query. :func:`read_operation` turns a Starlette request into an
:class:`Operation` (or raises :class:`HttpError` with the status the protocol asks for), and
:func:`negotiate` picks a result format from an ``Accept`` header.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qsl

from pyoxigraph import NamedNode
from starlette.requests import Request

Kind = Literal["results", "boolean", "graph"]


class HttpError(Exception):
    """An error with an HTTP status and a message for the client (sent as text/plain)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


@dataclass(frozen=True)
class Format:
    """A serialization the endpoint can send: short name, media type, and what it can carry."""

    name: str
    media_type: str
    kinds: frozenset[str]
    aliases: tuple[str, ...] = ()
    extension: str = ""


_R, _B, _G = "results", "boolean", "graph"
FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", frozenset({_R, _B}), ("application/json",), "srj"),
    Format(
        "xml", "application/sparql-results+xml", frozenset({_R, _B}), ("application/xml", "text/xml"), "srx"
    ),
    Format("csv", "text/csv", frozenset({_R, _B}), (), "csv"),
    Format("tsv", "text/tab-separated-values", frozenset({_R, _B}), (), "tsv"),
    Format("turtle", "text/turtle", frozenset({_G}), ("application/x-turtle",), "ttl"),
    Format("nt", "application/n-triples", frozenset({_G}), ("text/plain",), "nt"),
    Format("jsonld", "application/ld+json", frozenset({_G}), ("application/json",), "jsonld"),
    Format("rdfxml", "application/rdf+xml", frozenset({_G}), ("application/xml", "text/xml"), "rdf"),
    Format("nquads", "application/n-quads", frozenset({_G}), (), "nq"),
    Format("trig", "application/trig", frozenset({_G}), (), "trig"),
)
BY_NAME = {f.name: f for f in FORMATS}
DEFAULT = {_R: BY_NAME["json"], _B: BY_NAME["json"], _G: BY_NAME["turtle"]}


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    position: int

    def specificity(self, media_type: str) -> int:
        """How closely this range matches MEDIA_TYPE: 2 exact, 1 ``type/*``, 0 ``*/*``, -1 not at all."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header (``*/*`` when it is absent or empty).

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/csv;q=0.5, application/*")]
    [('text', 'csv', 0.5), ('application', '*', 1.0)]
    """
    ranges = []
    for position, part in enumerate((header or "").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        kind, _, sub = pieces[0].lower().partition("/")
        if not kind:
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(kind, sub or "*", q, position))
    return ranges or [MediaRange("*", "*", 1.0, 0)]


def quality(ranges: Sequence[MediaRange], media_type: str) -> tuple[float, int, int]:
    """(q, specificity, -position) of the most specific range matching MEDIA_TYPE; q 0 if none."""
    best: tuple[int, MediaRange] | None = None
    for media_range in ranges:
        level = media_range.specificity(media_type)
        if level >= 0 and (best is None or level > best[0]):
            best = (level, media_range)
    if best is None:
        return (0.0, -1, 0)
    return (best[1].q, best[0], -best[1].position)


@functools.lru_cache(maxsize=512)
def negotiate(accept: str | None, kind: Kind) -> tuple[Format, str] | None:
    """The format and media type to send a result of KIND in, or None when nothing acceptable.

    Without an Accept header (or with ``*/*``) SELECT and ASK give SPARQL JSON and CONSTRUCT /
    DESCRIBE give Turtle. Ties go to the range the client listed first, then to our order.

    >>> negotiate(None, "graph")[1]
    'text/turtle'
    >>> negotiate("application/json", "results")[1]  # the client's own name for SPARQL JSON
    'application/json'
    >>> negotiate("text/html", "results") is None
    True
    """
    ranges = parse_accept(accept)
    candidates: list[tuple[tuple[float, int, int, int], Format, str]] = []
    preferred = DEFAULT[kind]
    ordered = [preferred, *(f for f in FORMATS if f is not preferred and kind in f.kinds)]
    for rank, fmt in enumerate(ordered):
        for media_type in (fmt.media_type, *fmt.aliases):
            q, level, position = quality(ranges, media_type)
            # an alias (application/json, text/xml) counts only when the client names it, and is
            # then answered with that type; wildcards stand for the format's own media type
            if q > 0 and (media_type == fmt.media_type or level == 2):
                candidates.append(((q, level, position, -rank), fmt, media_type))
    if not candidates:
        return None
    _, fmt, sent = max(candidates, key=lambda c: c[0])
    return fmt, sent


def prefers_html(accept: str | None) -> bool:
    """Whether the client would rather have HTML than any RDF format (a browser, not a SPARQL client).

    >>> prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    True
    >>> prefers_html(None), prefers_html("text/turtle, text/html;q=0.5")
    (False, False)
    """
    if not accept:
        return False
    ranges = parse_accept(accept)
    html_q = quality(ranges, "text/html")
    rdf_q = max(quality(ranges, t) for f in FORMATS if "graph" in f.kinds for t in (f.media_type, *f.aliases))
    return html_q[0] > 0 and html_q[:2] > rdf_q[:2]


def acceptable(kind: Kind) -> str:
    """The media types a result of KIND can be sent in, for a 406 message."""
    return ", ".join(f.media_type for f in FORMATS if kind in f.kinds)


@dataclass(frozen=True)
class Operation:
    """One protocol operation read from a request."""

    kind: Literal["query", "update", "description"]
    text: str = ""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format_override: str | None = None
    params: Mapping[str, Sequence[str]] = field(default_factory=dict)


FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"


async def read_operation(request: Request, *, max_bytes: int) -> Operation:
    """The query, update or service-description request carried by REQUEST."""
    if request.method not in {"GET", "HEAD", "POST"}:
        raise HttpError(
            405,
            f"{request.method} is not a SPARQL protocol method here; use GET or POST",
            {"Allow": ALLOWED_METHODS},
        )
    query_string = request.url.query
    if len(query_string) > max_bytes:
        raise HttpError(
            414, f"the request URL is longer than the {max_bytes}-byte limit; send the query by POST"
        )
    params = _multi(parse_qsl(query_string, keep_blank_values=True))
    if request.method == "POST":
        media_type, charset = _content_type(request.headers.get("content-type"))
        body = await _read_body(request, max_bytes)
        text = _decode(body, charset)
        if media_type == FORM:
            for name, values in _multi(parse_qsl(text, keep_blank_values=True)).items():
                params.setdefault(name, []).extend(values)
        elif media_type == QUERY_TYPE:
            params["query"] = [text, *params.get("query", [])]
        elif media_type == UPDATE_TYPE:
            params["update"] = [text, *params.get("update", [])]
        elif media_type is None:
            raise HttpError(415, f"a POST needs a Content-Type: {FORM} or {QUERY_TYPE}")
        else:
            raise HttpError(
                415, f"unsupported Content-Type {media_type}; use {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}"
            )
    elif "update" in params:
        raise HttpError(400, "SPARQL Update is not allowed by GET; POST it as application/sparql-update")
    return _operation(params)


def _operation(params: dict[str, list[str]]) -> Operation:
    queries, updates = params.get("query", []), params.get("update", [])
    if queries and updates:
        raise HttpError(400, "a request carries either a query or an update, not both")
    if len(queries) > 1 or len(updates) > 1:
        raise HttpError(400, "more than one query or update in one request; send one per request")
    fmt = _one(params, "format")
    if fmt is not None and fmt not in BY_NAME:
        raise HttpError(400, f"unknown format={fmt}; use one of {', '.join(BY_NAME)}")
    frozen = {k: tuple(v) for k, v in params.items()}
    if updates:
        return Operation(
            "update",
            updates[0],
            _iris(params, "using-graph-uri"),
            _iris(params, "using-named-graph-uri"),
            params=frozen,
        )
    if not queries:
        return Operation("description", params=frozen)
    if not queries[0].strip():
        raise HttpError(400, "the query is empty")
    return Operation(
        "query",
        queries[0],
        _iris(params, "default-graph-uri"),
        _iris(params, "named-graph-uri"),
        fmt,
        params=frozen,
    )


def _multi(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in pairs:
        out.setdefault(name, []).append(value)
    return out


def _one(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise HttpError(400, f"{name} given more than once")
    return values[0] if values else None


def _iris(params: Mapping[str, Sequence[str]], name: str) -> tuple[str, ...]:
    for value in params.get(name, []):
        try:
            NamedNode(value)
        except ValueError as err:
            raise HttpError(400, f"{name}={value!r} is not an absolute IRI: {err}") from err
    return tuple(params.get(name, []))


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    pieces = [p.strip() for p in header.split(";")]
    charset = None
    for param in pieces[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return pieces[0].lower(), charset


async def _read_body(request: Request, max_bytes: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise HttpError(
            413, f"the request body is larger than the {max_bytes}-byte limit (--max-request-size)"
        )
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise HttpError(
                413, f"the request body is larger than the {max_bytes}-byte limit (--max-request-size)"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes, charset: str | None) -> str:
    if charset not in {None, "utf-8", "utf8"}:
        raise HttpError(415, f"charset={charset} is not supported; SPARQL requests are UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise HttpError(400, f"the request body is not valid UTF-8: {err}") from err
