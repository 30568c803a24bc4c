"""Where extraction runs: in this process, in a local process pool, or on a Dask cluster.

Each runner takes batches of articles (or, when its workers see this machine's files, of paths
they read and clean themselves) and gives back, in the same order, each article's named graph as
N-Quads text (:class:`Mapped`). Workers never touch the store: the caller loads or pushes what they
return, so one process writes the store and workers can be on other machines. A runner keeps only
a few batches in flight, so memory stays flat however large the corpus is.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from itertools import chain
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from pyoxigraph import NamedNode

from kg.buildcache import Row
from kg.errors import ArticleError, KgError
from kg.incidents import accounts_of
from kg.ingest import Article, Input, read_file
from kg.ingest.readers import DEFAULT_READER
from kg.spool import write_load_file

if TYPE_CHECKING:
    from kg.extract import Extractor

PROV_ATTRIBUTED = NamedNode("http://www.w3.org/ns/prov#wasAttributedTo")
# Up to this many articles, extracting in the build process beats starting worker processes.
SMALL_JOB = 400
# Event kinds BuildReport.events does not count as attacks.
_NOT_ATTACKS = {"Interception", "Deployment"}


@dataclass(frozen=True)
class Job:
    """What every worker needs besides the articles: the IRI base, the model, the extractor IRI."""

    base: str
    model: str | None
    extractor: str
    time_limit: float | None = 300.0  # seconds one article may take to extract (None: no limit)
    html_reader: str = DEFAULT_READER  # kg.ingest.readers.READERS
    spool: str | None = None  # where to write load files (kg.spool); None: N-Quads come back inline


@dataclass(frozen=True)
class Mapped:
    """One article's named graph as N-Quads, its completion marker held back as a separate line.

    The marker (``<graph> prov:wasAttributedTo <extractor> <graph>``) is what tells a later build
    that the graph is complete; the loader writes it only once the rest of the graph is stored.
    The rest is either ``nquads`` or, when the worker wrote a load file, the bytes ``span`` of
    its batch's file.
    """

    article_id: str
    content_hash: str
    graph: str
    nquads: str
    marker: str
    events: int
    relations: int
    accounts: list[Row]  # its attack accounts, for incident linking (kg.incidents.accounts_of)
    span: tuple[int, int] = (0, 0)  # start and end of its N-Quads in the batch's load file

    @property
    def size(self) -> int:
        """The bytes (characters, inline) of its N-Quads."""
        return self.span[1] - self.span[0] if self.span[1] else len(self.nquads)


@dataclass(frozen=True)
class Batch:
    """What a worker made of one batch: the mapped articles, and one message per file it could not read.

    ``file``: the load file (:mod:`kg.spool`) holding the N-Quads of every graph in ``mapped``, one
    after the other, when the job has a spool; "" when they came back inline.
    """

    mapped: list[Mapped]
    failed: list[str]
    file: str = ""


def map_articles(items: list[Article | Input | Path], job: Job) -> Batch:
    """Read (for paths), extract and map a batch of articles; runs in a worker.

    Pure apart from the extractor, which is built once per process and model.
    """
    from kg.mapping import article_quads  # imports spaCy, through kg.extract
    from kg.namespaces import Minter

    articles, failed = _read(items, job.html_reader)
    extractor = _extractor(job.model)
    minter = Minter(job.base)
    out: list[Mapped] = []
    for article, extraction in _extract_each(extractor, articles, job.time_limit, failed):
        body: list[str] = []
        marker = ""
        try:
            quads = article_quads(article, extraction, minter, job.extractor)
        except Exception as err:  # one article's failure is reported, the batch goes on
            failed.append(f"{article.source}: could not be mapped to RDF ({_reason(err)})")
            continue
        for quad in quads:
            if quad.predicate == PROV_ATTRIBUTED and quad.subject == quad.graph_name:
                marker = f"{quad} .\n"
            else:
                body.append(f"{quad} .\n")
        out.append(
            Mapped(
                article_id=article.id,
                content_hash=article.content_hash,
                graph=str(minter.graph(article.id)),
                nquads="".join(body),
                marker=marker,
                events=sum(1 for e in extraction.events if e.kind not in _NOT_ATTACKS),
                relations=len(extraction.relations),
                accounts=accounts_of(quads),
            )
        )
    if job.spool and out:
        return _spooled(out, failed, job.spool)
    return Batch(out, failed)


def _spooled(mapped: list[Mapped], failed: list[str], spool: str) -> Batch:
    """The batch with its graphs' N-Quads written to one load file in SPOOL instead of sent back.

    The build process hands the file to Oxigraph's bulk loader as it is: the N-Quads are neither
    pickled nor copied through it, and they are parsed once, by Oxigraph.
    """
    chunks: list[bytes] = []
    out: list[Mapped] = []
    at = 0
    for m in mapped:
        data = m.nquads.encode()
        chunks.append(data)
        out.append(replace(m, nquads="", span=(at, at + len(data))))
        at += len(data)
    return Batch(out, failed, write_load_file(spool, b"".join(chunks)))


class ArticleTimeout(Exception):
    """An article's extraction ran past the build's per-article time limit."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimeout in this thread after SECONDS (where signals can: a process's main thread)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _extract_each(
    extractor: Extractor, articles: list[Article], limit: float | None, failed: list[str]
) -> list[tuple[Article, Any]]:
    """Each article with its extraction, in order; one that fails or runs too long is reported in
    FAILED and left out, and the others are extracted as if it had not been there.

    The batch goes through spaCy's batching first; only when that fails is each article read alone
    (the same rules give the same result either way), so a bad article costs one retry of its batch.
    """
    extract_many: Callable[[list[Article]], Iterable[Any]] | None = getattr(extractor, "extract_many", None)
    if extract_many is not None and len(articles) > 1:
        try:
            # The whole batch gets one article's limit (a batch of ordinary articles takes seconds),
            # so a pathological article is stopped after twice the limit, not batch_size times it.
            with _time_limit(limit):
                return list(zip(articles, extract_many(articles), strict=True))
        except Exception:  # found again below, article by article (timeouts too)
            pass
    out: list[tuple[Article, Any]] = []
    for article in articles:
        try:
            with _time_limit(limit):
                out.append((article, extractor.extract(article)))
        except ArticleTimeout:
            failed.append(
                f"{article.source}: extraction stopped after {limit:g} s (--article-timeout); "
                "the text may be malformed (thousands of brackets or symbols in a row)"
            )
        except Exception as err:  # one article's failure is reported, the batch goes on
            failed.append(f"{article.source}: could not be extracted ({_reason(err)})")
    return out


def _reason(err: BaseException) -> str:
    """ERR in words a user can act on."""
    text = str(err)
    if "E088" in text:  # spaCy's length limit
        return (
            "the text is longer than the language pipeline reads in one piece (1,000,000 characters);"
            " split the article into parts"
        )
    if isinstance(err, RecursionError):
        return "nested too deeply to read"
    first = text.splitlines()[0] if text else ""
    return f"{type(err).__name__}: {first[:200]}" if first else type(err).__name__


def _read(items: list[Article | Input | Path], html_reader: str) -> tuple[list[Article], list[str]]:
    articles: list[Article] = []
    failed: list[str] = []
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
            continue
        try:
            source = item if isinstance(item, Input) else Input(item, item.name)
            for found in read_file(source.path, source.name, html_reader):
                if isinstance(found, ArticleError):
                    failed.append(str(found))
                else:
                    articles.append(found)
        except ArticleError as err:
            failed.append(str(err))
    return articles, failed


@cache
def _extractor(model: str | None) -> Extractor:
    """One extractor per worker process and model, built on first use."""
    from kg.extract import load_extractor  # spaCy: imported only where extraction runs

    return load_extractor(model)


class _Future(Protocol):
    def result(self) -> Batch: ...


class Runner:
    """Runs :func:`map_articles` over batches, in order; a context manager that owns its workers.

    ``reads_files``: the workers see this machine's files, so they can be sent paths and do the
    reading and cleaning themselves. ``writes_files``: the workers are other processes, which
    write their graphs' N-Quads to load files (:mod:`kg.spool`) rather than send them back.
    ``remote``: they may run on other machines, so load files need a spool all of them can reach.
    """

    workers = 1
    reads_files = True
    writes_files = False
    remote = False

    def map(self, batches: Iterable[list[Article | Input | Path]], job: Job) -> Iterator[Batch]:
        for batch in batches:
            yield map_articles(batch, job)

    def close(self) -> None:
        """Stop the workers, if any were started."""

    def __enter__(self) -> Runner:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class _Windowed(Runner):
    """Submits batches to worker processes, keeping at most ``window`` in flight, results in order.

    The workers are started on the first batch, and only for a job of more than ``small_job``
    articles: starting processes costs seconds (each loads spaCy), so a job of a few batches, such
    as a rebuild after adding a handful of articles, is done in this process instead.
    """

    window_per_worker = 3
    small_job = SMALL_JOB
    writes_files = True

    def _submit(self, batch: list[Article | Input | Path], job: Job) -> _Future:
        raise NotImplementedError

    def map(self, batches: Iterable[list[Article | Input | Path]], job: Job) -> Iterator[Batch]:
        it = iter(batches)
        head: list[list[Article | Input | Path]] = []
        while sum(len(b) for b in head) < self.small_job and (batch := next(it, None)) is not None:
            head.append(batch)
        if sum(len(b) for b in head) < self.small_job:
            yield from Runner.map(self, head, job)
        else:
            yield from self._windowed(chain(head, it), job)

    def _windowed(self, batches: Iterable[list[Article | Input | Path]], job: Job) -> Iterator[Batch]:
        pending: deque[_Future] = deque()
        for batch in batches:
            pending.append(self._submit(batch, job))
            if len(pending) >= self.workers * self.window_per_worker:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class PoolRunner(_Windowed):
    """A pool of JOBS local processes, started on the first batch (an incremental build may have none)."""

    def __init__(self, jobs: int, *, small_job: int = SMALL_JOB) -> None:
        self.workers = jobs
        self.small_job = small_job
        self._pool: ProcessPoolExecutor | None = None

    def _submit(self, batch: list[Article | Input | Path], job: Job) -> _Future:
        if self._pool is None:
            # spawn, not fork: the parent holds an open RocksDB store and its background threads.
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool.submit(map_articles, batch, job)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _exit_with_parent(parent: int) -> None:
    """In a pool worker: exit when the build that started it is gone (even after kill -9)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="kg-parent-watch").start()


class DaskRunner(_Windowed):
    """Workers of a Dask cluster: the scheduler at ADDRESS, or a LocalCluster of JOBS processes.

    Those of a scheduler at an address may run on other machines, so they are sent article texts,
    never paths, and are given every batch however small the job; a LocalCluster's run here, and
    read the files themselves.
    """

    def __init__(self, address: str | None, jobs: int, *, small_job: int | None = None) -> None:
        self.address = address
        self.workers = jobs
        self.small_job = small_job if small_job is not None else (0 if address else SMALL_JOB)
        self.remote = address is not None
        self.reads_files = address is None
        self._client: Any = None
        self._cluster: Any = None

    def _start(self) -> Any:
        try:
            distributed: Any = importlib.import_module("dask.distributed")
        except ImportError as err:
            raise KgError("Dask is not installed; install it with: pip install 'kg[dask]'") from err
        if self.address:
            try:
                self._client = distributed.Client(self.address, timeout="10s")
            except OSError as err:
                raise KgError(f"{self.address}: no Dask scheduler answers there ({err})") from err
            self.workers = max(
                1, sum(w.get("nthreads", 1) for w in self._client.scheduler_info()["workers"].values())
            )
        else:
            dask: Any = importlib.import_module("dask")
            # Each worker's statistical profiler samples the task's stack every 10 ms: CPU that a
            # --jobs worker spends extracting. (The workers take the config they are started with.)
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self._cluster = distributed.LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            self._client = distributed.Client(self._cluster)
        return self._client

    def _submit(self, batch: list[Article | Input | Path], job: Job) -> _Future:
        client = self._client or self._start()
        future: _Future = client.submit(map_articles, batch, job, pure=False)
        return future

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def make_runner(*, jobs: int = 1, scheduler: str | None = None) -> Runner:
    """The runner for ``kg build``: SCHEDULER ``"local"`` (a LocalCluster) or ``tcp://...`` uses Dask.

    >>> type(make_runner()).__name__, type(make_runner(jobs=2)).__name__
    ('Runner', 'PoolRunner')
    """
    if scheduler:
        return DaskRunner(None if scheduler == "local" else scheduler, max(1, jobs))
    if jobs > 1:
        return PoolRunner(jobs)
    return Runner()
