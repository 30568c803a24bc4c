"""kg load"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.cli.options import base_option, store_option
from kg.loader import FORMAT_NAMES, load_files, loaded_graphs
from kg.store import open_store, store_path


@cli.command("load")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@base_option
@click.option(
    "--graph",
    "graph",
    default=None,
    metavar="IRI",
    help="Load every FILE into this named graph  [default: <base>graph/_loaded/<file stem>, one per file]",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMAT_NAMES)),
    default=None,
    help="RDF syntax of the files  [default: from the suffix, .gz looked through]",
)
@click.option("--list", "list_only", is_flag=True, help="List the graphs loaded so far and exit.")
def load_cmd(
    files: tuple[Path, ...],
    store: Path | None,
    base_iri: str,
    graph: str | None,
    fmt: str | None,
    list_only: bool,
) -> None:
    """Load other RDF (Wikidata extracts, gazetteers, event datasets) next to kg's graph.

    Each FILE goes into its own named graph, replacing what an earlier load put there; its file
    name, SHA-256, size and load time are recorded in the build-provenance graph. Turtle,
    N-Triples, N-Quads, TriG, JSON-LD, RDF/XML and N3 are read, gzipped or not. If any file is
    malformed, nothing is loaded and the error names the file and the line.

    \b
    Examples:
      kg load wikidata-iraq.ttl.gz
      kg load geonames-iq.nt --graph https://example.org/graph/geonames
      kg link --graph https://w3id.org/conflict-kg/data/graph/_loaded/wikidata-iraq
    """
    if list_only:
        for item in loaded_graphs(open_store(store, read_only=True), base_iri):
            state = "" if item.complete else "\tINCOMPLETE: a load was stopped part way; load the files again"
            click.echo(f"{item.graph}\t{item.triples}\t{item.loaded_at}\t{' '.join(item.sources)}{state}")
        return
    if not files:
        raise click.UsageError("give at least one FILE to load (or --list)")
    oxi = open_store(store)
    reports = load_files(oxi, files, graph=graph, fmt=fmt, base=base_iri)
    oxi.flush()
    for report in reports:
        names = ", ".join(f.path.name for f in report.files)
        click.echo(f"Loaded {report.triples:,} triple(s) from {names} into <{report.graph}>", err=True)
    click.echo(f"Store: {store_path(store)}", err=True)
