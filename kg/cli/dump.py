"""kg dump"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import UsageProblem, cli
from kg.cli.options import store_option
from kg.store import RDF_FORMATS, SUFFIX_FORMATS, dump, open_store, rdf_format


@cli.command("dump")
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(RDF_FORMATS)),
    default=None,
    help="Output format  [default: from the -o suffix, else trig]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of stdout.",
)
def dump_cmd(store: Path | None, fmt: str | None, output: Path | None) -> None:
    """Write the whole graph. Dataset formats (trig, nquads, jsonld) keep one named graph per article;
    triple formats (turtle, nt, xml) give their union.

    \b
    Examples:
      kg dump -o graph.trig
      kg dump --format nquads | sort > graph.nq
    """
    suffix = next((s.lower() for s in reversed(output.suffixes) if s.lower() != ".gz"), "") if output else ""
    if output is not None and fmt is None and suffix not in SUFFIX_FORMATS:
        suffixes = ", ".join(sorted(SUFFIX_FORMATS))
        raise UsageProblem(
            f"kg dump cannot tell the format of {output.name}: name the file with one of {suffixes} "
            "or give --format"
        )
    name = rdf_format(fmt, output) if (fmt or output) else "trig"
    oxi = open_store(store, read_only=True)
    if output is None:
        dump(oxi, sys.stdout.buffer, name)
        return
    with output.open("wb") as out:
        dump(oxi, out, name)
    click.echo(f"Wrote {output} ({name})", err=True)
