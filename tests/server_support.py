"""Shared helpers for the server tests: fixture stores and a real ``kg serve`` process on a free port."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

DATA = Path(__file__).parent / "data"
GRAPH = DATA / "server" / "graph.trig"
W3C = Path(__file__).resolve().parents[1].parent / "shared" / "w3c"
# Every pair of variables multiplies the work: on the 42-statement fixture this runs for hours.
SLOW_QUERY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
)


def make_store(path: Path, trig: Path = GRAPH, *, graphs: dict[str, Path] | None = None) -> Path:
    """A store at PATH holding TRIG (and each N-Triples file of GRAPHS in the named graph given)."""
    store = Store(str(path))
    store.load(path=str(trig), format=RdfFormat.TRIG)
    for name, file in (graphs or {}).items():
        store.extend(
            Quad(t.subject, t.predicate, t.object, NamedNode(name))
            for t in parse(path=str(file), format=RdfFormat.N_TRIPLES)
        )
    store.flush()
    del store
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class Running:
    url: str  # no trailing slash
    pid: int


@contextmanager
def serve(
    store: Path, *args: str, timeout: float = 60.0, program: Sequence[str] = (sys.executable, "-m", "kg")
) -> Iterator[Running]:
    """Run ``kg serve`` on STORE in a subprocess until the block ends (PROGRAM: how kg is started)."""
    port = free_port()
    command = [*program, "serve", "--store", str(store), "--port", str(port), *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"kg serve exited with {process.returncode}:\n{output}")
            try:
                with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield Running(url, process.pid)
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a server started by a test: terminate, kill if it lingers, close its pipes."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for pipe in (process.stdout, process.stderr):
        if pipe:
            pipe.close()


def descendants_cpu_seconds(pid: int) -> float:
    """CPU time used so far by the processes below PID (Linux /proc), not counting PID itself."""
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
    below: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {p for p, fields in stats.items() if int(fields[1]) in frontier} - below
        below |= frontier
    return sum((int(stats[p][11]) + int(stats[p][12])) / os.sysconf("SC_CLK_TCK") for p in below)


@contextmanager
def serve_sample(store: Path) -> Iterator[Running]:
    """`kg serve` (two workers) on STORE built from the sample corpus, examples/articles."""
    from click.testing import CliRunner

    from kg.cli import cli

    articles = Path(__file__).resolve().parent.parent / "examples" / "articles"
    result = CliRunner().invoke(
        cli, ["build", "-q", "--store", str(store), str(articles)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    with serve(store, "--workers", "2") as running:
        yield running


def post_query(url: str, query: str) -> tuple[int, str]:
    """POST QUERY to the server at URL's /sparql as a form; the status and body, errors included."""
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url + "/sparql", data=data, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.read().decode()


class Listener:
    """A TCP listener on 127.0.0.1 counting connections and the bytes they carried."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port: int = self.sock.getsockname()[1]
        self.connections = 0
        self.bytes = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.settimeout(0.2)
            with contextlib.suppress(OSError):
                self.bytes += len(conn.recv(65536))
            conn.close()  # no answer: the evaluation fails at once

    def close(self) -> None:
        self.sock.close()
