"""The writer alone: how many articles/s the `kg build` process absorbs when extraction costs nothing.

``record`` extracts a corpus once, in this process, exactly as one pool worker does (reading the
files, extraction, mapping, load files written to a spool), and times it: one worker's extraction
rate. It keeps the results (the batches, pickled, and their load files).

``replay`` then runs the build process on a fresh store with a runner that hands back the recorded
results instead of extracting: everything else is the real build (walking and hashing the files,
the bulk loads, markers, incident grouping, the cache). Since no worker can deliver faster than
that, it is the ceiling of a build for any number of workers. Run it as a script so that the
build process is a fresh one, as `kg build` is:

  python bench/writer_alone.py record CORPUS DIR
  python bench/writer_alone.py replay CORPUS DIR STORE [OUT]  # prints (or writes to OUT): seconds articles
"""

from __future__ import annotations

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


def record(corpus: Path, folder: Path, batch_size: int = 32) -> tuple[float, int]:
    """Extract CORPUS as one worker does; (seconds, articles). The pipeline is loaded beforehand."""
    from kg.ingest import iter_inputs

    shutil.rmtree(folder, ignore_errors=True)
    spool = folder / "spool"
    spool.mkdir(parents=True)
    items: list[Any] = list(iter_inputs([corpus]))
    job = _job(spool)
    warm = map_articles(items[:1], job)  # loads the pipeline
    Path(warm.file).unlink()
    start = time.perf_counter()
    batches = [map_articles(items[i : i + batch_size], job) for i in range(0, len(items), batch_size)]
    seconds = time.perf_counter() - start
    (folder / "batches.pickle").write_bytes(pickle.dumps(batches))
    return seconds, sum(len(b.mapped) for b in batches)


class Replay(Runner):
    """Hands back recorded batches, one for each batch of inputs the build sends."""

    def __init__(self, batches: list[Batch]) -> None:
        self.batches = batches

    def map(self, batches: Iterable[list[Any]], job: Job) -> Iterator[Batch]:
        for _, done in zip(batches, self.batches, strict=False):
            yield done


def replay(corpus: Path, folder: Path, store_dir: Path) -> tuple[float, int]:
    """Build CORPUS into a fresh STORE_DIR from the results recorded in FOLDER; (seconds, articles)."""
    from kg.build import build
    from kg.buildcache import cache_dir
    from kg.store import open_store

    spool = folder / "spool"
    copy = folder / "replay"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(spool, copy)  # the build deletes load files once loaded
    batches: list[Batch] = pickle.loads((folder / "batches.pickle").read_bytes())
    batches = [Batch(b.mapped, b.failed, str(copy / Path(b.file).name) if b.file else "") for b in batches]
    shutil.rmtree(store_dir, ignore_errors=True)
    store = open_store(store_dir)
    start = time.perf_counter()
    report = build([corpus], store, runner=Replay(batches), cache=cache_dir(store_dir))
    store.flush()
    seconds = time.perf_counter() - start
    shutil.rmtree(copy, ignore_errors=True)
    return seconds, len(report.built)


if __name__ == "__main__":
    what, corpus, folder, *rest = sys.argv[1:]
    if what == "record":
        seconds, articles = record(Path(corpus), Path(folder))
    else:
        seconds, articles = replay(Path(corpus), Path(folder), Path(rest[0]))
    if what == "replay" and len(rest) > 1:
        Path(rest[1]).write_text(f"{seconds:.3f} {articles}")
    print(f"{seconds:.3f} {articles}")
