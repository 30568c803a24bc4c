"""kg build with load files (issue 16): workers write their graphs' N-Quads to a spool, the build
process bulk loads them, several loads at once; the graph is the one a build in one process makes."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from build_support import dump_lines, generate
from pyoxigraph import NamedNode, Store

from kg.build import build, data_fingerprint, extractor_iri, stored_state
from kg.buildcache import cache_dir
from kg.namespaces import Minter
from kg.parallel import Batch, Job, Runner, map_articles
from kg.spool import PREFIX, load_file, spool, write_load_file
from kg.storewriter import StoreWriter


class _FilesHere(Runner):
    """Extraction in this process, but writing load files as pool workers do."""

    writes_files = True


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, 30, seed=11)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    store = Store(str(tmp_path_factory.mktemp("reference")))
    build([corpus], store)
    return dump_lines(store)


def test_a_worker_writes_its_batch_to_one_load_file_and_sends_spans(corpus: Path, tmp_path: Path) -> None:
    paths = sorted(corpus.glob("*.txt"))[:3]
    inline = map_articles(list(paths), Job(base="https://example.org/", model=None, extractor="urn:x"))
    spooled = map_articles(
        list(paths), Job(base="https://example.org/", model=None, extractor="urn:x", spool=str(tmp_path))
    )
    assert not inline.file and Path(spooled.file).parent == tmp_path
    data = Path(spooled.file).read_bytes()
    for m, same in zip(spooled.mapped, inline.mapped, strict=True):
        assert m.nquads == "" and data[m.span[0] : m.span[1]].decode() == same.nquads
        assert m.marker == same.marker and m.accounts == same.accounts
    assert spooled.mapped[-1].span[1] == len(data)


@pytest.mark.parametrize("loaders", [1, 3])
def test_load_files_loaded_side_by_side_give_the_graph_of_one_process(
    corpus: Path, reference: list[str], tmp_path: Path, loaders: int
) -> None:
    store_dir = tmp_path / "store"
    store = Store(str(store_dir))
    report = build(
        [corpus],
        store,
        runner=_FilesHere(),
        cache=cache_dir(store_dir),
        batch_size=4,
        load_size=5,  # several loads, some of several files
        loaders=loaders,
    )
    assert len(report.built) == 30 and report.ok
    assert dump_lines(store) == reference
    assert not list(cache_dir(store_dir).glob(PREFIX + "*"))  # the spool is gone with its files


def test_changed_and_new_articles_in_one_load_file(corpus: Path, tmp_path: Path) -> None:
    """A load file holding a graph to replace and new ones: each goes its own way."""
    first = tmp_path / "first"
    shutil.copytree(corpus, first)
    for path in sorted(first.glob("*.txt"))[20:]:
        path.unlink()
    store = Store(str(tmp_path / "store"))
    build([first], store, runner=_FilesHere(), batch_size=4, load_size=100)
    changed = sorted(first.glob("*.txt"))[5]
    changed.write_text(changed.read_text() + "\nA later paragraph says nothing new.\n")
    for path in sorted(corpus.glob("*.txt"))[20:]:
        shutil.copy(path, first / path.name)
    report = build([first], store, runner=_FilesHere(), batch_size=4, load_size=100)
    assert len(report.built) == 11
    clean = Store(str(tmp_path / "clean"))
    build([first], clean)
    assert dump_lines(store) == dump_lines(clean)


def test_load_file_joins_files_and_inline_n_quads(tmp_path: Path) -> None:
    one = write_load_file(str(tmp_path), b"<a> <b> <c> <g> .\n")
    two = write_load_file(str(tmp_path), b"<d> <e> <f> <g> .\n")
    with load_file([one], str(tmp_path)) as (path, data):
        assert path == one and data is None  # one file: loaded where it is
    with load_file([one, b"<x> <y> <z> <g> .\n", two], str(tmp_path)) as (path, data):
        assert path is not None and data is None
        joined = Path(path).read_bytes()
    assert joined == b"<a> <b> <c> <g> .\n<x> <y> <z> <g> .\n<d> <e> <f> <g> .\n"
    assert not Path(path).exists()
    with load_file([b"<a> <b> <c> <g> .\n"], None) as (path, data):
        assert path is None and data == b"<a> <b> <c> <g> .\n"


def test_a_spool_left_by_a_killed_build_is_removed_by_the_next(tmp_path: Path) -> None:
    left = tmp_path / f"{PREFIX}killed"
    left.mkdir()
    (left / "1-x.nq").write_bytes(b"")
    with spool(tmp_path, own=True) as folder:
        assert not left.exists() and Path(folder).is_dir()
    assert not Path(folder).exists()
    shared = tmp_path / "shared"
    (shared / f"{PREFIX}other-build").mkdir(parents=True)
    with spool(shared):  # a spool shared by several builds: another build's folder stays
        pass
    assert (shared / f"{PREFIX}other-build").is_dir()


def _batches(corpus: Path, folder: Path, size: int) -> list[Batch]:
    """The corpus mapped as a build maps it, in batches of SIZE, their load files in FOLDER."""
    job = Job(
        base=str(Minter().base), model=None, extractor=extractor_iri(data_fingerprint()), spool=str(folder)
    )
    paths: list[Path] = sorted(corpus.glob("*.txt"))
    return [map_articles(list(paths[i : i + size]), job) for i in range(0, len(paths), size)]


def _writer(store: Store, folder: Path, loaders: int) -> StoreWriter:
    return StoreWriter(
        store,
        Minter(),
        datetime.now(UTC),
        known=set(),
        pusher=None,
        on_load=None,
        load_size=10,
        loaders=loaders,
        spool=str(folder),
    )


def test_a_loads_markers_ride_with_the_next_load_and_the_last_ones_come_at_the_close(
    corpus: Path, tmp_path: Path
) -> None:
    """A graph counts as built only once its marker is stored, after its graph: the markers of one
    load are stored by the next (no write of their own between loads), the last ones at the close."""
    store = Store(str(tmp_path / "store"))
    batches = _batches(corpus, tmp_path, 10)
    writer = _writer(store, tmp_path, loaders=1)
    graphs = [[m.graph for m in batch.mapped] for batch in batches]
    writer.add(batches[0])
    writer._drain(0)
    assert not stored_state(store)  # loaded, not yet marked
    assert all(store.contains_named_graph(NamedNode(g)) for g in graphs[0])
    writer.add(batches[1])
    writer._drain(0)
    assert set(stored_state(store)) == set(graphs[0])
    writer.add(batches[2])
    writer.close()
    assert set(stored_state(store)) == {g for load in graphs for g in load}


@pytest.mark.parametrize("loaders", [1, 3])
def test_loads_ended_before_a_kill_are_repaired_or_kept_by_the_next_build(
    corpus: Path, reference: list[str], tmp_path: Path, loaders: int
) -> None:
    """A build that stops (kill -9) after some loads and before their markers: the next build drops
    the unmarked graphs, rebuilds them and ends with the store a clean build makes."""
    store_dir = tmp_path / "store"
    store = Store(str(store_dir))
    batches = _batches(corpus, tmp_path, 10)
    writer = _writer(store, tmp_path, loaders)
    for batch in batches[:2]:
        writer.add(batch)
    writer._drain(0)  # the loads are stored; the writer is never closed, as after kill -9
    marked = set(stored_state(store))
    assert len(marked) < 20 and all(store.contains_named_graph(NamedNode(m.graph)) for m in batches[1].mapped)
    report = build([corpus], store, cache=cache_dir(store_dir))
    assert report.repaired == 20 - len(marked) and len(report.built) == 30 - len(marked)
    assert dump_lines(store) == reference
