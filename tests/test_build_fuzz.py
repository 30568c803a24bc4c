"""A seeded fuzz build (issue 14): a few hundred nasty inputs in one ``kg build``, no traceback, every
input built or reported, and the valid articles built exactly as when they are alone."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Store

from kg.build import build
from kg.namespaces import DEFAULT_BASE, Minter

MINTER = Minter(DEFAULT_BASE)
# Sentences written for this test; each valid article is one of them with a date.
SENTENCES = [
    "a drone struck Ain al-Asad Air Base in western Iraq",
    "two rockets struck Harir Air Base near Erbil",
    "a one-way attack drone hit a base in northeastern Syria",
    "militants fired rockets at Erbil International Airport",
]
NAMES = ["report", "_reference", "_ontology", "..", "a b", "هجوم", "攻撃", "UPPER", "x" * 120, "-dash", "é"]


def _valid(rng: random.Random) -> str:
    return f"On March {rng.randint(1, 28)}, 2024, {rng.choice(SENTENCES)}.\n"


def _nasty(rng: random.Random, folder: Path, index: int) -> None:
    kind = index % 14
    name = f"{index:03d}-{rng.choice(NAMES)}"
    if kind == 0:
        (folder / f"{name}.txt").write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(1, 400))))
    elif kind == 1:
        (folder / f"{name}.jsonl").write_text('{"id": "d", "text": ' + "[" * 50_000 + "]" * 50_000 + "}\n")
    elif kind == 2:
        (folder / f"{name}.txt").write_bytes(b"\xff\xfe" + _valid(rng).encode("utf-16-le"))
    elif kind == 3:
        (folder / f"{name}.txt").write_text("")
    elif kind == 4:
        (folder / f"{name}.html").write_text("<div>" * 3000 + _valid(rng) + "</div>" * 10)
    elif kind == 5:
        record = {
            "id": rng.choice(NAMES),
            "published": rng.choice(["0001-01-01", "9999-12-31", "x"]),
            "text": _valid(rng),
        }
        lines = [json.dumps(record), "not json", json.dumps({"text": 3}), json.dumps([1, 2]), "\u2028"]
        (folder / f"{name}.jsonl").write_text("\n".join(rng.sample(lines, len(lines))) + "\n")
    elif kind == 6:
        link = folder / f"{name}.txt"
        link.symlink_to(link)
    elif kind == 7:
        (folder / f"{name}.txt").write_text("(" * 2000 + _valid(rng) + ")" * 2000)
    elif kind == 8:
        (folder / f"{name}.txt").write_text("On Monday, " * 500 + _valid(rng))
    elif kind == 9:
        (folder / f"{name}.txt").write_text("Read more: a link\n" * 5)
    elif kind == 10:
        (folder / f"{name}.txt").write_text(_valid(rng).replace(" ", "\u200b\u202e ") + "\x00")
    elif kind == 11:
        sub = folder / f"sub{index}"
        sub.mkdir()
        (sub / "report.txt").write_text(_valid(rng))  # same name in many folders: each its own article
    elif kind == 12:
        (folder / f"{name}.txt").write_text(rng.choice("=+-@") + "SUM(1,2) " + _valid(rng))
    else:
        (folder / f"{name}.jsonl").write_text(
            json.dumps({"id": "dup", "text": _valid(rng)}) + "\n" + json.dumps({"text": "\ud800"}) + "\n"
        )


@pytest.mark.slow
def test_a_fuzzed_corpus_builds_without_a_traceback(tmp_path: Path) -> None:
    rng = random.Random(14)
    corpus, alone = tmp_path / "corpus", tmp_path / "alone"
    corpus.mkdir()
    alone.mkdir()
    valid = []
    for index in range(280):
        _nasty(rng, corpus, index)
    for index in range(20):
        text = _valid(rng)
        for folder in (corpus, alone):
            (folder / f"valid-{index:02d}.txt").write_text(text)
        valid.append(f"valid-{index:02d}.txt")
    inputs = sum(1 for _ in corpus.rglob("*") if not _.is_dir())
    command = [sys.executable, "-m", "kg", "build", "-q", "--store", str(tmp_path / "s"), str(corpus)]
    result = subprocess.run(
        [*command, "--article-timeout", "20"], capture_output=True, text=True, timeout=600, check=False
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 1  # some inputs failed, and were reported
    reported = output.count("  failed: ")
    assert reported > 0 and inputs > 250
    store = Store.read_only(str(tmp_path / "s"))
    sources = {
        q.object.value.split("#")[0]
        for q in store.quads_for_pattern(
            None, NamedNode("https://w3id.org/conflict-kg/ontology#sourceFile"), None
        )
    }
    for file in corpus.rglob("*"):
        name = file.relative_to(corpus).as_posix()
        if not file.is_dir() and name not in sources:
            assert f"{corpus}/{name}" in output or f"{name}#" in output or f" {name}: " in output, name
    reference = Store(str(tmp_path / "r"))
    build([alone], reference)
    for ident in valid:
        graph = NamedNode(str(MINTER.graph(ident)))
        got = {str(q) for q in store.quads_for_pattern(None, None, None, graph) if "dateTime" not in str(q)}
        want = {
            str(q) for q in reference.quads_for_pattern(None, None, None, graph) if "dateTime" not in str(q)
        }
        assert got == want and got, ident
    for system in (MINTER.reference_graph, MINTER.ontology_graph):
        assert sum(1 for _ in store.quads_for_pattern(None, None, None, NamedNode(str(system)))) > 100
