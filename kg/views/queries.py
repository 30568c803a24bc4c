"""The SPARQL queries behind the views (``queries/views-*.rq``): their names, texts and results."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from pyoxigraph import NamedNode, QueryResultsFormat, QuerySolutions, Store

from kg import resources
from kg.errors import QueryError
from kg.sparql import run_query

MAP = ("views-attacks", "views-attack-actors", "views-attack-accounts")
NETWORK = ("views-network-nodes", "views-network-edges")
VIEW_QUERIES: dict[str, tuple[str, ...]] = {"map": MAP, "timeline": MAP, "network": NETWORK}
ENTITY_FACTS = "views-entity-facts"
ENTITY_EVENTS = "views-entity-events"
_VALUES = re.compile(r"VALUES\s+\?entity\s*\{[^}]*\}")


def query_text(name: str) -> str:
    """The text of the bundled query NAME (``queries/NAME.rq``)."""
    path = resources.queries_dir() / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"{path}: the view query {name}.rq is missing from the installation")
    return path.read_text(encoding="utf-8")


def bind_entity(text: str, iri: str) -> str:
    """TEXT with its ``VALUES ?entity { ... }`` line bound to IRI.

    >>> bind_entity("SELECT * { VALUES ?entity { kgr:x } ?entity ?p ?o }", "https://e.org/a")
    'SELECT * { VALUES ?entity { <https://e.org/a> } ?entity ?p ?o }'
    """
    node = NamedNode(iri)  # raises ValueError on a string that is not an IRI
    bound, count = _VALUES.subn(lambda _: f"VALUES ?entity {{ {node} }}", text, count=1)
    if count != 1:
        raise QueryError("the entity query has no 'VALUES ?entity { ... }' line to bind")
    return bound


def results_json(store: Store, text: str) -> dict[str, Any]:
    """The SPARQL JSON results of the SELECT query TEXT on STORE."""
    result = run_query(store, text)
    if not isinstance(result, QuerySolutions):
        raise QueryError("a view query must be a SELECT query")
    buffer = io.BytesIO()
    result.serialize(buffer, format=QueryResultsFormat.JSON)
    parsed: dict[str, Any] = json.loads(buffer.getvalue())
    return parsed


def view_results(store: Store, names: tuple[str, ...] | None = None) -> dict[str, dict[str, Any]]:
    """The SPARQL JSON results of the view queries NAMES (all of them by default) on STORE."""
    wanted = names or tuple(dict.fromkeys(n for group in VIEW_QUERIES.values() for n in group))
    return {name: results_json(store, query_text(name)) for name in wanted}


def rows(results: dict[str, Any]) -> list[dict[str, str]]:
    """SPARQL JSON RESULTS as a list of {variable: value} (the term types dropped).

    >>> rows({"results": {"bindings": [{"a": {"type": "uri", "value": "x"}}]}})
    [{'a': 'x'}]
    """
    return [{k: v["value"] for k, v in b.items()} for b in results["results"]["bindings"]]
