"""kg query"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from pyoxigraph import QueryTriples

from kg.cli import UsageProblem, cli
from kg.cli.options import store_option
from kg.sparql import read_query, run_query, write_results
from kg.store import open_store


@cli.command("query")
@click.argument("query_or_file")
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]),
    default="table",
    show_default=True,
    help="Result format; csv and tsv are the SPARQL 1.1 CSV/TSV results formats.",
)
def query_cmd(query_or_file: str, store: Path | None, fmt: str) -> None:
    """Run a SPARQL query: inline text, a .rq file, or the name of a bundled query.

    The default graph is the union of all graphs in the store.

    \b
    Examples:
      kg query events --format csv
      kg query queries/attacks-per-base.rq
      kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    text = read_query(query_or_file)
    oxi = open_store(store, read_only=True)
    result = run_query(oxi, text)
    if isinstance(result, QueryTriples) and fmt in {"csv", "tsv", "json"}:
        raise UsageProblem(
            f"a CONSTRUCT or DESCRIBE query gives triples, not a table: use --format turtle, nt, jsonld "
            f"or xml (or SELECT ?s ?p ?o for {fmt})"
        )
    if not isinstance(result, QueryTriples) and fmt in {"turtle", "nt", "jsonld"}:
        raise UsageProblem(
            f"a SELECT or ASK query gives a table, not triples: use --format table, csv, tsv, json or xml "
            f"(or CONSTRUCT for {fmt})"
        )
    write_results(result, sys.stdout.buffer, fmt)
