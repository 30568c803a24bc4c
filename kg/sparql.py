"""Run SPARQL on the store natively (pyoxigraph) and write results in the standard formats.

Used by ``kg query`` and by the server, so both read queries and name formats the same way.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import IO, Any

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)

from kg import resources, sparql_text
from kg.errors import QueryError
from kg.namespaces import PREFIXES

RESULT_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "xml": RdfFormat.RDF_XML,
}

QueryResult = QuerySolutions | QueryBoolean | QueryTriples


def read_query(query_or_file: str) -> str:
    """The text of a query given inline, as a file path, or as the name of a bundled query.

    >>> read_query("events").lstrip().startswith("#")
    True
    """
    candidate = Path(query_or_file)
    if query_or_file.endswith(".rq") or (len(query_or_file) < 256 and candidate.is_file()):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
        bundled = resources.queries_dir() / candidate.name
        if bundled.is_file():
            return bundled.read_text(encoding="utf-8")
        raise QueryError(
            f"{query_or_file}: no such query file (bundled queries: {', '.join(bundled_queries())})"
        )
    bundled = resources.queries_dir() / f"{query_or_file}.rq"
    if bundled.is_file():
        return bundled.read_text(encoding="utf-8")
    if re.fullmatch(r"[\w.-]+", query_or_file):  # one word is no SPARQL query: a mistyped name
        raise QueryError(_no_such_query(query_or_file))
    return query_or_file


def _no_such_query(name: str) -> str:
    """
    >>> _no_such_query("evnts")
    'no bundled query evnts; did you mean events?'
    """
    close = difflib.get_close_matches(name, bundled_queries(), n=1, cutoff=0.6)
    if close:
        return f"no bundled query {name}; did you mean {close[0]}?"
    names = ", ".join(q for q in bundled_queries() if not q.startswith("views-"))
    return f"no bundled query {name} and no such file; bundled queries: {names}"


def bundled_queries() -> list[str]:
    return sorted(p.stem for p in resources.queries_dir().glob("*.rq"))


def run_query(store: Store, text: str, **options: Any) -> QueryResult:
    """Evaluate TEXT on STORE with the union of all graphs as the default graph."""
    # The union of all graphs is the default graph, unless the request or the query itself (FROM,
    # FROM NAMED) names the dataset: pyoxigraph would otherwise ignore the query's FROM.
    if not {"default_graph", "named_graphs"} & options.keys():
        options.setdefault("use_default_graph_as_union", not sparql_text.has_dataset_clause(text))
    try:
        return store.query(text, **options)
    except SyntaxError as err:
        raise QueryError(f"malformed SPARQL query: {one_line_syntax_error(str(err), text)}") from err
    except OSError as err:
        raise QueryError(f"the query failed: {err}") from err


def one_line_syntax_error(message: str, text: str) -> str:
    """pyoxigraph's syntax error MESSAGE for TEXT in one line: the undeclared prefix and the PREFIX
    line that declares it, or where the parser stopped, what it expected and the words there.

    >>> one_line_syntax_error("error at 1:20: expected one of Prefix not found", "ASK { ?s schema:x 1 }")
    'undeclared prefix schema: add PREFIX schema: <http://schema.org/> (no prefix is predefined here)'
    >>> one_line_syntax_error("error at 1:11: expected one of '{', WHERE", "SELECT ?s ?p")
    'syntax error at line 1, column 11 (here): expected \\'{\\' or WHERE, near "SELECT ?s ?p"'
    """
    first = sparql_text.explain_syntax_error(message, text).splitlines()[0]
    where = re.match(r"error at (\d+):(\d+)", message)
    lines = text.splitlines()
    if not first.startswith("syntax error") or not where or not 0 < int(where.group(1)) <= len(lines):
        return first
    source, column = lines[int(where.group(1)) - 1], int(where.group(2)) - 1
    near = " ".join(source[max(0, column - 30) : column + 30].split())
    return f'{first}, near "{near}"' if near else first


def write_results(result: QueryResult, output: IO[bytes], fmt: str) -> None:
    """Write RESULT in FMT: table, csv, tsv, json, xml (SELECT / ASK) or turtle, nt, jsonld (CONSTRUCT)."""
    if isinstance(result, QueryTriples):
        result.serialize(output, format=GRAPH_FORMATS.get(fmt, RdfFormat.TURTLE))
        return
    if fmt == "table":
        output.write(table(result).encode())
        return
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; use one of table, {', '.join(RESULT_FORMATS)}")
    result.serialize(output, format=RESULT_FORMATS[fmt])


def short(term: object) -> str:
    """A readable form of an RDF term: prefixed IRIs, plain literal values.

    >>> short(NamedNode("https://w3id.org/conflict-kg/ontology#Attack"))
    'kgo:Attack'
    """
    if isinstance(term, NamedNode):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if term.value.startswith(ns):
                return f"{prefix}:{term.value[len(ns) :]}"
        return f"<{term.value}>"
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return "" if term is None else str(term)


def table(result: QuerySolutions | QueryBoolean, *, max_width: int = 60) -> str:
    """A plain-text table of a SELECT result (or yes/no for ASK)."""
    if isinstance(result, QueryBoolean):
        return ("yes" if bool(result) else "no") + "\n"
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        cells = []
        for name in names:
            value = short(solution[name]).replace("\n", " ")
            cells.append(value if len(value) <= max_width else value[: max_width - 1] + "…")
        rows.append(cells)
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
