"""Pushing to a remote store over the SPARQL 1.1 Graph Store HTTP Protocol, against a real `oxigraph serve` (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_support import dump_lines, generate, oxigraph_server, remote_lines
from click.testing import CliRunner
from pyoxigraph import Store
from server_support import free_port

from kg.build import build
from kg.cli import cli
from kg.errors import StoreError
from kg.push import GraphStore, push_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, 12)
    return folder


def test_build_remote_mirrors_the_local_store_and_sends_only_what_changed(
    corpus: Path, tmp_path: Path
) -> None:
    with oxigraph_server(tmp_path / "remote") as base:
        store = Store(str(tmp_path / "local"))
        report = build([corpus], store, remote=f"{base}/store")
        assert report.pushed == 12 + 4  # the articles, then ontology, reference, incidents, build times
        assert remote_lines(base) == dump_lines(store)

        changed = sorted(corpus.glob("*.txt"))[0]
        changed.write_text(changed.read_text(encoding="utf-8").replace("said", "stated"), encoding="utf-8")
        report = build([corpus], store, remote=f"{base}/store")
        assert len(report.built) == 1 and report.pushed == 1 + 4
        assert remote_lines(base) == dump_lines(store)


def test_kg_push_sends_every_graph(corpus: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "local"
    store = Store(str(store_dir))
    build([corpus], store)
    expected = dump_lines(store)
    graphs = sum(1 for _ in store.named_graphs())
    del store
    with oxigraph_server(tmp_path / "remote") as base:
        result = CliRunner().invoke(
            cli, ["push", f"{base}/store", "--store", str(store_dir)], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        assert f"Pushed {graphs} graph(s)" in result.stderr
        assert remote_lines(base) == expected
        # pushing again replaces, never doubles
        assert CliRunner().invoke(cli, ["push", f"{base}/store", "--store", str(store_dir)]).exit_code == 0
        assert remote_lines(base) == expected


def test_an_unreachable_endpoint_is_a_one_line_error(corpus: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "local"
    build([sorted(corpus.glob("*.txt"))[0]], Store(str(store_dir)))
    url = f"http://127.0.0.1:{free_port()}/store"
    result = CliRunner().invoke(cli, ["push", url, "--store", str(store_dir)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: http://127.0.0.1:{url.split(':')[2].split('/')[0]}/store: cannot "
    )
    assert "Traceback" not in result.output


def test_a_refused_put_names_the_graph_and_the_status(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "remote") as base:
        client = GraphStore(f"{base}/no-such-endpoint")
        client.put("https://example.org/g", '<urn:s> <urn:p> "o" <https://example.org/g> .\n')
        with pytest.raises(StoreError, match=r"PUT graph <https://example.org/g> failed: 404"):
            client.wait()
        client.close()


def test_a_url_that_is_not_http_is_refused() -> None:
    with pytest.raises(StoreError, match="not an http"):
        push_store(Store(), "ftp://example.org/store")


def test_build_remote_prune_deletes_the_remote_copies_too(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    generate(corpus, 4)
    with oxigraph_server(tmp_path / "remote") as base:
        store = Store(str(tmp_path / "local"))
        build([corpus], store, remote=f"{base}/store")
        sorted(corpus.glob("*.txt"))[1].unlink()
        report = build([corpus], store, remote=f"{base}/store", prune=True)
        assert len(report.pruned) == 1
        assert remote_lines(base) == dump_lines(store)
        assert report.pruned[0] not in "\n".join(remote_lines(base))


def test_a_password_in_the_url_is_never_printed(tmp_path: Path) -> None:
    """Issue 14: kg push printed the URL it was given, credentials and all."""
    store = tmp_path / "s"
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("On March 3, 2024, a drone struck Ain al-Asad Air Base.\n")
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "-q", "--store", str(store), str(corpus)]).exit_code == 0
    for url in (f"http://admin:s3cret@127.0.0.1:{free_port()}/store", "ftp://admin:s3cret@127.0.0.1/store"):
        result = runner.invoke(cli, ["push", url, "--store", str(store)])
        assert result.exit_code != 0
        assert "s3cret" not in result.output and "127.0.0.1" in result.output
