"""kg build"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from kg.build import build
from kg.buildcache import cache_dir
from kg.cli import cli
from kg.cli.options import base_option, store_option
from kg.cli.validate import NotConformant, validate_built
from kg.ingest import iter_files
from kg.ingest.readers import DEFAULT_READER, READERS, check_reader
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
    "--spool",
    metavar="URL",
    default=None,
    help="With --scheduler: a folder or fsspec URL (s3://bucket/kg) that the Dask workers and this "
    "process can both reach; the workers write their graphs there as load files instead of sending "
    "them back.",
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
    "--license",
    "license_",
    metavar="IRI",
    default=None,
    help="Licence of the data: an IRI, or an SPDX id such as CC0-1.0; kept in the store  "
    "[default: the store's, else CC BY 4.0]",
)
@click.option(
    "--rights",
    metavar="TEXT",
    default=None,
    help="Rights statement of the data (dcterms:rights)  [default: the store's, else one saying the "
    "quoted sentences stay their publishers' copyright]",
)
@click.option(
    "--html-reader",
    type=click.Choice(READERS),
    default=DEFAULT_READER,
    show_default=True,
    help="What reads HTML pages: kg's own rules, or trafilatura and htmldate (pip install 'kg[html]').",
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
    spool: str | None,
    remote: str | None,
    batch_size: int,
    load_size: int,
    article_timeout: float,
    quiet: bool,
    verbose: bool,
    check: bool,
    license_: str | None,
    rights: str | None,
    html_reader: str,
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
      kg build corpus/ --scheduler tcp://10.0.0.5:8786 --spool s3://bucket/kg-spool
      kg build corpus/ --remote http://localhost:7878/store
    """
    check_reader(html_reader)
    license_iri = _license_iri(license_) if license_ else None
    unreadable = [p for p in paths if p.is_file() and _foreign(p)]
    paths = tuple(p for p in paths if p not in unreadable)
    if unreadable and not paths:
        for path in unreadable:
            click.echo(f"  failed: {_foreign_message(path)}", err=True)
        raise click.ClickException(f"{len(unreadable)} file(s) could not be built (listed above)")
    if not unreadable and not prune and next(iter_files(paths), None) is None:
        raise click.ClickException(
            f"no articles under {_shown(paths)}: kg reads .txt, .md, .html and .jsonl files"
            + _skipped_note(paths)
        )
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
            license=license_iri,
            rights=rights,
            article_timeout=article_timeout or None,
            html_reader=html_reader,
            spool=spool,
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
        f"{len(report.failed) + len(unreadable)} failed: {report.events} attack event(s), "
        f"{report.relations} relation(s) "
        f"in {where}{extra}",
        err=True,
    )
    for graph in report.pruned if verbose else []:
        click.echo(f"  pruned: {graph}", err=True)
    validation = validate_built(oxi, base_iri, report.built) if check else None
    failed = [_foreign_message(p) for p in unreadable] + report.failed
    if failed:
        for message in failed:
            click.echo(f"  failed: {message}", err=True)
        raise click.ClickException(
            f"{len(failed)} file(s) could not be built (listed above) and the others were: "
            "fix or convert those files and run kg build again"
        )
    if validation is not None and not validation.conforms:
        raise NotConformant(f"what this build added does not conform to the shapes: {validation.summary()}")


def _shown(paths: tuple[Path, ...]) -> str:
    return " ".join(str(p) for p in paths)


# Formats people save articles in that kg cannot read, and the tool that turns each into text.
_CONVERTERS = {
    ".pdf": "pdftotext {file} {txt}",
    ".doc": "libreoffice --convert-to txt {file}",
    ".docx": "libreoffice --convert-to txt {file}",
    ".odt": "libreoffice --convert-to txt {file}",
    ".rtf": "libreoffice --convert-to txt {file}",
    ".epub": "pandoc {file} -t plain -o {txt}",
}


def _foreign(path: Path) -> bool:
    """A document kg cannot read (PDF, word processor), by its suffix or a PDF's first bytes."""
    if path.suffix.lower() in _CONVERTERS:
        return True
    with path.open("rb") as f:
        return f.read(5) == b"%PDF-"


def _foreign_message(path: Path) -> str:
    """What to do with PATH, a document kg cannot read (:func:`_foreign`)."""
    suffix = path.suffix.lower() if path.suffix.lower() in _CONVERTERS else ".pdf"
    kind = "a PDF file" if suffix == ".pdf" else f"a {suffix} document"
    command = _CONVERTERS[suffix].format(file=path, txt=path.with_suffix(".txt"))
    return f"{path}: {kind}; kg reads text (.txt, .md, .html, .jsonl): convert it first, e.g. {command}"


def _skipped_note(paths: tuple[Path, ...]) -> str:
    """What the folders under PATHS hold instead of articles, when it is a format kg cannot read."""
    found: dict[str, int] = {}
    for folder in paths:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.suffix.lower() in _CONVERTERS:
                    found[path.suffix.lower()] = found.get(path.suffix.lower(), 0) + 1
    if not found:
        return ""
    counts = ", ".join(f"{n} {suffix}" for suffix, n in sorted(found.items()))
    return f" ({counts} file(s) skipped: convert them to text first, e.g. with pdftotext)"


def _license_iri(value: str) -> str:
    """
    >>> _license_iri("CC0-1.0")
    'https://spdx.org/licenses/CC0-1.0'
    """
    if re.fullmatch(r"[A-Za-z0-9.+-]+", value):
        return f"https://spdx.org/licenses/{value}"
    if not re.match(r"https?://\S+$", value):
        raise click.BadParameter(
            f"{value!r} is neither a licence IRI (https://...) nor an SPDX id such as CC-BY-4.0",
            param_hint="--license",
        )
    return value
