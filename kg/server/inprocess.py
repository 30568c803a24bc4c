"""One HTTP request to the app without a socket (``kg serve --get``), lifespan included.

A minimal ASGI driver: start the app's lifespan (so the worker pool runs), send one request,
collect the response, shut the lifespan down.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message


@dataclass(frozen=True)
class InProcessResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


async def request(
    app: ASGIApp,
    path: str,
    *,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    body: bytes = b"",
) -> InProcessResponse:
    """Run the lifespan of APP around one request for PATH."""
    startup: asyncio.Queue[Message] = asyncio.Queue()
    replies: asyncio.Queue[Message] = asyncio.Queue()
    await startup.put({"type": "lifespan.startup"})

    async def lifespan_send(message: Message) -> None:
        await replies.put(message)

    lifespan = asyncio.ensure_future(
        app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, startup.get, lifespan_send)
    )
    started = await replies.get()
    if started["type"] == "lifespan.startup.failed":
        await lifespan
        raise RuntimeError(started.get("message", "the server did not start"))
    try:
        return await _http(app, path, method=method, headers=headers or {}, body=body)
    finally:
        await startup.put({"type": "lifespan.shutdown"})
        await lifespan


async def _http(
    app: ASGIApp, path: str, *, method: str, headers: Mapping[str, str], body: bytes
) -> InProcessResponse:
    parts = urlsplit(path)
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method.upper(),
        "scheme": "http",
        "path": parts.path or "/",
        "raw_path": (parts.path or "/").encode(),
        "query_string": parts.query.encode(),
        "root_path": "",
        "server": ("localhost", 80),
        "client": ("127.0.0.1", 0),
        "headers": [(b"host", b"localhost"), *((k.lower().encode(), v.encode()) for k, v in headers.items())],
        "state": {},
    }
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # no disconnect: the response is read to its end
        raise AssertionError("unreachable")

    status, response_headers, chunks = 500, [], []

    async def send(message: Message) -> None:
        nonlocal status, response_headers
        if message["type"] == "http.response.start":
            status = message["status"]
            response_headers = [
                (k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])
            ]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return InProcessResponse(status, response_headers, b"".join(chunks))
