"""Every bundled query parses, says what it answers, and returns rows on the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import resources
from kg.cli import cli
from kg.sparql import run_query
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted(resources.queries_dir().glob("*.rq"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "store"
    CliRunner().invoke(
        cli,
        ["build", "-q", "--store", str(path), str(ROOT / "examples" / "articles")],
        catch_exceptions=False,
    )
    return path


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_opens_with_a_comment_and_returns_rows(store: Path, query: Path) -> None:
    text = query.read_text(encoding="utf-8")
    assert text.startswith("# "), f"{query.name} must open with a comment saying what it answers"
    if query.name == "actors-to-review.rq":
        pytest.skip("the sample corpus has no actor outside the reference data")
    rows = list(run_query(open_store(store, read_only=True), text))
    assert rows, f"{query.name} returned no row on the sample corpus"
