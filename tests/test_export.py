"""kg export: ACLED-like rows and PLOVER-like records, checked against the documented columns."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from merge_corpus import TOWER_TEXT, build_store
from pyoxigraph import NamedNode, RdfFormat, Store

from kg import resources
from kg.export import (
    ACLED_COLUMNS,
    ACTOR_FIELDS,
    LOCATION_FIELDS,
    PLOVER_FIELDS,
    EventRecord,
    acled_rows,
    locate,
    plover_records,
    read_events,
    write_csv,
    write_jsonl,
    write_parquet,
)
from kg.extract.model import Entity, Event, EventDate, Evidence, Extraction
from kg.ingest import Article
from kg.mapping import article_quads
from kg.namespaces import Minter

DOC = Path(__file__).parent.parent / "docs" / "export.md"


def _doc_tables() -> list[list[list[str]]]:
    """The markdown tables of docs/export.md whose first header cell is column or field."""
    tables, current = [], None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
            if current is None and cells[0] in {"column", "field"}:
                current = []
            elif current is not None and not set(line) <= set("|- "):
                current.append(cells)
        elif current is not None:
            tables.append(current)
            current = None
    if current is not None:
        tables.append(current)
    return tables


def documented() -> dict[str, dict[str, str]]:
    acled, record, actor, location = _doc_tables()
    return {
        "acled": {row[0]: row[1] for row in acled},
        "record": {row[0]: row[1] for row in record},
        "actor": {row[0]: row[1] for row in actor},
        "location": {row[0]: row[1] for row in location},
    }


def test_the_docs_and_the_code_list_the_same_columns() -> None:
    doc = documented()
    assert list(doc["acled"].items()) == [(c.name, c.type) for c in ACLED_COLUMNS]
    for name, fields in (("record", PLOVER_FIELDS), ("actor", ACTOR_FIELDS), ("location", LOCATION_FIELDS)):
        assert list(doc[name].items()) == [(f.name, f.type) for f in fields]


def _check_cell(column: str, kind: str, cell: str) -> None:
    if cell == "":
        return
    if kind == "integer":
        assert re.fullmatch(r"-?\d+", cell), (column, cell)
    elif kind == "number":
        float(cell)
    elif kind == "date":
        date.fromisoformat(cell)


@pytest.fixture(scope="module")
def store() -> Store:
    return build_store(Store())


def _csv(store: Store) -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv(acled_rows(read_events(store)), out)
    reader = csv.DictReader(io.StringIO(out.getvalue()))
    assert reader.fieldnames == list(documented()["acled"])
    return list(reader)


def test_csv_rows_validate_against_the_documented_columns(store: Store) -> None:
    rows = _csv(store)
    assert len(rows) == 3
    types = documented()["acled"]
    for row in rows:
        for column, cell in row.items():
            _check_cell(column, types[column], cell)


def test_csv_values(store: Store) -> None:
    by_article = {row["article"].rsplit("/", 1)[-1]: row for row in _csv(store)}
    tower, erbil, asad = by_article["tower-22"], by_article["erbil-airport"], by_article["asad-october"]
    assert {
        k: tower[k] for k in ("event_date", "time_precision", "sub_event_type", "actor1", "assoc_actor_1")
    } == {
        "event_date": "2024-01-28",
        "time_precision": "1",
        "sub_event_type": "Air/drone strike",
        "actor1": "Islamic Resistance in Iraq",
        "assoc_actor_1": "Kata'ib Hezbollah",
    }
    assert (tower["actor2"], tower["target"], tower["claim_kind"]) == ("US military", "Tower 22", "claimed")
    assert (tower["fatalities"], tower["injuries"], tower["outcome"]) == ("3", "34", "casualties; hit")
    # Tower 22 has its own sourced point now: the site itself, at site precision.
    assert (tower["country"], tower["iso"], tower["admin1"], tower["geo_precision"]) == (
        "Jordan",
        "400",
        "",
        "1",
    )
    assert (tower["latitude"], tower["longitude"]) == ("33.3142", "38.7033")
    assert (erbil["location"], erbil["admin2"], erbil["admin1"], erbil["country"]) == (
        "Erbil International Airport",
        "Erbil",
        "Erbil Governorate",
        "Iraq",
    )
    assert (erbil["latitude"], erbil["longitude"], erbil["geo_precision"]) == ("36.2375", "43.9631", "1")
    assert (erbil["sub_event_type"], erbil["fatalities"], erbil["injuries"]) == (
        "Shelling/artillery/missile attack",
        "0",
        "",
    )
    # Known to the month: the middle of October, precision 3, with the interval kept.
    assert (asad["event_date"], asad["time_precision"], asad["date_earliest"], asad["date_latest"]) == (
        "2023-10-16",
        "3",
        "2023-10-01",
        "2023-10-31",
    )
    assert asad["actor1"] == "Brigades of the Faithful"
    assert asad["notes"].startswith("In October 2023, drones were launched")
    assert tower["incident_id"] and tower["event_id"] == tower["event_iri"].rsplit("/", 1)[-1]


def test_parquet_has_the_documented_types(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    rows = acled_rows(read_events(store))
    write_parquet(rows, str(path))
    table = pq.read_table(path)
    arrow = {"string": "string", "integer": "int64", "number": "double", "date": "date32[day]"}
    assert [(f.name, str(f.type)) for f in table.schema] == [
        (k, arrow[v]) for k, v in documented()["acled"].items()
    ]
    assert table.to_pylist() == rows


def _check_json(value: Any, kind: str) -> None:
    kinds = kind.split(" or ")
    names = {
        type(None): "null",
        str: "string",
        int: "integer",
        float: "number",
        list: "array",
        dict: "object",
    }
    got = names[type(value)]
    assert got in kinds or (got == "integer" and "number" in kinds), (value, kind)


def _records(store: Store) -> list[dict[str, Any]]:
    out = io.StringIO()
    write_jsonl(plover_records(read_events(store)), out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_jsonl_records_validate_against_the_documented_fields(store: Store) -> None:
    doc = documented()
    records = _records(store)
    assert len(records) == 3
    for record in records:
        assert list(record) == list(doc["record"])
        for key, value in record.items():
            _check_json(value, doc["record"][key])
        for actor in record["source"] + record["recipient"]:
            assert list(actor) == list(doc["actor"])
            for key, value in actor.items():
                _check_json(value, doc["actor"][key])
        if record["event_loc"] is not None:
            assert list(record["event_loc"]) == list(doc["location"])
            for key, value in record["event_loc"].items():
                _check_json(value, doc["location"][key])
        assert record["event"] == ["ASSAULT"]
        assert set(record["cite_info"]) == {"url", "title", "publication", "citation", "language"}


def test_jsonl_values_and_offsets(store: Store) -> None:
    tower = next(r for r in _records(store) if r["id"].startswith("tower-22"))
    assert (tower["date"], tower["enddate"], tower["date_precision"]) == ("2024-01-28", "2024-01-28", "day")
    assert tower["mode"] == ["explosives"]
    assert [(a["actor_text"], a["role"]) for a in tower["source"]] == [
        ("Islamic Resistance in Iraq", "claimedBy"),
        ("Kata'ib Hezbollah", "attributedTo"),
    ]
    [target] = tower["recipient"]
    assert (target["actor_text"], target["code"], target["sector"], target["role"]) == (
        "US military",
        "USA",
        "MIL",
        "targetActor",
    )
    assert (tower["dead"], tower["injured"], tower["event_loc"]["cc3"]) == (3, 34, "JOR")
    text = TOWER_TEXT.format(injured=34)
    assert [text[o["start"] : o["end"]] for o in tower["text_info"]] == tower["event_text"]
    erbil = next(r for r in _records(store) if r["id"].startswith("erbil"))
    assert erbil["mode"] == ["heavy-weapons", "destroy"]
    assert erbil["source"] == []


def test_an_event_with_no_place_and_no_date_still_exports() -> None:
    text = "Somewhere, something was attacked."
    article = Article("bare", text, "bare.txt", "0" * 64)
    event = Event(
        "Attack", [Evidence(0, len(text), text, "test")], perpetrators=[Entity("Some Group", "ArmedGroup")]
    )
    store = Store()
    graph = NamedNode(str(Minter().graph("bare")))
    store.extend(article_quads(article, Extraction(events=[event]), Minter(), "https://example.org/x"))
    assert {q.graph_name for q in store} == {graph}
    [row] = acled_rows(read_events(store))
    assert (
        row["event_date"],
        row["time_precision"],
        row["location"],
        row["latitude"],
        row["sub_event_type"],
    ) == (
        None,
        None,
        None,
        None,
        "",
    )
    assert (row["actor1"], row["claim_kind"], row["source"]) == ("Some Group", "confirmed", "bare.txt")
    [record] = plover_records(read_events(store))
    assert (record["date"], record["event_loc"], record["mode"]) == (None, None, [])


def test_interval_dates_a_week_long_are_precision_two() -> None:
    text = "A drone hit the base this week."
    article = Article("week", text, "week.txt", "1" * 64)
    when = EventDate(None, None, date(2024, 1, 1), date(2024, 1, 5), "inferredFromPublication")
    event = Event("DroneAttack", [Evidence(0, len(text), text, "test")], weapon="drone", date=when)
    store = Store()
    store.extend(article_quads(article, Extraction(events=[event]), Minter(), "https://example.org/x"))
    [row] = acled_rows(read_events(store))
    assert (row["event_date"], row["time_precision"]) == (date(2024, 1, 3), 2)


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(tmp_path: Path) -> None:
    """OWASP CSV injection (issue 14): text from an article never starts a cell with = + - @."""
    from click.testing import CliRunner

    from kg.cli import cli

    corpus = tmp_path / "c"
    corpus.mkdir()
    record = {
        "id": "formula",
        "outlet": "+SUM(1,2)",
        "text": "On March 3, 2024, a drone struck Ain al-Asad Air Base in western Iraq.",
    }
    (corpus / "feed.jsonl").write_text(json.dumps(record) + "\n")
    store = str(tmp_path / "s")
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "-q", "--store", store, str(corpus)]).exit_code == 0
    escaped = runner.invoke(cli, ["export", "events", "--store", store, "--format", "csv"])
    cells = [cell for row in csv.reader(io.StringIO(escaped.output)) for cell in row]
    assert "'+SUM(1,2)" in cells
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "@"}]
    raw = runner.invoke(cli, ["export", "events", "--store", store, "--format", "csv", "--raw"])
    assert "+SUM(1,2)" in [cell for row in csv.reader(io.StringIO(raw.output)) for cell in row]


@pytest.mark.parametrize(
    ("slug", "precision"),
    [
        ("zilkan-base", 2),
        ("green-zone", 3),
        ("al-omar", 3),
        ("k1-air-base", 1),
        ("bashiqa", 1),
        ("mazloum", 3),
    ],
    ids=["site-at-its-town", "zone", "field", "site", "town", "town-without-a-point"],
)
def test_geo_precision_follows_what_the_point_locates(slug: str, precision: int) -> None:
    """A base whose only sourced point is its town's is precision 2, like an event placed in the town."""
    store = Store()
    for path in resources.reference_files():
        store.load(path.read_bytes(), RdfFormat.TURTLE)
    snapshot = read_events(store)
    iri = "https://w3id.org/conflict-kg/id/" + slug
    where = locate(snapshot, EventRecord(iri, "Attack", "claimed", "a", roles={"targetPlace": [iri]}))
    assert where is not None and where.point is not None
    assert where.precision == precision
