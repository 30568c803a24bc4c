"""Quick ASK latency while runaway queries hold workers and are killed and replaced (issue 14).

Starts ``kg serve --timeout T`` on a small store (the server tests' fixture graph), keeps RUNAWAYS
queries running that would take hours (each is stopped at the deadline with a 503 and sent again
at once, so workers are killed and replaced all along), and meanwhile sends ASKS quick ASK
queries spread evenly over SECONDS, one at a time, each on a new connection as a browser or a
script would. Prints p50 / p99 / max of the ASKs, how many runaways were stopped, and the load.

Usage:
    .venv/bin/python bench/bench_runaways.py                     # 4 runaways, 100 ASKs over 14 s, --timeout 3
    .venv/bin/python bench/bench_runaways.py --runaways 8 --seconds 20
    .venv/bin/python bench/bench_runaways.py --module           # as `python -m kg serve`
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRAPH = ROOT / "tests" / "data" / "server" / "graph.trig"
# every pair of variables multiplies the work: on the 42-statement fixture this runs for hours
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?p ?q ?r }"
ASK = "ASK { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def query(port: int, text: str, timeout: float) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": text}))
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited with {process.returncode}")
        try:
            if query(port, "ASK {}", 5) == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("kg serve was not ready after 60 s")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runaways", type=int, default=4)
    parser.add_argument("--asks", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=14.0)
    parser.add_argument("--timeout", type=float, default=3.0, help="kg serve --timeout")
    parser.add_argument("--serve-args", default="", help="more kg serve options, e.g. '--workers 2'")
    parser.add_argument(
        "--module",
        action="store_true",
        help="start the server as `python -m kg serve` rather than with the `kg` script users run "
        "(multiprocessing treats the two differently when it starts a worker)",
    )
    args = parser.parse_args()

    from pyoxigraph import RdfFormat, Store

    work = Path(tempfile.mkdtemp(prefix="kg-runaways-"))
    store = Store(str(work / "store"))
    store.load(path=str(GRAPH), format=RdfFormat.TRIG)
    store.flush()
    del store
    port = free_port()
    script = Path(sys.executable).with_name("kg")
    program = [sys.executable, "-m", "kg"] if args.module or not script.exists() else [str(script)]
    command = [*program, "serve", "--store", str(work / "store"), "--port", str(port)]
    command += ["--timeout", str(args.timeout), *args.serve_args.split()]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stop = threading.Event()
    stopped: list[int] = []
    try:
        wait_ready(port, process)

        def runaway() -> None:
            while not stop.is_set():
                try:
                    stopped.append(query(port, RUNAWAY, args.timeout + 30))
                except OSError:
                    time.sleep(0.1)

        threads = [threading.Thread(target=runaway, daemon=True) for _ in range(args.runaways)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)  # every runaway is under way
        gap = args.seconds / args.asks
        latencies, failures = [], 0
        began = time.monotonic()
        for number in range(args.asks):
            time.sleep(max(0.0, began + number * gap - time.monotonic()))
            started = time.perf_counter()
            status = query(port, ASK, 30)
            latencies.append((time.perf_counter() - started) * 1000)
            if os.environ.get("BENCH_DEBUG"):
                print(f"{time.monotonic() - began:6.2f} {latencies[-1]:7.1f}")
            failures += status != 200
        load = os.getloadavg()
        stop.set()
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)
    p50, p99 = statistics.median(latencies), percentile(latencies, 0.99)
    over = sum(ms > 10 for ms in latencies)
    print(
        f"{args.asks} ASKs over {args.seconds:g} s beside {args.runaways} runaway queries (--timeout "
        f"{args.timeout:g}, {' '.join(program[1:]) or 'kg'}): p50 {p50:.1f} ms, p99 {p99:.1f} ms,"
        f" max {max(latencies):.1f} ms, {over} over 10 ms, {failures} not 200;"
        f" runaways stopped: {len(stopped)} ({sorted(set(stopped))});"
        f" load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )


if __name__ == "__main__":
    main()
