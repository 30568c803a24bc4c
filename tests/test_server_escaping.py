"""Data never becomes script in the HTML pages (issue 14): only http(s) IRIs are links."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, Store
from server_support import make_store
from starlette.testclient import TestClient

from kg.server import ServerConfig, create_app

ENTITY = "https://w3id.org/conflict-kg/id/kataib-hezbollah"
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


def test_a_javascript_iri_is_never_a_link(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store")
    store = Store(str(path))
    for target in ("javascript:alert(1)", "JaVaScRiPt:alert(2)", "data:text/html,x"):
        store.add(Quad(NamedNode(ENTITY), NamedNode(SAME_AS), NamedNode(target), NamedNode("urn:g")))
    store.add(
        Quad(NamedNode(ENTITY), NamedNode(SAME_AS), NamedNode("https://example.org/ok"), NamedNode("urn:g"))
    )
    store.flush()
    del store
    config = ServerConfig(store=path, workers=2, timeout=10)
    with TestClient(create_app(config), base_url="http://kg.test") as client:
        page = client.get("/id/kataib-hezbollah", headers={"Accept": "text/html"})
        assert page.status_code == 200, page.text
        assert "alert(1)" in page.text  # shown, as text
        lowered = page.text.lower()
        assert 'href="javascript:' not in lowered and 'href="data:' not in lowered
        assert 'href="https://example.org/ok"' in page.text


def test_every_response_carries_the_security_headers(tmp_path: Path) -> None:
    config = ServerConfig(store=make_store(tmp_path / "store"), workers=2, timeout=10)
    with TestClient(create_app(config), base_url="http://kg.test") as client:
        for path in ("/", "/about", "/sparql?query=ASK%7B%7D", "/nothing-here"):
            response = client.get(path)
            assert response.headers["x-content-type-options"] == "nosniff", path
            assert response.headers["x-frame-options"] == "SAMEORIGIN", path


@pytest.mark.slow
def test_build_refuses_while_kg_serve_holds_the_store(tmp_path: Path) -> None:
    """kg serve answers from the data it opened: a build under it would go unseen (issue 14)."""
    import subprocess
    import sys

    from server_support import serve

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("On March 3, 2024, a drone struck Ain al-Asad Air Base.\n")
    store = make_store(tmp_path / "store")
    command = [sys.executable, "-m", "kg", "build", "-q", "--store", str(store), str(corpus)]
    with serve(store, "--workers", "2") as running:
        refused = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert refused.returncode != 0
        assert f"kg serve` (pid {running.pid})" in refused.stderr
    built = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr


@pytest.mark.slow
def test_serve_refuses_a_store_being_written(tmp_path: Path) -> None:
    import subprocess
    import sys

    from server_support import free_port

    path = make_store(tmp_path / "store")
    writer = Store(str(path))  # holds RocksDB's lock, as a running build does
    command = [sys.executable, "-m", "kg", "serve", "--store", str(path), "--port", str(free_port())]
    refused = subprocess.run(command, capture_output=True, text=True, timeout=120)
    del writer
    assert refused.returncode != 0
    assert "writing this store" in refused.stderr
