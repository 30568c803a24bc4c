"""The smaller gaps of issue 15 (section 6): each behaviour a user relied on and did not find."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from build_support import kg_ok
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from kg import resources
from kg.namespaces import KGO
from kg.ontology_docs import render_docs

ROOT = Path(__file__).resolve().parent.parent
WIRE = ROOT / "examples" / "articles" / "wire-us-strikes-2024-02-03.txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaps") / "store"
    kg_ok("build", "-q", "--store", str(path), str(WIRE))
    return path


def test_explain_says_what_the_store_holds_of_the_article(store: Path) -> None:
    lines = kg_ok("explain", "--store", str(store), str(WIRE)).splitlines()
    assert lines[-1] == (
        f"Store {store}: graph <https://w3id.org/conflict-kg/data/graph/wire-us-strikes-2024-02-03.txt> "
        "holds 3 attack event(s), 2 relation(s), read from this text as shown above"
    )
    other = ROOT / "examples" / "articles" / "centcom-statement-2023-10-27.txt"
    assert kg_ok("explain", "--store", str(store), str(other)).splitlines()[-1] == (
        f"Store {store}: no graph of this article yet; kg build adds it"
    )
    state = json.loads(kg_ok("explain", "--store", str(store), "--format", "json", str(WIRE)))["store"]
    assert (state["built"], state["same_text"], state["attack_events"]) == (True, True, 3)


def test_explain_needs_no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_STORE", raising=False)
    assert "Store " not in kg_ok("explain", str(WIRE))


def test_stats_counts_the_attack_events_by_type(store: Path) -> None:
    out = kg_ok("stats", "--store", str(store))
    by_type = dict(re.findall(r"^  (\S.*?) +(\d+)$", out, re.M))
    total = re.search(r"^attack events +(\d+)$", out, re.M)
    assert total and by_type and sum(map(int, by_type.values())) == int(total.group(1))
    assert "drone attack" in by_type


def test_every_query_a_bundled_query_mentions_exists() -> None:
    names = {p.name for p in resources.queries_dir().glob("*.rq")}
    for path in resources.queries_dir().glob("*.rq"):
        for mentioned in re.findall(r"[\w-]+\.rq", path.read_text(encoding="utf-8")):
            assert mentioned in names, f"{path.name} mentions {mentioned}, which does not exist"


def test_the_events_csv_keeps_claimant_and_attributed_actor_apart(store: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(kg_ok("query", "--store", str(store), "--format", "csv", "events")))
    )
    tower = next(r for r in rows if r["target"] == "Tower 22")
    assert tower["perpetrator"] == "Islamic Resistance in Iraq|Kata'ib Hezbollah"  # the scorer's column
    assert (tower["claimedBy"], tower["attributedTo"]) == ("Islamic Resistance in Iraq", "Kata'ib Hezbollah")


def test_every_vocabulary_concept_is_a_skos_concept() -> None:
    graph = Graph().parse(resources.data_dir("ontology") / "vocab.ttl")
    concepts = {s for s in graph.subjects(SKOS.inScheme, None)}
    assert concepts
    assert {s for s in concepts if (s, RDF.type, SKOS.Concept) not in graph} == set()


def test_the_date_datatype_is_defined_in_the_documentation() -> None:
    page = render_docs()
    assert '<section id="DateValue"><h3>date value <small>datatype</small></h3>' in page
    assert '<a href="#DateValue"><code>kgo:DateValue</code></a>' in page
    assert str(KGO.DateValue) in page
