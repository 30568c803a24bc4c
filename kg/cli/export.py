"""kg export"""

from __future__ import annotations

from pathlib import Path

import click

from kg import licence
from kg.cli import cli
from kg.cli.options import store_option
from kg.export import FORMATS, acled_rows, plover_records, read_events, write_csv, write_jsonl, write_parquet
from kg.jsonld import frame_event, write_json
from kg.store import open_store


@cli.group("export")
def export_group() -> None:
    """Export events in the shapes analysts use (ACLED-like tables, PLOVER-like JSON, JSON-LD).

    The mapping of every column and field is documented in docs/export.md.
    """


@export_group.command("events")
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="csv, parquet: ACLED-like columns; jsonl: PLOVER-like  [default: from the -o suffix, else csv]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of stdout (required for parquet).",
)
@click.option(
    "--raw",
    is_flag=True,
    help="CSV: write text cells as they are; by default one starting with = + - @ gets a leading ' "
    "so that a spreadsheet does not run it as a formula.",
)
def events_cmd(store: Path | None, fmt: str | None, output: Path | None, raw: bool) -> None:
    """Every attack event, one row (or JSON line) per article's account of it.

    \b
    Examples:
      kg export events --format csv > events.csv
      kg export events -o events.parquet
      kg export events --format jsonl | jq .event_loc
    """
    name = fmt or (
        output.suffix.lstrip(".").lower() if output and output.suffix.lstrip(".") in FORMATS else "csv"
    )
    oxi = open_store(store, read_only=True)
    snapshot = read_events(oxi)
    terms = licence.of(oxi)
    if name == "parquet":
        if output is None:
            raise click.UsageError("Parquet is binary: give a file with -o events.parquet")
        write_parquet(acled_rows(snapshot), str(output), metadata=terms.as_dict())
    else:
        with click.open_file(str(output) if output else "-", "w", encoding="utf-8") as out:
            if name == "csv":
                write_csv(acled_rows(snapshot), out, raw=raw)
            else:
                write_jsonl(plover_records(snapshot), out)
    if output is not None and name != "parquet":
        licence.write_metadata(output, name, terms)
    if output is not None:
        click.echo(f"Wrote {len(snapshot.events)} event(s) to {output} ({name})", err=True)
    click.echo(
        f"Licence: {terms.license}; the quoted sentences stay their publishers' copyright"
        + (f" (see {licence.metadata_path(output)})" if output is not None and name != "parquet" else ""),
        err=True,
    )


@export_group.command("event")
@click.argument("event")
@store_option
@click.option(
    "--context-url",
    default=None,
    metavar="URL",
    help="Refer to the published @context at URL instead of embedding it.",
)
def event_cmd(event: str, store: Path | None, context_url: str | None) -> None:
    """One event as framed JSON-LD: the event with its actors, places, sentences and article embedded.

    EVENT is the event IRI or its local name (the event_id column of the CSV export).

    \b
    Example:
      kg export event tower-22-62a8ddb2e4
    """
    oxi = open_store(store, read_only=True)
    document = frame_event(oxi, event, context_url=context_url)
    terms = licence.of(oxi)
    document["dcterms:license"] = {"id": terms.license}
    document["dcterms:rights"] = terms.rights
    with click.open_file("-", "w", encoding="utf-8") as out:
        write_json(document, out)
