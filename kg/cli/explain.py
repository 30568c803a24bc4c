"""kg explain"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.errors import ArticleError, KgError
from kg.explain import explain_json, explain_text
from kg.ingest import read_file


@cli.command("explain")
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--model", default=None, help="An installed spaCy pipeline to add (default: rule-based only).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain_cmd(article: Path, model: str | None, fmt: str) -> None:
    """Show why each event and relation of ARTICLE is in the graph.

    For every event and relation: the sentence (with its character offsets in the cleaned text),
    the rule that fired and the words it matched. Reads the file afresh with the same extractor
    as `kg build`, so what it shows is what a build of that file stores.

    \b
    Example:
      kg explain examples/articles/wire-us-strikes-2024-02-03.txt
    """
    from kg.extract import load_extractor  # spaCy loads only for the commands that extract

    extractor = load_extractor(model)
    items = list(read_file(article))
    errors = [i for i in items if isinstance(i, ArticleError)]
    if errors and len(errors) == len(items):
        raise KgError(str(errors[0]))
    for item in items:
        if isinstance(item, ArticleError):
            click.echo(f"skipped: {item}", err=True)
            continue
        extraction = extractor.extract(item)
        click.echo(explain_json(item, extraction) if fmt == "json" else explain_text(item, extraction))
