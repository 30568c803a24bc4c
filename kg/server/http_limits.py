"""Limits on HTTP connections, below the application: what uvicorn does not bound by itself.

uvicorn (with httptools) reads a request line and headers of any length, waits for them as long
as a client likes (a few bytes a minute keep a connection, and a slot, forever) and takes any
number of connections. :func:`protocol_class` returns its HTTP protocol with, per connection:

- a cap on open connections: one over it is answered 503 with Retry-After and closed;
- a deadline to send a whole request (line, headers, body), counted from the connection or from
  the request's first byte on a kept-alive one; past it the connection gets a 408 and is closed;
- a longest URL (414), a largest header block (431), and a declared body over the limit refused
  (413) before it is read.

Idle kept-alive connections are closed by uvicorn's own ``timeout_keep_alive``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from http import HTTPStatus

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from kg.server.app import SECURITY_HEADERS

RETRY_AFTER_SECONDS = 2
# After an early answer the connection is half-closed and what the client still sends is read and
# dropped for this long: closing with unread data makes the kernel send a reset, and the client
# may then lose the answer.
LINGER_SECONDS = 1.0


@dataclass(frozen=True)
class HttpLimits:
    """Per-connection limits (see the module's text); sizes in bytes, times in seconds."""

    max_connections: int = 256
    request_timeout: float = 20.0
    max_url_bytes: int = 1024 * 1024 + 8192
    max_header_bytes: int = 64 * 1024
    max_body_bytes: int = 1024 * 1024


class _Refused(Exception):
    """Raised in a parser callback to stop reading a request that has been answered."""


def response_bytes(status: int, message: str, headers: dict[str, str] | None = None) -> bytes:
    """A whole HTTP/1.1 response closing the connection, with a text/plain MESSAGE."""
    body = (message + "\n").encode()
    lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    lines += [f"{name.decode()}: {value.decode()}" for name, value in SECURITY_HEADERS]
    lines += ["content-type: text/plain; charset=utf-8", f"content-length: {len(body)}", "connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def protocol_class(limits: HttpLimits) -> type[HttpToolsProtocol]:
    """uvicorn's httptools protocol with LIMITS (pass it as ``uvicorn.run(..., http=...)``)."""

    class LimitedProtocol(HttpToolsProtocol):
        _timer: asyncio.TimerHandle | None = None
        _refused = False
        _url_bytes = 0
        _header_bytes = 0

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if len(self.connections) > limits.max_connections:
                self._answer(
                    503,
                    f"the server has {limits.max_connections} connections open, its limit; "
                    f"try again in {RETRY_AFTER_SECONDS} s",
                    {"Retry-After": str(RETRY_AFTER_SECONDS)},
                )
                return
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self._timer is None:
                self._timer = self.loop.call_later(limits.request_timeout, self._too_slow)

        def _disarm(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _too_slow(self) -> None:
            self._timer = None
            if self.transport.is_closing():
                return
            if self.cycle is None or self.cycle.response_complete:
                self._answer(
                    408, f"the request was not sent within {limits.request_timeout:g} s; send it at once"
                )
            else:  # the body is late: the application is told the client left
                self.transport.close()

        def _answer(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
            self._refused = True
            self._disarm()
            if not self.transport.is_closing():
                self.transport.write(response_bytes(status, message, headers))
                if self.transport.can_write_eof():
                    self.transport.write_eof()
                    self.loop.call_later(LINGER_SECONDS, self.transport.close)
                else:
                    self.transport.close()

        def _refuse(self, status: int, message: str) -> None:
            self._answer(status, message)
            raise _Refused

        def data_received(self, data: bytes) -> None:
            if self._refused:
                return
            self._unset_keepalive_if_required()
            try:
                self.parser.feed_data(data)
            except httptools.HttpParserUpgrade:
                if self._should_upgrade():
                    self.handle_websocket_upgrade()
                else:
                    self._unsupported_upgrade_warning()
            except httptools.HttpParserError:
                if not self._refused:
                    self.send_400_response("Invalid HTTP request received.")

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._url_bytes = self._header_bytes = 0
            self._arm()

        def on_url(self, url: bytes) -> None:
            self._url_bytes += len(url)
            if self._url_bytes > limits.max_url_bytes:
                self._refuse(
                    414,
                    f"the request URL is longer than the {limits.max_url_bytes}-byte limit; "
                    "send the query by POST",
                )
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._header_bytes += len(name) + len(value) + 4
            if self._header_bytes > limits.max_header_bytes:
                self._refuse(431, f"the request headers are larger than {limits.max_header_bytes} bytes")
            super().on_header(name, value)

        def on_headers_complete(self) -> None:
            for name, value in self.headers:
                if name == b"content-length" and value.isdigit() and int(value) > limits.max_body_bytes:
                    self._refuse(
                        413,
                        f"the request body is larger than the {limits.max_body_bytes}-byte limit "
                        "(--max-request-size)",
                    )
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            self._disarm()
            super().on_message_complete()

    return LimitedProtocol
