"""Time the view queries (queries/views-*.rq) on a generated store of N triples.

    python bench/bench_views.py --triples 1000000

Generates an attack graph with bench/attack_graphs.py, loads it into a fresh Oxigraph store and
runs each query of the map, timeline and network views, and the entity-page queries for a busy
actor and a busy province, printing rows and seconds. All triples land in the default graph, so the
queries that read named graphs (network links, entity facts) find nothing here.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from kg.views.queries import ENTITY_EVENTS, ENTITY_FACTS, VIEW_QUERIES, bind_entity, query_text, results_json

ENTITIES = ("https://w3id.org/conflict-kg/id/kataib-hezbollah", "https://w3id.org/conflict-kg/id/anbar")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "attacks.nt"
        generator = Path(__file__).with_name("attack_graphs.py")
        subprocess.run(
            [sys.executable, str(generator), "--triples", str(args.triples), "-o", str(graph)],
            check=True,
            capture_output=True,
        )
        store = Store(str(Path(tmp) / "store"))
        started = time.perf_counter()
        store.load(path=str(graph), format=RdfFormat.N_TRIPLES)
        store.flush()
        print(f"loaded {len(store):,} triples in {time.perf_counter() - started:.1f} s")
        names = dict.fromkeys(n for group in VIEW_QUERIES.values() for n in group)
        for name in names:
            started = time.perf_counter()
            found = len(results_json(store, query_text(name))["results"]["bindings"])
            print(f"{name:24} {'':18} {found:>8,} rows {time.perf_counter() - started:6.2f} s")
        for name in (ENTITY_FACTS, ENTITY_EVENTS):
            for iri in ENTITIES:
                started = time.perf_counter()
                found = len(results_json(store, bind_entity(query_text(name), iri))["results"]["bindings"])
                label = iri.rsplit("/", 1)[1]
                print(f"{name:24} {label:18} {found:>8,} rows {time.perf_counter() - started:6.2f} s")


if __name__ == "__main__":
    main()
