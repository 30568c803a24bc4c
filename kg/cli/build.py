"""kg build"""

from __future__ import annotations

from pathlib import Path

import click

from kg.build import build
from kg.cli import cli
from kg.cli.options import base_option, store_option
from kg.cli.validate import NotConformant, validate_built
from kg.ingest import iter_files
from kg.store import open_store, store_path


@cli.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_option
@base_option
@click.option("--model", default=None, help="An installed spaCy pipeline to add (default: rule-based only).")
@click.option("--force", is_flag=True, help="Re-extract every article, even unchanged ones.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--validate", "check", is_flag=True, help="Check what was built against the shapes (exit 3: fails)."
)
def build_cmd(paths: tuple[Path, ...], store: Path | None, base_iri: str, model: str | None, force: bool,
              quiet: bool, check: bool) -> None:
    """Read the articles under PATHS (.txt, .html, .jsonl) into the store.

    Unchanged articles are skipped; a changed article replaces its named graph. A file that
    cannot be read is reported and the rest of the batch is still built; the command then ends
    with status 1.

    \b
    Example:
      kg build examples/articles --store ./my.store
    """
    files = list(iter_files(paths))
    where = store_path(store)
    oxi = open_store(where)
    with click.progressbar(length=len(files), label="Building", file=click.get_text_stream("stderr"),
                           hidden=quiet or len(files) < 2) as bar:
        report = build(paths, oxi, base=base_iri, model=model, force=force, on_file=lambda _: bar.update(1))
    oxi.flush()
    click.echo(
        f"Built {len(report.built)} article(s), skipped {len(report.skipped)} unchanged, "
        f"{len(report.failed)} failed: {report.events} attack event(s), {report.relations} relation(s) "
        f"in {where}",
        err=True,
    )
    validation = validate_built(oxi, base_iri, report.built) if check else None
    if report.failed:
        for message in report.failed:
            click.echo(f"  failed: {message}", err=True)
        raise click.ClickException(f"{len(report.failed)} file(s) could not be built (see above); the rest was")
    if validation is not None and not validation.conforms:
        raise NotConformant(f"what this build added does not conform to the shapes: {validation.summary()}")
