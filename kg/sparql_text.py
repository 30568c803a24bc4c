"""What the server needs to know about a SPARQL text before running it, read from its tokens.

pyoxigraph parses and runs a query in one call and exposes no algebra, so the few things the
server must decide first (is there a ``SERVICE`` or ``LOAD``? a ``FROM``? which prefixes are
undeclared?) come from a small lexer that skips strings, IRIs and comments the way the SPARQL
grammar does. It errs on the side of refusing: a word that only looks like a keyword inside
something the lexer does not understand is still treated as a keyword.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.namespaces import PREFIXES

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Character classes of the SPARQL 1.1 grammar (section 19.8), as close as a regex gets:
# a keyword is letters and digits only, so ``true.SERVICE`` is ``true`` ``.`` ``SERVICE``, while
# a prefixed name may hold inner dots (``xsd:int.SERVICE`` is one name, as the parser reads it).
_PN_CHARS = r"[\w\-\u00b7\u0300-\u036f\u203f\u2040]"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = rf"(?:[^\W\d_](?:(?:{_PN_CHARS}|\.)*{_PN_CHARS})?)?"
_PN_LOCAL = rf"(?:[\w:]|{_PLX})(?:(?:{_PN_CHARS}|[.:]|{_PLX})*(?:{_PN_CHARS}|:|{_PLX}))?"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
              | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              | '(?:[^'\\\n\r]|\\.)*'
              | "(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)
  | (?P<bnode>_:[\w](?:(?:{_PN_CHARS}|\.)*{_PN_CHARS})?)
  | (?P<word>{_PN_PREFIX}:(?:{_PN_LOCAL})?
            | [^\W\d]\w*)
  | (?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
  | (?P<number>(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


_CODE_MARK = re.compile("[#']")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int

    def is_keyword(self, *words: str) -> bool:
        return self.kind == "word" and ":" not in self.text and self.text.upper() in words


def unescape(text: str) -> str:
    r"""TEXT with SPARQL's ``\u`` / ``\U`` code point escapes decoded, as the grammar allows.

    >>> unescape(r"\u0053ERVICE")
    'SERVICE'
    """

    def decode(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(decode, text)


def tokens(text: str, *, less_than_in_parentheses: bool = False) -> Iterator[Token]:
    """The significant tokens of TEXT (no white space, no comments).

    ``<`` inside parentheses may be an IRI or less-than, and only the parser can tell; with
    LESS_THAN_IN_PARENTHESES the lexer reads it as less-than there when what follows holds a
    ``#`` or a quote (outside parentheses it can only start an IRI).

    >>> [t.text for t in tokens('ASK { <a#b> ?p "SERVICE" } # LOAD')]
    ['ASK', '{', '<a#b>', '?p', '"SERVICE"', '}']
    >>> [t.text for t in tokens("FILTER(1<2)#>", less_than_in_parentheses=True)]
    ['FILTER', '(', '1', '<', '2', ')']
    """
    text = unescape(text)
    depth = position = 0
    while (match := _TOKEN.match(text, position)) is not None:
        kind = match.lastgroup or "other"
        # only a '#' (a comment) or a quote (a string) in it can make the two readings part ways
        if kind == "iri" and depth > 0 and less_than_in_parentheses and _CODE_MARK.search(match.group()):
            yield Token("other", "<", match.start())
            position = match.start() + 1
            continue
        position = match.end()
        if kind in {"ws", "comment"}:
            continue
        if match.group() == "(":
            depth += 1
        elif match.group() == ")":
            depth = max(depth - 1, 0)
        yield Token(kind, match.group(), match.start())


def forbidden_feature(text: str, *, update: bool = False) -> str | None:
    """The first keyword of TEXT the endpoint refuses to run (``SERVICE``; ``LOAD`` in updates).

    >>> forbidden_feature("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    'SERVICE'
    >>> forbidden_feature("SELECT * { ?service <http://x/LOAD> ?o }", update=True) is None
    True
    """
    refused = ("SERVICE", "LOAD") if update else ("SERVICE",)
    if not may_contain(text, refused):
        return None
    # ``<`` inside parentheses is also less-than: ``FILTER(1<2)SERVICE#>`` lexes as one IRI where the
    # parser reads a comparison, the keyword and a comment (and a quote after it can open a long
    # string). So the text is read both ways and a keyword found in either reading is refused. A
    # query mixing both readings to hide a keyword from each is still stopped below this check:
    # query workers cannot open a socket (kg.server.sandbox).
    for reading in (False, True):
        for token in tokens(text, less_than_in_parentheses=reading):
            if token.is_keyword(*refused):
                return token.text.upper()
    return None


def has_dataset_clause(text: str) -> bool:
    """Whether the query names its own dataset with ``FROM`` / ``FROM NAMED``.

    >>> has_dataset_clause("SELECT * FROM <http://g> { ?s ?p ?o }")
    True
    >>> has_dataset_clause("SELECT * { ?s <http://ex/from> ?o }")
    False
    """
    return may_contain(text, ("FROM",)) and any(token.is_keyword("FROM") for token in tokens(text))


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False when none of WORDS can be in TEXT as a keyword: a quick test before the lexer.

    A keyword can only be spelt out or written with ``\\u`` escapes, so a text with neither
    cannot contain it. Case folding, not lowering, so that letters a parser might fold to ASCII
    (the long s, the Kelvin sign) count too.
    """
    folded = text.casefold()
    return "\\u" in folded or any(word.casefold() in folded for word in words)


def undeclared_prefixes(text: str) -> list[str]:
    """Prefixes used in TEXT but not declared by a ``PREFIX`` line, in order of first use.

    >>> undeclared_prefixes("PREFIX kgo: <urn:x#> SELECT * { ?s kgo:a ?o ; schema:name ?n }")
    ['schema']
    """
    declared: set[str] = set()
    missing: list[str] = []
    previous: Token | None = None
    for token in tokens(text):
        if token.kind == "word" and ":" in token.text and not token.text.startswith("_:"):
            prefix = token.text.split(":", 1)[0]
            if previous is not None and previous.is_keyword("PREFIX"):
                declared.add(prefix)
            elif prefix not in declared and prefix not in missing:
                missing.append(prefix)
        previous = token
    return [p for p in missing if p not in declared]


def explain_syntax_error(message: str, text: str) -> str:
    """A readable form of pyoxigraph's syntax error MESSAGE for the query TEXT.

    >>> explain_syntax_error("error at 1:20: expected one of Prefix not found", "ASK { ?s schema:x 1 }")
    'undeclared prefix schema: add PREFIX schema: <http://schema.org/> (no prefix is predefined here)'
    """
    missing = undeclared_prefixes(text)
    if missing and "Prefix not found" in message:
        hints = []
        for prefix in missing:
            known = PREFIXES.get(prefix)
            hints.append(f"PREFIX {prefix}: <{known}>" if known else f"PREFIX {prefix}: <...>")
        names = ", ".join(f"{p}:" for p in missing)
        return f"undeclared prefix {names} add {' and '.join(hints)} (no prefix is predefined here)"
    # pyoxigraph lists every token and character class it would have accepted: point at the place instead
    cleaned = re.sub(r",?\s*\[[^\]]*\]", "", message)
    cleaned = re.sub(r"\s+", " ", cleaned).strip().rstrip(",")
    where = re.match(r"error at (\d+):(\d+): (.*)", cleaned)
    if not where:
        return cleaned if len(cleaned) <= 300 else cleaned[:299] + "…"
    line, column, rest = int(where.group(1)), int(where.group(2)), where.group(3)
    expected = re.match(r"expected one of (.*)", rest)
    if expected:
        options = [o.strip() for o in expected.group(1).split(", ") if o.strip()]
        rest = "expected " + (" or ".join(options) if len(options) <= 6 else ", ".join(options[:6]) + ", …")
    lines = text.splitlines() or [""]
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    found = "the end of the query" if line >= len(lines) and column > len(source) else "here"
    return (
        f"syntax error at line {line}, column {column} ({found}): {rest}\n  {source}\n  {' ' * (column - 1)}^"
    )


def add_using(update: str, using: list[str], using_named: list[str]) -> str:
    """UPDATE with ``USING`` / ``USING NAMED`` clauses added to each operation that has a ``WHERE``.

    This is how the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` parameters are
    applied. An operation that already says ``WITH`` or ``USING`` conflicts with them (the
    protocol makes that an error): ValueError.

    >>> add_using("INSERT { ?s a <urn:T> } WHERE { ?s ?p ?o }", ["urn:g"], [])
    'INSERT { ?s a <urn:T> } USING <urn:g> WHERE { ?s ?p ?o }'
    """
    if not using and not using_named:
        return update
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]) + " "
    depth = 0
    inserts: list[int] = []
    previous: Token | None = None
    for token in tokens(update):
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif depth == 0 and token.is_keyword("WITH", "USING"):
            raise ValueError(
                f"the update says {token.text.upper()} and the request gives using-graph-uri or "
                "using-named-graph-uri; use one or the other"
            )
        elif depth == 0 and token.is_keyword("WHERE") and previous is not None and previous.text == "}":
            inserts.append(token.start)
        previous = token
    if unescape(update) != update:
        raise ValueError("using-graph-uri cannot be applied to an update written with \\u escapes")
    for position in reversed(inserts):
        update = update[:position] + clause + update[position:]
    return update
