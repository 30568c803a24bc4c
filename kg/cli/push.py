"""kg push"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.cli.options import store_option
from kg.push import masked, push_store
from kg.store import open_store, store_path


@cli.command("push")
@click.argument("url")
@store_option
@click.option(
    "--graph",
    "graphs",
    metavar="IRI",
    multiple=True,
    help="Push only this named graph (repeatable)  [default: every graph]",
)
@click.option(
    "--connections",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="HTTP requests in flight at a time.",
)
def push_cmd(url: str, store: Path | None, graphs: tuple[str, ...], connections: int) -> None:
    """PUT every named graph of the store to the SPARQL 1.1 Graph Store endpoint URL.

    Each graph (one per article, plus ontology, reference data, incidents and build records)
    replaces the graph of the same name there, so pushing again is safe. Credentials go in the
    URL (http://user:password@host/...).

    \b
    Examples:
      kg push http://localhost:7878/store                        # oxigraph serve
      kg push http://localhost:3030/kg/data                      # Fuseki, dataset "kg"
      kg push http://localhost:7200/repositories/kg/rdf-graphs/service   # GraphDB
    """
    oxi = open_store(store, read_only=True)
    report = push_store(oxi, url, graphs=graphs or None, connections=connections)
    where = store_path(store)
    click.echo(
        f"Pushed {report.graphs} graph(s), {report.quads} quad(s) from {where} to {masked(url)}", err=True
    )
