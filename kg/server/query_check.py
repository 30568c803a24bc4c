"""Whether a SPARQL request would make the server fetch something: decided on the parsed query.

pyoxigraph parses and evaluates in one call and exposes no algebra, so the query is parsed again
by rdflib's SPARQL parser; a ``ServiceGraphPattern`` anywhere in its syntax tree (a nested group,
a subquery, ``EXISTS``, an update's ``WHERE``) or a ``Load`` operation refuses the request. The
parser applies the grammar's ``\\u`` escapes, comments, strings and prefixed names itself, so no
spelling trick hides the keyword from it. The tree is walked rather than rdflib's algebra: its
translation drops a ``FILTER (NOT) EXISTS`` nested in another one (SERVICE inside it vanishes
from the algebra though pyoxigraph evaluates it; found by tests/test_service_fuzz.py).

Two parsers can still read one text differently, so the decision errs on the side of refusing:

- a text that cannot name the keyword at all (it holds neither the word, in any case, nor a
  ``\\u`` escape) is let through without parsing: most queries never pay for the parse;
- a text rdflib cannot parse (a syntax it lacks, or nesting past its recursion limit) that may
  name the keyword is refused, since it cannot be checked;
- the token reading of :mod:`kg.sparql_text` still refuses where it finds the keyword (it reads
  ``<`` both as an IRI and as less-than, the known place where parsers part ways).

Below all this, query workers cannot open a socket (:mod:`kg.server.sandbox`). The parse runs in
the query worker, under the query's deadline, never in the server's event loop.
"""

from __future__ import annotations

from typing import Any

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg import sparql_text

_REMOTE = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}
UNCHECKED = "UNCHECKED"
MESSAGES = {
    "SERVICE": "SERVICE (federated query) is disabled on this endpoint: it would make the server "
    "fetch URLs on a client's behalf. Query the other endpoint yourself.",
    "LOAD": "LOAD is disabled on this endpoint: it would make the server fetch URLs. "
    "Load files with kg load or kg build instead.",
    UNCHECKED: "this request names SERVICE or LOAD (or uses \\u escapes) in a form this endpoint cannot "
    "check, so it is refused; write it in plain SPARQL 1.1 without SERVICE or LOAD",
}


def remote_access(text: str, *, update: bool = False) -> str | None:
    """``SERVICE`` or ``LOAD`` when TEXT would fetch from elsewhere, ``UNCHECKED`` when it might
    and cannot be parsed here, None when it cannot.

    >>> remote_access("SELECT * { ?s ?p true.SERVICE <http://127.0.0.1:9/> { ?x ?y ?z } }")
    'SERVICE'
    >>> remote_access('SELECT ?service { ?service ?p "SERVICE <http://x/>" }') is None
    True
    """
    words = ("SERVICE", "LOAD") if update else ("SERVICE",)
    if not sparql_text.may_contain(text, words):
        return None
    found = _in_tree(text, update=update)
    if found is None:
        found = sparql_text.forbidden_feature(text, update=update)
    return found


def _in_tree(text: str, *, update: bool) -> str | None:
    try:
        tree: Any = parseUpdate(text) if update else parseQuery(text)
    except Exception:  # any parse failure (RecursionError included) means unchecked
        return UNCHECKED
    return _find(tree)


def _find(node: object) -> str | None:
    """The first remote operation in an rdflib syntax tree, walked without recursion (a deep
    query must not overflow the stack here either)."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            if item.name in _REMOTE:
                return _REMOTE[item.name]
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, ParseResults):
            stack.extend(item)
            stack.extend(item.as_dict().values())
        elif isinstance(item, list | tuple | set):
            stack.extend(item)
    return None
