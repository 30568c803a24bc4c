"""``kg report``: the map, the timeline and the actor network as one self-contained HTML file.

The file carries everything inline (the script, the styles, the map outlines, the query results
and the query texts), so it opens from disk or an e-mail attachment with no server and no
internet. Links to entities are their IRIs; clicking an actor in the network lists its links and
attacks beside it instead of opening a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pyoxigraph import Store

from kg import __version__
from kg.views import fragments
from kg.views.queries import VIEW_QUERIES, query_text, rows, view_results

STATIC = Path(__file__).parent / "static"
VIEWS = ("map", "timeline", "network")

_BASE_CSS = """
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2228; }
body { margin: 0 auto; max-width: 90rem; padding: 1rem 1.4rem; line-height: 1.45; }
a { color: #0b5cad; }
nav.report-nav a { margin-right: 1rem; }
.hint { color: #5b6570; font-size: 0.88em; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { border: 1px solid #d8dde3; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
header.report { border-bottom: 1px solid #d8dde3; margin-bottom: 1rem; }
"""


@dataclass(frozen=True)
class Report:
    """A report's HTML and the counts it opens with."""

    html: str
    counts: dict[str, int]


def _script_text(text: str) -> str:
    """TEXT safe inside a <script> element (no closing tag, no HTML comment opener)."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _query_details(name: str) -> str:
    return (
        f'<details class="query-text"><summary><code>{name}.rq</code></summary>'
        f"<pre>{fragments.esc(query_text(name))}</pre></details>"
    )


def summary(results: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Counts shown at the top of the report: attacks, places on the map, actors, links."""
    attacks = rows(results["views-attacks"])
    return {
        "attacks": len(attacks),
        "places": len({r["place"] for r in attacks if r.get("wkt") and r.get("place")}),
        "actors": len(rows(results["views-network-nodes"])),
        "links": len(rows(results["views-network-edges"])),
    }


def build_report(store: Store, *, title: str = "kg report", now: datetime | None = None) -> Report:
    """The report on STORE."""
    results = view_results(store)
    counts = summary(results)
    outlines = json.loads((STATIC / "outlines.geojson").read_text(encoding="utf-8"))
    names = tuple(dict.fromkeys(n for group in VIEW_QUERIES.values() for n in group))
    settings = {
        "links": "iri",
        "results": results,
        "queries": {name: query_text(name) for name in names},
        "outlines": outlines,
    }
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    sections = "\n".join(fragments.section(view, _query_details) for view in VIEWS)
    nav = " ".join(f'<a href="#{view}">{fragments.esc(fragments.TITLES[view])}</a>' for view in VIEWS)
    css = _BASE_CSS + (STATIC / "views.css").read_text(encoding="utf-8")
    script = (STATIC / "views.js").read_text(encoding="utf-8")
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kg {fragments.esc(__version__)}">
<title>{fragments.esc(title)}</title>
<style>{css}</style>
</head>
<body>
<header class="report">
<h1>{fragments.esc(title)}</h1>
<p>{counts["attacks"]} attacks (each counted once, however many articles reported it), {counts["places"]}
places on the map, {counts["actors"]} actors and {counts["links"]} links between them. Made by kg
{fragments.esc(__version__)} on {when}; works offline (everything is in this file).</p>
<nav class="report-nav">{nav}</nav>
</header>
{sections}
<footer class="hint">Map outlines: Natural Earth (public domain). Each view is drawn from the results of the
SPARQL queries shown under it (kept in kg's <code>queries/</code> directory); run them with
<code>kg query NAME</code> to get the same rows.</footer>
{fragments.config_script(settings)}
<script>{_script_text(script)}</script>
</body>
</html>
"""
    return Report(page, counts)


def write_report(store: Store, output: Path, *, title: str = "kg report") -> Report:
    """Write the report on STORE to OUTPUT."""
    report = build_report(store, title=title)
    output.write_text(report.html, encoding="utf-8")
    return report
