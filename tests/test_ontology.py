"""kg ontology check (ROBOT report and OOPS! style checks) and kg ontology docs."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode, Quad, RdfFormat, Store
from validate_fixtures import fixture_store

from kg import resources
from kg.cli import cli
from kg.ontology_docs import read_terms, render_docs
from kg.validate.ontology_checks import Sources, check_ontology, terms_in_query

DATA = Path(__file__).parent / "data" / "ontology"
KGO = "https://w3id.org/conflict-kg/ontology#"
KGSH = "https://w3id.org/conflict-kg/shapes#"


def _results(report: object) -> set[tuple[str, str, str]]:
    return {
        (
            r.severity.value.rsplit("#")[1],
            r.shape.value.removeprefix(KGSH),
            r.focus.value.rsplit("#")[-1].rsplit("/")[-1],
        )
        for r in report.results  # type: ignore[attr-defined]
    }


def test_the_shipped_ontology_has_no_violation() -> None:
    report = check_ontology()
    assert report.conforms
    # the deliberate gaps: properties used on several unrelated classes, kgo:date's three datatypes
    assert {shape for _, shape, _ in _results(report)} <= {"Property-domain-count", "Property-range-count"}


def test_a_broken_ontology_fails_each_check(tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("PREFIX kgo: <https://w3id.org/conflict-kg/ontology#>\nSELECT * { ?e a kgo:Atack }\n")
    store = Store()
    store.add(Quad(NamedNode("urn:e"), NamedNode(KGO + "wheen"), NamedNode("urn:x")))
    sources = Sources(query_files=[query], store=store, store_name="the store")
    report = check_ontology([DATA / "broken.ttl"], sources=sources)
    assert not report.conforms
    assert _results(report) == {
        ("Violation", "Ontology-versionIRI", "ontology"),
        ("Warning", "Ontology-license", "ontology"),
        ("Violation", "Term-label", "Event"),
        ("Violation", "Term-comment", "Event"),
        ("Violation", "Class-subClassOf", "Attack"),
        ("Warning", "Term-label-whitespace", "Attack"),
        ("Violation", "CycleCheck", "Place"),
        ("Violation", "CycleCheck", "Site"),
        ("Warning", "DuplicateLabelCheck", "Place"),
        ("Violation", "ObjectProperty-range", "location"),
        ("Warning", "Property-domain-count", "location"),
        ("Violation", "Term-label", "date"),
        ("Violation", "DatatypeProperty-range", "date"),
        ("Violation", "UndeclaredTermCheck", "Atack"),
        ("Violation", "UndeclaredTermCheck", "wheen"),
    }
    messages = {
        r.focus.value.rsplit("#")[-1]: r.message for r in report.results if r.shape.value.endswith("Term")
    }
    assert messages == {}
    undeclared = {
        r.focus.value.rsplit("#")[-1]: r.message for r in report.results if "Undeclared" in r.shape.value
    }
    assert undeclared["Atack"] == f"Used in {query} but not declared by the ontology."
    assert undeclared["wheen"] == "Used in the store but not declared by the ontology."


def test_the_ontology_declares_every_term_the_queries_use() -> None:
    declared = set(read_terms(_ontology())) | {
        row["c"].value
        for row in _ontology().query("SELECT ?c { ?c a ?t }")  # type: ignore[union-attr]
    }
    for query in sorted(resources.queries_dir().glob("*.rq")):
        assert terms_in_query(query.read_text()) <= declared, query.name


def _ontology() -> Store:
    store = Store()
    for path in resources.ontology_files():
        store.bulk_load(path=str(path), format=RdfFormat.TURTLE)
    return store


def test_kg_ontology_check_exit_codes(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ontology", "check"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("kg ontology check: conforms: 0 violation(s)")
    result = CliRunner().invoke(cli, ["ontology", "check", str(DATA / "broken.ttl")])
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: the ontology has ")
    assert "kgsh:CycleCheck" in result.stdout


def test_kg_ontology_check_finds_undeclared_terms_in_a_store(tmp_path: Path) -> None:
    where = tmp_path / "store"
    store = Store(str(where))
    store.add(
        Quad(
            NamedNode("urn:e"),
            NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            NamedNode(KGO + "Atack"),
            NamedNode("urn:g"),
        )
    )
    store.flush()
    del store
    result = CliRunner().invoke(cli, ["ontology", "check", "--store", str(where), "--format", "json"])
    assert result.exit_code == 3
    assert '"focus": "https://w3id.org/conflict-kg/ontology#Atack"' in result.stdout


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name == "href" and value and value.startswith("#"):
                self.links.add(value[1:])


@pytest.fixture(scope="module")
def page() -> str:
    return render_docs(
        store=fixture_store(), exclude_graphs=["https://w3id.org/conflict-kg/data/graph/_ontology"]
    )


def test_the_docs_have_a_section_for_every_class_and_property_and_no_broken_link(page: str) -> None:
    parser = _Anchors()
    parser.feed(page)
    terms = read_terms(_ontology())
    assert len(terms) > 60
    assert {iri.rsplit("#")[1] for iri in terms} <= parser.ids
    assert parser.links <= parser.ids


def test_the_docs_show_alignments_shapes_and_examples(page: str) -> None:
    section = re.search(r'<section id="DroneAttack">.*?</section>', page, re.S)
    assert section is not None
    text = section.group(0)
    assert "kgsh:AttackShape" in text and "kgsh:EventShape" in text
    assert "Example from the graph" in text and "kgo:DroneAttack" in text
    actor = re.search(r'<section id="Actor">.*?</section>', page, re.S)
    assert actor is not None and "sem:Actor" in actor.group(0) and "prov:Agent" in actor.group(0)
    assert 'id="shape-Attack-claimKind"' in page
    assert "Controlled vocabularies" in page and "ballistic missile" in page


def test_kg_ontology_docs_writes_the_page_and_the_files(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    result = CliRunner().invoke(
        cli, ["ontology", "docs", "-o", str(out), "--store", str(tmp_path / "none")], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert (out / "index.html").read_text().startswith("<!doctype html>")
    assert (out / "kg.ttl").is_file() and (out / "shapes-events.ttl").is_file()
    assert "Example from the graph" not in (out / "index.html").read_text()
