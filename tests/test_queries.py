"""Every bundled query parses, says what it answers, and returns rows on the sample corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import resources
from kg.cli import cli
from kg.sparql import run_query
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted(resources.queries_dir().glob("*.rq"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "store"
    CliRunner().invoke(
        cli,
        ["build", "-q", "--store", str(path), str(ROOT / "examples" / "articles")],
        catch_exceptions=False,
    )
    return path


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_opens_with_a_comment_and_returns_rows(store: Path, query: Path) -> None:
    text = query.read_text(encoding="utf-8")
    assert text.startswith("# "), f"{query.name} must open with a comment saying what it answers"
    if query.name == "actors-to-review.rq":
        pytest.skip("the sample corpus has no actor outside the reference data")
    rows = list(run_query(open_store(store, read_only=True), text))
    assert rows, f"{query.name} returned no row on the sample corpus"


def _one(store: Path, text: str) -> str:
    rows = list(run_query(open_store(store, read_only=True), PROLOGUE + text))  # type: ignore[arg-type]
    return str(rows[0][0].value)


PROLOGUE = """PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def test_a_plain_query_for_a_superclass_finds_its_subclasses(store: Path) -> None:
    """No inference in the store: kg writes the kgo: superclasses (kg/entailment.py)."""
    attacks = _one(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kgo:claimKind ?k }")
    assert _one(store, "SELECT (COUNT(*) AS ?n) WHERE { ?e a kgo:Attack }") == attacks == "16"
    bases = "SELECT (COUNT(*) AS ?n) WHERE { ?b a kgo:MilitaryBase FILTER NOT EXISTS { ?b a kgo:Place } }"
    assert _one(store, bases) == "0"
    minted = "SELECT (COUNT(*) AS ?n) WHERE { ?x a kgo:ArmedGroup FILTER NOT EXISTS { ?x a kgo:Actor } }"
    assert _one(store, minted) == "0"


def test_every_typed_node_of_kg_has_an_rdfs_label(store: Path) -> None:
    unlabelled = """SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
      ?x a ?c FILTER(STRSTARTS(STR(?c), STR(kgo:))) FILTER NOT EXISTS { ?x rdfs:label ?l } }"""
    assert _one(store, unlabelled) == "0"


def test_the_type_column_names_the_most_specific_class(store: Path) -> None:
    text = (resources.queries_dir() / "events.rq").read_text(encoding="utf-8")
    types = {str(row["type"].value) for row in run_query(open_store(store, read_only=True), text)}  # type: ignore[union-attr,index]
    assert "DroneAttack" in types
    assert "Event" not in types and "ExtractedFact" not in types


def _asking_examples() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Asking the graph", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```console\n\$ kg query '(.*?)'\n(.*?)```", section, re.S)
    assert len(blocks) == 5, "five worked questions"
    return blocks


@pytest.mark.parametrize(("query", "expected"), _asking_examples())
def test_the_readme_worked_questions_give_what_it_shows(store: Path, query: str, expected: str) -> None:
    result = CliRunner().invoke(cli, ["query", "--store", str(store), query], catch_exceptions=False)
    assert result.stdout == expected


def _events_of(tmp_path: Path, text: str) -> list[dict[str, str]]:
    """The location and perpetrator of each row of queries/events.rq, for one article of TEXT."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "article.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    CliRunner().invoke(cli, ["build", "-q", "--store", str(store), str(articles)], catch_exceptions=False)
    query = (resources.queries_dir() / "events.rq").read_text(encoding="utf-8")
    rows = run_query(open_store(store, read_only=True), query)
    return [{name: str(row[name].value) for name in ("location", "perpetrator")} for row in rows]  # type: ignore[index,union-attr]


def test_the_events_table_names_a_place_as_the_article_spells_it_too(tmp_path: Path) -> None:
    rows = _events_of(
        tmp_path,
        "Strikes hit Mayadeen\n\nUS jets struck weapons depots in Mayadeen on March 4, 2024, the Pentagon said.\n",
    )
    # the gazetteer's label ("Al-Mayadin"), and the article's own spelling
    assert [set(row["location"].split("|")) for row in rows] == [{"Al-Mayadin", "Mayadeen"}]


def test_the_events_table_names_a_perpetrator_as_the_article_spells_it_too(tmp_path: Path) -> None:
    rows = _events_of(
        tmp_path,
        "Jets hit depots\n\nUS-led coalition jets struck weapons depots near Al-Qaim on March 4, 2024.\n",
    )
    assert [set(row["perpetrator"].split("|")) for row in rows] == [
        {"Global Coalition against ISIS", "US-led coalition"}
    ]


def test_relations_name_an_actor_also_as_the_article_spells_it(tmp_path: Path) -> None:
    """queries/relations.rq: the label, then the gazetteer's other names that the article writes."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "spelling.txt").write_text(
        "Coalition note\n\nMarch 3, 2021\n\nThe US-led coalition said two rockets hit Ain al-Asad air base on Tuesday. "
        "Coalition spokesman Col. Ray Dalton said nobody was hurt.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    CliRunner().invoke(cli, ["build", "-q", "--store", str(store), str(articles)], catch_exceptions=False)
    text = (ROOT / "queries" / "relations.rq").read_text(encoding="utf-8")
    rows = [[str(v.value) for v in row] for row in run_query(open_store(store, read_only=True), text)]
    assert ["Ray Dalton", "memberOf", "Global Coalition against ISIS|US-led coalition"] in [
        r[:3] for r in rows
    ]
