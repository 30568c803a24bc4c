"""Entity pages: the graph's IRIs dereferenced, HTML for people and RDF for machines.

URL scheme (what a w3id.org redirect for the deployment points at):

- ``<base>x/y`` (instance IRIs; default base ``https://w3id.org/conflict-kg/data/``) is served at
  ``/data/x/y``;
- ``https://w3id.org/conflict-kg/id/x`` (reference actors and places) at ``/id/x``;
- any other IRI at ``/page?iri=<percent-encoded IRI>``.

Content negotiation as Pubby / LodView do it, without the 303 hop: ``text/html`` gets a page,
``text/turtle``, ``application/ld+json``, ``application/n-triples`` or ``application/rdf+xml``
get the resource's description (``DESCRIBE``, i.e. its outgoing statements); ``?format=turtle``
etc. picks one from a link. An IRI the store says nothing about is a 404.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any
from urllib.parse import quote

from pyoxigraph import NamedNode
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kg.namespaces import REFERENCE
from kg.server import html
from kg.server.config import ServerConfig
from kg.server.endpoint import reply_response
from kg.server.protocol import BY_NAME, HttpError, negotiate, prefers_html
from kg.server.workers import WorkerPool, query_request
from kg.views import entity as views_entity

MAX_ROWS = 2000
LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2000/01/rdf-schema#label>"


def routes() -> list[BaseRoute]:
    return [
        Route("/data/{rest:path}", data_resource, methods=["GET", "HEAD"]),
        Route("/id/{rest:path}", reference_resource, methods=["GET", "HEAD"]),
        Route("/page", any_resource, methods=["GET", "HEAD"]),
    ]


async def data_resource(request: Request) -> Response:
    config: ServerConfig = request.app.state.config
    return await resource(request, config.base_iri + request.path_params["rest"])


async def reference_resource(request: Request) -> Response:
    return await resource(request, str(REFERENCE) + request.path_params["rest"])


async def any_resource(request: Request) -> Response:
    iri = request.query_params.get("iri")
    if not iri:
        raise HttpError(400, "give the resource as /page?iri=<percent-encoded IRI>")
    return await resource(request, iri)


def _checked(iri: str) -> str:
    try:
        return NamedNode(iri).value
    except ValueError as err:
        raise HttpError(400, f"{iri!r} is not an IRI: {err}") from err


async def resource(request: Request, iri: str) -> Response:
    """The description of IRI in the representation the client asked for."""
    iri = _checked(iri)
    wanted = request.query_params.get("format")
    if wanted is None and prefers_html(request.headers.get("accept")):
        return await _html_page(request, iri)
    if wanted is not None:
        if wanted not in BY_NAME or "graph" not in BY_NAME[wanted].kinds:
            raise HttpError(400, f"unknown format={wanted}; use turtle, jsonld, nt or rdfxml")
        chosen = (BY_NAME[wanted].name, BY_NAME[wanted].media_type)
    else:
        picked = negotiate(request.headers.get("accept"), "graph")
        if picked is None:
            raise HttpError(
                406,
                "a resource is available as text/html, text/turtle, application/ld+json, "
                "application/n-triples or application/rdf+xml",
            )
        chosen = (picked[0].name, picked[1])
    pool: WorkerPool = request.app.state.pool
    config: ServerConfig = request.app.state.config
    if await _ask(pool, f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"):
        # a named graph (an article's, the reference data...) is dereferenced to its content
        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    elif await _ask(pool, f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}"):
        text = f"DESCRIBE <{iri}>"
    else:
        raise HttpError(404, f"the graph says nothing about <{iri}>")
    reply = await pool.run(
        query_request(text, formats={"graph": chosen}, base_iri=None, max_bytes=config.max_result_bytes)
    )
    return reply_response(reply, {"Link": f'<{iri}>; rel="describes"'})


async def _ask(pool: WorkerPool, text: str) -> bool:
    _, body = await pool.fetch(
        query_request(
            text,
            formats={"boolean": ("json", "application/sparql-results+json")},
            base_iri=None,
            max_bytes=1024,
        )
    )
    return bool(json.loads(body)["boolean"])


async def _rows(pool: WorkerPool, text: str) -> list[dict[str, Any]]:
    _, body = await pool.fetch(
        query_request(
            text,
            formats={"results": ("json", "application/sparql-results+json")},
            base_iri=None,
            max_bytes=32 * 1024 * 1024,
        )
    )
    rows: list[dict[str, Any]] = json.loads(body)["results"]["bindings"]
    return rows


async def _html_page(request: Request, iri: str) -> Response:
    pool: WorkerPool = request.app.state.pool
    spaces = request.app.state.config.local_spaces
    outgoing = await _rows(
        pool,
        f"""
        SELECT ?p ?o ?g (SAMPLE(?l) AS ?label) WHERE {{
          GRAPH ?g {{ <{iri}> ?p ?o }}
          OPTIONAL {{ ?o {LABEL} ?l FILTER(LANG(?l) IN ("en", "")) }}
        }} GROUP BY ?p ?o ?g ORDER BY ?p ?o ?g LIMIT {MAX_ROWS}""",
    )
    incoming = await _rows(
        pool,
        f"""
        SELECT ?s ?p ?g (SAMPLE(?l) AS ?label) WHERE {{
          GRAPH ?g {{ ?s ?p <{iri}> }}
          OPTIONAL {{ ?s {LABEL} ?l FILTER(LANG(?l) IN ("en", "")) }}
        }} GROUP BY ?s ?p ?g ORDER BY ?p ?s LIMIT {MAX_ROWS}""",
    )
    contents = await _graph_contents(pool, iri, spaces)
    if not outgoing and not incoming and not contents:
        return html.page(
            request,
            "Not found",
            f"<h1>Not found</h1><p>The graph says nothing about <code>{html.esc(iri)}</code>.</p>",
            status=404,
        )
    title = _title(iri, outgoing)
    here = request.url.path + (f"?iri={quote(iri, safe='')}&" if request.url.path == "/page" else "?")
    formats = " &middot; ".join(
        f'<a href="{html.esc(here)}format={f}" rel="alternate">{label}</a>'
        for f, label in (
            ("turtle", "Turtle"),
            ("jsonld", "JSON-LD"),
            ("nt", "N-Triples"),
            ("rdfxml", "RDF/XML"),
        )
    )
    describe = "/?query=" + quote(f"DESCRIBE <{iri}>", safe="")
    types = ", ".join(
        html.term_html(r["o"], spaces, r.get("label", {}).get("value"))
        for r in outgoing
        if r["p"]["value"].endswith("22-rdf-syntax-ns#type")
    )
    body = [
        f"<h1>{html.esc(title)}</h1>",
        f'<p class="iri"><code>{html.esc(iri)}</code></p>',
        f"<p>{'A ' + types + '. ' if types else ''}As data: {formats} &middot; "
        f'<a href="{html.esc(describe)}">query it</a></p>',
        _table("Statements about it", "property", "value", outgoing, "p", "o", spaces) if outgoing else "",
    ]
    body.insert(3, await views_entity.sections(pool, iri, spaces))  # facts with their sentences, events
    if incoming:
        body.append(
            _table(
                "Statements pointing to it",
                "subject",
                "property",
                incoming,
                "s",
                "p",
                spaces,
                label_first=True,
            )
        )
    body.append(contents)
    head = "".join(
        f'<link rel="alternate" type="{BY_NAME[f].media_type}" href="{html.esc(here)}format={f}">'
        for f in ("turtle", "jsonld")
    )
    head += '<link rel="stylesheet" href="/views-static/views.css">'
    return html.page(request, title, "\n".join(body), head=head)


async def _graph_contents(pool: WorkerPool, iri: str, spaces: tuple[tuple[str, str], ...]) -> str:
    """For the IRI of a named graph: how many statements it holds and the resources they are about."""
    count = await _rows(pool, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    statements = int(count[0]["n"]["value"]) if count else 0
    if not statements:
        return ""
    subjects = await _rows(
        pool,
        f"""
        SELECT ?s (SAMPLE(?t) AS ?type) (SAMPLE(?l) AS ?label) WHERE {{
          GRAPH <{iri}> {{ ?s ?p ?o OPTIONAL {{ ?s a ?t }} OPTIONAL {{ ?s {LABEL} ?l }} }}
        }} GROUP BY ?s ORDER BY ?type ?s LIMIT {MAX_ROWS}""",
    )
    query = "/?query=" + quote(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", safe="")
    lines = [
        f'<h2>Contents of this named graph</h2><p>{statements} statements (<a href="{html.esc(query)}">'
        "query them</a>; the data links above give them all) about these resources:</p>",
        '<table class="resource"><tr><th>resource</th><th>type</th></tr>',
    ]
    for row in subjects:
        label = row.get("label", {}).get("value")
        kind = html.term_html(row["type"], spaces) if "type" in row else ""
        lines.append(f"<tr><td>{html.term_html(row['s'], spaces, label)}</td><td>{kind}</td></tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _title(iri: str, rows: list[dict[str, Any]]) -> str:
    for predicate in (
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://purl.org/dc/terms/title",
    ):
        for row in rows:
            if row["p"]["value"] == predicate and row["o"].get("type") == "literal":
                return str(row["o"]["value"])
    return html.short_iri(iri)


def _table(
    caption: str,
    first: str,
    second: str,
    rows: list[dict[str, Any]],
    a: str,
    b: str,
    spaces: tuple[tuple[str, str], ...],
    *,
    label_first: bool = False,
) -> str:
    """Rows grouped by their first column; the graph each statement is in, as its source."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[json.dumps(row[a], sort_keys=True)].append(row)
    lines = [
        f'<table class="resource"><caption>{html.esc(caption)}</caption>'
        f"<tr><th>{first}</th><th>{second}</th><th>in graph</th></tr>"
    ]
    for group in grouped.values():
        for index, row in enumerate(group):
            label = row.get("label", {}).get("value")
            key = html.term_html(row[a], spaces, label if label_first else None) if index == 0 else ""
            value = html.term_html(row[b], spaces, None if label_first else label)
            source = html.term_html(row["g"], spaces)
            lines.append(f'<tr><td>{key}</td><td>{value}</td><td class="graph">{source}</td></tr>')
    if len(rows) >= MAX_ROWS:
        lines.append(
            f"<tr><td colspan=3>… the first {MAX_ROWS} only; use the query page for all of them</td></tr>"
        )
    lines.append("</table>")
    return "\n".join(lines)
