"""kg build: the same graph however extraction is spread, and from one build to the next (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_support import DATETIME, dump_lines, generate
from click.testing import CliRunner
from pyoxigraph import NamedNode, Store

from kg.build import build, stored_state
from kg.cli import cli
from kg.ingest import Article, load_articles
from kg.namespaces import Minter
from kg.parallel import Job, PoolRunner, Runner
from kg.store import open_store

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, 40)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    store = Store(str(tmp_path_factory.mktemp("reference")))
    report = build([corpus], store)
    assert len(report.built) == 40 and report.ok
    return dump_lines(store)


def test_two_builds_of_one_folder_give_the_same_dump(
    corpus: Path, reference: list[str], tmp_path: Path
) -> None:
    store = Store(str(tmp_path / "again"))
    build([corpus], store)
    assert dump_lines(store) == reference


def test_each_article_graph_is_complete_and_timed_once(corpus: Path, tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s"))
    report = build([corpus], store, load_size=7)  # several bulk loads
    minter = Minter()
    state = stored_state(store)
    assert sorted(state) == sorted(str(minter.graph(a)) for a in report.built)
    times = [q for q in store.quads_for_pattern(None, None, None, NamedNode(str(minter.meta_graph)))]
    timed = [q.subject.value for q in times if DATETIME in str(q.object)]
    assert sorted(timed) == sorted(state)


@pytest.mark.slow
def test_two_jobs_give_the_same_graph_as_one(corpus: Path, reference: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["build", str(corpus), "--store", str(tmp_path / "j2"), "--jobs", "2", "--batch-size", "4", "-q"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Built 40 article(s), skipped 0 unchanged, 0 failed" in result.stderr
    assert dump_lines(open_store(tmp_path / "j2", read_only=True)) == reference


def test_attack_events_are_counted(corpus: Path, tmp_path: Path) -> None:
    store = Store(str(tmp_path / "s"))
    report = build([corpus], store, batch_size=5)
    kinds = ("Attack", "DroneAttack", "RocketAttack", "MortarAttack", "MissileAttack", "Airstrike")
    attacks = {
        q.subject
        for kind in kinds
        for q in store.quads_for_pattern(
            None, RDF_TYPE, NamedNode(f"https://w3id.org/conflict-kg/ontology#{kind}")
        )
        if q.graph_name != NamedNode(str(Minter().ontology_graph))
    }
    assert report.events == len(attacks) > 0


def test_a_pool_of_two_processes_maps_like_this_process(corpus: Path) -> None:
    paths: list[Article | Path] = list(sorted(corpus.glob("*.txt"))[:12])
    batches = [paths[i : i + 3] for i in range(0, len(paths), 3)]
    job = Job(base=Minter().base, model=None, extractor="urn:extractor")
    with PoolRunner(2, small_job=0) as pool:
        in_pool = list(pool.map(batches, job))
        assert pool._pool is not None
    assert in_pool == list(Runner().map(batches, job))


def test_a_small_job_does_not_start_worker_processes(corpus: Path) -> None:
    articles = [a for a in load_articles(sorted(corpus.glob("*.txt"))[:3]) if isinstance(a, Article)]
    job = Job(base=Minter().base, model=None, extractor="urn:extractor")
    with PoolRunner(2) as runner:
        results = [m for batch in runner.map([articles[:2], articles[2:]], job) for m in batch.mapped]
        assert runner._pool is None
    assert [m.article_id for m in results] == [a.id for a in articles]


def test_unreadable_files_are_reported_by_the_workers_too(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for path in sorted(corpus.glob("*.txt"))[:12]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    for jobs in (1, 2):
        store = Store(str(tmp_path / f"s{jobs}"))
        report = build([folder], store, jobs=jobs, batch_size=2)
        assert len(report.built) == 12
        assert sorted(m.split(":")[0].rsplit("/", 1)[-1] for m in report.failed) == [
            "binary.txt",
            "empty.txt",
        ]
