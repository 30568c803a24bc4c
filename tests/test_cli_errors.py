"""Each error a newcomer meets is one line that names the fix, with the exit code the README gives
(1: a file, store or query to fix; 2: usage). The exact text is the contract, as sqlite-utils tests do."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "articles" / "wire-us-strikes-2024-02-03.txt"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("errors") / "store"
    result = CliRunner().invoke(
        cli, ["build", "-q", "--store", str(path), str(ARTICLE)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def test_a_mistyped_bundled_query_name_gets_the_close_one(store: Path) -> None:
    assert _run("query", "--store", str(store), "evnts") == (
        1,
        "Error: no bundled query evnts; did you mean events?\n",
    )


def test_an_undeclared_prefix_names_the_prefix_line_to_add(store: Path) -> None:
    assert _run("query", "--store", str(store), "SELECT * WHERE { ?s schema:name ?o }") == (
        1,
        "Error: malformed SPARQL query: undeclared prefix schema: add PREFIX schema: <http://schema.org/>"
        " (no prefix is predefined here)\n",
    )


def test_a_syntax_error_is_one_line_with_the_place(store: Path) -> None:
    code, err = _run("query", "--store", str(store), "SELECT * WHERE { ?s ?p }")
    assert code == 1
    assert err.startswith(
        "Error: malformed SPARQL query: syntax error at line 1, column 25 (the end of the query)"
    )
    assert err.endswith(', near "SELECT * WHERE { ?s ?p }"\n') and err.count("\n") == 1


def test_a_construct_query_refuses_a_table_format(store: Path) -> None:
    assert _run(
        "query", "--store", str(store), "--format", "csv", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    ) == (
        2,
        "Error: a CONSTRUCT or DESCRIBE query gives triples, not a table: use --format turtle, nt, jsonld or xml"
        " (or SELECT ?s ?p ?o for csv)\n",
    )


def test_a_select_query_refuses_a_graph_format(store: Path) -> None:
    assert _run("query", "--store", str(store), "--format", "turtle", "ASK { ?s ?p ?o }") == (
        2,
        "Error: a SELECT or ASK query gives a table, not triples: use --format table, csv, tsv, json or xml"
        " (or CONSTRUCT for turtle)\n",
    )


def test_dump_refuses_a_suffix_it_cannot_tell_the_format_of(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.foo"
    assert _run("dump", "--store", str(store), "-o", str(out)) == (
        2,
        "Error: kg dump cannot tell the format of out.foo: name the file with one of .json, .jsonld, .nq, .nt,"
        " .owl, .rdf, .trig, .ttl, .xml or give --format\n",
    )
    assert not out.exists()


def test_build_on_a_folder_without_articles_fails(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.csv").write_text("a,b\n")
    assert _run("build", "-q", "--store", str(tmp_path / "s"), str(tmp_path / "in")) == (
        1,
        f"Error: no articles under {tmp_path / 'in'}: kg reads .txt, .md, .html and .jsonl files\n",
    )
    assert not (tmp_path / "s").exists()


def test_a_folder_of_pdfs_says_to_convert_them(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.pdf").write_bytes(PDF)
    assert _run("build", "-q", "--store", str(tmp_path / "s"), str(tmp_path / "in")) == (
        1,
        f"Error: no articles under {tmp_path / 'in'}: kg reads .txt, .md, .html and .jsonl files"
        " (1 .pdf file(s) skipped: convert them to text first, e.g. with pdftotext)\n",
    )


def test_a_pdf_given_by_name_says_how_to_convert_it_and_the_rest_is_built(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(PDF)
    code, err = _run("build", "-q", "--store", str(tmp_path / "s"), str(pdf), str(ARTICLE))
    assert code == 1
    assert err.splitlines()[1:] == [
        f"  failed: {pdf}: a PDF file; kg reads text (.txt, .md, .html, .jsonl): convert it first,"
        f" e.g. pdftotext {pdf} {tmp_path / 'report.txt'}",
        "Error: 1 file(s) could not be built (listed above) and the others were: fix or convert those files"
        " and run kg build again",
    ]
    assert err.startswith("Built 1 article(s), skipped 0 unchanged, 1 failed:")


def test_serve_on_a_busy_port_is_one_line(store: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert _run("serve", "--store", str(store), "--port", str(port)) == (
            1,
            f"Error: port {port} on 127.0.0.1 is already in use (another kg serve?): stop that server or"
            f" choose another port with --port {port + 1}\n",
        )
