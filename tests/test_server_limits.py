"""Connection and request limits of a real ``kg serve`` on a free port, and the worker pool's
spare workers, demotion of slow queries and waiting-room cap on a real store (issue 14)."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_support import SLOW_QUERY, Running, make_store, serve

from kg.server.protocol import HttpError
from kg.server.workers import WorkerPool, query_request

pytestmark = pytest.mark.slow
FORMATS = {"results": ("json", "application/sparql-results+json"), "boolean": None, "graph": None}
FORMATS["boolean"] = FORMATS["results"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("limits") / "store")


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Running]:
    options = ["--workers", "1", "--max-request-size", "16K", "--max-connections", "4"]
    with serve(store, *options, "--request-timeout", "1.5") as running:
        yield running


def exchange(server: Running, data: bytes, *, wait: float = 0.0, timeout: float = 10.0) -> bytes:
    """Send DATA on a new connection (then wait WAIT s) and read until the server closes it."""
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        time.sleep(wait)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        return received


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def test_an_over_long_url_is_414_not_a_generic_400(server: Running) -> None:
    query = urllib.parse.quote("ASK { ?s ?p ?o }" + " " * 40_000)
    response = exchange(server, f"GET /sparql?query={query} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    assert status_of(response) == 414
    assert b"POST" in response  # says what to do instead


def test_a_declared_over_large_body_is_413_before_it_is_sent(server: Running) -> None:
    head = (
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        "Content-Length: 10000000\r\n\r\n"
    )
    response = exchange(server, head.encode())  # no body follows: the answer must not wait for it
    assert status_of(response) == 413


def test_an_over_large_header_block_is_431(server: Running) -> None:
    headers = "".join(f"X-Filler-{n}: {'y' * 1000}\r\n" for n in range(80))
    response = exchange(server, f"GET /sparql HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())
    assert status_of(response) == 431


def test_a_request_sent_too_slowly_gets_408_and_is_closed(server: Running) -> None:
    started = time.monotonic()
    response = exchange(server, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")  # headers never end
    assert status_of(response) == 408
    assert time.monotonic() - started < 5


def test_connections_over_the_cap_get_503_with_retry_after(server: Running) -> None:
    port = int(server.url.rsplit(":", 1)[1])
    held = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(4)]
    try:
        time.sleep(0.2)
        response = exchange(server, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n")
        assert status_of(response) == 503
        assert b"retry-after: 2" in response.lower()
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.3)
    fine = exchange(server, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status_of(fine) == 200


def _ask() -> dict[str, object]:
    return query_request("ASK { ?s ?p ?o }", formats=FORMATS, base_iri=None, max_bytes=1 << 20)


def _slow() -> dict[str, object]:
    return query_request(SLOW_QUERY, formats=FORMATS, base_iri=None, max_bytes=1 << 20)


def test_the_waiting_room_is_capped_with_503_and_retry_after(store: Path) -> None:
    async def scenario() -> None:
        pool = WorkerPool(store, size=1, max_size=1, spares=0, timeout=3, max_waiting=1)
        await pool.start()
        try:
            slow = asyncio.ensure_future(pool.fetch(_slow()))
            await asyncio.sleep(0.2)
            queued = asyncio.ensure_future(pool.fetch(_ask()))
            await asyncio.sleep(0.2)
            started = time.monotonic()
            with pytest.raises(HttpError) as refused:
                await pool.fetch(_ask())
            assert time.monotonic() - started < 0.5  # at once, not after the deadline
            assert refused.value.status == 503
            assert refused.value.headers["Retry-After"] == "2"
            outcomes = await asyncio.gather(slow, queued, return_exceptions=True)
            assert isinstance(outcomes[0], HttpError) and outcomes[0].status == 503  # stopped
        finally:
            await pool.close()

    asyncio.run(scenario())


def test_spare_workers_are_warm_and_a_slow_query_yields_the_cpu(store: Path) -> None:
    """Beside a slow query there are idle spares (no ASK waits for a start), the slow query's
    worker runs at the lowest priority, and it is replaced (not reused) once stopped."""

    async def scenario() -> None:
        pool = WorkerPool(store, size=1, spares=2, timeout=2)
        await pool.start()
        try:
            slow = asyncio.ensure_future(pool.fetch(_slow()))
            await asyncio.sleep(1.0)
            busy = list(pool._busy)
            assert len(busy) == 1 and busy[0].demoted
            assert busy[0].process.pid is not None
            assert os.getpriority(os.PRIO_PROCESS, busy[0].process.pid) == 19
            assert pool._idle.qsize() >= 2
            started = time.monotonic()
            _, body = await pool.fetch(_ask())
            assert b"true" in body and time.monotonic() - started < 0.5
            with pytest.raises(HttpError):
                await slow
            await asyncio.sleep(0.5)
            assert busy[0] not in pool._workers
            assert all(not worker.demoted for worker in pool._workers)
        finally:
            await pool.close()

    asyncio.run(scenario())


KG_SCRIPT = """import os, sys
with open(os.environ["KG_TEST_RUNS"], "a") as runs:
    runs.write(f"{os.getpid()}\\n")
from kg.cli import main
if __name__ == "__main__":
    sys.exit(main())
"""


def _get(server: Running, query: str) -> int:
    url = server.url + "/sparql?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        with err:
            return int(err.code)


def test_query_workers_of_the_kg_script_do_not_run_it_again(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started as the ``kg`` script (as users do, not ``python -m kg``), the server's worker
    processes do not run the script again (it imports all of kg.cli: 0.2-0.3 s of CPU for each
    replacement of a stopped runaway's worker, while quick queries wait for the CPU)."""
    script = tmp_path / "kg"
    script.write_text(KG_SCRIPT)
    runs = tmp_path / "runs"
    monkeypatch.setenv("KG_TEST_RUNS", str(runs))
    program = (sys.executable, str(script))
    with serve(store, "--workers", "2", "--timeout", "1", program=program) as running:
        assert _get(running, "ASK { ?s ?p ?o }") == 200
        assert _get(running, SLOW_QUERY) == 503  # stopped: its worker is replaced
        time.sleep(1.0)
    assert runs.read_text().split() == [str(running.pid)]
