"""The core commands as a user runs them: build, query, dump, stats, explain, and their errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = CliRunner().invoke(
        cli, ["build", "-q", "--store", str(path), str(EXAMPLES)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_build_prints_a_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "-q", "--store", str(tmp_path / "s"), str(EXAMPLES)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "Built 7 article(s), skipped 0 unchanged, 0 failed" in result.stderr


def test_a_second_build_skips_unchanged_articles(store: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "-q", "--store", str(store), str(EXAMPLES)], catch_exceptions=False
    )
    assert "Built 0 article(s), skipped 7 unchanged" in result.stderr


def test_build_prune_says_what_it_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("January 5, 2024\n\nRockets hit Ain al-Asad air base on Thursday.\n")
    args = ["build", "-q", "--store", str(tmp_path / "s"), str(folder)]
    assert CliRunner().invoke(cli, args, catch_exceptions=False).exit_code == 0
    (folder / "b.txt").unlink()
    result = CliRunner().invoke(cli, [*args, "--prune"], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"pruned 1 graph(s) of articles no longer under {folder}" in result.stderr
    stats = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "s")], catch_exceptions=False)
    assert re.search(r"^articles +1$", stats.output, re.M)


def test_bad_files_are_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("January 5, 2024\n\nRockets hit Ain al-Asad air base on Thursday.\n")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (folder / "latin1.txt").write_bytes("Caf\xe9 attack".encode("latin-1"))
    (folder / "feed.jsonl").write_text(
        '{"text": "Drones struck Harir air base on Monday."}\nnot json\n{"title": "x"}\n'
    )
    result = CliRunner().invoke(cli, ["build", "-q", "--store", str(tmp_path / "s"), str(folder)])
    assert result.exit_code == 1
    err = result.stderr
    assert "empty.txt: the file is empty" in err
    assert "binary.txt: looks like a binary file" in err
    assert "latin1.txt: not valid UTF-8" in err and "iconv" in err
    assert "feed.jsonl:2: not valid JSON" in err
    assert 'feed.jsonl:3: each line needs a non-empty "text" string' in err
    assert "Built 2 article(s)" in err
    assert "Error: 5 file(s) could not be built" in err
    assert "Traceback" not in result.output


def test_query_csv_is_the_sparql_results_format(store: Path) -> None:
    result = CliRunner().invoke(
        cli, ["query", "--store", str(store), "--format", "csv", "events"], catch_exceptions=False
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "event",
        "type",
        "date",
        "perpetrator",
        "claim",
        "target",
        "location",
        "weapon",
        "outcome",
        "source",
        "evidence",
        "stated",
        "claimedBy",
        "attributedTo",
    ]
    assert len(rows) == 16
    assert all(row["evidence"] for row in rows)


def test_query_inline_and_table(store: Path) -> None:
    query = "PREFIX kgo: <https://w3id.org/conflict-kg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?a a kgo:Article }"
    result = CliRunner().invoke(cli, ["query", "--store", str(store), query], catch_exceptions=False)
    assert result.stdout.splitlines()[2].strip() == "7"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "SELECT * WHERE { ?s ?p }"], "Error: malformed SPARQL query"),
        (["query", "SELECT * WHERE { ?s schema:name ?o }"], "Error: malformed SPARQL query"),
        (["query", "missing-file.rq"], "Error: missing-file.rq: no such query file"),
    ],
)
def test_query_errors_are_one_line(store: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, [*args[:1], "--store", str(store), *args[1:]])
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output


def test_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "--store", str(tmp_path / "nothing"), "events"])
    assert result.exit_code == 1
    assert "no kg store here; build one first with: kg build" in result.stderr


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [
        ("trig", "graph:feed-0001 {"),
        ("nquads", "> ."),
        ("turtle", "@prefix"),
        ("nt", "> ."),
        ("jsonld", "@id"),
    ],
)
def test_dump_formats(store: Path, fmt: str, marker: str) -> None:
    result = CliRunner().invoke(cli, ["dump", "--store", str(store), "--format", fmt], catch_exceptions=False)
    assert result.exit_code == 0
    assert marker in result.stdout


def test_dump_to_a_file_picks_the_format_from_the_suffix(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.nq"
    CliRunner().invoke(cli, ["dump", "--store", str(store), "-o", str(out)], catch_exceptions=False)
    lines = out.read_text().splitlines()
    assert lines and all(line.endswith(" .") for line in lines)


def test_stats(store: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "--store", str(store)], catch_exceptions=False)
    counts = dict(line.rsplit(None, 1) for line in result.stdout.splitlines()[1:])
    assert counts["articles"].replace(",", "") == "7"
    assert counts["attack events"] == "16"


def test_explain_shows_rule_words_and_sentence() -> None:
    result = CliRunner().invoke(
        cli, ["explain", str(EXAMPLES / "wire-us-strikes-2024-02-03.txt")], catch_exceptions=False
    )
    out = result.stdout
    assert "Event 1: Airstrike on Al-Qaim" in out
    assert "rule attack.verb" in out and "trigger: hit" in out
    assert '"BAGHDAD, Feb 3 (Wire) - US warplanes hit positions' in out
    assert "Relation: Kata'ib Hezbollah memberOf Islamic Resistance in Iraq" in out


def test_a_query_with_from_reads_only_the_graphs_it_names(store: Path) -> None:
    query = (
        "PREFIX kgo: <https://w3id.org/conflict-kg/ontology#> SELECT (COUNT(DISTINCT ?a) AS ?n) "
        "FROM <https://w3id.org/conflict-kg/data/graph/feed-0001> WHERE { ?a a kgo:Article }"
    )
    result = CliRunner().invoke(
        cli, ["query", "--store", str(store), "--format", "csv", query], catch_exceptions=False
    )
    assert result.stdout.splitlines()[1] == "1"


def test_explain_json_numbers_the_attack_an_interception_stopped() -> None:
    result = CliRunner().invoke(
        cli,
        ["explain", "--format", "json", str(EXAMPLES / "centcom-statement-2023-10-27.txt")],
        catch_exceptions=False,
    )
    events = json.loads(result.stdout)["events"]
    interception = next(e for e in events if e["kind"] == "Interception")
    stopped = events[interception["intercepts"] - 1]
    assert stopped["kind"] == "DroneAttack" and "intercepted" in stopped["outcomes"]
    assert interception["evidence"][0]["rule"] == "interception"
