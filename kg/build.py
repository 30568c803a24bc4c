"""ingest → extract → map to RDF → store: build or update a store from article files.

An article whose content hash and extractor version are already in the store is skipped; a
changed one replaces its named graph. The ontology and reference data are reloaded when they
change. Failures of single files are collected, never fatal to the batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store, parse

from kg import __version__, resources
from kg.errors import ArticleError
from kg.extract import Extractor, load_extractor
from kg.incidents import link_incidents
from kg.ingest import Article, iter_files, read_file
from kg.mapping import article_quads
from kg.namespaces import DEFAULT_BASE, Minter
from kg.store import replace_graph

PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_DATETIME = NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")


@dataclass
class BuildReport:
    """What a build did: counts, and one message per file that could not be built."""

    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    events: int = 0
    relations: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def data_fingerprint() -> str:
    """A digest of the reference data and lexicons: when it changes, every article is re-extracted."""
    h = hashlib.sha256(__version__.encode())
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
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()
        node, meta, prop = NamedNode(str(graph)), NamedNode(str(minter.meta_graph)), NamedNode(PROV + "value")
        marker = Quad(node, prop, Literal(digest), meta)
        if marker in store:
            continue
        replace_graph(store, node, [Quad(q.subject, q.predicate, q.object, node) for p in files for q in parse(path=str(p))])
        for old in list(store.quads_for_pattern(node, prop, None, meta)):
            store.remove(old)
        store.add(marker)


def stored_state(store: Store) -> dict[str, tuple[str, str]]:
    """Per article graph IRI: the content hash and extractor IRI it was built from."""
    query = """
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
        SELECT ?g ?hash ?extractor WHERE {
          GRAPH ?g { ?g prov:wasDerivedFrom ?a ; prov:wasAttributedTo ?extractor . ?a kgo:contentHash ?hash }
        }"""
    return {row["g"].value: (row["hash"].value, row["extractor"].value) for row in store.query(query)}


def build(
    paths: Iterable[Path],
    store: Store,
    *,
    base: str = DEFAULT_BASE,
    model: str | None = None,
    force: bool = False,
    on_file: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Build or update STORE from the articles under PATHS."""
    minter = Minter(base)
    report = BuildReport()
    load_static_graphs(store, minter)
    extractor_node = extractor_iri(data_fingerprint())
    state = {} if force else stored_state(store)
    extractor: Extractor | None = None
    started = datetime.now(UTC)
    for item in _articles(paths, on_file):
        if isinstance(item, ArticleError):
            report.failed.append(str(item))
            continue
        graph = minter.graph(item.id)
        if state.get(str(graph)) == (item.content_hash, extractor_node):
            report.skipped.append(item.id)
            continue
        if extractor is None:
            extractor = load_extractor(model)
        extraction = extractor.extract(item)
        quads = article_quads(item, extraction, minter, extractor_node)
        replace_graph(store, NamedNode(str(graph)), quads)
        _record_time(store, minter, graph, started)
        report.built.append(item.id)
        report.events += sum(1 for e in extraction.events if e.kind not in {"Interception", "Deployment"})
        report.relations += len(extraction.relations)
    if report.built:
        link_incidents(store, minter)
    return report


def _articles(paths: Iterable[Path], on_file: Callable[[Path], None] | None) -> Iterator[Article | ArticleError]:
    for path in iter_files(paths):
        if on_file:
            on_file(path)
        try:
            yield from read_file(path)
        except ArticleError as err:
            yield err


def _record_time(store: Store, minter: Minter, graph: object, when: datetime) -> None:
    """When GRAPH was last built: the only quads whose value changes from one build to the next."""
    meta = NamedNode(str(minter.meta_graph))
    node = NamedNode(str(graph))
    prop = NamedNode(PROV + "generatedAtTime")
    for old in list(store.quads_for_pattern(node, prop, None, meta)):
        store.remove(old)
    store.add(Quad(node, prop, Literal(when.isoformat(timespec="seconds"), datatype=XSD_DATETIME), meta))
