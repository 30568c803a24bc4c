"""The build process's writes to the store: bulk loads of the mapped graphs, then their markers.

Crash safety rests on one rule (see :mod:`kg.build`): an article graph counts as built only once
its marker quad is stored, and the marker is written after the rest of the graph. New graphs go
through Oxigraph's bulk loader, which is fast but not transactional; a graph already in the store
is replaced in one transaction (drop and insert), so a graph built before is never lost.

The markers of a bulk load (and the graphs' build times) ride in the next bulk load, or in one
transaction once the last load is done. Written on their own after each load, they would go to
RocksDB's memtable, which the next load's ingestion then writes out as a file of its own: twice
as many new files, and RocksDB, which merges new files into the rest of the store once two are
waiting, then rewrites the whole store twice as often. That rewriting, not the loading, was most of
the writer's CPU time in a build of 10,000 articles (bench/writer_alone.py). A build killed before
the next load leaves the last load's graphs without markers: the next build drops and rebuilds them.

The bulk loads run on threads of their own, several at once (Oxigraph releases the GIL while it
loads, and one load keeps less than a core busy), so the store is written at the pace of the
workers rather than of one loader. Each load streams its batches' load files (:mod:`kg.spool`) into
Oxigraph as the workers wrote them: the build process neither parses nor copies the N-Quads. A
load that replaces graphs runs alone, after the loads in flight. At most ``loaders`` loads are in
flight, so memory stays bounded. With a remote store the writes stay on the calling thread, in
step with the PUTs.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

from kg import incidents
from kg.buildcache import Row
from kg.namespaces import Minter
from kg.parallel import Batch, Mapped
from kg.push import GraphStore
from kg.spool import load_file, read_load_file, remove_load_file

PROV = "http://www.w3.org/ns/prov#"
XSD_DATETIME = NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
GENERATED = NamedNode(PROV + "generatedAtTime")
INVALIDATED = NamedNode(PROV + "wasInvalidatedBy")
_REPLACE_CHUNK = 50


def stale_flag(minter: Minter) -> Quad:
    """The quad a build adds before its first write to the store and removes after its last."""
    return Quad(
        NamedNode(str(minter.incidents_graph)),
        INVALIDATED,
        NamedNode(str(minter.build("incomplete"))),
        NamedNode(str(minter.meta_graph)),
    )


def default_loaders() -> int:
    """Bulk loads at once: three on a small machine, up to eight on a large one.

    One load keeps less than a core busy (it waits on its own parse-sort-write pipeline and on the
    disk), so even on 2 cores three side by side absorb more: the writer alone took 4.1 s for 3,000
    articles with one loader, 2.9 s with two, 2.4 s with three (bench/writer_alone.py).
    """
    return max(3, min(8, (os.cpu_count() or 2) // 2))


@dataclass
class _Part:
    """One batch of a load: its graphs, and the load file holding their N-Quads ("": inline)."""

    file: str
    mapped: list[Mapped]

    def texts(self) -> dict[str, str]:
        """Each graph's N-Quads (read back from the load file: only for replacements and pushes)."""
        if not self.file:
            return {m.graph: m.nquads for m in self.mapped}
        data = read_load_file(self.file)
        return {m.graph: data[m.span[0] : m.span[1]].decode() for m in self.mapped}


class StoreWriter:
    """Writes mapped graphs to the store in large bulk loads, each followed by its graphs' markers."""

    flush_bytes = 32_000_000

    def __init__(
        self,
        store: Store,
        minter: Minter,
        started: datetime,
        *,
        known: set[str],
        pusher: GraphStore | None,
        on_load: Callable[[int], None] | None,
        load_size: int,
        loaders: int | None = None,
        spool: str | None = None,
    ) -> None:
        self.load_size = load_size
        self.spool = spool  # where loads of several files are put together
        self.store = store
        self.minter = minter
        self.meta = NamedNode(str(minter.meta_graph))
        self.stale_flag = stale_flag(minter)
        self.when = Literal(started.isoformat(timespec="seconds"), datatype=XSD_DATETIME)
        self.known = known  # complete graphs in the store: a new version must replace them
        self.pusher = pusher
        self.on_load = on_load
        self.pending: list[_Part] = []
        self.pending_graphs = 0
        self.size = 0
        self.handed: set[str] = set()  # graphs handed to a load by this build
        self.written: set[str] = set()
        self.was_stale = self.stale_flag in store
        self.loaders = loaders or default_loaders()
        self._lock = threading.Lock()
        self._marks: list[str] = []  # the markers and build times of loaded graphs, not yet stored
        self._flagged = False
        self._pool = ThreadPoolExecutor(self.loaders, "kg-store-writer") if pusher is None else None
        self._inflight: set[Future[None]] = set()

    def add(self, batch: Batch) -> None:
        if not batch.mapped:
            return
        part = _Part(batch.file, batch.mapped)
        if self.pusher is not None:
            texts = part.texts()
            for m in part.mapped:
                self.pusher.put(m.graph, texts[m.graph] + m.marker)
        self.pending.append(part)
        self.pending_graphs += len(part.mapped)
        self.size += sum(m.size for m in part.mapped)
        if self.size >= self.flush_bytes or self.pending_graphs >= self.load_size:
            self.flush()

    def flush(self, pieces: int = 1) -> None:
        """Hand the pending graphs over to be stored, in up to PIECES loads that run side by side."""
        if not self.pending:
            return
        parts, self.pending = self.pending, []
        self.pending_graphs = self.size = 0
        if not self._flagged:
            self._flagged = True
            if self.stale_flag not in self.store:
                self.store.add(self.stale_flag)
        replaced = self._replaced(parts)
        if self._pool is None or replaced:
            # Runs alone: a replacement never races a bulk load, and the loads before it are stored.
            self._drain(0)
            self._store(parts, replaced)
            return
        for load in _split(parts, pieces):
            self._drain(self.loaders - 1)
            self._inflight.add(self._pool.submit(self._store, load, set()))

    def _replaced(self, parts: list[_Part]) -> set[str]:
        """The graphs of PARTS that are in the store already (or earlier in PARTS) and so must be
        replaced, not bulk loaded."""
        found = set()
        for part in parts:
            for m in part.mapped:
                present = m.graph in self.known or m.graph in self.handed
                if present or self.store.contains_named_graph(NamedNode(m.graph)):
                    found.add(m.graph)
                self.handed.add(m.graph)
        return found

    def _drain(self, keep: int) -> None:
        """Wait until at most KEEP loads are in flight; a failed load raises its error here."""
        while len(self._inflight) > keep:
            done, self._inflight = wait(self._inflight, return_when=FIRST_COMPLETED)
            for future in done:
                future.result()

    def close(self, *, discard: bool = False) -> None:
        """Wait for the loads handed over so far to be stored (or to fail), store the markers still
        held back, and stop the loader threads.

        With DISCARD (the build failed or was interrupted), loads not yet started are dropped and
        errors are not raised; the markers of the loads that were stored are still written.
        """
        if self._pool is not None:
            if discard:
                for future in self._inflight:
                    future.cancel()
                self._pool.shutdown(wait=True)
                self._inflight = set()
            else:
                self._drain(0)
                self._pool.shutdown(wait=True)
            self._pool = None
        try:
            self._store_marks()
        except Exception:
            if not discard:
                raise  # with DISCARD, the next build rebuilds the unmarked graphs

    def _store_marks(self) -> None:
        """Store the markers held back, in one transaction."""
        with self._lock:
            marks, self._marks = self._marks, []
        if marks:
            self.store.load("".join(marks), format=RdfFormat.N_QUADS)

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(discard=True)

    def _store(self, parts: list[_Part], replaced: set[str]) -> None:
        if self.pusher is not None:
            self.pusher.wait()  # the remote copy is complete before the local marker says so
        fresh: list[Mapped] = []
        sources: list[str | bytes] = []
        swaps: list[tuple[Mapped, str]] = []
        for part in parts:
            if not any(m.graph in replaced for m in part.mapped):
                fresh += part.mapped
                sources += [part.file] if part.file else [m.nquads.encode() for m in part.mapped]
                continue
            texts = part.texts()
            for m in part.mapped:
                if m.graph in replaced:
                    swaps.append((m, texts[m.graph]))
                else:
                    fresh.append(m)
                    sources.append(texts[m.graph].encode())
        if swaps:
            self._store_marks()  # runs alone: no load in flight has taken some
        if fresh:
            # New graphs: bulk load (the N-Quads are kg's own, so the loader may skip validating
            # them) with the markers of graphs loaded before; their own markers wait for the next.
            with self._lock:
                marks, self._marks = self._marks, []
            if marks:
                sources.append("".join(marks).encode())
            with load_file(sources, self.spool) as (path, data):
                self.store.bulk_load(data, format=RdfFormat.N_QUADS, path=path, lenient=True)
            with self._lock:
                self._marks.append("".join(m.marker + self._time(m) for m in fresh))
        if swaps:
            # Old version out, new one in, in one transaction per few graphs: a graph built before
            # is never lost, and the parsed update and its transaction stay small.
            for start in range(0, len(swaps), _REPLACE_CHUNK):
                self.store.update(self._replace(swaps[start : start + _REPLACE_CHUNK]))
                if (start // _REPLACE_CHUNK) % 10 == 9:
                    self.store.flush()  # RocksDB's memtables hold every update until written out
            # Transactions go through RocksDB's memtables, which otherwise grow to hundreds of MB
            # before RocksDB writes them out on its own. (Only here, where no bulk load runs
            # beside: a flush during another thread's bulk load can wait forever.)
            self.store.flush()
        for part in parts:
            if part.file:
                remove_load_file(part.file)
        with self._lock:
            self.written.update(m.graph for part in parts for m in part.mapped)
            count = len(self.written)
            if self.on_load:
                self.on_load(count)

    def _time(self, m: Mapped) -> str:
        return f"<{m.graph}> <{GENERATED.value}> {self.when} <{self.meta.value}> .\n"

    def _replace(self, swaps: list[tuple[Mapped, str]]) -> str:
        """A SPARQL update that swaps in the new versions of graphs and their build times."""
        values = " ".join(f"<{m.graph}>" for m, _ in swaps)
        parts = [f"DROP SILENT GRAPH <{m.graph}>" for m, _ in swaps]
        old_times = f"GRAPH <{self.meta.value}> {{ ?g <{GENERATED.value}> ?t }}"
        parts.append(f"DELETE {{ {old_times} }} WHERE {{ VALUES ?g {{ {values} }} {old_times} }}")
        data = [f"GRAPH <{m.graph}> {{\n{_triples(text + m.marker, m.graph)}}}" for m, text in swaps]
        times = "".join(self._time(m)[: -len(f" <{self.meta.value}> .\n")] + " .\n" for m, _ in swaps)
        data.append(f"GRAPH <{self.meta.value}> {{\n{times}}}")
        parts.append("INSERT DATA {\n" + "\n".join(data) + "\n}")
        return " ;\n".join(parts)

    def finish(
        self,
        versions: dict[str, str],
        accounts: dict[str, list[Row]],
        cache: Path | None,
        *,
        trust_cache: bool,
        drop: list[str],
    ) -> None:
        """Store what is pending, drop the graphs DROP, then bring the incidents graph up to date
        and clear the stale flag.

        VERSIONS: the version of every article graph now in the store, for the accounts cache.
        """
        # The last loads run with nothing beside them: split, they keep every loader busy.
        self.flush(pieces=self.loaders)
        self.close()
        self.store.flush()
        if drop:
            if self.pusher is not None:
                # The remote copies first: a failed DELETE leaves the graphs here, for the next --prune.
                for graph in drop:
                    self.pusher.delete(graph)
                self.pusher.wait()
            if self.stale_flag not in self.store:
                self.store.add(self.stale_flag)
            for start in range(0, len(drop), 500):
                drop_graphs(self.store, self.minter, drop[start : start + 500])
        if not self.written and not drop and not self.was_stale:
            return
        incidents.link_incidents(
            self.store,
            self.minter,
            versions=versions,
            accounts=accounts,
            cache=cache,
            trust_cache=trust_cache and not self.was_stale,
        )
        self.store.remove(self.stale_flag)


def _split(parts: list[_Part], pieces: int) -> list[list[_Part]]:
    """PARTS in up to PIECES runs of about the same size, in order.

    >>> [len(run) for run in _split([_Part("", [])] * 5, 2)]
    [3, 2]
    """
    size = -(-len(parts) // max(1, pieces))
    return [parts[start : start + size] for start in range(0, len(parts), size)]


def drop_graphs(store: Store, minter: Minter, graphs: list[str]) -> None:
    """Drop GRAPHS and their build times, in one transaction."""
    drops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)
    values = " ".join(f"<{g}>" for g in graphs)
    store.update(
        f"{drops} ;\nDELETE {{ GRAPH <{minter.meta_graph}> {{ ?g <{GENERATED.value}> ?t }} }}"
        f" WHERE {{ VALUES ?g {{ {values} }} GRAPH <{minter.meta_graph}> {{ ?g <{GENERATED.value}> ?t }} }}"
    )


def _triples(nquads: str, graph: str) -> str:
    """The N-Quads lines of one graph as N-Triples lines (valid in SPARQL INSERT DATA).

    >>> _triples('<s> <p> "o" <g> .\\n', "g")
    '<s> <p> "o" .\\n'
    """
    suffix = f" <{graph}> .\n"
    lines = nquads.splitlines(keepends=True)
    assert all(line.endswith(suffix) for line in lines)
    return "".join(line[: -len(suffix)] + " .\n" for line in lines)
