"""kg's SHACL validator against pySHACL on generated attack graphs with injected defects.

    .venv/bin/python bench/bench_validate.py                       # 100k and 1M triples, once each
    .venv/bin/python bench/bench_validate.py --sizes 100000 --repeat 3

For each size, bench/attack_graphs.py writes an N-Triples file (kept in --workdir); then each
engine runs in a fresh process, which reads the file and validates it with the bundled shapes:

- kg: pyoxigraph in-memory store (bulk load), shapes compiled to SPARQL (kg.validate);
- pySHACL: rdflib in-memory graph, no inference, allow_warnings (kg.validate.reference).

Printed per engine: median wall seconds (load, validation, total), CPU seconds, peak memory
(ru_maxrss), results and violations; then whether both found exactly the same results, and the
speed-up. kg also times what ``kg build --validate`` does after a small build: validating only the
focus nodes of five articles. The machine is shared, so the load average is printed; CPU seconds
are the steadier figure when it is high.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def child(engine: str, data: Path, keys_out: Path) -> None:
    """Run one engine on DATA in this process; print one JSON line of figures."""
    wall, cpu = time.perf_counter(), time.process_time()
    extra: dict[str, float] = {}
    if engine == "kg":
        from pyoxigraph import RdfFormat, Store

        from kg.validate import load_shapes, validate_store
        from kg.validate.engine import validate

        store = Store()
        store.bulk_load(path=str(data), format=RdfFormat.N_TRIPLES)
        loaded = time.perf_counter()
        shapes = load_shapes()
        report = validate_store(store, shapes, describe=False)
        done = time.perf_counter()
        keys = [list(r.key()) for r in report.results]
        conforms = report.conforms
        focus = _five_articles(store)
        started = time.perf_counter()
        validate(store, shapes, focus=focus, describe=False)
        extra = {"five_articles_s": time.perf_counter() - started, "five_articles_nodes": len(focus)}
    else:
        import pyshacl
        from rdflib import Graph

        from kg import resources
        from kg.validate.reference import report_keys
        from kg.validate.shapes import shapes_files

        graph = Graph()
        graph.parse(str(data), format="nt")
        loaded = time.perf_counter()
        shapes = Graph()
        for path in shapes_files(resources.shapes_dir()):
            shapes.parse(str(path), format="turtle")
        conforms, report, _ = pyshacl.validate(
            graph, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
        )
        done = time.perf_counter()
        keys = [list(k) for k in report_keys(report)]
    keys_out.write_text(json.dumps(sorted(keys)))
    figures = {
        "load_s": loaded - wall,
        "validate_s": done - loaded,
        "total_s": done - wall,
        "cpu_s": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "results": len(keys),
        "violations": sum(1 for k in keys if k[5].endswith("#Violation>")),
        "conforms": bool(conforms),
        **extra,
    }
    print(json.dumps(figures))


def _five_articles(store: object) -> set[object]:
    """The subjects of the graphs of five articles, as `kg build --validate` would find them."""
    from pyoxigraph import NamedNode

    from kg.namespaces import DEFAULT_BASE

    wanted = tuple(
        f"{DEFAULT_BASE}{kind}/gen{n:06d}-"
        for kind in ("event", "statement", "relation", "mention")
        for n in range(100, 105)
    )
    articles = {f"{DEFAULT_BASE}article/gen{n:06d}" for n in range(100, 105)}
    found: set[object] = set()
    for quad in store.quads_for_pattern(None, None, None, None):  # type: ignore[attr-defined]
        s = quad.subject
        if isinstance(s, NamedNode) and (s.value.startswith(wanted) or s.value in articles):
            found.add(s)
    return found


def run(engine: str, data: Path, workdir: Path) -> tuple[dict[str, float], list[list[str]]]:
    keys = workdir / f"{data.stem}.{engine}.keys.json"
    out = subprocess.run(
        [sys.executable, __file__, "--child", engine, str(data), "--keys", str(keys)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1]), json.loads(keys.read_text())


def median(runs: list[dict[str, float]], name: str) -> float:
    return statistics.median(r[name] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per engine and size (the median is shown)"
    )
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-bench-validate"))
    parser.add_argument("--skip-pyshacl", action="store_true")
    parser.add_argument("--child", choices=["kg", "pyshacl"], help=argparse.SUPPRESS)
    parser.add_argument("data", nargs="?", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keys", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.keys)
        return

    from attack_graphs import generate

    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"kg validate vs pySHACL; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    header = (
        f"{'triples':>9}  {'engine':8} {'load s':>7} {'valid. s':>8} {'total s':>8} {'cpu s':>7} "
        f"{'peak MB':>8} {'results':>8} {'violations':>10}"
    )
    print(header)
    for size in args.sizes:
        data = args.workdir / f"attacks-{size}.nt"
        if not data.exists():
            injected = generate(data, size)
            print(f"{'':>9}  (generated {data} with {sum(injected.values())} injected defects)")
        figures: dict[str, list[dict[str, float]]] = {}
        keys: dict[str, list[list[str]]] = {}
        engines = ["kg"] if args.skip_pyshacl else ["kg", "pyshacl"]
        for engine in engines:
            figures[engine] = []
            for _ in range(args.repeat):
                result, keys[engine] = run(engine, data, args.workdir)
                figures[engine].append(result)
            runs = figures[engine]
            print(
                f"{size:>9,}  {engine:8} {median(runs, 'load_s'):7.2f} {median(runs, 'validate_s'):8.2f} "
                f"{median(runs, 'total_s'):8.2f} {median(runs, 'cpu_s'):7.2f} {median(runs, 'peak_mb'):8.0f} "
                f"{int(runs[0]['results']):8d} {int(runs[0]['violations']):10d}"
            )
        kg_runs = figures["kg"]
        print(
            f"{'':>9}  kg validating the nodes of 5 articles only ({int(kg_runs[0]['five_articles_nodes'])} "
            f"nodes): {median(kg_runs, 'five_articles_s'):.3f} s"
        )
        if "pyshacl" in figures:
            same = keys["kg"] == keys["pyshacl"]
            ratio = median(figures["pyshacl"], "total_s") / median(kg_runs, "total_s")
            cpu_ratio = median(figures["pyshacl"], "cpu_s") / median(kg_runs, "cpu_s")
            print(
                f"{'':>9}  identical results: {'yes' if same else 'NO'} ({len(keys['kg'])} vs "
                f"{len(keys['pyshacl'])}); kg is {ratio:.1f}x faster (wall), {cpu_ratio:.1f}x (CPU)"
            )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
