"""kg report"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.cli.options import store_option
from kg.store import open_store


@cli.command("report")
@store_option
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The HTML file to write.",
)
@click.option("--title", default="kg report", show_default=True, help="Title of the report.")
def report_cmd(store: Path | None, output: Path, title: str) -> None:
    """Write the map, timeline and actor network as one self-contained HTML file.

    The file holds the drawings' script, the map outlines and the query results inline, so it
    opens offline and can be shared as it is. Each view can be saved as SVG or PNG from the page.

    \b
    Examples:
      kg report -o report.html
      kg report --store ./my.store -o out/attacks.html --title "Attacks, Oct 2023 - Feb 2024"
    """
    from kg.views import write_report

    if not output.parent.is_dir():
        raise click.BadParameter(
            f"{output.parent} is not a directory; create it first", param_hint="--output"
        )
    report = write_report(open_store(store, read_only=True), output, title=title)
    counts = report.counts
    click.echo(
        f"Wrote {output}: {counts['attacks']} attacks at {counts['places']} places, "
        f"{counts['actors']} actors, {counts['links']} links",
        err=True,
    )
