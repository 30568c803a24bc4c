"""``kg load`` killed at any moment (kill -9, a real process on a real store) leaves either no
trace of the graph or a graph that ``kg load --list`` shows, flagged incomplete while part way
(issue 14 item 7); loading again repairs it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Store

from kg.loader import loaded_graph_iri, loaded_graphs

pytestmark = pytest.mark.slow
TRIPLES = 80_000


def write_triples(path: Path, count: int) -> None:
    with path.open("w") as out:
        for n in range(count):
            out.write(f'<https://example.org/e/{n // 5}> <https://example.org/v#p{n % 5}> "value {n}" .\n')


def start_load(data: Path, store: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "kg", "load", str(data), "--store", str(store)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())


def state(store: Path, graph: str) -> tuple[int, list[tuple[str, bool, int]]]:
    """(triples in GRAPH, the graphs kg load --list knows: IRI, complete, recorded count)."""
    opened = Store.read_only(str(store))
    count = sum(1 for _ in opened.quads_for_pattern(None, None, None, NamedNode(graph)))
    listed = [(g.graph, g.complete, g.triples) for g in loaded_graphs(opened)]
    del opened
    return count, listed


@pytest.mark.parametrize("delay", [0.5, 1.5, 2.5])
def test_a_load_killed_at_any_moment_leaves_nothing_or_a_listed_graph(tmp_path: Path, delay: float) -> None:
    data = tmp_path / "big.nt"
    write_triples(data, TRIPLES)
    graph = loaded_graph_iri(data)
    store = tmp_path / "store"
    Store(str(store)).flush()  # an empty store to begin with
    process = start_load(data, store)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.stderr is not None
    process.stderr.close()
    count, listed = state(store, graph)
    if not listed:
        assert count == 0, f"{count} triples in a graph that kg load --list does not show"
    else:
        assert [g for g, _, _ in listed] == [graph]
        _, complete, recorded = listed[0]
        if complete:
            assert count == recorded == TRIPLES
        else:
            listing = subprocess.run(
                [sys.executable, "-m", "kg", "load", "--list", "--store", str(store)],
                capture_output=True,
                text=True,
                check=True,
            )
            assert "INCOMPLETE" in listing.stdout
    # loading again repairs whatever the kill left
    again = subprocess.run(
        [sys.executable, "-m", "kg", "load", str(data), "--store", str(store)],
        capture_output=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert state(store, graph) == (TRIPLES, [(graph, True, TRIPLES)])


def test_a_reload_killed_part_way_is_still_listed(tmp_path: Path) -> None:
    """Killed while it replaces a graph loaded before, the graph stays listed (complete or not)."""
    data = tmp_path / "big.nt"
    write_triples(data, TRIPLES)
    graph = loaded_graph_iri(data)
    store = tmp_path / "store"
    first = subprocess.run(
        [sys.executable, "-m", "kg", "load", str(data), "--store", str(store)],
        capture_output=True,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    for delay in (2.0,):
        process = start_load(data, store)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.stderr is not None
        process.stderr.close()
        count, listed = state(store, graph)
        assert [g for g, _, _ in listed] == [graph], (delay, count, listed)
        if listed[0][1]:
            assert count == TRIPLES
