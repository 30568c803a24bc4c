"""Incremental builds (issue 6): a rebuild does only what changed, and ends where a fresh build would."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from build_support import dump_lines, generate, graph_lines
from pyoxigraph import NamedNode, Store

from kg.build import _unchanged_file, build, data_fingerprint, extractor_iri, stale_flag, stored_state
from kg.buildcache import FileDigests
from kg.ingest import Article, Input, read_file
from kg.namespaces import Minter

MINTER = Minter()


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 generated articles; tests copy the ones they need."""
    folder = tmp_path_factory.mktemp("pool")
    generate(folder, 30)
    return folder


def _corpus(pool: Path, where: Path, count: int) -> Path:
    where.mkdir()
    for path in sorted(pool.glob("*.txt"))[:count]:
        shutil.copy(path, where / path.name)
    return where


def _id(path: Path) -> str:
    (article,) = read_file(path)
    assert isinstance(article, Article)
    return article.id


def _fresh(paths: list[Path], where: Path) -> list[str]:
    store = Store(str(where))
    build(paths, store)
    return dump_lines(store)


def test_an_unchanged_corpus_is_skipped_and_left_as_it_was(pool: Path, tmp_path: Path) -> None:
    corpus = _corpus(pool, tmp_path / "c", 12)
    store = Store(str(tmp_path / "s"))
    build([corpus], store)
    before = sorted(str(q) for q in store)  # build times included: nothing may be rewritten
    report = build([corpus], store)
    assert report.built == [] and len(report.skipped) == 12
    assert sorted(str(q) for q in store) == before


@pytest.mark.parametrize("cached", [False, True], ids=["no cache", "build cache"])
def test_changed_and_added_articles_end_as_a_fresh_build(pool: Path, tmp_path: Path, cached: bool) -> None:
    corpus = _corpus(pool, tmp_path / "c", 20)
    store = Store(str(tmp_path / "s"))
    cache = tmp_path / "s" / "kg-cache" if cached else None
    build([corpus], store, cache=cache)
    changed = sorted(corpus.glob("*.txt"))[3]
    changed.write_text(changed.read_text().replace("said", "stated"), encoding="utf-8")
    for path in sorted(pool.glob("*.txt"))[20:23]:
        shutil.copy(path, corpus / path.name)
    report = build([corpus], store, cache=cache)
    assert sorted(report.built) == sorted(_id(p) for p in [changed, *sorted(pool.glob("*.txt"))[20:23]])
    assert len(report.skipped) == 19
    assert dump_lines(store) == _fresh([corpus], tmp_path / "fresh")


def test_a_new_extractor_version_rebuilds_every_article(pool: Path, tmp_path: Path) -> None:
    corpus = _corpus(pool, tmp_path / "c", 6)
    store = Store(str(tmp_path / "s"))
    build([corpus], store)
    reference = dump_lines(store)
    store.update("""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        DELETE { GRAPH ?g { ?g prov:wasAttributedTo ?x } }
        INSERT { GRAPH ?g { ?g prov:wasAttributedTo <urn:old> } }
        WHERE { GRAPH ?g { ?g prov:wasAttributedTo ?x } }""")
    report = build([corpus], store)
    assert len(report.built) == 6 and report.skipped == []
    assert dump_lines(store) == reference


def test_force_rebuilds_to_the_same_graph(pool: Path, tmp_path: Path) -> None:
    corpus = _corpus(pool, tmp_path / "c", 6)
    store = Store(str(tmp_path / "s"))
    build([corpus], store)
    reference = dump_lines(store)
    report = build([corpus], store, force=True, load_size=2)
    assert len(report.built) == 6
    assert dump_lines(store) == reference


def test_an_article_id_met_twice_keeps_the_last_one_only(pool: Path, tmp_path: Path) -> None:
    first, second = sorted(pool.glob("*.txt"))[:2]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(first, tmp_path / "a" / "same.txt")
    shutil.copy(second, tmp_path / "b" / "same.txt")
    expected = graph_lines(_fresh_store([tmp_path / "b"], tmp_path / "only-b"))
    for load_size in (1, 100):  # in two loads, and in one
        store = Store(str(tmp_path / f"s{load_size}"))
        build([tmp_path / "a", tmp_path / "b"], store, load_size=load_size)
        graph = f"<{MINTER.graph(_id(tmp_path / 'b' / 'same.txt'))}>"
        assert graph_lines(store)[graph] == expected[graph]


def _fresh_store(paths: list[Path], where: Path) -> Store:
    store = Store(str(where))
    build(paths, store)
    return store


def test_jsonl_lines_are_skipped_one_by_one(pool: Path, tmp_path: Path) -> None:
    records = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(pool.glob("*.txt"))[:5]]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records[:4]), encoding="utf-8")
    store = Store(str(tmp_path / "s"))
    assert len(build([feed], store).built) == 4
    feed.write_text(feed.read_text(encoding="utf-8") + json.dumps(records[4]) + "\n", encoding="utf-8")
    report = build([feed], store)
    assert report.built == [records[4]["id"]] and len(report.skipped) == 4
    assert dump_lines(store) == _fresh([feed], tmp_path / "fresh")


@pytest.mark.parametrize("cached", [False, True], ids=["no cache", "build cache"])
def test_a_half_written_graph_is_dropped_and_rebuilt(pool: Path, tmp_path: Path, cached: bool) -> None:
    """What a crash during a bulk load leaves: a graph without its marker (and the stale flag, which
    tells a build with a cache not to trust the state it saved)."""
    corpus = _corpus(pool, tmp_path / "c", 4)
    store = Store(str(tmp_path / "s"))
    cache = tmp_path / "cache" if cached else None
    build([corpus], store, cache=cache)
    reference = dump_lines(store)
    store.add(stale_flag(MINTER))
    victim = str(MINTER.graph(_id(sorted(corpus.glob("*.txt"))[0])))
    store.update(
        f"DELETE WHERE {{ GRAPH <{victim}> {{ <{victim}> <http://www.w3.org/ns/prov#wasAttributedTo> ?x }} }}"
    )
    orphan = NamedNode(str(MINTER.graph("gone-from-the-corpus")))
    store.update(f"INSERT DATA {{ GRAPH <{orphan.value}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    loaded = NamedNode(str(MINTER.graph("_loaded/wikidata")))  # not an article's: kg load put it there
    store.update(f"INSERT DATA {{ GRAPH <{loaded.value}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    reference.append(f"<urn:a> <urn:b> <urn:c> <{loaded.value}> .")
    assert victim not in stored_state(store)
    report = build([corpus], store, cache=cache)
    assert report.repaired == 2 and report.built == [_id(sorted(corpus.glob("*.txt"))[0])]
    assert not store.contains_named_graph(orphan)
    assert dump_lines(store) == sorted(reference)


def test_an_unchanged_file_is_recognised_without_parsing_it(pool: Path, tmp_path: Path) -> None:
    """The fast path must compute the same id and hash as kg.ingest, or a rebuild re-reads everything."""
    corpus = _corpus(pool, tmp_path / "c", 2)
    store = Store(str(tmp_path / "s"))
    build([corpus], store)
    state = stored_state(store)
    extractor = extractor_iri(data_fingerprint())
    digests = FileDigests(tmp_path / "cache")
    for path in sorted(corpus.glob("*.txt")):
        assert _unchanged_file(Input(path, path.name), MINTER, state, extractor, digests) == _id(path)
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert _unchanged_file(Input(path, path.name), MINTER, state, extractor, digests) is None


def test_file_digests_are_remembered_by_size_and_time(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("first version", encoding="utf-8")
    digests = FileDigests(tmp_path / "cache")
    first = digests.digest(path)
    digests.save()
    # Same size and time, other bytes: only the cache can answer "first" (as git's index would).
    stat = path.stat()
    path.write_text("other version", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert FileDigests(tmp_path / "cache").digest(path) == first
    # A new modification time: read and hashed again.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert FileDigests(tmp_path / "cache").digest(path) != first
    # An unreadable cache is an empty one.
    (tmp_path / "cache" / "files.pickle").write_bytes(b"not a pickle")
    assert FileDigests(tmp_path / "cache").digest(path) != first


def test_a_full_build_remembers_the_digest_of_every_file_it_read(pool: Path, tmp_path: Path) -> None:
    """So the first rebuild after it does not read the whole corpus again."""
    corpus = _corpus(pool, tmp_path / "c", 5)
    build([corpus], Store(str(tmp_path / "s")), cache=tmp_path / "cache")
    known = FileDigests(tmp_path / "cache").known
    assert {Path(p) for p in known} == set(corpus.glob("*.txt"))
    for path, (size, _, digest) in known.items():
        assert size == Path(path).stat().st_size
        assert digest == hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.mark.parametrize("cached", [False, True], ids=["no cache", "build cache"])
def test_pruning_drops_the_articles_of_deleted_files_and_ends_as_a_fresh_build(
    pool: Path, tmp_path: Path, cached: bool
) -> None:
    corpus = _corpus(pool, tmp_path / "c", 12)
    store = Store(str(tmp_path / "s"))
    cache = tmp_path / "s" / "kg-cache" if cached else None
    build([corpus], store, cache=cache)
    deleted = sorted(corpus.glob("*.txt"))[2:4]
    gone = sorted(str(MINTER.graph(_id(path))) for path in deleted)
    for path in deleted:
        path.unlink()

    kept = build([corpus], store, cache=cache)
    assert kept.pruned == [] and all(NamedNode(g) in store.named_graphs() for g in gone)

    report = build([corpus], store, cache=cache, prune=True)
    assert report.pruned == gone and report.built == [] and len(report.skipped) == 10
    assert dump_lines(store) == _fresh([corpus], tmp_path / "fresh")
    # The cache forgot them too: adding one back builds it, and the store is a fresh build again.
    shutil.copy(pool / deleted[0].name, corpus / deleted[0].name)
    assert build([corpus], store, cache=cache).built == [_id(deleted[0])]
    assert dump_lines(store) == _fresh([corpus], tmp_path / "fresh2")


def test_nothing_is_pruned_when_a_file_could_not_be_read(pool: Path, tmp_path: Path) -> None:
    corpus = _corpus(pool, tmp_path / "c", 5)
    store = Store(str(tmp_path / "s"))
    build([corpus], store)
    before = dump_lines(store)
    victim = sorted(corpus.glob("*.txt"))[0]
    victim.write_text("", encoding="utf-8")  # unreadable now: its article must not be taken for deleted

    report = build([corpus], store, prune=True)
    assert report.failed and report.pruned == []
    assert "could not be read" in report.not_pruned
    assert dump_lines(store) == before


def test_pruning_keeps_what_build_did_not_make(pool: Path, tmp_path: Path) -> None:
    """Graphs other than articles' (ontology, reference data, incidents, build records) stay."""
    corpus = _corpus(pool, tmp_path / "c", 3)
    store = Store(str(tmp_path / "s"))
    build([corpus], store)
    others = {g for g in store.named_graphs() if str(g).startswith(f"<{MINTER.graph('_')}")}
    assert others
    for path in sorted(corpus.glob("*.txt"))[1:]:
        path.unlink()
    report = build([corpus], store, prune=True)
    assert len(report.pruned) == 2
    assert others <= set(store.named_graphs())
    assert dump_lines(store) == _fresh([corpus], tmp_path / "fresh")
