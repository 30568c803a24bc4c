"""kg link"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.cli.options import base_option, store_option
from kg.link import RELATIONS, apply_links, propose, read_review, write_review
from kg.store import open_store


@cli.command("link")
@store_option
@base_option
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="A loaded graph to link to (repeatable)  [default: every graph loaded with kg load]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the review file (CSV) here instead of stdout.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=0.85,
    show_default=True,
    help="Score from which a clear best candidate is proposed as accept.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.65,
    show_default=True,
    help="Candidates scoring less are left out of the review file.",
)
@click.option(
    "--relation",
    type=click.Choice(["auto", *RELATIONS]),
    default="auto",
    show_default=True,
    help="Link property; auto = owl:sameAs when both sides have the same class, else skos:exactMatch.",
)
@click.option("--write", is_flag=True, help="Also write the accepted links into the store now.")
@click.option(
    "--apply",
    "apply_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Write the accepted rows of an edited review file, instead of proposing.",
)
def link_cmd(
    store: Path | None,
    base_iri: str,
    graphs: tuple[str, ...],
    output: Path | None,
    threshold: float,
    min_score: float,
    relation: str,
    write: bool,
    apply_file: Path | None,
) -> None:
    """Propose owl:sameAs / skos:exactMatch links between kg's actors and places and a loaded graph.

    Candidates are scored from labels and aliases, classes and coordinates (see `kg.link`) and
    written as a CSV review file: edit its decision column (accept, reject, review) or relation
    column (owl:sameAs, skos:exactMatch), then apply it with --apply. The links of each loaded
    graph are kept in their own named graph, <base>graph/_links/<name>, which holds exactly the
    accepted rows of the last file applied.

    \b
    Examples:
      kg load wikidata-iraq.ttl
      kg link -o links.csv            # propose; review links.csv in a spreadsheet
      kg link --apply links.csv       # write the accepted rows
      kg link --write                 # or trust the accepted proposals as they are
    """
    if apply_file is not None:
        oxi = open_store(store)
        done = apply_links(oxi, read_review(apply_file), base=base_iri, source=apply_file)
        oxi.flush()
        for item in done:
            click.echo(f"Wrote {item.links} link(s) to <{item.graph}> into <{item.links_graph}>", err=True)
        return
    oxi = open_store(store) if write else open_store(store, read_only=True)
    report = propose(
        oxi, list(graphs) or None, base=base_iri, threshold=threshold, minimum=min_score, relation=relation
    )
    with click.open_file(str(output) if output else "-", "w", encoding="utf-8") as out:
        write_review(report.proposals, out)
    accepted, review = report.count("accept"), report.count("review")
    click.echo(
        f"{len(report.proposals)} candidate(s) between {report.kg_entities} kg actors and places and "
        f"{report.other_entities} loaded entities: {accepted} accept, {review} review; "
        f"{report.already_linked} already linked" + (f"; review file: {output}" if output else ""),
        err=True,
    )
    if write:
        done = apply_links(oxi, report.proposals, base=base_iri)
        oxi.flush()
        for item in done:
            click.echo(f"Wrote {item.links} link(s) to <{item.graph}> into <{item.links_graph}>", err=True)
