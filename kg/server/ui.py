"""The query page at ``/`` (YASGUI: editor, bundled example queries, results) and ``/about``.

The editor is YASGUI (``@zazuko/yasgui`` from npm), vendored in ``static/yasgui/`` with its
licences, so the page loads nothing from another host and works with no internet. YASGUI's
completers that ask the web (LOV for classes and properties) are replaced in ``static/query.js``
by forks that read the ontology's classes and properties from this server's endpoint; prefix
completion offers kg's prefixes, served by ``/prefixes.json``.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from kg import resources
from kg.namespaces import PREFIXES
from kg.server import html
from kg.server.config import ServerConfig
from kg.sparql import bundled_queries

FALLBACK_QUERY = """PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n) LIMIT 20
"""
# The page opens on the first of these: short answers that have rows on the sample corpus, so a
# newcomer's first Run shows a table. The others follow in name order.
FIRST = ("attacks-per-base", "attacks-in-iraq-vs-syria", "events", "timeline")
# Queries the server's own views run (kg/views): not questions a user would start from.
INTERNAL = "views-"
DOWNLOADS = (
    ("csv", "CSV"),
    ("tsv", "TSV"),
    ("json", "SPARQL JSON"),
    ("xml", "SPARQL XML"),
    ("turtle", "Turtle"),
    ("nt", "N-Triples"),
    ("jsonld", "JSON-LD"),
)


def routes() -> list[BaseRoute]:
    return [
        Route("/", query_page, methods=["GET", "HEAD"]),
        Route("/about", about_page, methods=["GET", "HEAD"]),
        Route("/prefixes.json", prefixes, methods=["GET", "HEAD"]),
    ]


def example_names() -> list[str]:
    """The bundled questions a user may start from, in the order the page lists them.

    >>> names = example_names()
    >>> names[0], any(name.startswith("views-") for name in names)
    ('attacks-per-base', False)
    """
    names = [name for name in bundled_queries() if not name.startswith(INTERNAL)]
    first = [name for name in FIRST if name in names]
    return first + [name for name in names if name not in first]


def examples() -> list[dict[str, str]]:
    """The bundled questions (``queries/*.rq``): name, the question its leading comment asks, text."""
    out = []
    for name in example_names():
        text = (resources.queries_dir() / f"{name}.rq").read_text(encoding="utf-8")
        comment = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comment.append(line.lstrip("#").strip())
        out.append({"name": name, "title": " ".join(comment) or name, "text": text})
    return out


def _json_for_script(value: object) -> str:
    """VALUE as JSON that is safe inside a <script> element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


async def prefixes(request: Request) -> Response:
    """kg's prefixes in prefix.cc's shape, for the editor's completion after PREFIX."""
    return JSONResponse(PREFIXES)


async def query_page(request: Request) -> Response:
    config: ServerConfig = request.app.state.config
    queries = examples()
    initial = queries[0]["text"] if queries else FALLBACK_QUERY
    settings = {
        "endpoint": "/sparql",
        "spaces": [list(pair) for pair in config.local_spaces],
        "prefixes": PREFIXES,
        "examples": queries,
        "initial": initial,
        "timeout": config.timeout,
    }
    buttons = "".join(
        f'<li><button type="button" class="example" data-name="{html.esc(q["name"])}" '
        f'title="{html.esc(q["title"])}">'
        f'{html.esc(q["name"])}</button><span class="hint">{html.esc(q["title"])}</span></li>'
        for q in queries
    )
    links = " &middot; ".join(
        f'<a class="download" data-format="{name}" href="/sparql?format={name}">{label}</a>'
        for name, label in DOWNLOADS
    )
    options = "".join(f'<option value="{name}">{label}</option>' for name, label in DOWNLOADS)
    body = f"""
<h1 class="visually-hidden">SPARQL query</h1>
<div class="query-layout">
  <section class="editor" aria-label="SPARQL editor and results">
    <div id="yasgui"></div>
    <noscript>
      <form action="/sparql" method="get" class="plain-query">
        <label for="plain-query">SPARQL query</label>
        <textarea id="plain-query" name="query" rows="14" spellcheck="false">{
        html.esc(request.query_params.get("query") or initial)
    }</textarea>
        <label>Results as <select name="format">{options}</select></label>
        <button type="submit" class="primary">Run</button>
      </form>
    </noscript>
  </section>
  <aside class="examples">
    <h2>Example queries</h2>
    <ul>{buttons}</ul>
    <h2>Download the results</h2>
    <p id="downloads">{links}</p>
    <p class="hint">All results of the query in the editor, straight from the endpoint (Turtle, N-Triples
    and JSON-LD for CONSTRUCT and DESCRIBE).</p>
    <p class="hint">The default graph is the union of all graphs. Declare every prefix you use: type
    <code>PREFIX</code> and a space for kg's prefixes, or a known prefix followed by <code>:</code>.</p>
  </aside>
</div>
<script id="kg-config" type="application/json">{_json_for_script(settings)}</script>
<script src="/static/yasgui/yasgui.min.js" defer></script>
<script src="/static/query.js" defer></script>
"""
    head = '<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">'
    return html.page(request, "kg: SPARQL query", body, head=head)


async def about_page(request: Request) -> Response:
    config: ServerConfig = request.app.state.config
    rows = "".join(
        f"<tr><td><code>{html.esc(ns)}</code>…</td><td><code>{html.esc(path)}</code>…</td></tr>"
        for ns, path in config.local_spaces
    )
    update = (
        "SPARQL Update is accepted by POST with <code>Authorization: Bearer &lt;token&gt;</code>."
        if not config.read_only
        else "The endpoint is read-only."
    )
    body = f"""
<h1>About this server</h1>
<h2>SPARQL endpoint</h2>
<p><code>/sparql</code> speaks the SPARQL 1.1 Protocol: GET with <code>query=</code>, POST form-encoded, or
POST <code>application/sparql-query</code>; <code>default-graph-uri</code> and <code>named-graph-uri</code>
set the dataset. SELECT and ASK results come as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT and DESCRIBE
as Turtle (default), N-Triples, JSON-LD, RDF/XML, N-Quads or TriG, chosen by the <code>Accept</code> header
(or <code>format=</code>). {update}</p>
<p>The default graph is the union of all named graphs (one per article, plus <code>_ontology</code>,
<code>_reference</code>, <code>_builds</code> and <code>_incidents</code>). Every prefix must be declared.</p>
<h2>Limits</h2>
<ul>
<li>A query runs at most {config.timeout:g} s; then it is stopped and the client gets HTTP 503.</li>
<li>A result may be at most {config.max_result_bytes // (1024 * 1024)} MiB serialized; a request at most
{config.max_request_bytes // 1024} KiB.</li>
<li>SERVICE (federated query) and LOAD are refused: the server never fetches URLs for a client.</li>
</ul>
<h2>Resources</h2>
<p>The graph's IRIs can be looked up here: a browser gets a page, a client asking for
<code>text/turtle</code>, <code>application/ld+json</code>, <code>application/n-triples</code> or
<code>application/rdf+xml</code> gets the resource's statements.</p>
<table><tr><th>IRI</th><th>local path</th></tr>{rows}
<tr><td>any other IRI</td><td><code>/page?iri=</code>&lt;percent-encoded IRI&gt;</td></tr></table>
<h2>Event table</h2>
<p><a href="/events">/events</a> lists the attacks, one row per article's account, with facets:
<code>type</code>, <code>month</code> (<code>YYYY-MM</code>), <code>actor</code>, <code>claim</code>,
<code>country</code> and <code>base</code> (a resource as <code>kgr:iraq</code> or its full IRI; repeat a
facet for alternatives) and <code>sort</code> (<code>date</code>, <code>type</code>, <code>claim</code>,
<code>event</code>; <code>-date</code> for descending). The same query string after
<code>/events.csv</code> or <code>/events.json</code> downloads the rows, all of them unless
<code>limit</code> and <code>offset</code> say which.</p>
<h2>Descriptions</h2>
<p>The SPARQL Service Description is at <a href="/sparql">/sparql</a> (a GET without a query); the VoID
description of the dataset at <a href="/.well-known/void">/.well-known/void</a>.</p>
"""
    return html.page(request, "About this server", body)
