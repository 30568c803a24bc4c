"""A day that dates only the report of an attack ("the Pentagon said on Saturday that drones attacked the
base") is not the attack's date: the attack was on that day or before it (tests/data/gold-notes-report-dates.md).

Sentences are written for these tests. Articles are dated Monday 2024-02-05 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from build_support import kg_ok
from extract_support import attacks

MONDAY = date(2024, 2, 5)


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon said on Saturday that drones attacked the Shaddadi base in Syria.",
        "Drones attacked the Shaddadi base in Syria, a US official said on Saturday.",
        "In a statement on Saturday, the militia said it had struck the Shaddadi base with drones.",
        "The Islamic Resistance in Iraq announced on 3/2/2024 that its fighters targeted the Shaddadi base.",
    ],
)
def test_a_day_of_the_report_is_only_the_latest_day_of_the_attack(read, text: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(text, MONDAY))
    assert event.date is not None
    assert (event.date.value, event.date.basis, event.date.latest) == (None, "reportDate", date(2024, 2, 3))


@pytest.mark.parametrize(
    "text",
    [
        "On Saturday the group said it targeted the Shaddadi base with drones.",  # the day before the speaker
        "The group claimed responsibility for Saturday's drone attack on the Shaddadi base.",  # the attack's day
        "The United States on Saturday struck militia depots near Albu Kamal.",  # a name, not "states"
        "The Pentagon said on Monday that drones attacked the Shaddadi base on Saturday.",  # a day of its own
    ],
)
def test_a_day_of_the_attack_itself_still_dates_it(read, text: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(text, MONDAY))
    assert event.date is not None and event.date.value == "2024-02-03"


def test_a_report_day_leaves_a_later_account_of_the_same_attack_one_event(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Drones attacked the Shaddadi base on Friday night, officials said. "
        "The Pentagon said on Saturday that drones had attacked the Shaddadi base, causing no injuries."
    )
    (event,) = attacks(read(text, MONDAY))
    assert event.date is not None and event.date.value == "2024-02-02"


def test_the_graph_keeps_the_report_day_as_the_latest_day_and_no_date(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "report.txt").write_text(
        "Drones hit a US base in Syria\n\nFebruary 5, 2024\n\n"
        "The Pentagon said on Saturday that drones attacked the Shaddadi base in Syria.\n"
    )
    store = str(tmp_path / "store")
    kg_ok("build", str(folder), "--store", store, "--quiet")
    query = """PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
SELECT ?basis ?latest (BOUND(?d) AS ?dated) WHERE {
  ?e a kgo:DroneAttack ; kgo:dateBasis ?basis ; kgo:latestDate ?latest . OPTIONAL { ?e kgo:date ?d } }"""
    out = kg_ok("query", "--store", store, "--format", "csv", query)
    assert out.splitlines()[1:] == ["https://w3id.org/conflict-kg/vocab#reportDate,2024-02-03,false"]
    kg_ok("validate", "--store", store)
