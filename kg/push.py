"""Send named graphs to a remote triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

One ``PUT <endpoint>?graph=<iri>`` per named graph, body in N-Triples: the request replaces the
graph, so sending it twice is harmless and a push that was interrupted can simply be run again.
Every store kg targets speaks this protocol: Oxigraph (``/store``), Fuseki (``/<dataset>/data``),
GraphDB (``/repositories/<id>/rdf-graphs/service``), Virtuoso (``/sparql-graph-crud-auth``).
Requests go over a few persistent HTTP connections, in parallel.
"""

from __future__ import annotations

import base64
import http.client
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse, serialize

from kg.errors import StoreError

NTRIPLES = "application/n-triples"


def _ntriples(quads: Iterable[Quad]) -> bytes:
    body = serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES)
    return body or b""


def masked(url: str) -> str:
    """URL with the password of its credentials hidden, for messages.

    >>> masked("http://admin:s3cret@localhost:7878/store")
    'http://admin:***@localhost:7878/store'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    return parts._replace(netloc=f"{parts.username}:***@{host}").geturl()


def graph_url(endpoint: str, graph: str) -> str:
    """The Graph Store URL of one named graph (indirect identification, ``?graph=``).

    >>> graph_url("http://localhost:7878/store", "https://example.org/graph/a b")
    'http://localhost:7878/store?graph=https%3A%2F%2Fexample.org%2Fgraph%2Fa%20b'
    """
    return f"{endpoint}{'&' if '?' in endpoint else '?'}graph={quote(graph, safe='')}"


class GraphStore:
    """A client of one Graph Store endpoint: PUT graphs, several requests in flight at a time."""

    def __init__(self, endpoint: str, *, connections: int = 4, timeout: float = 120) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise StoreError(
                f"{masked(endpoint)}: not an http(s) URL of a Graph Store endpoint"
                " (e.g. http://localhost:7878/store)"
            )
        self.endpoint = endpoint
        self._scheme = parts.scheme
        self._host = parts.hostname
        self._port = parts.port
        self._path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._timeout = timeout
        self._headers = {"Content-Type": NTRIPLES}
        if parts.username is not None:
            credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
            self._headers["Authorization"] = "Basic " + base64.b64encode(credentials).decode()
        self._shown = f"{parts.scheme}://{self._host}{f':{self._port}' if self._port else ''}{parts.path}"
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[http.client.HTTPConnection] = []
        self._pool = ThreadPoolExecutor(connections, thread_name_prefix="kg-push")
        self._pending: list[Future[None]] = []
        self._backlog = 16 * connections
        self._sent = 0

    def put(self, graph: str, nquads: str) -> None:
        """Queue a PUT of GRAPH with the triples of NQUADS (N-Quads text of that graph)."""
        self._queue(self._pool.submit(self._put_nquads, graph, nquads))

    def put_quads(self, graph: str, quads: Iterable[Quad]) -> None:
        """Queue a PUT of GRAPH with the triples of QUADS (an empty graph is PUT empty)."""
        self._queue(self._pool.submit(self._send, "PUT", graph, _ntriples(quads)))

    def delete(self, graph: str) -> None:
        """Queue a DELETE of GRAPH (one the endpoint does not hold is not an error: 404 is the answer)."""
        self._queue(self._pool.submit(self._send, "DELETE", graph, b""))

    def _queue(self, future: Future[None]) -> None:
        self._pending.append(future)
        self._sent += 1
        if len(self._pending) >= self._backlog:  # bounded: memory stays flat on a long push
            self._pending.pop(0).result()

    def wait(self) -> int:
        """Wait until every queued request is done; raise the first failure. Returns how many were sent."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()
        return self._sent

    def close(self) -> None:
        """Cancel what is still queued and close the connections (call :meth:`wait` first to finish)."""
        self._pool.shutdown(cancel_futures=True)
        self._pending.clear()
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()

    def _put_nquads(self, graph: str, nquads: str) -> None:
        self._send("PUT", graph, _ntriples(parse(nquads, format=RdfFormat.N_QUADS)))

    def _connection(self) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            kind = http.client.HTTPSConnection if self._scheme == "https" else http.client.HTTPConnection
            conn = kind(self._host, self._port, timeout=self._timeout)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def _send(self, method: str, graph: str, body: bytes) -> None:
        path = graph_url(self._path, graph)
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=self._headers)
                response = conn.getresponse()
                detail = response.read()
            except (ConnectionError, http.client.HTTPException, TimeoutError) as err:
                conn.close()
                self._local.conn = None
                if attempt == 2 or not isinstance(err, ConnectionResetError | http.client.RemoteDisconnected):
                    raise StoreError(f"{self._shown}: cannot {method} graph <{graph}>: {err}") from err
                continue  # a keep-alive connection the server had closed: retry once on a new one
            except OSError as err:
                conn.close()
                self._local.conn = None
                raise StoreError(f"{self._shown}: cannot reach the Graph Store endpoint: {err}") from err
            if response.status >= 300 and not (method == "DELETE" and response.status == 404):
                text = detail.decode("utf-8", "replace").strip()[:300]
                status = f"{response.status} {response.reason}"
                raise StoreError(f"{self._shown}: {method} graph <{graph}> failed: {status}: {text}")
            return


@dataclass(frozen=True)
class PushReport:
    graphs: int
    quads: int


def push_store(
    store: Store, endpoint: str, *, graphs: Iterable[str] | None = None, connections: int = 4
) -> PushReport:
    """PUT every named graph of STORE (or only GRAPHS) to the Graph Store ENDPOINT."""
    names = [NamedNode(g) for g in graphs] if graphs is not None else sorted(store.named_graphs(), key=str)
    client = GraphStore(endpoint, connections=connections)
    quads = 0
    try:
        for name in names:
            if not isinstance(name, NamedNode):
                continue
            found = list(store.quads_for_pattern(None, None, None, name))
            quads += len(found)
            client.put_quads(name.value, found)
        client.wait()
    finally:
        client.close()
    return PushReport(graphs=sum(1 for n in names if isinstance(n, NamedNode)), quads=quads)
