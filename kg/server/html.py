"""The page chrome shared by every HTML view, and the helpers that write terms as links.

Views call :func:`page` with their own body; the navigation bar lists ``app.state.nav`` (see
:func:`kg.server.app.create_app`), so a new view module adds its entry there and gets the same
header, stylesheet and footer. No template engine: bodies are small and escaped by hand with
:func:`esc`.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse

from kg.namespaces import PREFIXES


def esc(text: object) -> str:
    """TEXT escaped for HTML content and attribute values.

    >>> esc('<a href="x">')
    '&lt;a href=&quot;x&quot;&gt;'
    """
    return escape(str(text), quote=True)


def page(request: Request, title: str, body: str, *, status: int = 200, head: str = "") -> HTMLResponse:
    """A complete HTML page: header with the navigation, BODY, footer."""
    current = request.url.path
    links = []
    for label, href in request.app.state.nav:
        active = ' aria-current="page"' if href == current else ""
        links.append(f'<a href="{esc(href)}"{active}>{esc(label)}</a>')
    config = request.app.state.config
    html = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="/static/style.css">
{head}
</head>
<body>
<header class="site"><a class="brand" href="/">{esc(config.title)}</a><nav>{"".join(links)}</nav></header>
<main>
{body}
</main>
<footer class="site">SPARQL endpoint: <code>/sparql</code> &middot;
read the <a href="/about">notes on this server</a></footer>
</body>
</html>
"""
    return HTMLResponse(html, status_code=status)


def short_iri(iri: str) -> str:
    """IRI with a known prefix, else the IRI itself.

    >>> short_iri("http://www.w3.org/2004/02/skos/core#prefLabel")
    'skos:prefLabel'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def local_href(iri: str, spaces: tuple[tuple[str, str], ...]) -> str | None:
    """The local path serving IRI, or None when the IRI is outside the graph's own namespaces.

    >>> local_href("https://example.org/kg/event/a-1", (("https://example.org/kg/", "/data/"),))
    '/data/event/a-1'
    """
    for namespace, path in spaces:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return path + quote(iri[len(namespace) :], safe="/:@!$&'()*+,;=-._~")
    if iri.startswith(("https://w3id.org/conflict-kg/", "http://www.w3.org/", "http://purl.org/")):
        return "/page?iri=" + quote(iri, safe="")
    return None


def is_web_iri(iri: str) -> bool:
    """Whether IRI may be a link: http(s) only, so data cannot put a script behind a click.

    >>> is_web_iri("https://example.org/a"), is_web_iri("javascript:alert(1)"), is_web_iri("JavaScript:x")
    (True, False, False)
    """
    return iri[:8].lower().startswith(("http://", "https://"))


def term_html(term: dict[str, str], spaces: tuple[tuple[str, str], ...], label: str | None = None) -> str:
    """One RDF term from a SPARQL JSON result, as HTML: IRIs as links, literals with language or type."""
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        text = esc(label or short_iri(value))
        href = local_href(value, spaces)
        if href is not None:
            return f'<a href="{esc(href)}" title="{esc(value)}">{text}</a>'
        if not is_web_iri(value):  # javascript:, data: and the like from loaded data: text, never a link
            return f'<code class="iri" title="{esc(value)}">{text}</code>'
        return f'<a class="external" href="{esc(value)}" rel="nofollow">{text}</a>'
    if kind == "bnode":
        return f"<code>_:{esc(value)}</code>"
    extra = ""
    if "xml:lang" in term:
        extra = f' <span class="lang">@{esc(term["xml:lang"])}</span>'
    elif "datatype" in term and not term["datatype"].endswith("#string"):
        extra = f' <span class="datatype">{esc(short_iri(term["datatype"]))}</span>'
    return f'<span class="literal">{esc(value)}</span>{extra}'
