"""Peak memory and time of ``kg load`` on a large generated N-Triples file (issue 14 item 7).

Writes TRIPLES statements (1M by default: about 118 MB, the size the issue measured at 2.9 GB peak
before loading was streamed) into a temporary folder, then runs ``kg load`` on a fresh store under
``/usr/bin/time -v`` and prints its peak resident memory, its wall time and the load average;
then loads it again (replacing the graph).

Usage:
    .venv/bin/python bench/bench_load.py                  # 1M triples
    .venv/bin/python bench/bench_load.py --triples 200000 --keep /tmp/x
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECT = "https://example.org/bench/e/"
PREDICATES = [f"https://example.org/bench/v#p{n}" for n in range(20)]


def generate(path: Path, triples: int) -> int:
    """Write TRIPLES lines of about 118 bytes each (IRIs, plain and typed literals); its size in bytes."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(triples):
            subject = f"<{SUBJECT}{n // 10:08d}>"
            predicate = f"<{PREDICATES[n % len(PREDICATES)]}>"
            if n % 3 == 0:
                obj = f"<{SUBJECT}{(n * 7919) % max(1, triples // 10):08d}>"
            elif n % 3 == 1:
                obj = f'"a label number {n:09d} for the bench"@en'
            else:
                obj = f'"{n}"^^<http://www.w3.org/2001/XMLSchema#integer>'
            out.write(f"{subject} {predicate} {obj} .\n")
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-load-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        data = work / "big.nt"
        size = generate(data, args.triples)
        store = work / "store"
        shutil.rmtree(store, ignore_errors=True)
        kg = [sys.executable, "-m", "kg", "load", str(data), "--store", str(store)]
        for what in ("into a new store", "again (replacing the graph)"):
            started = time.monotonic()
            result = subprocess.run(["/usr/bin/time", "-v", *kg], capture_output=True, text=True, check=False)
            wall = time.monotonic() - started
            if result.returncode != 0:
                raise SystemExit(result.stderr[-2000:])
            peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
            assert peak is not None, result.stderr
            load = os.getloadavg()
            print(
                f"kg load of {args.triples:,} triples ({size / 1e6:.0f} MB N-Triples) {what}: peak RSS "
                f"{int(peak.group(1)) / 1024:.0f} MiB, {wall:.1f} s wall; load average "
                f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
