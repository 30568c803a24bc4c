"""kill -9 in the middle of `kg build`, then build again: consistent, nothing doubled, nothing lost (issue 6).

A real `kg build` runs in a subprocess and is killed with SIGKILL at several points of an update
of an existing store (new articles and changed ones, several bulk loads). After each kill the
store must hold only complete graphs, each exactly as a clean build makes it; the final rerun
must end with the same dump as a clean build of the final corpus.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from build_support import dump_lines, generate, graph_lines
from pyoxigraph import NamedNode, Store

from kg.build import build, stored_state
from kg.namespaces import Minter

MINTER = Minter()


def _kg_build(corpus: Path, store: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(corpus),
            "--store",
            str(store),
            "-v",
            "--load-size",
            "6",
            "--batch-size",
            "3",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _kill_after(proc: subprocess.Popen[str], loads: int, delay: float) -> bool:
    """SIGKILL PROC DELAY seconds after its LOADS-th write to the store; False if it ended first."""
    assert proc.stderr is not None
    seen = 0
    try:
        while seen < loads:
            line = proc.stderr.readline()
            if not line:
                return False
            seen += line.startswith("Stored ")
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        return proc.wait() == -signal.SIGKILL
    finally:
        proc.wait()
        proc.stderr.close()


def _assert_consistent(store_dir: Path, before: dict[str, set[str]], after: dict[str, set[str]]) -> int:
    """Every graph built before is still complete, and every complete graph is a clean build's, old or new."""
    store = Store(str(store_dir))
    try:
        complete = stored_state(store)
        found = graph_lines(store)
        assert {f"<{g}>" for g in complete} >= {g for g in before if "/graph/_" not in g}
        for graph in complete:
            key = f"<{graph}>"
            assert found[key] in (before.get(key), after[key]), graph
        times = store.quads_for_pattern(
            None, NamedNode("http://www.w3.org/ns/prov#generatedAtTime"), None, None
        )
        timed = [q.subject.value for q in times]
        assert len(timed) == len(set(timed))  # one build time per graph, never two
        return len(complete)
    finally:
        del store


@pytest.mark.slow
def test_a_build_killed_at_any_point_is_finished_by_the_next(tmp_path: Path) -> None:
    pool = tmp_path / "pool"
    generate(pool, 500)
    files = sorted(pool.glob("*.txt"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in files[:30]:
        shutil.copy(path, corpus / path.name)
    store_dir = tmp_path / "store"
    first_store = Store(str(store_dir))
    assert len(build([corpus], first_store).built) == 30
    before = graph_lines(first_store)
    del first_store
    # the update: 470 new articles, 5 changed ones
    for path in files[30:]:
        shutil.copy(path, corpus / path.name)
    for path in files[:5]:
        target = corpus / path.name
        target.write_text(target.read_text(encoding="utf-8").replace("said", "stated"), encoding="utf-8")
    clean = Store(str(tmp_path / "clean"))
    build([corpus], clean)
    after, expected = graph_lines(clean), dump_lines(clean)
    del clean

    rng = random.Random(6)
    kills = 0
    for loads in (1, 4, 2, 3):
        proc = _kg_build(corpus, store_dir)
        killed = _kill_after(proc, loads, rng.uniform(0, 0.3))
        kills += killed
        assert _assert_consistent(store_dir, before, after) >= 30
    assert kills >= 3, "the builds ended before they could be killed: make the corpus larger"

    proc = _kg_build(corpus, store_dir)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    store = Store(str(store_dir))
    assert len(stored_state(store)) == 500
    assert dump_lines(store) == expected
