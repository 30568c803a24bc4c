"""kg stats"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.cli.options import store_option
from kg.stats import store_stats
from kg.store import open_store, store_path


@cli.command("stats")
@store_option
def stats_cmd(store: Path | None) -> None:
    """Counts of what the store holds: articles, events by type, actors, places, relations."""
    oxi = open_store(store, read_only=True)
    click.echo(f"store: {store_path(store)}")
    for name, value in store_stats(oxi):
        click.echo(f"{name:<28}{value:>10,}")
