"""The faceted event table: ``/events`` (HTML), ``/events.csv`` and ``/events.json``.

As datasette does it: every view is a URL. Facets in the query string narrow the attacks
(``type``, ``month``, ``actor``, ``claim``, ``country``, ``base``; repeat one for alternatives),
``sort`` orders them (``date``, ``type``, ``claim``, ``event``; ``-date`` for descending), and the
same query string after ``/events.csv`` or ``/events.json`` downloads exactly the rows shown, all
of them unless ``limit`` / ``offset`` are given. The SPARQL is written by
:mod:`kg.server.eventquery` from checked values only.

One row per article's account of an attack (a ``kgo:Attack`` or subclass), as ``queries/events.rq``
has it; ``incident`` names the attack it reports when several articles report one.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from kg.server import html
from kg.server.config import ServerConfig
from kg.server.eventquery import (
    FACETS,
    PLACES_QUERY,
    RESOURCE_FACETS,
    SORTS,
    Filters,
    attributes_query,
    count_query,
    events_query,
    facet_query,
    labels_query,
    parse,
)
from kg.server.protocol import HttpError
from kg.server.workers import WorkerPool, query_request

PATH = "/events"
NAV = (("Events", PATH),)
PAGE_ROWS = 100
PAGE_BATCH = 1000  # up to this many events, their attributes are asked for by name
LABEL_BATCH = 1000
MAX_LIMIT = 1_000_000
# columns holding resources: a list of {iri, label} in JSON, the labels joined by " | " in CSV
MULTI = ("perpetrator", "claimed_by", "attributed_to", "target", "base", "location", "country", "weapon")
COLUMNS = ("event", "date", "type", "claim", *MULTI, "source", "incident")
# the page leaves the incident to the downloads (and the event's own page): 13 columns are enough to read
PAGE_COLUMNS = COLUMNS[:-1]
HEADINGS = {
    "claim": "claim kind",
    "claimed_by": "claimed by",
    "attributed_to": "attributed to",
}
FACET_TITLES = {
    "type": "Type",
    "month": "Month",
    "actor": "Actor (did, claimed or was blamed)",
    "claim": "Claim kind",
    "country": "Country",
    "base": "Base or facility",
}


def routes() -> list[BaseRoute]:
    return [
        Route(PATH, events_page, methods=["GET", "HEAD"]),
        Route(PATH + ".csv", events_csv, methods=["GET", "HEAD"]),
        Route(PATH + ".json", events_json, methods=["GET", "HEAD"]),
    ]


def _page_bounds(request: Request, default: int | None) -> tuple[int | None, int]:
    def number(name: str) -> int | None:
        text = request.query_params.get(name)
        if text is None or text == "":
            return None
        if not text.isdigit() or int(text) > MAX_LIMIT:
            raise HttpError(400, f"{name}={text} is not a whole number from 0 to {MAX_LIMIT}")
        return int(text)

    limit = number("limit")
    return (default if limit is None else limit), number("offset") or 0


async def _select(pool: WorkerPool, config: ServerConfig, text: str) -> list[dict[str, Any]]:
    _, body = await pool.fetch(
        query_request(
            text,
            formats={"results": ("json", "application/sparql-results+json")},
            base_iri=None,
            max_bytes=config.max_result_bytes,
        )
    )
    rows: list[dict[str, Any]] = json.loads(body)["results"]["bindings"]
    return rows


async def table(
    request: Request, *, default_limit: int | None
) -> tuple[Filters, list[dict[str, Any]], int, int | None, int]:
    """The checked filters, the rows they keep (one dict per event), the total, limit and offset."""
    filters = parse(request.query_params.multi_items())
    limit, offset = _page_bounds(request, default_limit)
    pool: WorkerPool = request.app.state.pool
    config: ServerConfig = request.app.state.config
    events, counted, places = await asyncio.gather(
        _select(pool, config, events_query(filters, limit=limit, offset=offset)),
        _select(pool, config, count_query(filters)),
        _select(pool, config, PLACES_QUERY),
    )
    iris = [e["event"]["value"] for e in events]
    # a page names its events; a whole download reads every event's attributes and keeps its own
    page = iris if len(iris) <= PAGE_BATCH else None
    attributes = await _select(pool, config, attributes_query(page)) if iris else []
    rows = assemble(events, attributes, places)
    await name(pool, config, rows)
    return filters, rows, int(counted[0]["n"]["value"]), limit, offset


def assemble(
    events: list[dict[str, Any]], attributes: list[dict[str, Any]], places: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One dict per event, in the order of EVENTS, with its attributes; bases and countries are
    the targets' and locations' (from PLACES)."""
    rows: dict[str, dict[str, Any]] = {}
    for event in events:
        iri = event["event"]["value"]
        rows[iri] = {
            "event": iri,
            "label": None,
            "date": event.get("date", {}).get("value", ""),
            "type": event["type"]["value"],
            "claim": event["claim"]["value"],
            **{column: [] for column in MULTI},
            "source": None,
            "incident": None,
        }
    for attribute in attributes:
        row = rows.get(attribute["event"]["value"])
        if row is None:
            continue
        column, value = attribute["column"]["value"], {"iri": attribute["o"]["value"], "label": None}
        if column in MULTI:
            if value not in row[column]:
                row[column].append(value)
        elif row[column] is None:
            row[column] = value
    countries: dict[str, list[str]] = {}
    bases: set[str] = set()
    for place in places:
        iri = place["place"]["value"]
        if place["kind"]["value"] == "base":
            bases.add(iri)
        else:
            countries.setdefault(iri, []).append(place["country"]["value"])
    for row in rows.values():
        for where in [*row["target"], *row["location"]]:
            if where["iri"] in bases and where not in row["base"]:
                row["base"].append(dict(where))
            for country in countries.get(where["iri"], ()):
                if all(c["iri"] != country for c in row["country"]):
                    row["country"].append({"iri": country, "label": None})
    return list(rows.values())


async def labels(pool: WorkerPool, config: ServerConfig, iris: set[str]) -> dict[str, str]:
    """The name of each IRI that has one (skos:prefLabel, else rdfs:label, else dcterms:title)."""
    found: dict[str, tuple[int, str]] = {}
    ordered = sorted(iris)
    batches = [ordered[i : i + LABEL_BATCH] for i in range(0, len(ordered), LABEL_BATCH)]
    for answer in await asyncio.gather(*(_select(pool, config, labels_query(b)) for b in batches)):
        for solution in answer:
            iri, rank = solution["o"]["value"], int(solution["property"]["value"])
            label = solution["label"]["value"]
            if iri not in found or (rank, label) < found[iri]:
                found[iri] = (rank, label)
    return {iri: label for iri, (_, label) in found.items()}


async def name(pool: WorkerPool, config: ServerConfig, rows: list[dict[str, Any]]) -> None:
    """Fill in the labels of ROWS' events and resources, and order each cell's resources by name."""
    iris = {row["event"] for row in rows}
    for row in rows:
        for column in (*MULTI, "source", "incident"):
            values = row[column] if column in MULTI else [row[column]] if row[column] else []
            iris.update(v["iri"] for v in values)
    names = await labels(pool, config, iris)
    for row in rows:
        row["label"] = names.get(row["event"])
        for column in (*MULTI, "source", "incident"):
            values = row[column] if column in MULTI else [row[column]] if row[column] else []
            for value in values:
                value["label"] = names.get(value["iri"])
            if column in MULTI:
                values.sort(key=lambda v: (v["label"] or v["iri"]).casefold())


def _label(value: dict[str, Any] | None) -> str:
    if value is None:
        return ""
    return str(value["label"] or html.short_iri(value["iri"]))


def _url(path: str, filters: Filters, **extra: object) -> str:
    pairs = filters.params() + [(k, str(v)) for k, v in extra.items() if v is not None]
    return path + ("?" + urlencode(pairs) if pairs else "")


async def events_csv(request: Request) -> Response:
    _, rows, _, _, _ = await table(request, default_limit=None)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row["event"],
                row["date"],
                row["type"],
                row["claim"],
                *(" | ".join(_label(v) for v in row[column]) for column in MULTI),
                row["source"]["iri"] if row["source"] else "",
                row["incident"]["iri"] if row["incident"] else "",
            ]
        )
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="events.csv"'},
    )


async def events_json(request: Request) -> Response:
    filters, rows, total, limit, offset = await table(request, default_limit=None)
    following = offset + len(rows)
    return JSONResponse(
        {
            "count": total,
            "offset": offset,
            "filters": {facet: list(values) for facet, values in filters.values.items()},
            "sort": filters.sort,
            "columns": ["event", "label", *COLUMNS[1:]],
            "rows": rows,
            "next": _url(PATH + ".json", filters, limit=limit, offset=following)
            if limit is not None and following < total
            else None,
        }
    )


def _toggle(filters: Filters, facet: str, value: str) -> str:
    """The page URL with VALUE of FACET added, or taken away when it is already chosen."""
    chosen = filters.values.get(facet, ())
    changed = tuple(v for v in chosen if v != value) if value in chosen else (*chosen, value)
    values = {**filters.values, facet: changed}
    return _url(PATH, Filters({k: v for k, v in values.items() if v}, filters.sort))


def _facet_html(facet: str, filters: Filters, found: list[dict[str, Any]], names: dict[str, str]) -> str:
    chosen = filters.values.get(facet, ())
    items = []
    seen = set()
    for row in found:
        value, count = row["value"]["value"], row["n"]["value"]
        seen.add(value)
        name = names.get(value) or (html.short_iri(value) if facet in RESOURCE_FACETS else value)
        selected = value in chosen
        mark = ' class="chosen" aria-current="true"' if selected else ""
        items.append(
            f'<li><a href="{html.esc(_toggle(filters, facet, value))}"{mark} data-facet="{facet}" '
            f'data-value="{html.esc(value)}">{html.esc(name)}</a> <span class="count">{count}</span>'
            f"{' <span aria-hidden=true>×</span>' if selected else ''}</li>"
        )
    for value in chosen:  # a chosen value with no event under the other filters still shows, to be taken off
        if value not in seen:
            items.append(
                f'<li><a href="{html.esc(_toggle(filters, facet, value))}" class="chosen" '
                f'data-facet="{facet}" '
                f'data-value="{html.esc(value)}">{html.esc(names.get(value) or html.short_iri(value))}</a> '
                '<span class="count">0</span> <span aria-hidden=true>×</span></li>'
            )
    if not items:
        return ""
    return (
        f'<section class="facet" data-facet="{facet}"><h2>{FACET_TITLES[facet]}</h2>'
        f"<ul>{''.join(items)}</ul></section>"
    )


def _cell(column: str, row: dict[str, Any], spaces: tuple[tuple[str, str], ...]) -> str:
    if column == "event":
        return html.term_html({"type": "uri", "value": row["event"]}, spaces, row["label"])
    if column in ("date", "type", "claim"):
        return html.esc(row[column])
    values = row[column] if column in MULTI else [row[column]] if row[column] else []
    return ", ".join(
        html.term_html({"type": "uri", "value": v["iri"]}, spaces, v["label"]) for v in values if v
    )


def _heading(column: str, filters: Filters) -> str:
    title = html.esc(HEADINGS.get(column, column))
    if column not in SORTS:
        return f"<th>{title}</th>"
    current = filters.sort.removeprefix("-")
    descending = filters.sort.startswith("-")
    wanted = f"-{column}" if column == current and not descending else column
    state = ""
    if column == current:
        state = f' aria-sort="{"descending" if descending else "ascending"}"'
        title += " ▼" if descending else " ▲"
    link = _url(PATH, Filters(filters.values, wanted))
    return f'<th{state}><a href="{html.esc(link)}" data-sort="{column}">{title}</a></th>'


async def events_page(request: Request) -> Response:
    filters, rows, total, limit, offset = await table(request, default_limit=PAGE_ROWS)
    pool: WorkerPool = request.app.state.pool
    config: ServerConfig = request.app.state.config
    found = await asyncio.gather(*(_select(pool, config, facet_query(f, filters)) for f in FACETS))
    wanted = {
        r["value"]["value"] for f, rs in zip(FACETS, found, strict=True) if f in RESOURCE_FACETS for r in rs
    }
    wanted |= {v for f in RESOURCE_FACETS for v in filters.values.get(f, ())}
    names = await labels(pool, config, wanted)
    facets = "".join(_facet_html(f, filters, rs, names) for f, rs in zip(FACETS, found, strict=True))
    spaces = config.local_spaces
    head = "".join(_heading(column, filters) for column in PAGE_COLUMNS)
    body_rows = "".join(
        "<tr>"
        + "".join(f'<td class="{column}">{_cell(column, row, spaces)}</td>' for column in PAGE_COLUMNS)
        + "</tr>"
        for row in rows
    )
    bounds = {"limit": limit if limit != PAGE_ROWS else None}
    pages = []
    if offset:
        before = _url(PATH, filters, **bounds, offset=max(0, offset - (limit or 0)) or None)
        pages.append(f'<a rel="prev" href="{html.esc(before)}">previous</a>')
    if limit is not None and offset + len(rows) < total:
        after = _url(PATH, filters, **bounds, offset=offset + len(rows))
        pages.append(f'<a rel="next" href="{html.esc(after)}">next</a>')
    shown = f"{offset + 1}–{offset + len(rows)} of " if rows and len(rows) < total else ""
    chosen = " and ".join(
        f"{facet} {' or '.join(html.short_iri(v) for v in values)}"
        for facet, values in filters.values.items()
    )
    csv_url, json_url = _url(PATH + ".csv", filters), _url(PATH + ".json", filters)
    clear = f' &middot; <a href="{PATH}">clear the filters</a>' if filters.values else ""
    body = f"""
<h1>Attack events</h1>
<p class="summary"><span id="event-count">{shown}{total} event{"s" if total != 1 else ""}</span>{
        " where " + html.esc(chosen) if chosen else ""
    }{clear}. Download these rows:
<a id="download-csv" href="{html.esc(csv_url)}">CSV</a> &middot;
<a id="download-json" href="{html.esc(json_url)}">JSON</a></p>
<div class="events-layout">
  <aside class="facets" aria-label="Filters">{facets}</aside>
  <div class="events-table">
    <table class="events"><thead><tr>{head}</tr></thead><tbody>{body_rows}</tbody></table>
    {'<p class="empty">No event matches these filters.</p>' if not rows else ""}
    <nav class="pages">{" &middot; ".join(pages)}</nav>
  </div>
</div>
"""
    return html.page(request, "kg: attack events", body)
