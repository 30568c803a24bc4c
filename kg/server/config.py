"""Settings of one running server, fixed when the app is created."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.namespaces import DEFAULT_BASE, REFERENCE

MB = 1024 * 1024


@dataclass(frozen=True)
class ServerConfig:
    """What ``kg serve`` was asked to do.

    Args:
        store: the Oxigraph store directory, opened read-only by every query worker.
        base_iri: the base of the store's instance IRIs; ``<base>x/y`` is served at ``/data/x/y``.
        timeout: seconds a query may run before its worker is killed and the client gets a 503.
        workers: query worker processes (None: one per core plus one, at least three).
        max_result_bytes: a serialized result larger than this is cut off with an error.
        max_request_bytes: a larger request body or URL is refused with 413 / 414.
        cors_origins: origins whose browser pages may call the endpoint (none by default; ``*``: any).
        update_token: bearer token required for SPARQL Update; None keeps the endpoint read-only.
        public_url: the URL clients reach the server at, when a proxy sits in front of it.
        max_connections: open connections beyond this get a 503 with Retry-After.
        max_queued: queries waiting for a worker beyond this get a 503 with Retry-After.
        request_timeout: seconds a client has to send a whole request (line, headers, body).
        idle_timeout: seconds a kept-alive connection may sit idle between requests.
    """

    store: Path
    base_iri: str = DEFAULT_BASE
    timeout: float = 30.0
    workers: int | None = None
    max_result_bytes: int = 512 * MB
    max_request_bytes: int = 1 * MB
    cors_origins: tuple[str, ...] = ()
    update_token: str | None = None
    public_url: str | None = None
    title: str = "kg: conflict knowledge graph"
    max_connections: int = 256
    max_queued: int = 64
    request_timeout: float = 20.0
    idle_timeout: int = 5

    @property
    def read_only(self) -> bool:
        return self.update_token is None

    @property
    def local_spaces(self) -> tuple[tuple[str, str], ...]:
        """(IRI prefix, local path prefix) pairs: the IRIs this server dereferences by path."""
        return ((self.base_iri, "/data/"), (str(REFERENCE), "/id/"))
