"""kg build"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.build import build
from kg.buildcache import cache_dir
from kg.cli import cli
from kg.cli.options import base_option, store_option
from kg.cli.validate import NotConformant, validate_built
from kg.ingest import iter_files
from kg.push import masked
from kg.store import open_store, store_path


@cli.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_option
@base_option
@click.option("--model", default=None, help="An installed spaCy pipeline to add (default: rule-based only).")
@click.option("--force", is_flag=True, help="Re-extract every article, even unchanged ones.")
@click.option(
    "--prune",
    is_flag=True,
    help="Drop the graphs of articles no longer under PATHS (deleted files): the store keeps these only.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extraction processes (with --dask: workers of the local Dask cluster).",
)
@click.option("--dask", "use_dask", is_flag=True, help="Extract on a local Dask cluster of --jobs workers.")
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786).",
)
@click.option(
    "--remote",
    metavar="URL",
    default=None,
    help="Also PUT each graph to this SPARQL 1.1 Graph Store endpoint (e.g. http://host:7878/store).",
)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=32, show_default=True, help="Articles per task."
)
@click.option(
    "--load-size", type=click.IntRange(min=1), default=2500, hidden=True, help="Articles per bulk load."
)
@click.option(
    "--article-timeout",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="Stop extracting one article after this long and report it (0: no limit). Applies in the "
    "build process and --jobs processes, not on Dask.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--validate", "check", is_flag=True, help="Check what was built against the shapes (exit 3: fails)."
)
@click.option(
    "--verbose", "-v", is_flag=True, help="A line on stderr each time articles are written to the store."
)
def build_cmd(
    paths: tuple[Path, ...],
    store: Path | None,
    base_iri: str,
    model: str | None,
    force: bool,
    prune: bool,
    jobs: int,
    use_dask: bool,
    scheduler: str | None,
    remote: str | None,
    batch_size: int,
    load_size: int,
    article_timeout: float,
    quiet: bool,
    verbose: bool,
    check: bool,
) -> None:
    """Read the articles under PATHS (.txt, .html, .jsonl) into the store.

    Unchanged articles are skipped; a changed article replaces its named graph. A file that
    cannot be read is reported and the rest of the batch is still built; the command then ends
    with status 1. An interrupted build (even kill -9) is safe to run again: it finishes the job
    without duplicating or losing anything.

    \b
    Examples:
      kg build examples/articles --store ./my.store
      kg build corpus/ --jobs 2                          # two extraction processes
      kg build corpus/ --prune                           # and drop the articles deleted from corpus/
      kg build corpus/ --scheduler tcp://10.0.0.5:8786   # extract on a Dask cluster
      kg build corpus/ --remote http://localhost:7878/store
    """
    # For the progress bar (the build walks the files again): not worth a walk of a large corpus
    # when there is no bar to show.
    files = 0 if quiet or verbose else sum(1 for _ in iter_files(paths))
    where = store_path(store)
    oxi = open_store(where)

    def loaded(count: int) -> None:
        if verbose:
            click.echo(f"Stored {count} article(s)", err=True)

    with click.progressbar(
        length=files,
        label="Building",
        file=sys.stderr,
        hidden=quiet or verbose or files < 2,
    ) as bar:
        report = build(
            paths,
            oxi,
            base=base_iri,
            model=model,
            force=force,
            on_file=lambda _: bar.update(1),
            jobs=jobs,
            scheduler=scheduler or ("local" if use_dask else None),
            remote=remote,
            batch_size=batch_size,
            load_size=load_size,
            on_load=loaded,
            cache=cache_dir(where),
            prune=prune,
            article_timeout=article_timeout or None,
        )
    oxi.flush()
    extra = f", pushed {report.pushed} graph(s) to {masked(remote)}" if remote else ""
    if report.repaired:
        extra += f"; dropped {report.repaired} incomplete graph(s) left by an interrupted build"
    if report.pruned:
        extra += f"; pruned {len(report.pruned)} graph(s) of articles no longer under {_shown(paths)}"
    if report.migrated:
        extra += f"; replaced {len(report.migrated)} graph(s) built under the ids older kg gave"
    if report.not_pruned:
        extra += f"; pruned nothing: {report.not_pruned}"
    click.echo(
        f"Built {len(report.built)} article(s), skipped {len(report.skipped)} unchanged, "
        f"{len(report.failed)} failed: {report.events} attack event(s), {report.relations} relation(s) "
        f"in {where}{extra}",
        err=True,
    )
    for graph in report.pruned if verbose else []:
        click.echo(f"  pruned: {graph}", err=True)
    validation = validate_built(oxi, base_iri, report.built) if check else None
    if report.failed:
        for message in report.failed:
            click.echo(f"  failed: {message}", err=True)
        raise click.ClickException(
            f"{len(report.failed)} file(s) could not be built (see above); the rest was"
        )
    if validation is not None and not validation.conforms:
        raise NotConformant(f"what this build added does not conform to the shapes: {validation.summary()}")


def _shown(paths: tuple[Path, ...]) -> str:
    return " ".join(str(p) for p in paths)
