"""ingest → extract → map to RDF → store: build or update a store from article files.

An article whose content hash and extractor IRI (which carries the version and a fingerprint of
the reference data and lexicons) are already in the store is skipped; a changed one replaces its
named graph. The ontology and reference data are reloaded when they change. Failures of single
files are collected, never fatal to the batch.

Extraction runs in this process, in a pool of processes or on Dask (:mod:`kg.parallel`); this
process alone writes the store. Crash safety rests on one rule: an article graph counts as built
only once its marker quad (``<graph> prov:wasAttributedTo <extractor>`` in the graph itself) is
stored, and the marker is written after the rest of the graph, in a later write (the next bulk
load, or a transaction at the end: :mod:`kg.storewriter`). The bulk of the graphs goes through
Oxigraph's fast, non-transactional bulk loader; a build killed at any point leaves graphs without
a marker, which the next build drops and rebuilds. The incidents
graph carries a "stale" flag from the first write of a build to the end of its relinking, and a
build that finds the flag regroups every incident.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store, parse

from kg import __version__, entailment, incidents, licence, resources
from kg.buildcache import FileDigests, Row, load_state, save_state
from kg.errors import ArticleError
from kg.identities import Identities
from kg.ingest import HTML_SUFFIXES, TEXT_SUFFIXES, Article, Input, iter_inputs, read_file
from kg.ingest.readers import DEFAULT_READER, check_reader
from kg.namespaces import DEFAULT_BASE, Minter, article_id, file_slug
from kg.parallel import Job, Runner, make_runner
from kg.push import GraphStore
from kg.spool import spool as new_spool
from kg.store import replace_graph
from kg.storewriter import StoreWriter, drop_graphs, stale_flag

PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ATTRIBUTED = NamedNode(PROV + "wasAttributedTo")
CONTENT_HASH = NamedNode("https://w3id.org/conflict-kg/ontology#contentHash")
__all__ = ["BuildReport", "build", "stale_flag", "stored_state"]


@dataclass
class BuildReport:
    """What a build did: counts, and one message per file that could not be built."""

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    events: int = 0
    relations: int = 0
    repaired: int = 0  # graphs left incomplete by an interrupted build, dropped and rebuilt
    pushed: int = 0  # graphs sent to a remote store
    pruned: list[str] = field(default_factory=list)  # graphs of articles no longer under the paths
    migrated: list[str] = field(default_factory=list)  # graphs of the same articles under their old ids
    not_pruned: str = ""  # why a build asked to prune did not

    @property
    def ok(self) -> bool:
        return not self.failed


def data_fingerprint(html_reader: str = DEFAULT_READER) -> str:
    """A digest of the reference data, lexicons and class hierarchy (and the HTML reader, when not
    kg's own): when it changes, every article is re-extracted."""
    h = hashlib.sha256(__version__.encode())
    if html_reader != DEFAULT_READER:  # the default leaves the digest, and so older stores, as they were
        h.update(f"html-reader {html_reader}".encode())
    h.update(entailment.fingerprint().encode())  # article graphs carry the implied types
    for path in [*resources.reference_files(), *sorted(resources.data_dir("lexicons").glob("*"))]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def extractor_iri(fingerprint: str) -> str:
    return f"https://w3id.org/conflict-kg/extractor/{__version__}/{fingerprint}"


def load_static_graphs(store: Store, minter: Minter) -> None:
    """Load the ontology and reference data into their graphs when they are missing or changed."""
    for graph, files in (
        (minter.ontology_graph, resources.ontology_files()),
        (minter.reference_graph, resources.reference_files()),
    ):
        salt = f"entailment {entailment.VERSION}".encode()
        digest = hashlib.sha256(b"".join([salt, *(p.read_bytes() for p in files)])).hexdigest()
        node, meta, prop = NamedNode(str(graph)), NamedNode(str(minter.meta_graph)), NamedNode(PROV + "value")
        marker = Quad(node, prop, Literal(digest), meta)
        # An article once named "_reference" (before ids were escaped) replaced the graph and
        # left the marker in place: an article's own marker in the graph means it must be reloaded.
        damaged = next(store.quads_for_pattern(node, ATTRIBUTED, None, node), None) is not None
        if marker in store and not damaged:
            continue
        replace_graph(
            store,
            node,
            entailment.completed(
                [Quad(q.subject, q.predicate, q.object, node) for p in files for q in parse(path=str(p))]
            ),
        )
        for old in list(store.quads_for_pattern(node, prop, None, meta)):
            store.remove(old)
        store.add(marker)


def stored_state(store: Store) -> dict[str, tuple[str, str]]:
    """Per complete article graph IRI: the content hash and extractor IRI it was built from."""
    marked: dict[str, str] = {}
    extractors: dict[str, str] = {}  # one string per extractor IRI, not one per graph
    for q in store.quads_for_pattern(None, ATTRIBUTED, None, None):
        if (
            q.subject == q.graph_name
            and isinstance(q.graph_name, NamedNode)
            and isinstance(q.object, NamedNode)
        ):
            marked[q.graph_name.value] = extractors.setdefault(q.object.value, q.object.value)
    hashes: dict[str, str] = {}
    for q in store.quads_for_pattern(None, CONTENT_HASH, None, None):
        if isinstance(q.graph_name, NamedNode) and isinstance(q.object, Literal):
            hashes[q.graph_name.value] = q.object.value
    return {g: (hashes.get(g, ""), extractor) for g, extractor in marked.items()}


def build(
    paths: Iterable[Path],
    store: Store,
    *,
    base: str = DEFAULT_BASE,
    model: str | None = None,
    force: bool = False,
    on_file: Callable[[Path], None] | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    remote: str | None = None,
    batch_size: int = 32,
    load_size: int = 2500,
    on_load: Callable[[int], None] | None = None,
    cache: Path | None = None,
    prune: bool = False,
    license: str | None = None,
    rights: str | None = None,
    article_timeout: float | None = 300.0,
    html_reader: str = DEFAULT_READER,
    spool: str | None = None,
    loaders: int | None = None,
    runner: Runner | None = None,
) -> BuildReport:
    """Build or update STORE from the articles under PATHS.

    Args:
        jobs: extraction processes (with SCHEDULER ``"local"``: Dask workers of a LocalCluster).
        scheduler: ``"local"`` or the address of a Dask scheduler (``tcp://host:8786``): extract on Dask.
        remote: a SPARQL 1.1 Graph Store endpoint; each graph built is also PUT there (before it
            is marked complete locally, so a crash never leaves a graph built here but not there).
        batch_size: articles per extraction task.
        load_size: articles per bulk load into the store (fewer when their N-Quads pass 32 MB).
            Each load makes RocksDB compact what it added into what was there, which costs more CPU
            the more loads there are; the last load, which nothing runs beside, costs more time the
            larger it is, and so does its memory. 32 MB (~1,000 articles) balances the three on a
            2-core machine.
        on_load: called with the number of articles stored so far, after each write to the store.
        cache: a directory for what the next build can reuse (:mod:`kg.buildcache`), usually
            ``<store>/kg-cache``; without it every build reads every file and every account.
        prune: also drop the graphs of articles not found under PATHS (their files were deleted),
            so that the store holds exactly the articles under PATHS. Nothing is dropped when a
            file could not be read (its article may be one of those graphs) or no article was found.
        license, rights: the data's licence (an IRI) and rights statement (:mod:`kg.licence`); when
            not given, the store keeps its own, or gets the defaults.
        html_reader: which of :data:`kg.ingest.readers.READERS` reads HTML pages.
        article_timeout: seconds one article may take to extract before it is reported as failed
            (None: no limit; enforced where extraction runs in a process's main thread).
        spool: where workers on other machines write their load files (:mod:`kg.spool`), a URL
            this process reads too (``s3://bucket/kg``); without it their N-Quads come back with
            the results. Local workers write under CACHE (else the temporary folder).
        loaders: bulk loads that run at once (default: :func:`kg.storewriter.default_loaders`).
        runner: where extraction runs (default: from JOBS and SCHEDULER, :func:`kg.parallel.make_runner`).
    """
    minter = Minter(base)
    report = BuildReport()
    started = datetime.now(UTC)
    load_static_graphs(store, minter)
    licence.record(store, minter, license, rights)
    check_reader(html_reader)
    extractor = extractor_iri(data_fingerprint(html_reader))
    remembered = None
    if cache is not None and not force and stale_flag(minter) not in store:
        remembered = load_state(cache, incidents.written_at(store, minter))
    if remembered is None:
        state = stored_state(store)
        report.repaired = _drop_incomplete(store, minter, state)
    else:
        state = remembered  # no build was interrupted since it was saved: no graph is half-written
    pusher = GraphStore(remote) if remote else None
    writer = StoreWriter(
        store,
        minter,
        started,
        known=set(state),
        pusher=pusher,
        on_load=on_load,
        load_size=load_size,
        loaders=loaders,
    )
    digests = FileDigests(cache)
    ids = Identities(minter, report.failed)
    built: dict[str, str] = {}  # graph -> content hash, for the graphs this build writes
    accounts: dict[str, list[Row]] = {}  # graph -> its attack accounts, as the workers read them
    try:
        extraction = runner or make_runner(jobs=jobs, scheduler=scheduler)
        # The load files outlive the workers (the last loads run after these have stopped), and
        # the writer's loads the load files: on an error, no write may still run once build() has
        # returned, and none reads a removed file.
        with _spool(extraction, spool, cache) as folder, writer:
            job = Job(
                base=base,
                model=model,
                extractor=extractor,
                time_limit=article_timeout,
                spool=folder,
                html_reader=html_reader,
            )
            writer.spool = folder
            with extraction:
                todo = _todo(
                    paths,
                    minter,
                    {} if force else state,
                    extractor,
                    report,
                    on_file,
                    extraction.reads_files,
                    digests,
                    ids,
                    html_reader,
                )
                for batch in extraction.map(_batched(todo, batch_size), job):
                    report.failed.extend(batch.failed)
                    writer.add(batch)
                    for m in batch.mapped:
                        report.built.append(m.article_id)
                        report.events += m.events
                        report.relations += m.relations
                        built[m.graph] = m.content_hash
                        accounts[m.graph] = m.accounts
                        digests.learn(m.article_id, m.content_hash)
            digests.save()
            if prune:
                report.pruned, report.not_pruned = _gone(state, built, report, minter)
            report.migrated = ids.superseded(state, built, [*report.built, *report.skipped])
            final = {**state, **{graph: (digest, extractor) for graph, digest in built.items()}}
            dropped = sorted({*report.pruned, *report.migrated})
            for graph in dropped:
                del final[graph]
            versions = {graph: f"{digest} {made_by}" for graph, (digest, made_by) in final.items()}
            writer.finish(versions, accounts, cache, trust_cache=not force, drop=dropped)
        if cache is not None:
            save_state(cache, incidents.written_at(store, minter), final)
        if pusher is not None:
            report.pushed = len(writer.written) + _push_shared(store, minter, pusher)
    finally:
        if pusher is not None:
            pusher.close()
    return report


def _spool(runner: Runner, url: str | None, cache: Path | None) -> AbstractContextManager[str | None]:
    """Where RUNNER's workers write load files: under CACHE (or the temporary folder) when they run
    on this machine, at URL when they may not; None when they send their N-Quads back instead."""
    if not runner.writes_files or (runner.remote and not url):
        return nullcontext(None)
    if runner.remote:
        return new_spool(url)
    return new_spool(cache, own=cache is not None)


def _todo(
    paths: Iterable[Path],
    minter: Minter,
    state: dict[str, tuple[str, str]],
    extractor: str,
    report: BuildReport,
    on_file: Callable[[Path], None] | None,
    send_paths: bool,
    digests: FileDigests,
    ids: Identities,
    html_reader: str,
) -> Iterator[Article | Input | Path]:
    """What to (re)build: articles, or with SEND_PATHS the one-article files for the workers to read.

    Unchanged articles go to REPORT.skipped, unreadable files read here to REPORT.failed, and so
    does an article whose id another input of this build already has (it would replace that one).
    IDS learns the id each article had in stores older kg built.
    """
    for found in iter_inputs(paths):
        path = found.path
        if on_file:
            on_file(path)
        one_article = path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
        if one_article:
            ident = article_id(found.name)
            if not ids.claim(ident, found.name):
                continue
            ids.remember_old(ident, file_slug(path.name))
        quick = _unchanged_file(found, minter, state, extractor, digests)
        if quick:
            report.skipped.append(quick)
            continue
        if send_paths and one_article:
            # The worker hashes it (one-article files: the article's hash is the file's digest).
            digests.expect(article_id(found.name), path)
            yield found
            continue
        try:
            items = list(read_file(path, found.name, html_reader))
        except ArticleError as err:
            report.failed.append(str(err))
            continue
        for item in items:
            if isinstance(item, ArticleError):
                report.failed.append(str(item))
                continue
            if not one_article and not ids.claim(item.id, item.source):
                continue
            ids.remember_old(item.id, item.legacy_id)
            if state.get(str(minter.graph(item.id))) == (item.content_hash, extractor):
                report.skipped.append(item.id)
            else:
                yield item


def _unchanged_file(
    found: Input, minter: Minter, state: dict[str, tuple[str, str]], extractor: str, digests: FileDigests
) -> str | None:
    """The article id of a one-article file whose bytes are those already built, without parsing it.

    Reading and hashing is all an unchanged file costs, which keeps a rebuild after adding a few
    articles to a large corpus short. (Same id and hash as :func:`kg.ingest.read_file` computes; if
    that ever changed, files would merely stop being skipped here and go the slow way.)
    """
    path = found.path
    if not state or path.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES:
        return None
    try:
        digest = digests.digest(path)
    except OSError:
        return None
    ident = article_id(found.name)
    return ident if state.get(str(minter.graph(ident))) == (digest, extractor) else None


def _gone(
    state: dict[str, tuple[str, str]], built: dict[str, str], report: BuildReport, minter: Minter
) -> tuple[list[str], str]:
    """The article graphs in STATE that this build neither built nor skipped, or why none may go."""
    if report.failed:
        return [], f"{len(report.failed)} file(s) could not be read, and their articles may be among them"
    if not report.built and not report.skipped:
        return [], "no article was found under the paths given"
    seen = set(built) | {str(minter.graph(ident)) for ident in report.skipped}
    return sorted(graph for graph in state if graph not in seen and _is_article(graph, minter)), ""


def _is_article(graph: str, minter: Minter) -> bool:
    """Graphs named ``<base>graph/_...`` hold the ontology, build records, incidents, loaded data."""
    prefix = str(minter.graph(""))
    return graph.startswith(prefix) and not graph.startswith(prefix + "_")


def _batched(items: Iterable[Article | Input | Path], size: int) -> Iterator[list[Article | Input | Path]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _drop_incomplete(store: Store, minter: Minter, state: dict[str, tuple[str, str]]) -> int:
    """Drop article graphs without their marker: what an interrupted build left half-written.

    Graphs named ``<base>graph/_...`` are not articles' (ontology, build records, incidents, graphs
    that ``kg load`` added) and are left alone.
    """
    broken = [
        g.value
        for g in store.named_graphs()
        if isinstance(g, NamedNode) and _is_article(g.value, minter) and g.value not in state
    ]
    for start in range(0, len(broken), 500):
        drop_graphs(store, minter, broken[start : start + 500])
    return len(broken)


def _push_shared(store: Store, minter: Minter, pusher: GraphStore) -> int:
    """Send the graphs every article shares (ontology, reference, incidents, build times)."""
    graphs = [NamedNode(str(g)) for g in (minter.ontology_graph, minter.reference_graph)]
    graphs += [NamedNode(str(minter.incidents_graph)), NamedNode(str(minter.meta_graph))]
    for graph in graphs:
        pusher.put_quads(graph.value, store.quads_for_pattern(None, None, None, graph))
    pusher.wait()
    return len(graphs)
