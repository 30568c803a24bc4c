"""One query worker process as the server sees it, and what it answers.

:class:`Worker` holds the socket pair to one child process (see :mod:`kg.server._worker` for the
framing) and can lower its CPU priority; :class:`Reply` is a query's answer, whole or streamed.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any

from kg.server import _worker, priority
from kg.server.protocol import HttpError


@dataclass(eq=False)
class Worker:
    process: BaseProcess
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    demoted: bool = False  # lowered (or being lowered): retired once its query ends
    lowered: bool = False  # the whole of the lowering took effect
    timer: asyncio.TimerHandle | None = None  # lowers it (again) while its query runs

    def demote(self, *, session: bool) -> bool:
        """Give this worker the lowest CPU priority, for good (see :mod:`kg.server.priority`);
        False while a part of it must be tried again."""
        self.demoted = True
        if not self.lowered and self.process.pid is not None:
            self.lowered = priority.lower(self.process.pid, session=session)
        return self.lowered

    def cancel_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    async def send(self, request: dict[str, Any]) -> None:
        payload = json.dumps(request).encode()
        self.writer.write(_worker.HEADER.pack(_worker.REQUEST, len(payload)) + payload)
        await self.writer.drain()

    async def receive(self) -> tuple[bytes, bytes]:
        header = await self.reader.readexactly(_worker.HEADER.size)
        kind, length = _worker.HEADER.unpack(header)
        payload = await self.reader.readexactly(length) if length else b""
        return kind, payload

    def kill(self) -> None:
        self.cancel_timer()
        self.writer.close()
        if self.process.is_alive():
            self.process.kill()


@dataclass
class Reply:
    """A query's answer: its head (kind, format, media type) and a body, whole or streamed."""

    head: dict[str, Any]
    body: bytes | None = None
    _chunks: AsyncIterator[bytes] | None = None
    _close: Any = field(default=None, repr=False)

    @property
    def streaming(self) -> bool:
        return self._chunks is not None

    def chunks(self) -> AsyncIterator[bytes]:
        assert self._chunks is not None
        return self._chunks

    async def close(self) -> None:
        """Give the worker back (or replace it when the stream was not read to its end)."""
        if self._close is not None:
            close, self._close = self._close, None
            await close()


class QueryTimeout(HttpError):
    def __init__(self, timeout: float) -> None:
        super().__init__(
            503,
            f"the query ran longer than the {timeout:g} s limit (--timeout) and was stopped; "
            "narrow it, add LIMIT, or ask the operator for a longer --timeout",
        )


def query_request(
    text: str,
    *,
    formats: dict[str, tuple[str, str] | None],
    base_iri: str | None,
    max_bytes: int,
    default_graphs: tuple[str, ...] = (),
    named_graphs: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The message asking a worker to run one query (dataset given only when the client gave one)."""
    request: dict[str, Any] = {
        "op": "query",
        "text": text,
        "formats": formats,
        "base_iri": base_iri,
        "max_bytes": max_bytes,
    }
    if default_graphs or named_graphs:
        request["default_graphs"] = list(default_graphs)
        request["named_graphs"] = list(named_graphs)
    return request


def query_key(request: dict[str, Any]) -> str:
    """What identifies a query's work: its text and dataset (not the result format)."""
    parts = [request.get("text"), request.get("default_graphs"), request.get("named_graphs")]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()
