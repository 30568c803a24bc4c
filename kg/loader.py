"""Load other people's RDF next to kg's graph: one named graph per load, with its provenance.

Every standard syntax is read (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, N3), gzipped
or not. All files of one call are parsed before the store is touched, so a malformed file leaves
the store exactly as it was; its error names the file and the line. Quads of a dataset file are
loaded into the target graph too (a file is one graph here). The provenance of each loaded graph
(the files, their SHA-256, the time, the number of triples) goes to the build-provenance graph, as
a ``void:Dataset``, which is how :func:`loaded_graphs` finds them again.

Files are read as streams, twice (a check, then the load), and written with Oxigraph's bulk
loader, so memory does not grow with the file (issue 14: a 118 MB file took 2.9 GB). The bulk
loader is not transactional, so the bookkeeping brackets it: the graph's provenance, marked
incomplete, is committed (in one update) before its old triples are removed, and the mark is
lifted (in one more) after the last triple is in. A load killed at any moment leaves the store
as it was or a graph that ``kg load --list`` shows, flagged incomplete until it is loaded again.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import re
import xml.parsers.expat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, cast

from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, RdfFormat, Store, parse

from kg.errors import StoreError
from kg.namespaces import DEFAULT_BASE, Minter, file_slug

# ``.json`` is JSON-LD here; ``.n3`` is read as N3 (its rules are not applied).
FORMATS: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".turtle": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".ntriples": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".nquads": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
    ".jsonld": RdfFormat.JSON_LD,
    ".json": RdfFormat.JSON_LD,
    ".rdf": RdfFormat.RDF_XML,
    ".owl": RdfFormat.RDF_XML,
    ".xml": RdfFormat.RDF_XML,
    ".n3": RdfFormat.N3,
}
FORMAT_NAMES: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
    "xml": RdfFormat.RDF_XML,
    "n3": RdfFormat.N3,
}

_PROV = "http://www.w3.org/ns/prov#"
_DCTERMS = "http://purl.org/dc/terms/"
_VOID = "http://rdfs.org/ns/void#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
VOID_DATASET = NamedNode(_VOID + "Dataset")
VOID_TRIPLES = NamedNode(_VOID + "triples")
PROV_DERIVED = NamedNode(_PROV + "wasDerivedFrom")
PROV_GENERATED = NamedNode(_PROV + "generatedAtTime")
DCT_SOURCE = NamedNode(_DCTERMS + "source")
DCT_IDENTIFIER = NamedNode(_DCTERMS + "identifier")
DCT_FORMAT = NamedNode(_DCTERMS + "format")
DCT_EXTENT = NamedNode(_DCTERMS + "extent")
# a load under way (or killed): the graph may hold part of its files
STATUS = NamedNode("http://www.w3.org/ns/adms#status")
INCOMPLETE = Literal("incomplete")
CLEAR_CHUNK = 100_000  # triples removed per transaction when an old graph is replaced
BULK_CHUNK = 100_000  # quads per bulk load

_MEDIA_TYPES = {
    RdfFormat.TURTLE: "text/turtle",
    RdfFormat.N_TRIPLES: "application/n-triples",
    RdfFormat.N_QUADS: "application/n-quads",
    RdfFormat.TRIG: "application/trig",
    RdfFormat.JSON_LD: "application/ld+json",
    RdfFormat.RDF_XML: "application/rdf+xml",
    RdfFormat.N3: "text/n3",
}


class LoadError(StoreError):
    """An RDF file cannot be loaded: unknown format, malformed content, a reserved graph."""


@dataclass(frozen=True)
class LoadedFile:
    """One file read by :func:`load_files`."""

    path: Path
    sha256: str
    media_type: str
    triples: int


@dataclass(frozen=True)
class LoadReport:
    """What one load did: the graph it (re)wrote and the files that went into it."""

    graph: str
    files: tuple[LoadedFile, ...]
    loaded_at: str

    @property
    def triples(self) -> int:
        return sum(f.triples for f in self.files)


def loaded_graph_iri(path: Path, base: str = DEFAULT_BASE) -> str:
    """The default graph of a loaded file: ``<base>graph/_loaded/<file stem>``.

    >>> loaded_graph_iri(Path("dumps/wikidata_sample.ttl.gz"), "https://example.org/kg/")
    'https://example.org/kg/graph/_loaded/wikidata_sample'
    """
    name = path.name
    for suffix in reversed(path.suffixes):
        if suffix.lower() == ".gz" or suffix.lower() in FORMATS:
            name = name[: -len(suffix)]
        else:
            break
    return f"{base}graph/_loaded/{file_slug(name or path.name)}"


def rdf_format_of(path: Path, name: str | None = None) -> RdfFormat:
    """The syntax of PATH: NAME when given, else its suffix (``.gz`` looked through)."""
    if name:
        if name not in FORMAT_NAMES:
            raise LoadError(f"unknown RDF format {name!r}; use one of {', '.join(FORMAT_NAMES)}")
        return FORMAT_NAMES[name]
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    if suffixes and suffixes[-1] in FORMATS:
        return FORMATS[suffixes[-1]]
    raise LoadError(
        f"{path}: cannot tell the RDF syntax from the file name; name it .ttl, .nt, .nq, .trig, .jsonld,"
        " .rdf or .n3 (optionally .gz), or pass --format"
    )


def read_rdf(path: Path, fmt: RdfFormat, *, base_iri: str | None = None) -> list[Quad]:
    """All quads of the RDF file PATH (gzip allowed); a syntax error names the file and the line."""
    return list(stream_rdf(path, fmt, base_iri=base_iri))


def parse_rdf(path: Path, data: bytes, fmt: RdfFormat, *, base_iri: str | None = None) -> list[Quad]:
    """The quads of DATA, read from PATH (named in errors, and the base of relative IRIs)."""
    try:
        return list(
            parse(data, format=fmt, base_iri=base_iri or path.resolve().as_uri(), rename_blank_nodes=True)
        )
    except SyntaxError as err:
        raise LoadError(
            f"{path}: {_where(err, data, fmt)}not valid {_MEDIA_TYPES[fmt]}: {_reason(err)}"
        ) from err


def stream_rdf(path: Path, fmt: RdfFormat, *, base_iri: str | None = None) -> Iterator[Quad]:
    """The quads of the RDF file PATH (gzip allowed) one at a time, never the whole file in memory."""
    with _open(path) as stream:
        try:
            yield from parse(
                stream, format=fmt, base_iri=base_iri or path.resolve().as_uri(), rename_blank_nodes=True
            )
        except SyntaxError as err:
            data = b"" if fmt != RdfFormat.RDF_XML else _read_bytes(path)  # the line, for XML only
            raise LoadError(
                f"{path}: {_where(err, data, fmt)}not valid {_MEDIA_TYPES[fmt]}: {_reason(err)}"
            ) from err
        except (OSError, EOFError) as err:
            raise LoadError(f"{path}: looks gzipped but cannot be decompressed ({err})") from err


def _open(path: Path) -> IO[bytes]:
    try:
        with path.open("rb") as probe:
            gzipped = probe.read(2) == b"\x1f\x8b"
        return cast(IO[bytes], gzip.open(path, "rb")) if gzipped else path.open("rb")
    except OSError as err:
        raise LoadError(f"{path}: cannot read the file: {err.strerror or err}") from err


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    except OSError as err:
        raise LoadError(f"{path}: cannot read the file: {err.strerror or err}") from err
    return digest.hexdigest()


def _read_bytes(path: Path) -> bytes:
    return _gunzip(path, _read_file(path))


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise LoadError(f"{path}: cannot read the file: {err.strerror or err}") from err


def _gunzip(path: Path, raw: bytes) -> bytes:
    if raw[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError) as err:
            raise LoadError(f"{path}: looks gzipped but cannot be decompressed ({err})") from err
    return raw


def _where(err: SyntaxError, data: bytes, fmt: RdfFormat) -> str:
    line = err.lineno
    if line is None and fmt == RdfFormat.RDF_XML:
        line = _xml_error_line(data)
    return f"line {line}: " if line else ""


def _reason(err: SyntaxError) -> str:
    return re.sub(
        r"^Parser error (at|between) line \d+ column \d+( and line \d+ column \d+)?: ", "", str(err.msg)
    )


def _xml_error_line(data: bytes) -> int | None:
    """The line of an XML well-formedness error, which the RDF/XML parser does not report."""
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as err:
        return int(err.lineno)
    return None


def _check_graph(graph: str, minter: Minter) -> NamedNode:
    try:
        node = NamedNode(graph)
    except ValueError as err:
        raise LoadError(f"--graph {graph!r}: not an absolute IRI ({err})") from err
    own = f"{minter.base}graph/"
    if graph.startswith(own) and not graph.startswith(f"{own}_loaded/"):
        raise LoadError(
            f"--graph <{graph}> is one of kg's own graphs (articles, ontology, reference data, builds);"
            f" load into another IRI, for example <{own}_loaded/NAME>"
        )
    return node


def load_files(
    store: Store,
    paths: Sequence[Path],
    *,
    graph: str | None = None,
    fmt: str | None = None,
    base: str = DEFAULT_BASE,
    now: datetime | None = None,
) -> list[LoadReport]:
    """Load PATHS into STORE, each into its own graph, or all of them into GRAPH.

    A graph that was loaded before is replaced, so loading the same file twice gives the same
    store. Nothing is written unless every file parses.
    """
    minter = Minter(base)
    when = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    batches: dict[str, list[tuple[LoadedFile, RdfFormat]]] = {}
    for path in paths:  # the check: every file read through before the store is touched
        target = graph or loaded_graph_iri(path, base)
        _check_graph(target, minter)
        syntax = rdf_format_of(path, fmt)
        count = sum(1 for _ in stream_rdf(path, syntax))
        info = LoadedFile(path, _sha256(path), _MEDIA_TYPES[syntax], count)
        batches.setdefault(target, []).append((info, syntax))
    reports = []
    for target, items in batches.items():
        node = NamedNode(target)
        files = tuple(info for info, _ in items)
        _record(store, minter, node, files, when, complete=False)
        _clear(store, node)
        quads = (
            Quad(q.subject, q.predicate, q.object, node)
            for info, syntax in items
            for q in stream_rdf(info.path, syntax)
        )
        # one bulk load buffers a million quads per thread (~1 GB); chunks keep the peak near 200 MB
        while chunk := list(itertools.islice(quads, BULK_CHUNK)):
            store.bulk_extend(chunk)
        _record(store, minter, node, files, when, complete=True)
        reports.append(LoadReport(target, files, when))
    return reports


def _clear(store: Store, graph: NamedNode) -> None:
    """Remove GRAPH's triples in transactions of CLEAR_CHUNK, so memory stays bounded."""
    while True:
        store.update(
            f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ "
            f"{{ SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT {CLEAR_CHUNK} }} }}"
        )
        store.flush()  # removals are written to RocksDB's in-memory tables first: empty them each time
        if not store.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"):
            return


def _record(
    store: Store, minter: Minter, graph: NamedNode, files: Iterable[LoadedFile], when: str, *, complete: bool
) -> None:
    """Replace the provenance of GRAPH in the build-provenance graph, in one transaction."""
    meta = NamedNode(str(minter.meta_graph))
    files = list(files)
    quads = [
        Quad(graph, RDF_TYPE, VOID_DATASET, meta),
        Quad(graph, PROV_GENERATED, Literal(when, datatype=NamedNode(_XSD + "dateTime")), meta),
        Quad(
            graph,
            VOID_TRIPLES,
            Literal(str(sum(f.triples for f in files)), datatype=NamedNode(_XSD + "integer")),
            meta,
        ),
    ]
    if not complete:
        quads.append(Quad(graph, STATUS, INCOMPLETE, meta))
    for info in files:
        source = NamedNode(info.path.resolve().as_uri())
        quads += [
            Quad(graph, DCT_SOURCE, source, meta),
            Quad(graph, PROV_DERIVED, source, meta),
            Quad(source, RDFS_LABEL, Literal(info.path.name), meta),
            Quad(source, DCT_IDENTIFIER, Literal(f"sha256:{info.sha256}"), meta),
            Quad(source, DCT_FORMAT, Literal(info.media_type), meta),
            Quad(source, DCT_EXTENT, Literal(str(info.triples), datatype=NamedNode(_XSD + "integer")), meta),
        ]
    statements = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    # one update is one transaction: the old record (and its files') goes as the new one comes
    store.update(
        f"DELETE {{ GRAPH {meta} {{ ?x ?p ?o }} }} WHERE {{ GRAPH {meta} {{ "
        f"{{ BIND({graph} AS ?x) ?x ?p ?o }} UNION {{ {graph} {DCT_SOURCE} ?x . ?x ?p ?o }} }} }} ;\n"
        f"INSERT DATA {{ GRAPH {meta} {{ {statements} }} }}"
    )


@dataclass(frozen=True)
class LoadedGraph:
    """A graph loaded with ``kg load``, as its provenance records it (``complete`` False: a load
    of it was stopped part way; loading its files again repairs it)."""

    graph: str
    loaded_at: str
    triples: int
    sources: tuple[str, ...]
    complete: bool = True


def loaded_graphs(store: Store, base: str = DEFAULT_BASE) -> list[LoadedGraph]:
    """Every graph loaded into STORE, in IRI order."""
    meta = Minter(base).meta_graph
    query = f"""
        PREFIX void: <{_VOID}> PREFIX prov: <{_PROV}> PREFIX dcterms: <{_DCTERMS}>
        SELECT ?g ?when ?n (GROUP_CONCAT(STR(?src); separator=" ") AS ?sources) (SAMPLE(?state) AS ?status)
        WHERE {{
          GRAPH <{meta}> {{ ?g a void:Dataset ; prov:generatedAtTime ?when ; void:triples ?n .
                           OPTIONAL {{ ?g dcterms:source ?src }} OPTIONAL {{ ?g {STATUS} ?state }} }}
        }} GROUP BY ?g ?when ?n ORDER BY ?g"""
    rows = store.query(query)
    assert isinstance(rows, QuerySolutions), "a SELECT query"
    return [
        LoadedGraph(
            row["g"].value,
            row["when"].value,
            int(row["n"].value),
            tuple(row["sources"].value.split()),
            row["status"] is None,
        )
        for row in rows
    ]
