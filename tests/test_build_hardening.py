"""No input can break a build, lose an article or name a system graph (issue 14).

Each test builds a small folder of sentences written for it into a real Oxigraph store.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode, Store

from kg.build import build
from kg.cli import cli
from kg.namespaces import DEFAULT_BASE, Minter

MINTER = Minter(DEFAULT_BASE)
ARTICLE = "On March 3, 2024, a drone struck Ain al-Asad Air Base in western Iraq.\n"
OTHER = "On May 5, 2024, two rockets struck Harir Air Base near Erbil.\n"


def _graph_size(store: Store, graph: str) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, NamedNode(graph)))


def _reference_intact(store: Store) -> None:
    assert _graph_size(store, str(MINTER.reference_graph)) > 100
    assert _graph_size(store, str(MINTER.ontology_graph)) > 100
    bad = NamedNode(str(MINTER.article("_reference")))
    assert not list(store.quads_for_pattern(bad, None, None, None))


@pytest.mark.parametrize("name", ["_reference", "_ontology", "_builds", "_incidents", ".."])
def test_a_jsonl_id_cannot_name_a_system_graph(tmp_path: Path, name: str) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "f.jsonl").write_text(json.dumps({"id": name, "text": ARTICLE}) + "\n")
    store = Store(str(tmp_path / "s"))
    report = build([corpus], store)
    assert len(report.built) == 1 and not report.failed
    _reference_intact(store)
    [graph] = [MINTER.graph(i) for i in report.built]
    assert str(graph).startswith(str(MINTER.graph("")))
    assert not str(graph).startswith(str(MINTER.graph("_")))


def test_a_file_named_like_a_system_graph_is_an_article(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "_ontology").write_text(ARTICLE)
    store = Store(str(tmp_path / "s"))
    report = build([corpus], store)
    assert report.built == ["-_ontology"]
    _reference_intact(store)


def test_a_store_damaged_before_the_fix_is_repaired_by_the_next_build(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    store = Store(str(tmp_path / "s"))
    build([corpus], store)
    # what the old build did with an article whose id was "_reference": its graph replaced the gazetteer
    reference = NamedNode(str(MINTER.reference_graph))
    kept = [q for q in store.quads_for_pattern(None, None, None, reference)]
    store.remove_graph(reference)
    store.add(kept[0])
    fake = NamedNode(str(MINTER.graph("_reference")))
    for q in store.quads_for_pattern(None, None, None, NamedNode(str(MINTER.graph("a.txt")))):
        subject = fake if q.subject == q.graph_name else q.subject
        store.add(type(q)(subject, q.predicate, q.object, reference))
    assert _graph_size(store, str(MINTER.reference_graph)) < 100
    store.flush()
    del store
    result = CliRunner().invoke(cli, ["build", "-q", "--store", str(tmp_path / "s"), str(corpus)])
    assert result.exit_code == 0, result.output
    _reference_intact(Store.read_only(str(tmp_path / "s")))


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Inputs that each broke a whole build before, by file name, with a word their report must say."""
    (folder / "deep.jsonl").write_text(
        '{"id": "deep", "text": '
        + "[" * 100_000
        + "]" * 100_000
        + "}\n"
        + json.dumps({"id": "fine-in-feed", "text": OTHER})
        + "\n"
        + json.dumps({"id": "furniture", "text": "Read more: a page\nRead also: another\n"})
        + "\n"
    )
    (folder / "long.txt").write_text("Drones struck the base. " * 46_000)
    (folder / "old.jsonl").write_text(
        json.dumps({"id": "old", "published": "0001-01-01", "text": "On Monday, a drone struck Ain al-Asad."})
        + "\n"
    )
    (folder / "x.txt").symlink_to(folder / "y.txt")
    (folder / "y.txt").symlink_to(folder / "x.txt")
    return {
        "deep.jsonl:1": "nested",
        "deep.jsonl:3": "furniture",
        "long.txt": "split",
        "x.txt": "loop",
        "y.txt": "loop",
    }


def test_one_bad_input_never_aborts_the_build(tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "a.txt").write_text(ARTICLE)
    (alone / "b.txt").write_text(OTHER)
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.txt").write_text(ARTICLE)
    (mixed / "b.txt").write_text(OTHER)
    expected = _bad_inputs(mixed)
    store = Store(str(tmp_path / "s"))
    report = build([mixed], store)
    for name, word in expected.items():
        [message] = [m for m in report.failed if name in m]
        assert word in message, message
    assert len(report.failed) == len(expected), report.failed
    assert {"a.txt", "b.txt", "fine-in-feed", "old"} <= set(report.built)  # "old": a date in year 1
    reference = Store(str(tmp_path / "r"))
    build([alone], reference)
    for ident in ("a.txt", "b.txt"):
        assert _graph_lines(store, ident) == _graph_lines(reference, ident)


def _graph_lines(store: Store, ident: str) -> set[str]:
    graph = NamedNode(str(MINTER.graph(ident)))
    return {
        str(q) for q in store.quads_for_pattern(None, None, None, graph) if "dateTime" not in str(q.object)
    }


def test_a_file_that_cannot_be_read_is_reported_not_raised(tmp_path: Path) -> None:
    from kg.errors import ArticleError
    from kg.ingest import read_file

    folder = tmp_path / "looks-like.txt"
    folder.mkdir()
    with pytest.raises(ArticleError, match=r"looks-like\.txt: cannot be read"):
        list(read_file(folder))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_one_failure(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "secret.txt").write_text(OTHER)
    (corpus / "secret.txt").chmod(0)
    report = build([corpus], Store(str(tmp_path / "s")))
    assert report.built == ["a.txt"]
    [message] = report.failed
    assert "secret.txt" in message and "permission denied" in message


def _sources(store: Store) -> set[str]:
    return {
        q.object.value
        for q in store.quads_for_pattern(
            None, NamedNode("https://w3id.org/conflict-kg/ontology#sourceFile"), None
        )
    }


def test_files_of_the_same_name_in_two_folders_are_two_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    for folder, text in (("a", ARTICLE), ("b", OTHER)):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "report.txt").write_text(text)
    store = Store(str(tmp_path / "s"))
    report = build([corpus], store)
    assert len(set(report.built)) == 2 and not report.failed
    assert _sources(store) == {"a/report.txt", "b/report.txt"}  # each still ends with the file's name


def test_names_in_other_scripts_are_two_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "هجوم.txt").write_text(ARTICLE)
    (corpus / "攻撃.txt").write_text(OTHER)
    store = Store(str(tmp_path / "s"))
    report = build([corpus], store)
    assert len(set(report.built)) == 2 and not report.failed
    assert _sources(store) == {"هجوم.txt", "攻撃.txt"}


def test_a_duplicate_jsonl_id_is_reported_not_merged(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    lines = [json.dumps({"id": "same", "text": ARTICLE}), json.dumps({"id": "same", "text": OTHER})]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n")
    store = Store(str(tmp_path / "s"))
    report = build([corpus], store)
    assert report.built == ["same"]
    [message] = report.failed
    assert "feed.jsonl#2" in message and "'same'" in message and "feed.jsonl#1" in message
    assert _sources(store) == {"feed.jsonl#1"}


def test_a_store_built_with_name_ids_migrates_without_duplicates(tmp_path: Path) -> None:
    """Old kg named a/report.txt's graph 'report.txt'; the next build replaces it, not adds to it."""
    corpus = tmp_path / "c"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a" / "report.txt").write_text(ARTICLE)
    (corpus / "top.txt").write_text(OTHER)
    store = Store(str(tmp_path / "s"))
    old_like = tmp_path / "old"
    old_like.mkdir()
    (old_like / "report.txt").write_text(ARTICLE)  # the same bytes under the id old kg gave them
    build([old_like], store)
    assert str(MINTER.graph("report.txt")) in {g.value for g in store.named_graphs()}
    report = build([corpus], store)
    graphs = {g.value for g in store.named_graphs()}
    assert report.migrated == [str(MINTER.graph("report.txt"))]
    assert str(MINTER.graph("report.txt")) not in graphs
    assert {str(MINTER.graph(i)) for i in report.built} <= graphs
    assert _sources(store) == {"a/report.txt", "top.txt"}


def test_a_pathological_article_is_stopped_by_the_time_limit(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "brackets.txt").write_text("(" * 50_000 + "Drones struck the base." + ")" * 50_000)
    started = time.monotonic()
    report = build([corpus], Store(str(tmp_path / "s")), article_timeout=2)
    assert time.monotonic() - started < 60
    assert report.built == ["a.txt"]
    [message] = report.failed
    assert "brackets.txt" in message and "--article-timeout" in message


def test_a_file_given_with_its_folder_is_built_once(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a" / "report.txt").write_text(ARTICLE)
    report = build([corpus, corpus / "a" / "report.txt"], Store(str(tmp_path / "s")))
    assert len(report.built) == 1 and not report.failed
