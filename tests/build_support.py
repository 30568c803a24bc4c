"""Helpers for the build, incremental, crash, push and Dask tests: corpora, dumps, an Oxigraph server."""

from __future__ import annotations

import importlib.util
import io
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import ModuleType

from pyoxigraph import Store
from server_support import free_port, stop

from kg.store import dump

ROOT = Path(__file__).resolve().parent.parent
DATETIME = "<http://www.w3.org/2001/XMLSchema#dateTime>"


@cache
def _generator_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "bench" / "generate_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def generate(folder: Path, count: int, *, start: int = 0, seed: int = 7) -> list[Path]:
    """Write COUNT synthetic articles (bench/generate_corpus.py) into FOLDER; returns their paths."""
    module = _generator_module()
    module.main(["--count", str(count), "--start", str(start), "--seed", str(seed), "--out", str(folder)])
    return sorted(folder.glob("*.txt"))[start : start + count]


def dump_lines(store: Store) -> list[str]:
    """The store as sorted N-Quads lines, without the build times (the only lines that vary)."""
    out = io.BytesIO()
    dump(store, out, "nquads")
    return sorted(line for line in out.getvalue().decode().splitlines() if DATETIME not in line)


def graph_lines(store: Store) -> dict[str, set[str]]:
    """N-Quads lines per named graph (build times left out)."""
    graphs: dict[str, set[str]] = {}
    for line in dump_lines(store):
        graph = line.rsplit(" ", 2)[-2]
        graphs.setdefault(graph, set()).add(line)
    return graphs


def oxigraph_binary() -> str:
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server is missing: pip install -e '.[test]'")
    return found


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """A real `oxigraph serve` on a free port; yields its base URL (``/store`` is the Graph Store)."""
    port = free_port()
    proc = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError as err:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"oxigraph serve did not start: {proc.stderr.read() if proc.stderr else ''!r}"
                    ) from err
                time.sleep(0.05)
        yield base
    finally:
        stop(proc)


def remote_lines(base: str) -> list[str]:
    """Everything in the remote store, as sorted N-Quads lines without build times."""
    request = urllib.request.Request(f"{base}/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=30) as response:
        text: str = response.read().decode()
    return sorted(line for line in text.splitlines() if line.strip() and DATETIME not in line)


def kg_ok(*args: str) -> str:
    """The standard output of `kg ARGS`, run in-process, which must succeed."""
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout
