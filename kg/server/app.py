"""The ASGI application: ``create_app(config)`` wires the route modules, the worker pool and CORS.

Each route module (``endpoint``, ``describe``, ``pages``, ``ui``) exposes ``routes()``; views
run queries through ``request.app.state.pool`` (a :class:`~kg.server.workers.WorkerPool`) and
render HTML with :func:`kg.server.html.page`.

Adding a view (a map, a timeline...): write ``kg/server/<view>.py`` with a ``routes()`` function,
then pass it in ``VIEWS`` below (or as ``create_app(config, views=[...])``) together with its
navigation entry; static files go in ``kg/server/static/`` and are served under ``/static/``.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from kg.server import describe, endpoint, eventtable, pages, ui
from kg.server.config import ServerConfig
from kg.server.protocol import HttpError
from kg.server.workers import WorkerPool
from kg.views import routes as views

STATIC = Path(__file__).parent / "static"
# On every response: no guessing a type from the content (a literal served as text cannot turn into
# a page), and no framing by another site (no clickjacking of the update form or query page).
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response (streams untouched)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


class View:
    """A group of routes with an optional entry in the navigation bar."""

    def __init__(self, routes: Callable[[], list[BaseRoute]], nav: Sequence[tuple[str, str]] = ()) -> None:
        self.routes = routes
        self.nav = tuple(nav)


VIEWS: tuple[View, ...] = (
    View(ui.routes, [("Query", "/")]),
    View(endpoint.routes, [("Service description", endpoint.ENDPOINT_PATH)]),
    View(describe.routes, [("Dataset (VoID)", describe.VOID_PATH)]),
    View(pages.routes),
    View(views.routes, views.NAV),
    View(eventtable.routes, eventtable.NAV),
)


def create_app(config: ServerConfig, *, views: Sequence[View] = ()) -> Starlette:
    """The kg server for CONFIG: SPARQL endpoint, descriptions, entity pages, query page (plus VIEWS)."""
    all_views = [*VIEWS, *views]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = WorkerPool(
            config.store, size=config.workers, timeout=config.timeout, max_waiting=config.max_queued
        )
        await pool.start()
        app.state.pool = pool
        try:
            yield
        finally:
            await pool.close()

    routes: list[BaseRoute] = [route for view in all_views for route in view.routes()]
    # gzip: the vendored YASGUI bundle is 1 MB as is, 0.3 MB compressed
    static = GZipMiddleware(StaticFiles(directory=STATIC), minimum_size=1024)
    routes.append(Mount("/static", app=static, name="static"))
    middleware = [Middleware(SecurityHeaders)]
    if config.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors_origins),
                allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
                allow_headers=["Accept", "Authorization", "Content-Type"],
                expose_headers=["Content-Type", "Link"],
                max_age=3600,
            )
        )
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={HttpError: _http_error, 404: _not_found, 405: _not_allowed},
    )
    app.state.config = config
    app.state.cache = {}
    app.state.nav = [entry for view in all_views for entry in view.nav]
    return app


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HttpError)
    return PlainTextResponse(exc.message + "\n", status_code=exc.status, headers=exc.headers)


async def _not_found(request: Request, exc: Exception) -> Response:
    return PlainTextResponse(
        f"nothing at {request.url.path}; see / for the query page and /about for the URLs\n", status_code=404
    )


async def _not_allowed(request: Request, exc: Any) -> Response:
    return PlainTextResponse(
        f"{request.method} is not allowed on {request.url.path}\n",
        status_code=405,
        headers=getattr(exc, "headers", None),
    )
