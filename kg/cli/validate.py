"""kg validate"""

from __future__ import annotations

from pathlib import Path

import click
from pyoxigraph import Store

from kg.cli import cli
from kg.cli.options import store_option
from kg.namespaces import Minter
from kg.store import open_store, store_path
from kg.validate import (
    FORMATS,
    CheckTiming,
    Report,
    ShapesGraph,
    load_data_file,
    load_shapes,
    validate_graphs,
    validate_store,
)
from kg.validate.report import short, to_json, to_text, to_turtle


class NotConformant(click.ClickException):
    """The graph has at least one result of severity sh:Violation: exit status 3."""

    exit_code = 3


def render(report: Report, fmt: str, *, limit: int = 0, shapes: ShapesGraph | None = None) -> str:
    """REPORT in FMT: text, json or turtle."""
    if fmt == "json":
        return to_json(report)
    if fmt == "turtle":
        return to_turtle(report, shapes.path_triples() if shapes else None)
    return to_text(report, limit=limit)


def validate_built(store: Store, base_iri: str, article_ids: list[str]) -> Report:
    """For ``kg build --validate``: check the nodes of the article graphs a build wrote, report on stderr."""
    minter = Minter(base_iri)
    graphs = [str(minter.graph(article)) for article in article_ids]
    if graphs:
        graphs.append(str(minter.incidents_graph))
    report = validate_graphs(store, graphs)
    click.echo(to_text(report, limit=10), err=True, nl=False)
    return report


@cli.command("validate")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@click.option(
    "--shapes",
    "shapes_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="A directory of SHACL shapes (*.ttl) or one shapes file  [default: the bundled shapes/]",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Report format."
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Text format: nodes listed per shape (0: all).",
)
@click.option(
    "--no-ontology",
    is_flag=True,
    help="With FILE: do not add the bundled ontology and reference data (the file has its own).",
)
@click.option("--profile", is_flag=True, hidden=True, help="Print the time of each check on stderr.")
def validate_cmd(
    file: Path | None,
    store: Path | None,
    shapes_path: Path | None,
    fmt: str,
    limit: int,
    no_ontology: bool,
    profile: bool,
) -> None:
    """Check the store (or an RDF FILE) against the SHACL shapes.

    The report groups results by shape and by node, names each node by its label and quotes the
    article and sentence it was read from. Warnings (such as an actor that is not in the reference
    data) are listed but do not fail validation.

    \b
    Exit status: 0 conforms (no violation), 3 does not conform, 1 error.

    \b
    Examples:
      kg validate                                  # the store in ./.kg/store
      kg validate graph.trig --format turtle       # a file; a standard sh:ValidationReport
      kg validate --shapes my-shapes/ --format json
    """
    shapes = load_shapes(shapes_path)
    if file is not None:
        oxi = load_data_file(file, with_ontology=not no_ontology)
    else:
        oxi = open_store(store_path(store), read_only=True)
    timings: list[CheckTiming] | None = [] if profile else None
    report = validate_store(oxi, shapes, timings=timings)
    click.echo(render(report, fmt, limit=limit, shapes=shapes), nl=False)
    for timing in sorted(timings or [], key=lambda t: -t.seconds):
        names = ",".join(c.name for c in timing.check.constraints)
        shape = short(timing.check.shape.node)
        click.echo(f"{timing.seconds:8.3f} s {timing.rows:6d} rows  {shape} {names}", err=True)
    if not report.conforms:
        raise NotConformant(
            f"the graph does not conform to the shapes: {report.count('Violation')} violation(s); see above"
        )
