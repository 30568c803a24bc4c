"""kg ontology check, kg ontology docs"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.cli.options import store_option
from kg.cli.validate import NotConformant
from kg.namespaces import Minter
from kg.ontology_docs import write_docs
from kg.store import open_store, store_path
from kg.validate import FORMATS
from kg.validate.ontology_checks import check_ontology, default_sources
from kg.validate.report import to_json, to_text, to_turtle


@cli.group("ontology")
def ontology_group() -> None:
    """Check the ontology (ROBOT report and OOPS! style) and write its documentation."""


@ontology_group.command("check")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--store",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Also look for undeclared kgo:/kgv: terms in the data of this store.",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Report format."
)
def check_cmd(files: tuple[Path, ...], store: Path | None, fmt: str) -> None:
    """Check the ontology FILES (default: the bundled ontology/kg.ttl and vocab.ttl).

    Runs the shapes of shapes/ontology/ (labels, definitions, known domains and ranges, version
    IRI, licence) and checks that no kgo:/kgv: term used in the shapes, the reference data, the
    queries (and the store, with --store) is undeclared, that no class or property is its own
    ancestor, and that no two classes or properties share a label.

    \b
    Exit status: 0 no violation, 3 violations, 1 error.

    \b
    Examples:
      kg ontology check
      kg ontology check my-ontology.ttl --format json
    """
    oxi = open_store(store, read_only=True) if store is not None else None
    report = check_ontology(list(files) or None, sources=default_sources(oxi, str(store) if store else ""))
    if fmt == "json":
        click.echo(to_json(report), nl=False)
    elif fmt == "turtle":
        click.echo(to_turtle(report), nl=False)
    else:
        click.echo(to_text(report, limit=0, title="kg ontology check"), nl=False)
    if not report.conforms:
        raise NotConformant(f"the ontology has {report.count('Violation')} violation(s); see the report")


@ontology_group.command("docs")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write.",
)
@store_option
@click.option("--no-examples", is_flag=True, help="Do not read examples from the store.")
def docs_cmd(output: Path, store: Path | None, no_examples: bool) -> None:
    """Write HTML documentation of every class, property, vocabulary and shape to OUTPUT/index.html.

    With a store (--store, $KG_STORE or ./.kg/store, when it exists), each class and property
    shows an example from the graph.

    \b
    Example:
      kg ontology docs -o site/ontology
    """
    where = store_path(store)
    oxi = None
    if not no_examples and where.is_dir() and any(where.iterdir()):
        oxi = open_store(where, read_only=True)
    minter = Minter()
    excluded = [str(minter.ontology_graph)]
    written = write_docs(output, store=oxi, exclude_graphs=excluded)
    click.echo(f"Wrote {written[0]} and {len(written) - 1} ontology and shapes file(s)", err=True)
