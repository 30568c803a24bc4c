"""The data's licence and rights statement: set by kg build, kept in the store, repeated by every output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from build_support import kg_ok
from click.testing import CliRunner

from kg.cli import cli
from kg.licence import DEFAULT_LICENSE

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "articles" / "wire-us-strikes-2024-02-03.txt"
CC0 = "https://spdx.org/licenses/CC0-1.0"
LICENSE = "<http://purl.org/dc/terms/license>"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("licence") / "store"
    kg_ok("build", "-q", "--store", str(path), str(ARTICLE))
    return path


def test_a_build_records_the_default_licence_and_the_rights_of_the_quotes(store: Path) -> None:
    dump = kg_ok("dump", "--store", str(store), "--format", "nquads")
    assert f"<https://w3id.org/conflict-kg/data/dataset> {LICENSE} <{DEFAULT_LICENSE}>" in dump
    assert "quotations from copyrighted news articles" in dump


def test_build_license_sets_it_and_later_builds_keep_it(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    kg_ok("build", "-q", "--store", store, "--license", "CC0-1.0", "--rights", "Mine.", str(ARTICLE))
    kg_ok("build", "-q", "--store", store, str(ARTICLE))
    dump = kg_ok("dump", "--store", store, "--format", "nquads")
    dataset = [
        line for line in dump.splitlines() if line.startswith("<https://w3id.org/conflict-kg/data/dataset> ")
    ]
    assert f"<https://w3id.org/conflict-kg/data/dataset> {LICENSE} <{CC0}> " in "\n".join(dataset)
    assert sum(LICENSE in line for line in dataset) == 1
    assert '"Mine."@en' in dump


def test_a_licence_that_is_no_iri_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "--store", str(tmp_path / "s"), "--license", "my own", str(ARTICLE)]
    )
    assert result.exit_code == 2
    assert "'my own' is neither a licence IRI (https://...) nor an SPDX id such as CC-BY-4.0" in result.output
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_exported_file_has_a_metadata_file_with_the_licence(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    result = CliRunner().invoke(cli, ["export", "events", "--store", str(store), "-o", str(out)])
    assert result.exit_code == 0
    metadata = json.loads((tmp_path / f"events.{fmt}-metadata.json").read_text(encoding="utf-8"))
    assert metadata["url"] == out.name
    assert metadata["dc:license"] == {"@id": DEFAULT_LICENSE}
    assert "copyrighted news articles" in metadata["dc:rights"]
    assert ("tableSchema" in metadata) == (fmt == "csv")
    assert f"Licence: {DEFAULT_LICENSE};" in result.stderr


def test_parquet_carries_the_licence_in_its_metadata(store: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    kg_ok("export", "events", "--store", str(store), "-o", str(out))
    metadata = pq.read_schema(out).metadata
    assert metadata[b"license"] == DEFAULT_LICENSE.encode()
    assert b"copyrighted news articles" in metadata[b"rights"]


def test_a_framed_event_states_the_licence(store: Path) -> None:
    events = kg_ok("export", "events", "--store", str(store), "--format", "jsonl")
    first = json.loads(events.splitlines()[0])["id"]
    document = json.loads(kg_ok("export", "event", "--store", str(store), first))
    assert document["dcterms:license"] == {"id": DEFAULT_LICENSE}


@pytest.mark.parametrize("path", ["/.well-known/void", "/sparql"])
def test_void_and_the_service_description_state_the_licence(store: Path, path: str) -> None:
    turtle = kg_ok("serve", "--store", str(store), "--get", path, "-H", "Accept: text/turtle")
    assert f"dcterms:license <{DEFAULT_LICENSE}>" in turtle
    assert "copyrighted news articles" in turtle
