"""kg validate and kg build --validate: exit codes, the three report formats, validating what a build added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse
from validate_fixtures import MINTER, fixture_store, write_trig

from kg.cli import cli
from kg.cli.validate import NotConformant
from kg.namespaces import PREFIXES
from kg.validate import load_shapes, validate_graphs, validate_store
from kg.validate.engine import graph_subjects, validate
from kg.validate.lexical import well_formed
from kg.validate.shapes import SH

XSD = "http://www.w3.org/2001/XMLSchema#"
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
NO_CLAIM_KIND = PROLOGUE + (
    "DELETE { GRAPH ?g { ?e kgo:claimKind ?k } } WHERE { GRAPH ?g { ?e a kgo:DroneAttack ; kgo:claimKind ?k } }"
)


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.trig"
    write_trig(fixture_store(), path)
    return path


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    store = fixture_store()
    store.update(NO_CLAIM_KIND)
    path = tmp_path / "bad.trig"
    write_trig(store, path)
    return path


def test_a_conforming_file_exits_0_and_lists_its_warning(good_file: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(good_file)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("kg validate: conforms: 0 violation(s), 1 warning(s)")
    assert "Brigades of the Dawn" in result.stdout
    assert "Rockets struck near Erbil on Saturday." in result.stdout


def test_a_violation_exits_3_naming_the_event_and_quoting_its_sentence(bad_file: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(bad_file)])
    assert result.exit_code == NotConformant.exit_code == 3
    assert result.stderr == "Error: the graph does not conform to the shapes: 1 violation(s); see above\n"
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("VIOLATION  kgsh:Attack-claimKind"))
    assert "MinCountConstraintComponent on kgo:claimKind; 1 node(s)" in lines[header]
    assert lines[header + 2].startswith("  - drone attack on Ain al-Asad Air Base (2024-01-20)  ")
    assert "t001_fixture-" in lines[header + 2]
    assert lines[header + 3] == (
        '      from "Drones hit Ain al-Asad" (t001_fixture.txt): "Drones hit Ain al-Asad Air Base in Anbar on '
        'January 20, 2024, injuring three US service members."'
    )


def test_the_turtle_report_is_a_standard_validation_report(bad_file: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(bad_file), "--format", "turtle"])
    assert result.exit_code == 3
    triples = list(parse(input=result.stdout.encode(), format=RdfFormat.TURTLE))
    store = Store()
    store.extend(Quad(t.subject, t.predicate, t.object) for t in triples)
    rows = list(
        store.query(
            "PREFIX sh: <http://www.w3.org/ns/shacl#> SELECT ?conforms ?shape ?focus ?severity WHERE { "
            "?r a sh:ValidationReport ; sh:conforms ?conforms ; sh:result ?x . ?x a sh:ValidationResult ; "
            "sh:sourceShape ?shape ; sh:focusNode ?focus ; sh:resultSeverity ?severity ; "
            "sh:sourceConstraintComponent ?c ; sh:resultMessage ?m ; sh:resultPath ?path }"
        )
    )
    assert {(r["shape"].value.rsplit("#", 1)[1], r["severity"].value.rsplit("#", 1)[1]) for r in rows} == {
        ("Attack-claimKind", "Violation"),
        ("Actor-in-reference", "Warning"),
    }
    assert {r["conforms"] for r in rows} == {Literal("false", datatype=NamedNode(XSD + "boolean"))}


def test_the_json_report_carries_labels_and_evidence(bad_file: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(bad_file), "--format", "json"])
    body = json.loads(result.stdout)
    assert (body["conforms"], body["violations"], body["warnings"]) == (False, 1, 1)
    violation = body["results"][0]
    assert violation["shape"] == "kgsh:Attack-claimKind"
    assert violation["label"] == "drone attack on Ain al-Asad Air Base (2024-01-20)"
    assert violation["evidence"]["source_file"] == "t001_fixture.txt"
    assert violation["evidence"]["sentence"].startswith("Drones hit Ain al-Asad Air Base")


def test_a_store_is_validated_read_only(tmp_path: Path) -> None:
    where = tmp_path / "store"
    disk = Store(str(where))
    disk.extend(fixture_store())
    disk.update(NO_CLAIM_KIND)
    disk.flush()
    del disk
    result = CliRunner().invoke(cli, ["validate", "--store", str(where), "--format", "json"])
    assert result.exit_code == 3
    assert json.loads(result.stdout)["violations"] == 1


def test_custom_shapes_and_an_unreadable_file_and_non_core_shapes(good_file: Path, tmp_path: Path) -> None:
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "titles.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kgo: <https://w3id.org/conflict-kg/ontology#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass kgo:Article ; sh:property [ sh:path dcterms:title ; "
        'sh:minCount 1 ; sh:message "An article needs a title." ] .\n'
    )
    result = CliRunner().invoke(
        cli, ["validate", str(good_file), "--shapes", str(shapes), "--format", "json"]
    )
    assert result.exit_code == 3
    assert [r["message"] for r in json.loads(result.stdout)["results"]] == ["An article needs a title."]

    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .")
    result = CliRunner().invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {broken}: not valid turtle:")

    (shapes / "sparql.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        '<urn:t> a sh:NodeShape ; sh:targetNode <urn:x> ; sh:sparql [ sh:select "SELECT $this {}" ] .\n'
    )
    result = CliRunner().invoke(cli, ["validate", str(good_file), "--shapes", str(shapes)])
    assert result.exit_code == 1
    assert "sh:sparql is not SHACL Core" in result.stderr


def test_validating_graphs_looks_only_at_their_nodes() -> None:
    store = fixture_store()
    store.update(NO_CLAIM_KIND)  # breaks an attack of t001
    store.update(
        PROLOGUE + "DELETE { GRAPH ?g { ?e kgo:claimKind ?k } } WHERE { GRAPH ?g { ?e a kgo:RocketAttack ; "
        "kgo:claimKind ?k } }"
    )  # and one of t002
    shapes = load_shapes()
    everything = validate_store(store, shapes)
    assert everything.count("Violation") == 2
    first = validate_graphs(store, [str(MINTER.graph("t001_fixture"))], shapes)
    assert [(r.shape.value.rsplit("#")[1], r.focus.value.split("/")[-1][:13]) for r in first.results] == [
        ("Attack-claimKind", "t001_fixture-")
    ]
    assert validate_graphs(store, [], shapes).results == ()


@pytest.mark.slow
def test_build_validate_reports_what_was_built(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "Rockets hit Ain al-Asad Air Base in Anbar on January 20, 2024. Kata'ib Hezbollah claimed the attack.\n"
    )
    where = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(articles), "--store", str(where), "--validate", "-q"])
    assert "Built 1 article(s)" in result.stderr
    assert "kg validate: " in result.stderr
    store = Store.read_only(str(where))
    graphs = [str(MINTER.graph("a.txt")), str(MINTER.incidents_graph)]
    assert graph_subjects(store, graphs)  # the build wrote the graphs kg build --validate looks at
    report = validate_graphs(store, graphs)
    assert result.exit_code == (0 if report.conforms else 3)
    assert report.summary() in result.stderr


@pytest.mark.parametrize(
    ("lexical", "datatype", "ok"),
    [
        ("2024-02-29", "date", True),
        ("2024-02-30", "date", False),
        ("2023-02-29", "date", False),
        ("2024-1-5", "date", False),
        ("2024-01-05T10:00:00Z", "dateTime", True),
        ("12", "integer", True),
        ("twelve", "integer", False),
        ("true", "boolean", True),
        ("yes", "boolean", False),
        ("abc", "nonNegativeInteger", False),
        ("1.5", "decimal", True),
    ],
)
def test_lexical_forms(lexical: str, datatype: str, ok: bool) -> None:
    store = Store()
    store.add(
        Quad(NamedNode("urn:s"), NamedNode("urn:p"), Literal(lexical, datatype=NamedNode(XSD + datatype)))
    )
    test = well_formed("?v", XSD + datatype)
    assert test is not None
    assert bool(store.query(f"ASK {{ ?s ?p ?v FILTER({test}) }}")) is ok


def test_a_violation_result_names_its_severity_and_component() -> None:
    store = fixture_store()
    store.update(NO_CLAIM_KIND)
    (result,) = [r for r in validate_store(store).results if r.severity.value == SH + "Violation"]
    assert result.component.value == SH + "MinCountConstraintComponent"
    assert result.message.startswith("An attack has exactly one kgo:claimKind")


def test_a_large_focus_is_validated_in_one_pass_with_the_same_results() -> None:
    store = fixture_store()
    store.update(NO_CLAIM_KIND)
    shapes = load_shapes()
    focus = graph_subjects(store, [str(MINTER.graph("t001_fixture"))])
    batched = validate(store, shapes, focus=focus, describe=False)
    one_pass = validate(store, shapes, focus=focus, describe=False, full_pass_above=0)
    assert sorted(r.key() for r in one_pass.results) == sorted(r.key() for r in batched.results)
    assert [r.shape.value.rsplit("#")[1] for r in batched.results] == ["Attack-claimKind"]
