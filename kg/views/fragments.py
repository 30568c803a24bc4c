"""The HTML of each view (controls, drawing area, details panel), shared by the server pages and the report.

``static/views.js`` finds its parts by data attributes: ``data-view`` (where the SVG goes),
``data-controls`` (the form of filters), ``data-details`` (the panel a click fills),
``data-status`` (a line saying what is shown) and ``button[data-save]``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from html import escape

from kg.views.queries import VIEW_QUERIES

TITLES = {
    "map": "Map of attacks",
    "timeline": "Attacks over time",
    "network": "Actor network",
}
INTROS = {
    "map": "Each point is a place attacks fell at, sized by the number of attacks (each counted once, "
    "however many articles reported it) and coloured by type or perpetrator. Click a point for its "
    "attacks, the articles that report them and the sentences they were read from.",
    "timeline": "Attacks per day or week, stacked by type or perpetrator. Solid bars were claimed by the "
    "actor, hatched ones attributed to it by others, outlined ones stated as fact by the article (or a "
    "state's announcement of its own strike); dotted ones name no perpetrator. Click a bar for its attacks.",
    "network": "Actors linked by backed by, part of, member of, affiliated with, commander of and leader "
    "of, from the reference data and from articles (dashed: only in articles). A node's size is the "
    "number of attacks the actor carried out, claimed or was blamed for.",
}

QueryRef = Callable[[str], str]


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def section(view: str, query_ref: QueryRef, *, heading: bool = True) -> str:
    """The HTML of VIEW (``map``, ``timeline`` or ``network``); QUERY_REF renders a query's name."""
    queries = " ".join(query_ref(name) for name in VIEW_QUERIES[view])
    tag = "h2" if heading else "h1"
    return f"""
<section class="kg-view" id="{view}" aria-labelledby="{view}-title">
<{tag} id="{view}-title">{esc(TITLES[view])}</{tag}>
<p class="hint">{esc(INTROS[view])}</p>
<form class="view-controls" data-controls="{view}">{_CONTROLS[view]}
  <span class="save">Save as <button type="button" data-save="svg" data-save-view="{view}">SVG</button>
  <button type="button" data-save="png" data-save-view="{view}">PNG</button></span>
</form>
<p class="view-status" data-status="{view}" role="status" aria-live="polite"></p>
<div class="view-layout">
  <div class="view-canvas" data-view="{view}"></div>
  <aside class="view-details" data-details="{view}" hidden></aside>
</div>
<div class="view-source hint">Drawn from the results of: {queries}</div>
</section>"""


_DATES = """
  <label>From <input type="date" name="from"></label>
  <label>to <input type="date" name="to"></label>
  <label>Actor <select name="actor"><option value="">any actor</option></select></label>"""

_CONTROLS = {
    "map": _DATES
    + """
  <label>Colour by <select name="colour"><option value="type">type</option>
    <option value="perpetrator">perpetrator</option></select></label>
  <button type="reset">Reset</button>""",
    "timeline": _DATES
    + """
  <label>Per <select name="unit"><option value="">day or week</option><option value="day">day</option>
    <option value="week">week</option></select></label>
  <label>Stack by <select name="stack"><option value="type">type</option>
    <option value="perpetrator">perpetrator</option></select></label>
  <button type="reset">Reset</button>""",
    "network": """
  <label>Links from <select name="source"><option value="">reference data and articles</option>
    <option value="reference">reference data</option>
    <option value="articles">articles</option></select></label>
  <label>Actors <select name="show"><option value="">linked ones and the 40 most active others</option>
    <option value="all">all</option></select></label>""",
}


def config_script(settings: Mapping[str, object]) -> str:
    """SETTINGS as the JSON the script reads, safe inside a <script> element."""
    text = json.dumps(settings, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script id="kg-views-config" type="application/json">{text}</script>'
