"""The query worker process: one read-only store, one request at a time, results streamed back.

Runs in a child process started by :class:`kg.server.workers.WorkerPool`; the parent kills it
at the deadline (pyoxigraph cannot be interrupted from another thread), so nothing here needs
to watch the clock. Messages are frames on a socket pair: one type byte, a 4-byte big-endian
length, then the payload.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import socket
import struct
import sys
import threading
import time
from typing import IO, Any, cast

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)

from kg import sparql_text
from kg.errors import QueryError
from kg.server import query_check
from kg.server.priority import own_session, quietly
from kg.server.sandbox import forbid_network
from kg.sparql import run_query

# frame types
READY, HEAD, DATA, END, COMPLETE, ERROR, REQUEST = b"R", b"H", b"D", b"E", b"C", b"X", b"Q"
HEADER = struct.Struct(">cI")
CHUNK = 256 * 1024

RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
}


class ResultTooLarge(Exception):
    """The serialized result passed the size cap."""


def send(sock: socket.socket, kind: bytes, payload: bytes = b"") -> None:
    header = HEADER.pack(kind, len(payload))
    if len(payload) < CHUNK:
        sock.sendall(header + payload)  # one system call for the small replies that dominate
    else:
        sock.sendall(header)
        sock.sendall(payload)


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    buffer = bytearray()
    while len(buffer) < size:
        chunk = sock.recv(size - len(buffer))
        if not chunk:
            return None
        buffer += chunk
    return bytes(buffer)


def receive(sock: socket.socket) -> tuple[bytes, bytes] | None:
    header = _recv_exactly(sock, HEADER.size)
    if header is None:
        return None
    kind, length = HEADER.unpack(header)
    payload = _recv_exactly(sock, length) if length else b""
    return None if payload is None else (kind, payload)


def error(sock: socket.socket, status: int, message: str) -> None:
    send(sock, ERROR, json.dumps({"status": status, "message": message}).encode())


class Output:
    """The file-like object pyoxigraph serializes into: frames of about CHUNK bytes, with a cap.

    Nothing is sent until a full chunk is ready or the result is complete, so a query that fails
    or is killed before that point still gets its real status code.
    """

    def __init__(self, sock: socket.socket, head: dict[str, Any], max_bytes: int, started: float) -> None:
        self.started = started
        self.sock = sock
        self.head = head
        self.max_bytes = max_bytes
        self.buffer = bytearray()
        self.total = 0
        self.sent_head = False

    def write(self, data: bytes) -> int:
        self.total += len(data)
        if self.total > self.max_bytes:
            raise ResultTooLarge
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self._send_chunk()
        return len(data)

    def flush(self) -> None:
        """Chunking is ours to decide; pyoxigraph's flush at the end is handled by finish()."""

    def _head(self) -> bytes:
        """The head, with the milliseconds spent so far (reported as Server-Timing)."""
        return json.dumps({**self.head, "ms": round((time.perf_counter() - self.started) * 1000, 3)}).encode()

    def _send_chunk(self) -> None:
        if not self.sent_head:
            send(self.sock, HEAD, self._head())
            self.sent_head = True
        send(self.sock, DATA, bytes(self.buffer))
        self.buffer.clear()

    def finish(self) -> None:
        if self.sent_head:
            if self.buffer:
                send(self.sock, DATA, bytes(self.buffer))
            send(self.sock, END)
        else:
            head = self._head()
            send(self.sock, COMPLETE, struct.pack(">I", len(head)) + head + bytes(self.buffer))


def _dataset_options(request: dict[str, Any]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    default, named = request.get("default_graphs"), request.get("named_graphs")
    if default is not None or named is not None:
        options["default_graph"] = [NamedNode(g) for g in default or []]
        options["named_graphs"] = [NamedNode(g) for g in named or []]
    elif sparql_text.has_dataset_clause(request["text"]):
        options["use_default_graph_as_union"] = False  # FROM / FROM NAMED in the query decide
    return options


def _evaluation_error(cause: BaseException | None) -> str:
    """What a client is told when evaluation failed: never the OS's words, which would tell a
    connection refused from a timeout (a port scanner's oracle) or name paths on this machine."""
    if isinstance(cause, PermissionError):
        return "the query failed: it tried to reach the network, which query workers cannot do"
    return "the query failed while it was evaluated; see the server's log"


def run(store: Store, sock: socket.socket, request: dict[str, Any]) -> None:
    """Evaluate one query and send its result in the negotiated format."""
    text = request["text"]
    started = time.perf_counter()
    remote = query_check.remote_access(text)
    if remote is not None:
        error(sock, 400, query_check.MESSAGES[remote])
        return
    try:
        result = run_query(store, text, base_iri=request.get("base_iri"), **_dataset_options(request))
    except QueryError as err:
        cause = err.__cause__
        if isinstance(cause, SyntaxError):
            error(sock, 400, "malformed SPARQL query: " + sparql_text.explain_syntax_error(str(cause), text))
        else:
            print(f"kg serve: query failed: {err}", file=sys.stderr)
            error(sock, 500, _evaluation_error(cause))
        return
    kind = (
        "results"
        if isinstance(result, QuerySolutions)
        else "boolean"
        if isinstance(result, QueryBoolean)
        else "graph"
    )
    chosen = request["formats"].get(kind)
    if chosen is None:
        error(sock, 406, kind)
        return
    name, media_type = chosen
    output = Output(
        sock, {"kind": kind, "format": name, "media_type": media_type}, request["max_bytes"], started
    )
    try:
        sink = cast(IO[bytes], output)  # a file-like object is all pyoxigraph needs
        if isinstance(result, QueryTriples):
            result.serialize(sink, GRAPH_FORMATS[name])
        else:
            result.serialize(sink, RESULT_FORMATS[name])
    except ResultTooLarge:
        error(
            sock,
            413,
            f"the result is larger than the {request['max_bytes']}-byte limit (--max-result-size); "
            "add LIMIT or narrow the query",
        )
        return
    except (OSError, ValueError) as err:
        print(f"kg serve: query failed while its results were written: {err}", file=sys.stderr)
        error(sock, 500, _evaluation_error(err))
        return
    output.finish()


def update(path: str, sock: socket.socket, request: dict[str, Any]) -> None:
    """Apply one SPARQL Update on the store opened read-write, then close it again."""
    remote = query_check.remote_access(request["text"], update=True)
    if remote is not None:
        error(sock, 400, query_check.MESSAGES[remote])
        return
    writable: Store | None = None
    try:
        writable = Store(path)
        writable.update(request["text"], base_iri=request.get("base_iri"))
        writable.flush()
    except SyntaxError as err:
        error(
            sock,
            400,
            "malformed SPARQL update: " + sparql_text.explain_syntax_error(str(err), request["text"]),
        )
        return
    except OSError as err:
        print(f"kg serve: update failed: {err}", file=sys.stderr)
        error(sock, 500, _evaluation_error(err).replace("query", "update"))
        return
    finally:
        del writable
        gc.collect()
    head = json.dumps({"kind": "update"}).encode()
    send(sock, COMPLETE, struct.pack(">I", len(head)) + head)


def main(sock: socket.socket, path: str) -> None:
    """Serve requests from the parent until it closes the socket."""
    # the server may let go of this worker (it is closing, or gave up on a start): end quietly
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        _serve(sock, path)


def _exit_with_server(sock: socket.socket) -> None:
    """End this process as soon as the server lets go of its end of SOCK, even mid-query.

    A worker runs in a session of its own (:mod:`kg.server.priority`), out of reach of the
    terminal's signals, so a server that dies without killing it (SIGKILL, a closed terminal)
    must not leave a runaway query evaluating for hours. Watched from a thread: the query holds
    the main one, and pyoxigraph lets go of the GIL while it evaluates.
    """
    rdhup = getattr(select, "POLLRDHUP", None)
    if rdhup is None:  # not Linux: the peer's close cannot be seen without reading
        return
    poller = select.poll()
    poller.register(sock, rdhup)

    def watch() -> None:
        while True:
            if any(events & (rdhup | select.POLLHUP | select.POLLERR) for _, events in poller.poll()):
                os._exit(0)

    threading.Thread(target=watch, name="kg-worker-watch", daemon=True).start()


def _serve(sock: socket.socket, path: str) -> None:
    forbid_network()  # whatever a query asks, this process can open no TCP/UDP socket from here on
    store: Store | None
    try:
        store = quietly(lambda: Store.read_only(path))
    except OSError as err:
        error(sock, 500, f"{path}: cannot open the store read-only: {err}")
        return
    own_session()  # see kg.server.priority: lowering this worker must not lower the server
    _exit_with_server(sock)
    send(sock, READY)
    while (message := receive(sock)) is not None:
        request = json.loads(message[1])
        op = request["op"]
        if op == "close":
            store = None
            gc.collect()
            send(sock, END)
        elif op == "update":
            store = None
            gc.collect()
            update(path, sock, request)
        else:
            if store is None:
                store = Store.read_only(path)
            run(store, sock, request)
