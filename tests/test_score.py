"""Extraction quality through the project's scorer, as CI and the maintainers run it.

Builds each corpus with the real CLI into a fresh store, runs queries/events.rq and
queries/relations.rq, and scores the CSV results against hand-made gold annotations:
- the two seed articles (../shared/corpus/seeds, gold in ../shared/eval/gold);
- the bundled sample corpus (examples/articles, gold in tests/data/gold);
- held-out articles in other outlets' styles (tests/data/heldout*, with their gold).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from build_support import kg_ok
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).parent / "data"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(
    tmp_path: Path,
    articles: Path,
    gold_events: Path,
    gold_relations: Path | None,
    capsys: pytest.CaptureFixture[str],
    extra: tuple[str, ...] = (),
) -> dict[str, float]:
    runner = CliRunner()
    store = tmp_path / "store"
    result = runner.invoke(
        cli, ["build", "--quiet", "--store", str(store), str(articles)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    args = ["--gold-events", str(gold_events)]
    for name in ("events", "relations"):
        if name == "relations" and gold_relations is None:
            continue
        out = runner.invoke(
            cli,
            ["query", "--store", str(store), "--format", "csv", f"queries/{name}.rq"],
            catch_exceptions=False,
        )
        assert out.exit_code == 0, out.output
        path = tmp_path / f"{name}.csv"
        path.write_bytes(out.stdout_bytes)
        args += [f"--{name}", str(path)]
    if gold_relations is not None:
        args += ["--gold-relations", str(gold_relations)]
    _scorer().main(args + list(extra))
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    numbers = {
        f"{m.group(1)}_{m.group(2)}": float(m.group(3))
        for m in re.finditer(r"(events|relations) P=[\d.]+ R=[\d.]+ (F1)=([\d.]+)", summary)
    }
    numbers.update({k: float(v) for k, v in re.findall(r"(type|date|perpetrator|weapon) ([\d.]+)", summary)})
    for m in re.finditer(r"(events|relations) P=([\d.]+) R=([\d.]+)", summary):
        numbers[f"{m.group(1)}_P"], numbers[f"{m.group(1)}_R"] = float(m.group(2)), float(m.group(3))
    print(summary)
    return numbers


needs_shared = pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").exists(), reason="../shared is not beside the checkout"
)


@needs_shared
def test_seed_articles_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    gold = SHARED / "eval" / "gold"
    score = _score(
        tmp_path, SHARED / "corpus" / "seeds", gold / "seeds_events.csv", gold / "seeds_relations.csv", capsys
    )
    # the extractor reads both seeds' events exactly, and this guards that. Relations: every gold row is
    # found; the seeds' gold (written before issue 13) leaves out four office relations the seeds state
    # ("US Defense Secretary Lloyd Austin" ...) and that the dev gold counts, so precision is 7/11
    assert score["events_F1"] == 1.0 and score["relations_R"] == 1.0 and score["relations_P"] >= 0.63
    assert min(score["date"], score["perpetrator"], score["weapon"]) == 1.0


@needs_shared
def test_sample_corpus_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    gold = DATA / "gold"
    score = _score(
        tmp_path,
        ROOT / "examples" / "articles",
        gold / "examples_events.csv",
        gold / "examples_relations.csv",
        capsys,
    )
    assert score["events_F1"] == 1.0 and score["relations_F1"] == 1.0


@needs_shared
@pytest.mark.parametrize("folder", ["heldout", "heldout2", "heldout3"])
def test_held_out_articles_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    monkeypatch.chdir(ROOT)
    score = _score(tmp_path, DATA / folder, DATA / folder / "gold_events.csv", None, capsys)
    assert score["events_F1"] >= 0.9


@needs_shared
@pytest.mark.parametrize(
    ("folder", "events_f1", "sub_scores"),
    [
        # gold written before any fix; the first run scored events F1 0.75 and relations F1 0.00
        ("heldout4", 0.95, 0.9),
        # gold written before any fix; the first run scored events F1 0.73 and relations F1 0.83
        ("heldout5", 0.95, 0.9),
        # gold written before any fix; the first run scored events F1 0.85 and relations F1 0.83
        ("heldout6", 0.95, 0.9),
        # blind gold (tests/data/gold-notes-heldout7.md); the first run scored events F1 0.79 (type 0.82,
        # date 0.76, perpetrator 0.70) and relations F1 0.27; after events7b events F1 0.99 (type 0.97,
        # date 0.97, perpetrator 0.90, weapon 1.00)
        ("heldout7", 0.96, 0.87),
        # blind gold in other voices, 2019-2024 (tests/data/gold-notes-heldout8.md), scored with the dev set's
        # aliases; the first run scored events F1 0.58 and relations F1 0.64
        ("heldout8", 0.94, 0.88),
        # blind gold for the whole theatre: Turkish, Iranian, Israeli, Russian, ISIS attacks beside militia and
        # US ones (tests/data/gold-notes-heldout9.md); the first run scored events F1 0.61, relations F1 0.57
        ("heldout9", 0.91, 0.69),
        # blind gold in voices the others lack: Kurdish broadcaster, syndicated wire, long-form, undated Q&A,
        # communique list, diaspora outlet, think tank, Russian wire, 2019 newspaper, embassy siege, live blog
        # (tests/data/gold-notes-heldout10.md); the first run scored events F1 0.77 and relations F1 0.63. Its
        # relations floor is lower: its gold leaves out "IRGC part_of Iran" from "Iran's Revolutionary
        # Guards", which the real dev gold codes and kg reads
        ("heldout10", 0.93, 0.84),
    ],
)
def test_held_out_sets_with_relations_score(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    folder: str,
    events_f1: float,
    sub_scores: float | None,
) -> None:
    monkeypatch.chdir(ROOT)
    where = DATA / folder
    aliases = ("--aliases", str(SHARED / "eval" / "gold" / "dev_aliases.csv"))
    extra = aliases if folder in ("heldout8", "heldout9", "heldout10") else ()
    score = _score(tmp_path, where, where / "gold_events.csv", where / "gold_relations.csv", capsys, extra)
    relations_floor = 0.83 if folder == "heldout10" else 0.9
    assert score["events_F1"] >= events_f1 and score["relations_F1"] >= relations_floor
    if sub_scores is not None:
        assert min(score["date"], score["perpetrator"], score["weapon"]) >= sub_scores


# What the real development corpus (../shared/corpus/dev: 20 pages by 20 outlets, 2019-2024, gold
# written blind) reaches, less 0.02: a change that loses real-article quality fails here. At the start
# of issue 13 it scored events 0.45, relations 0.26, date 0.45, perpetrator 0.68. Figures of each
# round, for the tune and check halves of eval/dev_split.toml, are in the README.
DEV_FLOORS = {"events_F1": 0.88, "relations_F1": 0.87, "date": 0.75, "perpetrator": 0.86, "weapon": 0.98}


@needs_shared
def test_real_dev_corpus_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    gold = SHARED / "eval" / "gold"
    score = _score(
        tmp_path,
        SHARED / "corpus" / "dev",
        gold / "dev_events.csv",
        gold / "dev_relations.csv",
        capsys,
        ("--aliases", str(gold / "dev_aliases.csv")),
    )
    fallen = {name: (score[name], floor) for name, floor in DEV_FLOORS.items() if score[name] < floor}
    assert not fallen, f"below the dev corpus floors (reached, floor): {fallen}"


@needs_shared
def test_a_negative_real_page_makes_no_attack(tmp_path: Path) -> None:
    """The dev corpus's negative page (Houthi attacks on a US destroyer in the Red Sea: outside the
    theatre) makes no attack event; its file name says NEGATIVE."""
    negatives = sorted((SHARED / "corpus" / "dev").glob("*NEGATIVE*"))
    assert negatives
    articles = tmp_path / "articles"
    articles.mkdir()
    for page in negatives:
        (articles / page.name).write_bytes(page.read_bytes())
    store = str(tmp_path / "store")
    kg_ok("build", "-q", "--store", store, str(articles))
    assert kg_ok("query", "--store", store, "--format", "csv", "events").strip().splitlines()[1:] == []
