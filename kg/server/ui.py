"""The query page at ``/`` (editor, bundled example queries, results table, downloads) and ``/about``.

Everything the page needs is served from ``/static`` (no CDN), so it works with no internet.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
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


def routes() -> list[BaseRoute]:
    return [
        Route("/", query_page, methods=["GET", "HEAD"]),
        Route("/about", about_page, methods=["GET", "HEAD"]),
    ]


def examples() -> list[dict[str, str]]:
    """The bundled queries (``queries/*.rq``): name, the question its leading comment asks, text."""
    out = []
    for name in bundled_queries():
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


async def query_page(request: Request) -> Response:
    config: ServerConfig = request.app.state.config
    queries = examples()
    settings = {
        "endpoint": "/sparql",
        "spaces": [list(pair) for pair in config.local_spaces],
        "prefixes": PREFIXES,
        "examples": queries,
        "initial": request.query_params.get("query") or (queries[0]["text"] if queries else FALLBACK_QUERY),
        "timeout": config.timeout,
    }
    buttons = "".join(
        f'<li><button type="button" class="example" data-name="{html.esc(q["name"])}" '
        f'title="{html.esc(q["title"])}">'
        f'{html.esc(q["name"])}</button><span class="hint">{html.esc(q["title"])}</span></li>'
        for q in queries
    )
    body = f"""
<h1 class="visually-hidden">SPARQL query</h1>
<div class="query-layout">
  <aside class="examples">
    <h2>Example queries</h2>
    <ul>{buttons}</ul>
    <p class="hint">The default graph is the union of all graphs. Declare every prefix you use.</p>
  </aside>
  <section class="editor">
    <label for="query" class="visually-hidden">SPARQL query</label>
    <textarea id="query" name="query" spellcheck="false" autocomplete="off" rows="16"></textarea>
    <div class="toolbar">
      <button type="button" id="run" class="primary">Run <kbd>Ctrl</kbd>+<kbd>Enter</kbd></button>
      <label>Download as
        <select id="download-format">
          <option value="csv">CSV</option><option value="tsv">TSV</option>
          <option value="json">SPARQL JSON</option><option value="xml">SPARQL XML</option>
          <option value="turtle">Turtle (CONSTRUCT)</option><option value="nt">N-Triples (CONSTRUCT)</option>
          <option value="jsonld">JSON-LD (CONSTRUCT)</option>
        </select></label>
      <a id="download" href="#" download="results.csv">Download</a>
      <span id="status" role="status" aria-live="polite"></span>
    </div>
  </section>
</div>
<section id="results" aria-label="Results"></section>
<script id="kg-config" type="application/json">{_json_for_script(settings)}</script>
<script src="/static/query.js" defer></script>
"""
    return html.page(request, "kg: SPARQL query", body)


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
<h2>Descriptions</h2>
<p>The SPARQL Service Description is at <a href="/sparql">/sparql</a> (a GET without a query); the VoID
description of the dataset at <a href="/.well-known/void">/.well-known/void</a>.</p>
"""
    return html.page(request, "About this server", body)
