"""The SPARQL endpoint at ``/sparql``: queries, updates (when allowed), and the service description."""

from __future__ import annotations

import hmac
import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from kg import sparql_text
from kg.server import describe
from kg.server.config import ServerConfig
from kg.server.protocol import (
    ALLOWED_METHODS,
    BY_NAME,
    DEFAULT,
    HttpError,
    Kind,
    Operation,
    negotiate,
    read_operation,
)
from kg.server.workers import Reply, WorkerPool, query_request

log = logging.getLogger("kg.server")
ENDPOINT_PATH = "/sparql"


def routes() -> list[BaseRoute]:
    methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
    return [
        Route(ENDPOINT_PATH, sparql, methods=methods),
        Route(ENDPOINT_PATH + "/", sparql, methods=methods),
    ]


def endpoint_url(request: Request) -> str:
    """The endpoint's URL as the client reached it (or under --public-url)."""
    config: ServerConfig = request.app.state.config
    if config.public_url:
        return config.public_url.rstrip("/") + ENDPOINT_PATH
    return str(request.url.replace(query="", fragment=""))


async def sparql(request: Request) -> Response:
    """One SPARQL protocol request."""
    if request.method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": ALLOWED_METHODS})
    config: ServerConfig = request.app.state.config
    operation = await read_operation(request, max_bytes=config.max_request_bytes)
    if operation.kind == "description":
        return await describe.service_description(request, endpoint_url(request))
    if operation.kind == "update":
        return await _update(request, operation)
    formats = _formats(request.headers.get("accept"), operation.format_override)
    pool: WorkerPool = request.app.state.pool
    reply = await pool.run(
        query_request(
            operation.text,
            formats=formats,
            base_iri=endpoint_url(request),
            max_bytes=config.max_result_bytes,
            default_graphs=operation.default_graphs,
            named_graphs=operation.named_graphs,
        )
    )
    return reply_response(reply)


def _formats(accept: str | None, override: str | None) -> dict[str, tuple[str, str] | None]:
    """The (format, media type) to use for each kind of result, None where Accept allows nothing."""
    out: dict[str, tuple[str, str] | None] = {}
    kinds: tuple[Kind, ...] = ("results", "boolean", "graph")
    for kind in kinds:
        if override is not None:
            fmt = BY_NAME[override]
            out[kind] = (
                (fmt.name, fmt.media_type)
                if kind in fmt.kinds
                else (DEFAULT[kind].name, DEFAULT[kind].media_type)
            )
        else:
            chosen = negotiate(accept, kind)
            out[kind] = (chosen[0].name, chosen[1]) if chosen else None
    return out


def reply_response(reply: Reply, headers: dict[str, str] | None = None) -> Response:
    """The HTTP response for a worker's reply: whole when it fitted in one frame, else streamed."""
    all_headers = {"Vary": "Accept", **(headers or {})}
    if "ms" in reply.head:  # time in the worker until the first bytes (the whole result when not streamed)
        all_headers["Server-Timing"] = f"query;dur={reply.head['ms']}"
    media_type = reply.head["media_type"]
    if not reply.streaming:
        return Response(reply.body, media_type=media_type, headers=all_headers)
    return WorkerStreamingResponse(reply, media_type=media_type, headers=all_headers)


class WorkerStreamingResponse(StreamingResponse):
    """Streams a worker's frames; the worker is given back (or replaced) however the stream ends.

    Once the status line is out, a timeout or a size cap can only be signalled by closing the
    connection before the final chunk, which every HTTP client reports as an incomplete body
    (never a well-formed, silently truncated 200).
    """

    def __init__(self, reply: Reply, **kwargs: Any) -> None:
        super().__init__(reply.chunks(), **kwargs)
        self.reply = reply

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except HttpError as err:
            # returning without the final chunk makes the server close the connection mid-body
            log.warning("cut a response off after it began: %s", err.message)
        finally:
            await self.reply.close()


async def _update(request: Request, operation: Operation) -> Response:
    config: ServerConfig = request.app.state.config
    if config.update_token is None:
        raise HttpError(
            403,
            "this endpoint is read-only; the operator can start it with "
            "kg serve --allow-update to accept SPARQL Update",
        )
    supplied = request.headers.get("authorization", "")
    scheme, _, token = supplied.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), config.update_token.encode()
    ):
        raise HttpError(
            401,
            "SPARQL Update needs the header Authorization: Bearer <token> given to kg serve",
            {"WWW-Authenticate": 'Bearer realm="kg"'},
        )
    try:
        text = sparql_text.add_using(
            operation.text, list(operation.default_graphs), list(operation.named_graphs)
        )
    except ValueError as err:
        raise HttpError(400, str(err)) from err
    pool: WorkerPool = request.app.state.pool
    await pool.update({"text": text, "base_iri": endpoint_url(request)})
    return Response(status_code=204)
