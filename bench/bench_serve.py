"""Benchmark ``kg serve`` against ``oxigraph serve`` and rdflib-endpoint on one generated graph.

Generates a graph of about 1M statements shaped like kg's output (one named graph per article),
loads it into each server, then measures, one query at a time on a kept-alive connection:

- five queries (selective lookup, GROUP BY count, two-hop join, regex filter, 100k-row export),
  median latency per server and the ratios kg/oxigraph and rdflib/kg;
- a quick ASK's latency while a slow query runs on another connection;
- 50 concurrent clients for a minute on kg serve (and oxigraph serve): requests, errors, p50, p99.

Needs the ``bench`` extra (``pip install -e '.[bench]'``: the ``oxigraph`` CLI, rdflib-endpoint).

Usage:
    .venv/bin/python bench/bench_serve.py      # the full run (rdflib-endpoint takes minutes to load)
    .venv/bin/python bench/bench_serve.py --events 5000 --load-seconds 10 --skip-rdflib   # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BASE = "https://w3id.org/conflict-kg/data/"
KGO = "https://w3id.org/conflict-kg/ontology#"
KGV = "https://w3id.org/conflict-kg/vocab#"
KGR = "https://w3id.org/conflict-kg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = f"PREFIX kgo: <{KGO}>\nPREFIX kgr: <{KGR}>\n"
EVENT_TYPES = ["DroneAttack", "RocketAttack", "MortarAttack", "MissileAttack", "Attack"]
WEAPONS = ["drone", "rocket", "mortar", "ballisticMissile", "ied"]
COUNTRIES = ["iraq", "syria", "jordan", "kuwait"]
VERBS = ["claimed", "carried out", "was blamed for", "denied"]


# ---------------------------------------------------------------- the graph


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: str, datatype: str | None = None, lang: str | None = None) -> str:
    text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if lang:
        return f"{text}@{lang}"
    return f"{text}^^<{datatype}>" if datatype else text


def generate(path: Path, events: int, *, seed: int = 7) -> int:
    """Write the graph as N-Quads to PATH; return the number of statements."""
    rng = random.Random(seed)
    actors = [f"actor-{i}" for i in range(60)]
    places = [(f"place-{i}", COUNTRIES[i % len(COUNTRIES)]) for i in range(300)]
    count = 0
    with path.open("w", encoding="utf-8") as out:

        def quad(s: str, p: str, o: str, g: str) -> None:
            nonlocal count
            out.write(f"{s} {p} {o} {g} .\n")
            count += 1

        reference = _iri(BASE + "graph/_reference")
        for country in COUNTRIES:
            node = _iri(KGR + country)
            quad(node, _iri(RDF_TYPE), _iri(KGO + "Country"), reference)
            quad(node, _iri(SKOS_LABEL), _lit(country.title(), lang="en"), reference)
        for index, actor in enumerate(actors):
            node = _iri(KGR + actor)
            quad(node, _iri(RDF_TYPE), _iri(KGO + "ArmedGroup"), reference)
            quad(node, _iri(SKOS_LABEL), _lit(f"Brigade {index}", lang="en"), reference)
            quad(
                node,
                _iri("http://www.w3.org/2002/07/owl#sameAs"),
                _iri(f"http://www.wikidata.org/entity/Q{1000 + index}"),
                reference,
            )
        for index, (place, country) in enumerate(places):
            node = _iri(KGR + place)
            quad(node, _iri(RDF_TYPE), _iri(KGO + ("MilitaryBase" if index % 3 == 0 else "City")), reference)
            quad(
                node,
                _iri(SKOS_LABEL),
                _lit(f"{'Base' if index % 3 == 0 else 'Town'} {index}", lang="en"),
                reference,
            )
            quad(node, _iri(KGO + "locatedIn"), _iri(KGR + country), reference)
        per_article = 3
        for article_index in range((events + per_article - 1) // per_article):
            article_id = f"a{article_index:06d}"
            graph = _iri(BASE + "graph/" + article_id)
            article = _iri(BASE + "article/" + article_id)
            day = f"2024-{1 + article_index % 12:02d}-{1 + article_index % 28:02d}"
            quad(article, _iri(RDF_TYPE), _iri(KGO + "Article"), graph)
            quad(article, _iri("http://purl.org/dc/terms/title"), _lit(f"Report {article_index}"), graph)
            quad(article, _iri("http://schema.org/datePublished"), _lit(day, XSD + "date"), graph)
            quad(
                article, _iri(KGO + "outlet"), _lit(rng.choice(["Reuters", "AP", "AFP", "Al-Monitor"])), graph
            )
            quad(article, _iri(KGO + "contentHash"), _lit(f"{rng.getrandbits(64):016x}"), graph)
            for event_index in range(per_article):
                event = _iri(f"{BASE}event/{article_id}-{event_index}")
                kind = rng.choice(EVENT_TYPES)
                actor = rng.choice(actors)
                place, _ = rng.choice(places)
                weapon = rng.choice(WEAPONS)
                quad(event, _iri(RDF_TYPE), _iri(KGO + kind), graph)
                quad(event, _iri(RDFS_LABEL), _lit(kind.lower(), lang="en"), graph)
                if rng.random() < 0.6:
                    quad(event, _iri(KGO + "perpetrator"), _iri(KGR + actor), graph)
                quad(event, _iri(KGO + "targetPlace"), _iri(KGR + place), graph)
                quad(event, _iri(KGO + "location"), _iri(KGR + place), graph)
                quad(event, _iri(KGO + "date"), _lit(day, XSD + "date"), graph)
                quad(
                    event,
                    _iri(KGO + "claimKind"),
                    _iri(KGV + rng.choice(["claimed", "attributed", "unknown"])),
                    graph,
                )
                quad(event, _iri(KGO + "weapon"), _iri(KGV + weapon), graph)
                quad(event, _iri(KGO + "source"), article, graph)
                for mention_index in range(rng.choice([1, 1, 2])):
                    start = 100 * event_index + 40 * mention_index
                    mention = _iri(f"{BASE}mention/{article_id}-{event_index}-{mention_index}")
                    text = (
                        f"Brigade {actor.split('-')[1]} {rng.choice(VERBS)} a {weapon} attack on "
                        f"{'base' if rng.random() < 0.4 else 'town'} {place.split('-')[1]} on {day}."
                    )
                    quad(event, _iri(KGO + "mention"), mention, graph)
                    quad(mention, _iri(RDF_TYPE), _iri(KGO + "Mention"), graph)
                    quad(mention, _iri(KGO + "text"), _lit(text), graph)
                    quad(mention, _iri(KGO + "start"), _lit(str(start), XSD + "integer"), graph)
                    quad(mention, _iri(KGO + "end"), _lit(str(start + len(text)), XSD + "integer"), graph)
                    quad(mention, _iri(KGO + "article"), article, graph)
    return count


# ---------------------------------------------------------------- the queries

QUERIES = {
    "lookup": f"SELECT ?p ?o WHERE {{ <{BASE}event/a001234-1> ?p ?o }}",
    "group-by count": "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)",
    "two-hop join": PREFIXES
    + "SELECT ?e ?place WHERE { ?e kgo:targetPlace ?place . ?place kgo:locatedIn kgr:syria }",
    "regex filter": PREFIXES
    + 'SELECT ?m ?text WHERE { ?m kgo:text ?text FILTER(REGEX(?text, "drone.*base", "i")) }',
    "100k-row export": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100000",
}
HEAVY = ["group-by count", "two-hop join", "regex filter", "100k-row export"]
QUICK_ASK = f"ASK {{ <{BASE}event/a000042-0> a ?type }}"
SLOW = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?a kgo:date ?d1 . ?b kgo:date ?d2 FILTER(?d1 < ?d2) }"


@dataclass
class Server:
    name: str
    url: str  # endpoint URL
    process: subprocess.Popen[bytes]
    results: dict[str, object] = field(default_factory=dict)

    @property
    def host_port(self) -> tuple[str, int]:
        parts = urllib.parse.urlsplit(self.url)
        assert parts.hostname and parts.port
        return parts.hostname, parts.port


class Client:
    """One kept-alive HTTP connection to an endpoint."""

    def __init__(self, server: Server, timeout: float = 600) -> None:
        self.server = server
        self.path = urllib.parse.urlsplit(server.url).path
        host, port = server.host_port
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)

    def query(self, text: str, accept: str = "application/sparql-results+json") -> tuple[int, bytes]:
        try:
            self.connection.request(
                "GET", self.path + "?" + urllib.parse.urlencode({"query": text}), headers={"Accept": accept}
            )
            response = self.connection.getresponse()
            return response.status, response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            raise

    def close(self) -> None:
        self.connection.close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_ready(server: Server, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.process.returncode}")
        try:
            client = Client(server, timeout=5)
            status, _ = client.query("ASK {}")
            client.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{server.name} was not ready after {seconds:.0f} s")


def rows(body: bytes) -> int:
    data = json.loads(body)
    return len(data["results"]["bindings"]) if "results" in data else 1


def median_ms(client: Client, text: str, runs: int) -> tuple[float, int]:
    status, body = client.query(text)  # warm up (and the row count)
    if status != 200:
        raise RuntimeError(f"{client.server.name}: HTTP {status}: {body[:200]!r}")
    count = rows(body)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.query(text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), count


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ask_while_slow(server: Server, asks: int = 100) -> dict[str, float]:
    """Quick ASK latency alone, then while a slow query runs on another connection."""
    client = Client(server)
    alone = []
    for _ in range(asks):
        started = time.perf_counter()
        client.query(QUICK_ASK)
        alone.append((time.perf_counter() - started) * 1000)

    def slow() -> None:
        with contextlib.suppress(OSError, http.client.HTTPException):
            Client(server, timeout=30).query(SLOW)

    thread = threading.Thread(target=slow, daemon=True)
    thread.start()
    time.sleep(1.0)
    client.close()
    client = Client(server, timeout=20)  # a server that serialises requests never answers in time
    during, failures = [], 0
    for _ in range(asks):
        started = time.perf_counter()
        try:
            status, _ = client.query(QUICK_ASK)
        except (OSError, http.client.HTTPException):
            status = 0
        during.append((time.perf_counter() - started) * 1000)
        if status != 200:
            failures += 1
            break
    slow_still_running = thread.is_alive()
    client.close()
    return {
        "alone_p50_ms": statistics.median(alone),
        "during_p50_ms": statistics.median(during),
        "during_p99_ms": percentile(during, 0.99),
        "during_max_ms": max(during),
        "during_failures": failures,
        "slow_query_still_running": slow_still_running,
    }


async def _load_client(
    host: str,
    port: int,
    path: str,
    deadline: float,
    latencies: list[float],
    errors: list[str],
    rng: random.Random,
    events: int,
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.monotonic() < deadline:
            if rng.random() < 0.5:
                event = f"{BASE}event/a{rng.randrange(events // 3):06d}-{rng.randrange(3)}"
                query = f"SELECT ?p ?o WHERE {{ <{event}> ?p ?o }}"
            else:
                query = (
                    PREFIXES + "SELECT (COUNT(?e) AS ?n) WHERE { ?e kgo:perpetrator kgr:actor-"
                    f"{rng.randrange(60)} ; kgo:targetPlace ?p }}"
                )
            target = path + "?" + urllib.parse.urlencode({"query": query})
            started = time.perf_counter()
            writer.write(
                f"GET {target} HTTP/1.1\r\nHost: {host}\r\n"
                "Accept: application/sparql-results+json\r\n\r\n".encode()
            )
            status, _ = await _read_response(reader)
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors.append(f"HTTP {status}")
    except (OSError, asyncio.IncompleteReadError, ValueError) as err:
        errors.append(repr(err))
    finally:
        writer.close()


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        return status, await reader.readexactly(int(headers["content-length"]))
    body = bytearray()
    while True:  # chunked
        size = int((await reader.readuntil(b"\r\n")).strip(), 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return status, bytes(body)
        body += await reader.readexactly(size)
        await reader.readexactly(2)


def load_test(server: Server, clients: int, seconds: float, events: int) -> dict[str, float]:
    host, port = server.host_port
    path = urllib.parse.urlsplit(server.url).path
    latencies: list[float] = []
    errors: list[str] = []

    async def main() -> None:
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(
                _load_client(host, port, path, deadline, latencies, errors, random.Random(i), events)
                for i in range(clients)
            )
        )

    started = time.monotonic()
    asyncio.run(main())
    elapsed = time.monotonic() - started
    return {
        "clients": clients,
        "seconds": elapsed,
        "requests": len(latencies),
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
        "per_second": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) if latencies else 0.0,
        "p99_ms": percentile(latencies, 0.99) if latencies else 0.0,
    }


# ---------------------------------------------------------------- running the servers


@contextlib.contextmanager
def started(name: str, command: list[str], url: str, ready_seconds: float, log: Path) -> Iterator[Server]:
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        server = Server(name, url, process)
        try:
            wait_ready(server, ready_seconds)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def measure(servers: list[Server], runs: dict[str, int]) -> None:
    """Median latency of each query on each server, their runs interleaved so all see the same load."""
    clients = [Client(server) for server in servers]
    for name, text in QUERIES.items():
        counts = {}
        for client in clients:
            status, body = client.query(text)  # warm up, and the row count
            if status != 200:
                raise RuntimeError(f"{client.server.name}: {name}: HTTP {status}: {body[:200]!r}")
            counts[client.server.name] = rows(body)
        times: dict[str, list[float]] = {client.server.name: [] for client in clients}
        for index in range(runs[name]):
            for client in clients if index % 2 == 0 else reversed(clients):
                started = time.perf_counter()
                client.query(text)
                times[client.server.name].append((time.perf_counter() - started) * 1000)
        for server in servers:
            ms = statistics.median(times[server.name])
            server.results[name] = {"median_ms": ms, "rows": counts[server.name]}
            print(f"  {server.name:16} {name:16} {ms:9.2f} ms  ({counts[server.name]} rows)", flush=True)
    for client in clients:
        client.close()


def exercise(server: Server, args: argparse.Namespace) -> None:
    """The quick ASK beside a slow query, then the concurrent clients."""
    server.results["ask_while_slow"] = ask_while_slow(server)
    print(f"  {server.name} ASK while a slow query runs: {server.results['ask_while_slow']}", flush=True)
    server.results["load"] = load_test(server, args.clients, args.load_seconds, args.events)
    print(f"  {server.name} load: {server.results['load']}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--events", type=int, default=55_000, help="attack events to generate (55 000: ~1M statements)"
    )
    parser.add_argument("--runs", type=int, default=15, help="timed runs per heavy query (lookups: 20x this)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=60.0)
    parser.add_argument(
        "--skip-rdflib", action="store_true", help="leave rdflib-endpoint out (it loads slowly)"
    )
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to put the data (default: a temp dir)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    args = parser.parse_args()

    bin_dir = Path(sys.executable).parent
    oxigraph = shutil.which("oxigraph", path=str(bin_dir)) or shutil.which("oxigraph")
    rdflib_endpoint = shutil.which("rdflib-endpoint", path=str(bin_dir)) or shutil.which("rdflib-endpoint")
    if oxigraph is None or (rdflib_endpoint is None and not args.skip_rdflib):
        sys.exit("needs the bench extra: pip install -e '.[bench]' (oxigraph, rdflib-endpoint)")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-serve-"))
    workdir.mkdir(parents=True, exist_ok=True)
    data = workdir / "graph.nq"
    started_at = time.monotonic()
    statements = generate(data, args.events)
    print(
        f"generated {statements} statements ({args.events} events) "
        f"in {time.monotonic() - started_at:.1f} s: {data}"
    )

    from pyoxigraph import RdfFormat, Store

    kg_store, oxi_store = workdir / "kg.store", workdir / "oxigraph.store"
    for path in (kg_store, oxi_store):
        shutil.rmtree(path, ignore_errors=True)
    store = Store(str(kg_store))
    store.bulk_load(path=str(data), format=RdfFormat.N_QUADS)
    store.flush()
    del store
    subprocess.run(
        [oxigraph, "load", "--location", str(oxi_store), "--file", str(data)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} before measuring", flush=True
    )

    runs = {name: args.runs * (20 if name == "lookup" else 1) for name in QUERIES}
    slow_runs = {name: max(3, args.runs // 5) for name in QUERIES}
    servers: list[Server] = []
    figures: dict[str, object] = {
        "statements": statements,
        "events": args.events,
        "load_average_before": os.getloadavg()[0],
    }

    port = free_port()
    kg_command = [
        sys.executable,
        "-m",
        "kg",
        "serve",
        "--store",
        str(kg_store),
        "--port",
        str(port),
        "--timeout",
        "20",
        "--max-result-size",
        "2G",
    ]
    oxi_port = free_port()
    oxi_command = [
        oxigraph,
        "serve-read-only",
        "--location",
        str(oxi_store),
        "--bind",
        f"127.0.0.1:{oxi_port}",
        "--union-default-graph",
        "--timeout-s",
        "20",
    ]
    with (
        started("kg serve", kg_command, f"http://127.0.0.1:{port}/sparql", 120, workdir / "kg.log") as kg,
        started(
            "oxigraph serve", oxi_command, f"http://127.0.0.1:{oxi_port}/query", 120, workdir / "oxigraph.log"
        ) as oxi,
    ):
        measure([kg, oxi], runs)
        exercise(kg, args)
        exercise(oxi, args)
        servers += [kg, oxi]

    if not args.skip_rdflib and rdflib_endpoint is not None:
        port = free_port()
        rdf_command = [rdflib_endpoint, "serve", str(data), "--host", "127.0.0.1", "--port", str(port)]
        loading = time.monotonic()
        with started(
            "rdflib-endpoint", rdf_command, f"http://127.0.0.1:{port}/", 3600, workdir / "rdflib.log"
        ) as rdf:
            print(f"  rdflib-endpoint loaded the graph in {time.monotonic() - loading:.0f} s", flush=True)
            measure([rdf], slow_runs)
            rdf.results["ask_while_slow"] = ask_while_slow(rdf, asks=20)
            print(
                f"  rdflib-endpoint ASK while a slow query runs: {rdf.results['ask_while_slow']}", flush=True
            )
            servers.append(rdf)

    report(servers)
    figures["servers"] = {s.name: s.results for s in servers}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))


def report(servers: list[Server]) -> None:
    by_name = {s.name: s for s in servers}
    kg, oxi, rdf = by_name["kg serve"], by_name.get("oxigraph serve"), by_name.get("rdflib-endpoint")

    def ms(server: Server | None, name: str) -> float | None:
        if server is None or name not in server.results:
            return None
        value = server.results[name]
        assert isinstance(value, dict)
        return float(value["median_ms"])

    print("\nmedian latency (ms)")
    print(
        f"{'query':18}{'kg serve':>12}{'oxigraph':>12}{'rdflib-ep':>12}"
        f"{'kg/oxigraph':>13}{'rdflib/kg':>11}  rows"
    )
    for name in QUERIES:
        k, o, r = ms(kg, name), ms(oxi, name), ms(rdf, name)
        cells = [f"{v:12.2f}" if v is not None else f"{'-':>12}" for v in (k, o, r)]
        ratio_o = f"{k / o:13.2f}" if k and o else f"{'-':>13}"
        ratio_r = f"{r / k:11.1f}" if k and r else f"{'-':>11}"
        counts = {s.name: s.results[name]["rows"] for s in servers if name in s.results}  # type: ignore[index]
        same = "" if len(set(counts.values())) == 1 else f"  (rows differ: {counts})"
        print(f"{name:18}{''.join(cells)}{ratio_o}{ratio_r}  {next(iter(counts.values()))}{same}")
    print("\nquick ASK while a slow query runs (ms)")
    for server in servers:
        figures = server.results.get("ask_while_slow")
        if isinstance(figures, dict):
            print(
                f"  {server.name:16} alone p50 {figures['alone_p50_ms']:.2f}; "
                f"during: p50 {figures['during_p50_ms']:.2f}, "
                f"p99 {figures['during_p99_ms']:.2f}, max {figures['during_max_ms']:.2f}"
            )
    print("\nconcurrent clients")
    for server in servers:
        load = server.results.get("load")
        if isinstance(load, dict):
            print(
                f"  {server.name:16} {load['clients']} clients, {load['seconds']:.0f} s: "
                f"{load['requests']} requests, "
                f"{load['errors']} errors, {load['per_second']:.0f}/s, p50 {load['p50_ms']:.2f} ms, "
                f"p99 {load['p99_ms']:.2f} ms"
            )


if __name__ == "__main__":
    main()
