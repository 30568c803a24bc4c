"""End to end through the CLI: load a Wikidata-shaped graph, link, query the union, export, rebuild, diff."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from merge_corpus import WIKIDATA_SAMPLE, build_store
from pyoxigraph import RdfFormat, Store, parse

from kg.cli import cli

QUERY = """
PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?place ?admin WHERE {
  ?event kgo:claimKind ?kind ; kgo:targetPlace|kgo:location ?p .
  ?p skos:prefLabel ?place ; owl:sameAs|skos:exactMatch ?item .
  ?item wdt:P131 ?a . ?a rdfs:label ?admin . FILTER(LANG(?admin) = "en")
} ORDER BY ?place
"""


def _build(path: Path, **options: object) -> None:
    """Build the corpus into the on-disk store PATH and release it (as `kg build` would)."""
    store = Store(str(path))
    build_store(store, **options)  # type: ignore[arg-type]
    store.flush()
    del store


def _run(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout, result.stderr


# kg query and kg dump (not part of this issue) write through click.get_binary_stream, which click 8.5
# deprecates; until they move to click.open_file("-", "wb"), that warning is not this test's failure.
@pytest.mark.filterwarnings("ignore:'get_binary_stream' is deprecated:DeprecationWarning")
def test_load_link_query_export_diff(tmp_path: Path) -> None:
    store = tmp_path / "store"
    _build(store)
    s = ["--store", str(store)]

    _, err = _run("load", str(WIKIDATA_SAMPLE), *s)
    assert (
        "Loaded 80 triple(s) from wikidata_sample.ttl into <https://w3id.org/conflict-kg/data/graph/_loaded/wikidata_sample>"
        in err
    )
    out, _ = _run("load", "--list", *s)
    assert out.startswith("https://w3id.org/conflict-kg/data/graph/_loaded/wikidata_sample\t80\t")

    review = tmp_path / "links.csv"
    _, err = _run("link", "-o", str(review), *s)
    # the review rows pair look-alike names (Hezbollah and Syrian Hezbollah with "Hezbollah Brigades",
    # the Islamic Front for the Iraqi Resistance and Hamas's "Islamic Resistance Movement" with the IRI,
    # an airport with its city)
    assert "5 accept, 5 review; 5 already linked" in err
    with review.open(encoding="utf-8") as in_file:
        rows = list(csv.DictReader(in_file))
    for row in rows:  # a reviewer accepts nothing more and rejects the doubtful ones
        if row["decision"] == "review":
            row["decision"] = "reject"
    with review.open("w", newline="", encoding="utf-8") as out_file:
        writer = csv.DictWriter(out_file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    _, err = _run("link", "--apply", str(review), *s)
    assert "Wrote 5 link(s)" in err

    out, _ = _run("query", QUERY, "--format", "csv", *s)
    assert (
        out.replace("\r\n", "\n")
        == "place,admin\nAin al-Asad Air Base,Al Anbar Governorate\nErbil,Erbil Governorate\n"
    )

    out, _ = _run("export", "events", "--format", "csv", *s)
    exported = list(csv.DictReader(io.StringIO(out)))
    assert len(exported) == 3
    out, _ = _run("export", "events", "--format", "jsonl", *s)
    assert [json.loads(line)["event"] for line in out.splitlines()] == [["ASSAULT"]] * 3
    _, err = _run("export", "events", "-o", str(tmp_path / "events.parquet"), *s)
    assert "Wrote 3 event(s)" in err
    assert pq.read_table(tmp_path / "events.parquet").num_rows == 3
    tower = next(r["event_id"] for r in exported if r["event_id"].startswith("tower-22"))
    out, _ = _run("export", "event", tower, *s)
    framed = json.loads(out)
    assert framed["targetPlace"]["sameAs"] == "https://example.org/wikidata-sample/entity/Q1003"

    out, _ = _run("dump", "--format", "jsonld", *s)
    assert len(list(parse(out.encode(), format=RdfFormat.JSON_LD))) > 1000

    before = tmp_path / "before.trig"
    _run("dump", "-o", str(before), *s)
    _build(store, edited=True)
    out, _ = _run("diff", str(before), str(store))
    assert out.splitlines()[:3] == [
        "articles: 0 added, 0 removed, 1 changed",
        "events: 0 added, 0 removed, 1 changed",
        "relations: 0 added, 0 removed",
    ]
    assert "    kgo:injured: 34 -> 40" in out.splitlines()
    result = CliRunner().invoke(cli, ["diff", str(before), str(store), "--exit-code"])
    assert result.exit_code == 4

    _build(store, weapon="rocket")
    out, err = _run("diff", str(before), str(store), "--format", "json", "--write-tombstones")
    report = json.loads(out)
    [removed] = report["events"]["removed"]
    assert removed["replaced_by"] == report["events"]["added"][0]["iri"]
    assert "Wrote 1 tombstone(s)" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["load", "{bad}"], "Error: {bad}: line 2: not valid text/turtle: "),
        (["link", "--graph", "https://example.org/nope"], "Error: <https://example.org/nope>: no such graph"),
        (["export", "event", "nope"], "Error: nope: no such event in the store"),
        (["export", "events", "--format", "parquet"], "Error: Parquet is binary: give a file with -o"),
    ],
)
def test_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    store = tmp_path / "store"
    _build(store)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> .\n")
    argv = [a.replace("{bad}", str(bad)) for a in args] + ["--store", str(store)]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == (2 if "Parquet" in message else 1)
    assert message.replace("{bad}", str(bad)) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
