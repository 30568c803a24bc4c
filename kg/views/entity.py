"""The evidence sections of an entity page: facts by source with their sentences, events, Wikidata.

The entity pages of ``kg serve`` (:mod:`kg.server.pages`) put these sections above their raw
statement tables. Two queries drive them, bound to the page's IRI: ``views-entity-facts.rq`` (each
statement about the resource, the graph it is in, the article and the sentence it was read from) and
``views-entity-events.rq`` (the events the resource is in, in which role, with their sentences).
Rendering is pure (:func:`render`), so it is tested on hand-made result rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from urllib.parse import quote

from kg.server import html
from kg.server.workers import WorkerPool, query_request
from kg.views.queries import ENTITY_EVENTS, ENTITY_FACTS, bind_entity, query_text

Row = dict[str, dict[str, str]]
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
_LINKS = ("http://www.w3.org/2002/07/owl#sameAs", "http://www.w3.org/2004/02/skos/core#exactMatch")
_HIDDEN = (
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel",
)
MAX_ROWS = 5000
# the roles in which the map and the timeline can filter by an actor (views-attack-actors.rq)
_ATTACK_ROLES = {"perpetrator", "claimed by", "attributed to", "target"}


async def sections(pool: WorkerPool, iri: str, spaces: tuple[tuple[str, str], ...]) -> str:
    """The HTML of the evidence sections for IRI, from the two entity queries run on POOL."""
    facts = await _select(pool, bind_entity(query_text(ENTITY_FACTS), iri))
    events = await _select(pool, bind_entity(query_text(ENTITY_EVENTS), iri))
    return render(iri, facts, events, spaces)


async def _select(pool: WorkerPool, text: str) -> list[Row]:
    _, body = await pool.fetch(
        query_request(
            text,
            formats={"results": ("json", "application/sparql-results+json")},
            base_iri=None,
            max_bytes=64 * 1024 * 1024,
        )
    )
    rows: list[Row] = json.loads(body)["results"]["bindings"]
    return rows[:MAX_ROWS]


def _value(row: Row, name: str) -> str | None:
    term = row.get(name)
    return term["value"] if term else None


def wikidata_links(facts: list[Row]) -> list[str]:
    """The Wikidata entities FACTS say the resource is (owl:sameAs / skos:exactMatch).

    >>> wikidata_links([{"property": {"type": "uri", "value": "http://www.w3.org/2002/07/owl#sameAs"},
    ...                  "value": {"type": "uri", "value": "http://www.wikidata.org/entity/Q30"}}])
    ['http://www.wikidata.org/entity/Q30']
    """
    found = []
    for row in facts:
        value = _value(row, "value") or ""
        if _value(row, "property") in _LINKS and value.startswith(WIKIDATA_ENTITY) and value not in found:
            found.append(value)
    return found


def render(iri: str, facts: list[Row], events: list[Row], spaces: tuple[tuple[str, str], ...]) -> str:
    """The sections: Wikidata links, facts grouped by source and sentence, the events it is in."""
    parts = ['<div class="entity-evidence">']
    wikidata = wikidata_links(facts)
    if wikidata:
        qids = [html.esc(q.rsplit("/", 1)[1]) for q in wikidata]
        links = " ".join(
            f'<a class="external wikidata" href="https://www.wikidata.org/wiki/{q}" '
            f'rel="nofollow">Wikidata {q}</a>'
            for q in qids
        )
        parts.append(f'<p class="entity-links">Same as: {links}</p>')
    roles = {_value(row, "role") for row in events}
    if roles & _ATTACK_ROLES:
        actor = quote(iri, safe="")
        parts.append(
            f'<p class="entity-links">Its attacks: <a href="/map?actor={actor}">on the map</a> '
            f'<a href="/timeline?actor={actor}">on the timeline</a></p>'
        )
    if facts:
        parts.append(_facts(facts, spaces))
    if events:
        parts.append(_events(events, spaces))
    parts.append("</div>")
    return "\n".join(parts)


def _facts(facts: list[Row], spaces: tuple[tuple[str, str], ...]) -> str:
    """Facts by the graph they are in; within an article, by the sentences they were read from."""
    by_graph: dict[str, list[Row]] = defaultdict(list)
    for row in facts:
        if _value(row, "property") in _HIDDEN:
            continue
        by_graph[_value(row, "graph") or ""].append(row)
    out = ['<section class="entity-facts"><h2>Facts and where they come from</h2>']
    for graph, rows in sorted(
        by_graph.items(), key=lambda item: (bool(_value(item[1][0], "article")), item[0])
    ):
        first = rows[0]
        article = _value(first, "article")
        if article:
            heading = _article_heading(first, spaces)
        else:
            heading = f"Reference data ({html.term_html({'type': 'uri', 'value': graph}, spaces)})"
        sentences: dict[tuple[str, str, str], dict[str, None]] = defaultdict(dict)
        sample: dict[tuple[str, str, str], Row] = {}
        for row in rows:
            key = (
                _value(row, "direction") or "out",
                _value(row, "property") or "",
                _value(row, "value") or "",
            )
            sample.setdefault(key, row)
            sentence = _value(row, "sentence")
            if sentence:
                sentences[key][sentence] = None
            else:
                sentences.setdefault(key, {})
        blocks: dict[tuple[str, ...], list[tuple[str, str, str]]] = defaultdict(list)
        for key, said in sentences.items():
            blocks[tuple(said)].append(key)
        for said_in, keys in blocks.items():
            quotes = "".join(f'<blockquote class="evidence">{html.esc(s)}</blockquote>' for s in said_in)
            lines = "".join(_fact_line(sample[key], spaces) for key in keys)
            read = "<p class='hint'>Read from:</p>" + quotes if quotes else ""
            out.append(
                f'<div class="fact-block"><h3>{heading}</h3>{read}'
                f'<table class="facts"><tr><th>property</th><th>value</th></tr>{lines}</table></div>'
            )
    out.append("</section>")
    return "\n".join(out)


def _article_heading(row: Row, spaces: tuple[tuple[str, str], ...]) -> str:
    article = _value(row, "article") or ""
    title = _value(row, "title") or html.short_iri(article)
    link = html.term_html({"type": "uri", "value": article}, spaces, title)
    extra = ", ".join(v for v in (_value(row, "outlet"), _value(row, "published")) if v)
    return f"Article {link}" + (f" <span class='source'>({html.esc(extra)})</span>" if extra else "")


def _fact_line(row: Row, spaces: tuple[tuple[str, str], ...]) -> str:
    prop = html.term_html(row["property"], spaces)
    value = html.term_html(row["value"], spaces, _value(row, "valueLabel"))
    if _value(row, "direction") == "in":
        # a link pointing here: VALUE is the subject (e.g. its commander), this resource the object
        return f'<tr><td><span title="points to this resource">&larr;</span> {prop}</td><td>{value}</td></tr>'
    return f"<tr><td>{prop}</td><td>{value}</td></tr>"


def _events(events: list[Row], spaces: tuple[tuple[str, str], ...]) -> str:
    """One row per event and role, with the article and the sentences the event was read from."""
    grouped: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in events:
        key = (_value(row, "event") or "", _value(row, "role") or "", _value(row, "via") or "")
        grouped[key].append(row)
    lines = []
    for (event, role, via), rows in grouped.items():
        first = rows[0]
        label = _value(first, "eventLabel") or html.short_iri(event)
        event_link = html.term_html({"type": "uri", "value": event}, spaces, label)
        where = ""
        if via:
            where = (
                " (at "
                + html.term_html({"type": "uri", "value": via}, spaces, _value(first, "viaLabel"))
                + ")"
            )
        said = dict.fromkeys(s for s in (_value(r, "sentence") for r in rows) if s)
        quotes = "".join(f'<blockquote class="evidence">{html.esc(s)}</blockquote>' for s in said)
        lines.append(
            f"<tr><td>{html.esc(_value(first, 'date') or '')}</td><td>{event_link}</td>"
            f"<td>{html.esc(role)}{where}</td><td>{_article_heading(first, spaces)}{quotes}</td></tr>"
        )
    return (
        f'<section class="entity-events"><h2>Events it is in ({len(grouped)})</h2>'
        '<table class="entity-events"><tr><th>date</th><th>event</th><th>role</th>'
        "<th>article and sentences</th></tr>" + "".join(lines) + "</table></section>"
    )
