"""Runaway queries yield the CPU to quick ones (issue 14): real worker processes, their priorities
and sessions read from the OS. Behaviour only; the latencies are measured by
bench/bench_runaways.py."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from server_support import SLOW_QUERY, make_store, serve

from kg.server import priority, workers
from kg.server.protocol import HttpError
from kg.server.workers import WorkerPool, query_request

pytestmark = pytest.mark.slow
ASK = "ASK { ?s ?p ?o }"
JSON = ("json", "application/sparql-results+json")
FORMATS: dict[str, tuple[str, str] | None] = {"results": JSON, "boolean": JSON, "graph": None}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("priority") / "store")


def get(url: str, query: str) -> int:
    try:
        with urllib.request.urlopen(url + "/sparql?" + urllib.parse.urlencode({"query": query}), timeout=60):
            return 200
    except urllib.error.HTTPError as err:
        with err:
            return int(err.code)
    except OSError:
        return 0  # the server was stopped under it


def query_workers(server_pid: int) -> list[int]:
    """The server's query workers: the children of its forkserver, its grandchildren."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                continue
    children = {pid for pid, parent in parents.items() if parent == server_pid}
    return sorted(pid for pid, parent in parents.items() if parent in children)


def nice(pid: int) -> int | None:
    try:
        return os.getpriority(os.PRIO_PROCESS, pid)
    except OSError:
        return None


def session(pid: int) -> int | None:
    try:
        return os.getsid(pid)
    except OSError:
        return None


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the processes from /proc")
def test_four_runaways_run_at_the_lowest_priority_in_their_own_sessions(store: Path) -> None:
    """Beside four runaway queries on a real server: their workers have the lowest priority (and
    their sessions too where the kernel weighs sessions), idle spares keep the normal one, every
    worker is out of the server's session, and an ASK is answered meanwhile."""
    with serve(store, "--workers", "2", "--timeout", "30") as running:
        statuses: list[int] = []
        runaways = [
            threading.Thread(target=lambda: statuses.append(get(running.url, SLOW_QUERY))) for _ in range(4)
        ]
        for thread in runaways:
            thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # until the spares taken by the runaways are replaced
            pids = query_workers(running.pid)
            lowered = [pid for pid in pids if nice(pid) == priority.LOWEST]
            normal = [pid for pid in pids if nice(pid) == 0]
            sessions = {pid: session(pid) for pid in pids}
            if len(lowered) == 4 and len(normal) >= 4 and all(sessions[pid] == pid for pid in pids):
                break  # (a worker leaves the server's session once it has opened the store)
            time.sleep(0.1)
        assert len(lowered) == 4, {pid: nice(pid) for pid in pids}
        assert len(normal) == 4  # the spares (four by default), ready for quick queries
        assert all(sessions[pid] == pid != session(running.pid) for pid in pids), sessions
        assert get(running.url, ASK) == 200
        if priority.autogroup():
            assert {priority.session_nice(pid) for pid in lowered} == {priority.LOWEST}
            assert {priority.session_nice(pid) for pid in normal} == {0}
    for thread in runaways:
        thread.join()
    assert len(statuses) == 4


def test_a_stopped_query_is_replaced_first_and_lowered_before_it_runs_again(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a runaway's client hears of its stop, a replacement worker is already idle beside the
    spare (sending it again at once takes no spare); sent again, the query runs lowered from its
    start (the timer that lowers other slow queries is set out of reach here)."""
    monkeypatch.setattr(workers, "DEMOTE_SECONDS", 600.0)
    monkeypatch.setattr(workers, "REPLACE_SECONDS", 60.0)  # however slow this machine starts one
    slow = query_request(SLOW_QUERY, formats=FORMATS, base_iri=None, max_bytes=1 << 20)

    async def scenario() -> None:
        pool = WorkerPool(store, size=1, spares=1, timeout=1.5)
        await pool.start()
        try:
            first = asyncio.ensure_future(pool.fetch(slow))
            await asyncio.sleep(0.5)
            (worker,) = pool._busy
            assert worker.process.pid is not None and nice(worker.process.pid) == 0
            with pytest.raises(HttpError) as stopped:
                await first
            assert stopped.value.status == 503
            assert pool._idle.qsize() == 2 and pool._pending == 0
            again = asyncio.ensure_future(pool.fetch(slow))
            while not pool._busy:
                await asyncio.sleep(0.01)
            (worker,) = pool._busy
            assert worker.process.pid is not None and nice(worker.process.pid) == priority.LOWEST
            with pytest.raises(HttpError):
                await again
        finally:
            await pool.close()

    asyncio.run(scenario())


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the processes from /proc")
def test_a_worker_ends_with_its_server_even_mid_query(store: Path) -> None:
    """Workers run in sessions of their own, out of reach of the terminal's signals: when the
    server dies without stopping them (SIGKILL here), a worker evaluating a runaway query ends
    too rather than running for hours."""
    with serve(store, "--workers", "1", "--timeout", "600") as running:
        runaway = threading.Thread(target=get, args=(running.url, SLOW_QUERY), daemon=True)
        runaway.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            busy = [pid for pid in query_workers(running.pid) if nice(pid) == priority.LOWEST]
            if busy:
                break
            time.sleep(0.1)
        assert busy
        os.kill(running.pid, signal.SIGKILL)
        try:
            for _ in range(100):
                if nice(busy[0]) is None or _state(busy[0]) == "Z":
                    break
                time.sleep(0.1)
            assert nice(busy[0]) is None or _state(busy[0]) == "Z"
        finally:
            with contextlib.suppress(OSError):
                os.kill(busy[0], signal.SIGKILL)


def _state(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
