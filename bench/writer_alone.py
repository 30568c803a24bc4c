"""The writer alone: how many articles/s the `kg build` process absorbs when extraction costs nothing.

``record`` extracts a corpus once, in this process, exactly as one pool worker does (reading the
files, extraction, mapping, load files written to a spool), and times it: one worker's extraction
rate. It keeps the results (the batches, pickled, and their load files).

``replay`` then runs the build process on a fresh store with a runner that hands back the recorded
results instead of extracting: everything else is the real build (walking and hashing the files,
the bulk loads, markers, incident grouping, the cache). Since no worker can deliver faster than
that, it is the ceiling of a build for any number of workers. Beside the wall time it gives the
build process's CPU time by where it went (its threads are told apart through /proc):

  python     the main thread: walking the corpus, bookkeeping, markers, incident grouping
  loads      the bulk loads: Oxigraph parsing, encoding, sorting and writing the load files' quads
             (on the writer's loader threads and on threads of Oxigraph's own)
  rocksdb    RocksDB's background threads: flushes and compactions of what the loads added

``floor`` bulk loads every recorded load file in one load into a fresh store: the CPU time the store
itself needs for these quads, which no writer can go below.

Run them as scripts so that the build process is a fresh one, as `kg build` is:

  python bench/writer_alone.py record CORPUS DIR [OUT]        # one worker: seconds, articles, CPU s
  python bench/writer_alone.py replay CORPUS DIR STORE [OUT]  # the writer: seconds, articles, CPU s
  python bench/writer_alone.py floor CORPUS DIR STORE [OUT]   # one bulk load of it all

OUT receives the figures as JSON.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.parallel import Batch, Job, Runner, map_articles


def _job(spool: Path) -> Job:
    from kg.build import data_fingerprint, extractor_iri
    from kg.namespaces import DEFAULT_BASE

    return Job(base=DEFAULT_BASE, model=None, extractor=extractor_iri(data_fingerprint()), spool=str(spool))


def _cpu() -> float:
    """CPU seconds of this process, every thread, ended ones included."""
    times = os.times()
    return times.user + times.system


def _rocksdb_cpu() -> float:
    """CPU seconds of RocksDB's background threads (flushes and compactions) so far."""
    total = 0
    for task in Path("/proc/self/task").iterdir():
        try:
            if not (task / "comm").read_text().startswith("rocksdb:"):
                continue
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def record(corpus: Path, folder: Path, batch_size: int = 32) -> dict[str, float]:
    """Extract CORPUS as one worker does. The pipeline is loaded beforehand."""
    from kg.ingest import iter_inputs

    shutil.rmtree(folder, ignore_errors=True)
    spool = folder / "spool"
    spool.mkdir(parents=True)
    items: list[Any] = list(iter_inputs([corpus]))
    job = _job(spool)
    warm = map_articles(items[:1], job)  # loads the pipeline
    Path(warm.file).unlink()
    start, cpu = time.perf_counter(), _cpu()
    batches = [map_articles(items[i : i + batch_size], job) for i in range(0, len(items), batch_size)]
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    (folder / "batches.pickle").write_bytes(pickle.dumps(batches))
    return {"seconds": seconds, "articles": sum(len(b.mapped) for b in batches), "cpu": cpu}


class Replay(Runner):
    """Hands back recorded batches, one for each batch of inputs the build sends."""

    def __init__(self, batches: list[Batch]) -> None:
        self.batches = batches

    def map(self, batches: Iterable[list[Any]], job: Job) -> Iterator[Batch]:
        for _, done in zip(batches, self.batches, strict=False):
            yield done


def _recorded(folder: Path, copy: Path) -> list[Batch]:
    """The recorded batches, their load files copied to COPY (the build deletes them once loaded)."""
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder / "spool", copy)
    batches: list[Batch] = pickle.loads((folder / "batches.pickle").read_bytes())
    return [Batch(b.mapped, b.failed, str(copy / Path(b.file).name) if b.file else "") for b in batches]


def replay(corpus: Path, folder: Path, store_dir: Path) -> dict[str, float]:
    """Build CORPUS into a fresh STORE_DIR from the results recorded in FOLDER."""
    from kg.build import build
    from kg.buildcache import cache_dir
    from kg.store import open_store

    copy = folder / "replay"
    batches = _recorded(folder, copy)
    shutil.rmtree(store_dir, ignore_errors=True)
    store = open_store(store_dir)
    start, cpu, main, rocksdb = time.perf_counter(), _cpu(), time.thread_time(), _rocksdb_cpu()
    report = build([corpus], store, runner=Replay(batches), cache=cache_dir(store_dir))
    store.flush()
    seconds, cpu, main, rocksdb = (
        time.perf_counter() - start,
        _cpu() - cpu,
        time.thread_time() - main,
        _rocksdb_cpu() - rocksdb,
    )
    shutil.rmtree(copy, ignore_errors=True)
    return {
        "seconds": seconds,
        "articles": len(report.built),
        "cpu": cpu,
        "python": main,
        "rocksdb": rocksdb,
        "loads": cpu - main - rocksdb,
    }


def floor(folder: Path, store_dir: Path) -> dict[str, float]:
    """Bulk load every recorded load file, in one load, into a fresh STORE_DIR."""
    from pyoxigraph import RdfFormat, Store

    whole = folder / "all.nq"
    with whole.open("wb") as out:
        for part in sorted((folder / "spool").iterdir()):
            with part.open("rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)
    shutil.rmtree(store_dir, ignore_errors=True)
    store = Store(str(store_dir))
    start, cpu = time.perf_counter(), _cpu()
    store.bulk_load(path=str(whole), format=RdfFormat.N_QUADS, lenient=True)
    store.flush()
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    whole.unlink()
    del store
    shutil.rmtree(store_dir, ignore_errors=True)
    return {"seconds": seconds, "cpu": cpu}


if __name__ == "__main__":
    what, corpus, folder, *rest = sys.argv[1:]
    out: str | None = None
    if what == "record":
        figures = record(Path(corpus), Path(folder))
        out = rest[0] if rest else None
    elif what == "replay":
        figures = replay(Path(corpus), Path(folder), Path(rest[0]))
        out = rest[1] if len(rest) > 1 else None
    else:
        figures = floor(Path(folder), Path(rest[0]))
        out = rest[1] if len(rest) > 1 else None
    if out:
        Path(out).write_text(json.dumps(figures))
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
