"""kg explain"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from pyoxigraph import Literal, NamedNode

from kg.build import ATTRIBUTED, CONTENT_HASH, data_fingerprint, extractor_iri
from kg.cli import cli
from kg.cli.options import base_option, store_option
from kg.errors import ArticleError, KgError
from kg.explain import explain_json, explain_text
from kg.ingest import Article, read_file
from kg.ingest.readers import DEFAULT_READER, READERS, check_reader
from kg.namespaces import Minter
from kg.store import count, open_store, store_path


@cli.command("explain")
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--model", default=None, help="An installed spaCy pipeline to add (default: rule-based only).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--html-reader",
    type=click.Choice(READERS),
    default=DEFAULT_READER,
    show_default=True,
    help="What reads an HTML page: as kg build --html-reader.",
)
@store_option
@base_option
def explain_cmd(
    article: Path, model: str | None, fmt: str, html_reader: str, store: Path | None, base_iri: str
) -> None:
    """Show why each event and relation of ARTICLE is in the graph.

    For every event and relation: the sentence (with its character offsets in the cleaned text),
    the rule that fired and the words it matched. Reads the file afresh with the same extractor
    as `kg build`, so what it shows is what a build of that file stores. When there is a store
    (--store, $KG_STORE or ./.kg/store), it also says whether the store holds this reading of the
    file, and under which graph.

    \b
    Example:
      kg explain examples/articles/wire-us-strikes-2024-02-03.txt
    """
    from kg.extract import load_extractor  # spaCy loads only for the commands that extract

    check_reader(html_reader)
    extractor = load_extractor(model)
    items = list(read_file(article, html_reader=html_reader))
    errors = [i for i in items if isinstance(i, ArticleError)]
    if errors and len(errors) == len(items):
        raise KgError(str(errors[0]))
    for item in items:
        if isinstance(item, ArticleError):
            click.echo(f"skipped: {item}", err=True)
            continue
        extraction = extractor.extract(item)
        state = _in_store(store, base_iri, item, html_reader)
        if fmt == "json":
            text = explain_json(item, extraction)
            if state is not None:
                body = json.loads(text)
                body["store"] = state
                text = json.dumps(body, indent=2) + "\n"
            click.echo(text)
        else:
            click.echo(explain_text(item, extraction))
            if state is not None:
                click.echo(_store_line(state))


def _in_store(store: Path | None, base_iri: str, article: Article, html_reader: str) -> dict[str, Any] | None:
    """What the store holds of ARTICLE: its graph, counts, and whether it was built from this text."""
    where = store_path(store)
    if store is None and not where.is_dir():
        return None  # no store here: explain needs none
    oxi = open_store(where, read_only=True)
    graph = str(Minter(base_iri).graph(article.id))
    found = {
        _value(q.object) for q in oxi.quads_for_pattern(NamedNode(graph), ATTRIBUTED, None, NamedNode(graph))
    }
    hashes = {_value(q.object) for q in oxi.quads_for_pattern(None, CONTENT_HASH, None, NamedNode(graph))}
    events = count(
        oxi, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?e {_KGO}claimKind> ?k }} }}"
    )
    relations = count(
        oxi, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?r a {_KGO}ActorRelation> }} }}"
    )
    return {
        "path": str(where),
        "graph": graph,
        "built": bool(found),
        "same_text": article.content_hash in hashes,
        "same_extractor": extractor_iri(data_fingerprint(html_reader)) in found,
        "attack_events": events,
        "relations": relations,
    }


def _store_line(state: dict[str, Any]) -> str:
    where = f"Store {state['path']}: "
    if not state["built"]:
        return where + "no graph of this article yet; kg build adds it"
    held = (
        f"graph <{state['graph']}> holds {state['attack_events']} attack event(s), "
        f"{state['relations']} relation(s)"
    )
    if not state["same_text"]:
        return where + held + ", read from another version of the file; kg build updates it"
    if not state["same_extractor"]:
        return where + held + ", read by another version of kg or its reference data; kg build updates it"
    return where + held + ", read from this text as shown above"


_KGO = "<https://w3id.org/conflict-kg/ontology#"


def _value(term: object) -> str:
    return term.value if isinstance(term, NamedNode | Literal) else ""
