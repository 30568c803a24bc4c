"""The view pages of ``kg serve``: ``/map``, ``/timeline``, ``/network`` and their static files.

A page is the view's controls and an empty drawing area; ``views.js`` posts the view's queries
(``queries/views-*.rq``, sent with the page) to ``/sparql`` and draws the results, so the page
shows what the endpoint answers, and a researcher can open each query in the query page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from kg.views import fragments
from kg.views.queries import VIEW_QUERIES, query_text

if TYPE_CHECKING:
    from kg.server.config import ServerConfig

STATIC = Path(__file__).parent / "static"
STATIC_PATH = "/views-static"
NAV = (("Map", "/map"), ("Timeline", "/timeline"), ("Actor network", "/network"))


def routes() -> list[BaseRoute]:
    return [
        Route("/map", view_page, methods=["GET", "HEAD"], name="map"),
        Route("/timeline", view_page, methods=["GET", "HEAD"], name="timeline"),
        Route("/network", view_page, methods=["GET", "HEAD"], name="network"),
        Mount(STATIC_PATH, app=StaticFiles(directory=STATIC), name="views-static"),
    ]


def _query_link(name: str) -> str:
    href = "/?query=" + quote(query_text(name), safe="")
    return f'<a href="{fragments.esc(href)}" title="open in the query page"><code>{name}.rq</code></a>'


async def view_page(request: Request) -> Response:
    # imported here: kg.server.app imports this module while kg.server is being set up
    from kg.server import html

    view = request.url.path.strip("/")
    config: ServerConfig = request.app.state.config
    settings = {
        "endpoint": "/sparql",
        "links": "local",
        "spaces": [list(pair) for pair in config.local_spaces],
        "queries": {name: query_text(name) for name in VIEW_QUERIES[view]},
        "outlines": f"{STATIC_PATH}/outlines.geojson",
    }
    body = (
        fragments.section(view, _query_link, heading=False)
        + fragments.config_script(settings)
        + f'\n<script src="{STATIC_PATH}/views.js" defer></script>\n'
    )
    head = f'<link rel="stylesheet" href="{STATIC_PATH}/views.css">'
    return html.page(request, f"kg: {fragments.TITLES[view].lower()}", body, head=head)
