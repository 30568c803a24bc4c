"""kg diff"""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg import diff as kgdiff
from kg.cli import cli
from kg.cli.options import base_option


@cli.command("diff")
@click.argument("old", type=click.Path(exists=True, path_type=Path))
@click.argument("new", type=click.Path(exists=True, path_type=Path))
@base_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A readable report, or JSON for scripts.",
)
@click.option(
    "--write-tombstones",
    "tombstones",
    is_flag=True,
    help="Record removed events as tombstones in NEW (a store directory).",
)
@click.option(
    "--exit-code", is_flag=True, help="Exit with status 4 when the builds differ (like git diff --exit-code)."
)
def diff_cmd(old: Path, new: Path, base_iri: str, fmt: str, tombstones: bool, exit_code: bool) -> None:
    """List the events and relations added, removed or changed between two builds.

    OLD and NEW are each a store directory or a dump (kg dump -o FILE: TriG, N-Quads,
    JSON-LD...). An event keeps its IRI across builds when its article is read the same way; a
    changed event is listed with its old and new values. With --write-tombstones each removed
    event gets prov:invalidatedAtTime (and dcterms:isReplacedBy when a new event was read from the
    same sentence) in NEW's <base>graph/_tombstones graph.

    \b
    Examples:
      kg dump -o before.trig && kg build articles/ && kg diff before.trig .kg/store
      kg diff old.nq new.nq --format json
    """
    before = kgdiff.open_side(old)
    after = kgdiff.open_side(new, writable=tombstones)
    result = kgdiff.diff_stores(before, after)
    with click.open_file("-", "w", encoding="utf-8") as out:
        if fmt == "json":
            out.write(json.dumps(kgdiff.to_json(result), ensure_ascii=False, indent=2) + "\n")
        else:
            kgdiff.write_text(result, out)
    if tombstones:
        count = kgdiff.write_tombstones(after, result, base=base_iri)
        after.flush()
        click.echo(
            f"Wrote {count} tombstone(s) into <{kgdiff.tombstones_graph(base_iri)}> of {new}", err=True
        )
    if exit_code and not result.empty:
        raise SystemExit(4)
