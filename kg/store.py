"""The embedded, on-disk Oxigraph store: open it, replace an article's graph, load files, dump.

Everything extracted from one article lives in one named graph; the ontology, the reference data
and build provenance have graphs of their own. Queries see the union of all graphs as the
default graph.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from pyoxigraph import NamedNode, Quad, QuerySolutions, QueryTriples, RdfFormat, Store, Triple

from kg.errors import StoreError
from kg.namespaces import PREFIXES

STORE_ENV = "KG_STORE"
DEFAULT_STORE = Path(".kg") / "store"

RDF_FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
    "xml": RdfFormat.RDF_XML,
}
DATASET_FORMATS = {"nquads", "trig", "jsonld"}
SUFFIX_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def store_path(path: Path | str | None = None) -> Path:
    """The store to use: PATH, else $KG_STORE, else ./.kg/store."""
    if path:
        return Path(path)
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    return DEFAULT_STORE


def open_store(path: Path | str | None = None, *, read_only: bool = False, create: bool = True) -> Store:
    """Open (and, unless READ_ONLY, create) the Oxigraph store at PATH."""
    where = store_path(path)
    if (read_only or not create) and (not where.is_dir() or not any(where.iterdir())):
        raise StoreError(
            f"{where}: no kg store here; build one first with: kg build --store {where} ARTICLES..."
        )
    if where.exists() and not where.is_dir():
        raise StoreError(f"{where}: is a file, not a store directory; pick another --store path")
    if not read_only and (pids := serving_pids(where)):
        raise StoreError(
            f"{where}: `kg serve` (pid {', '.join(map(str, pids))}) is serving this store; it would go on "
            "answering from the data it opened, and Oxigraph does not support reading a store while "
            "another process writes it. Stop the server, run this again, then start the server again "
            "(or build into a copy and serve that)."
        )
    try:
        if read_only:
            return Store.read_only(str(where))
        where.mkdir(parents=True, exist_ok=True)
        return Store(str(where))
    except OSError as err:
        message = str(err)
        if "lock" in message.lower():
            raise StoreError(
                f"{where}: the store is in use by another kg process (a running `kg serve` or `kg build`?);"
                " stop it or use another --store"
            ) from err
        raise StoreError(f"{where}: cannot open the store: {message}") from err


SERVING_DIR = "kg-serving"  # one empty file per running `kg serve`, named by its process id


@contextmanager
def serving(where: Path) -> Iterator[None]:
    """Mark the store at WHERE as served by this process until the block ends (see open_store)."""
    folder = where / SERVING_DIR
    folder.mkdir(exist_ok=True)
    marker = folder / str(os.getpid())
    marker.touch()
    try:
        yield
    finally:
        marker.unlink(missing_ok=True)


def serving_pids(where: Path) -> list[int]:
    """The ids of the live `kg serve` processes serving the store at WHERE (stale marks removed)."""
    folder = where / SERVING_DIR
    if not folder.is_dir():
        return []
    live = []
    for marker in folder.iterdir():
        if not marker.name.isdigit():
            continue
        pid = int(marker.name)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            marker.unlink(missing_ok=True)  # a server killed without cleaning up
            continue
        except PermissionError:
            pass  # alive, another user's
        live.append(pid)
    return sorted(live)


def writer_active(where: Path) -> bool:
    """Whether another process has the store at WHERE open for writing (holds RocksDB's LOCK)."""
    lock = where / "LOCK"
    if not lock.exists():
        return False
    import fcntl

    try:
        with lock.open("rb+") as f:
            try:
                fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.lockf(f, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


def replace_graph(store: Store, graph: NamedNode, quads: Iterable[Quad]) -> None:
    """Make GRAPH hold exactly QUADS. A crash in between leaves the graph absent, never doubled."""
    store.update(f"DROP SILENT GRAPH <{graph.value}>")
    store.extend(quads)


def rdf_format(name: str | None, path: Path | None = None) -> str:
    """A format name from an explicit NAME or the suffix of PATH (Turtle when neither says).

    >>> rdf_format(None, Path("graph.trig"))
    'trig'
    """
    if name:
        return name
    if path is not None:
        suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
        if suffixes and suffixes[-1] in SUFFIX_FORMATS:
            return SUFFIX_FORMATS[suffixes[-1]]
    return "turtle"


def dump(store: Store, output: IO[bytes], fmt: str = "trig") -> None:
    """Write the whole store to OUTPUT; triple formats get the union of all graphs."""
    if fmt == "jsonld":  # compact, with kg's published @context (kg/jsonld.py)
        from kg.jsonld import write_dataset

        write_dataset(store, output)
        return
    rdf = RDF_FORMATS[fmt]
    prefixes = PREFIXES if fmt in {"turtle", "trig"} else None
    if fmt in DATASET_FORMATS:
        quads = sorted(store, key=str) if fmt != "nquads" else store
        store_dump(quads, output, rdf, prefixes)
    else:
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(triples, QueryTriples)
        store_dump(triples, output, rdf, prefixes)


def store_dump(
    items: Iterable[Quad] | Iterable[Triple],
    output: IO[bytes],
    rdf: RdfFormat,
    prefixes: dict[str, str] | None,
) -> None:
    from pyoxigraph import serialize

    if prefixes:
        serialize(items, output, format=rdf, prefixes=prefixes)
    else:
        serialize(items, output, format=rdf)


def count(store: Store, query: str) -> int:
    """The integer in the single cell of a SELECT (COUNT(...) AS ?n) query."""
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    for row in result:
        return int(row[0].value)
    return 0
