"""HTML documentation of the ontology: every class and property, the vocabularies and the shapes.

For each class and property the page gives its label, IRI, definition, domain and range, its
alignments (super-classes and super-properties in SEM, PROV-O, schema.org...), the SHACL shapes
that check it, and, when a store is given, an example from the graph. One self-contained
``index.html`` (no scripts, no network), written by ``kg ontology docs -o DIR`` and served by
``kg serve``; the ontology and shapes are copied beside it for download.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, RdfFormat, Store

from kg import resources
from kg.namespaces import PREFIXES
from kg.validate.report import short
from kg.validate.shapes import SH, Constraint, Path_, Shape, ShapesGraph, read_shapes_files

OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
KGO = PREFIXES["kgo"]
KGSH = "https://w3id.org/conflict-kg/shapes#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_EXAMPLE_TRIPLES = 12


@dataclass
class Term:
    """A class or property of the ontology, with what the page says about it."""

    iri: str
    kind: str  # "class", "object property", "datatype property"
    label: str = ""
    comment: str = ""
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    ranges: list[str] = field(default_factory=list)
    characteristics: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.iri.rsplit("#", 1)[-1]


def _select(store: Store, query: str) -> QuerySolutions:
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    return result


def read_terms(ontology: Store) -> dict[str, Term]:
    """The kgo: classes and properties of ONTOLOGY."""
    kinds = {
        OWL + "Class": "class",
        OWL + "ObjectProperty": "object property",
        OWL + "DatatypeProperty": "datatype property",
        RDFS + "Datatype": "datatype",
    }
    terms: dict[str, Term] = {}
    for row in _select(ontology, "SELECT ?t ?k WHERE { ?t a ?k FILTER(isIRI(?t)) } ORDER BY ?t"):
        iri, kind = row["t"].value, row["k"].value
        if kind in kinds and iri.startswith(KGO):
            terms.setdefault(iri, Term(iri, kinds[kind]))
        elif kind in (OWL + "TransitiveProperty", OWL + "SymmetricProperty") and iri.startswith(KGO):
            terms.setdefault(iri, Term(iri, "object property")).characteristics.append(kind.removeprefix(OWL))
    links = {
        RDFS + "subClassOf": "parents",
        RDFS + "subPropertyOf": "parents",
        RDFS + "domain": "domains",
        RDFS + "range": "ranges",
    }
    for quad in ontology.quads_for_pattern(None, None, None, None):
        s, p, o = quad.subject, quad.predicate.value, quad.object
        term = terms.get(s.value) if isinstance(s, NamedNode) else None
        if term is None:
            continue
        if p == RDFS + "label" and isinstance(o, Literal) and not term.label:
            term.label = o.value
        elif p == RDFS + "comment" and isinstance(o, Literal):
            term.comment = o.value
        elif p in links and isinstance(o, NamedNode):
            getattr(term, links[p]).append(o.value)
    for term in terms.values():
        for parent in term.parents:
            if parent in terms:
                terms[parent].children.append(term.iri)
    return terms


def _link(iri: str, terms: dict[str, Term]) -> str:
    name = html.escape(short(NamedNode(iri)))
    if iri in terms:
        return f'<a href="#{terms[iri].anchor}"><code>{name}</code></a>'
    if iri.startswith(KGSH):
        return f'<a href="#shape-{html.escape(iri[len(KGSH) :])}"><code>{name}</code></a>'
    return f'<a href="{html.escape(iri)}"><code>{name}</code></a>'


def _links(iris: Iterable[str], terms: dict[str, Term]) -> str:
    return ", ".join(_link(i, terms) for i in sorted(iris)) or "<em>none</em>"


def _shapes_for(shapes: ShapesGraph, terms: dict[str, Term]) -> dict[str, list[tuple[Shape, str]]]:
    """Per term IRI: the shapes that check it, and how (target, or the path of a property shape)."""
    found: dict[str, list[tuple[Shape, str]]] = defaultdict(list)
    ancestors = _ancestors(terms)
    for shape in shapes.shapes.values():
        if not isinstance(shape.node, NamedNode):
            continue
        for cls in shape.target_classes:
            for iri, up in ancestors.items():
                if cls.value in up:
                    found[iri].append(
                        (shape, "targets " + ("this class" if cls.value == iri else short(cls)))
                    )
        for prop in shape.target_subjects_of:
            found[prop.value].append((shape, "checks the subjects of this property"))
        for prop in shape.target_objects_of:
            found[prop.value].append((shape, "checks the values of this property"))
        if shape.path is not None and shape.path.iri is not None:
            found[shape.path.iri.value].append((shape, "checks the values of this property"))
    return found


def _ancestors(terms: dict[str, Term]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for iri, term in terms.items():
        if term.kind != "class":
            continue
        seen, todo = {iri}, [iri]
        while todo:
            current = todo.pop()
            for parent in terms[current].parents if current in terms else []:
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        out[iri] = seen
    return out


def _example(store: Store | None, term: Term, exclude: set[str]) -> str:
    """An instance (class) or a use (property) from the graph, as a few Turtle-like lines."""
    if store is None:
        return ""
    graphs = " ".join(f"<{g}>" for g in sorted(exclude))
    outside = f"FILTER(?g NOT IN ({', '.join(f'<{g}>' for g in sorted(exclude))}))" if graphs else ""
    if term.kind == "class":
        rows = list(
            _select(store, f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s a <{term.iri}> }} {outside} }} LIMIT 1")
        )
        if not rows:
            return ""
        subject = rows[0]["s"]
        lines = [f"{short(subject)}"]
        query = (
            f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {subject} ?p ?o }} }} "
            f"ORDER BY DESC(?p = <{RDF_TYPE}>) ?p ?o LIMIT {_EXAMPLE_TRIPLES}"
        )
        rows = list(_select(store, query))
        lines += [
            f"    {short(r['p'])} {_value(r['o'])} {';' if i < len(rows) - 1 else '.'}"
            for i, r in enumerate(rows)
        ]
    else:
        rows = list(
            _select(store, f"SELECT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{term.iri}> ?o }} {outside} }} LIMIT 3")
        )
        if not rows:
            return ""
        lines = [f"{short(r['s'])} {short(NamedNode(term.iri))} {_value(r['o'])} ." for r in rows]
    return "<h4>Example from the graph</h4><pre>" + html.escape("\n".join(lines)) + "</pre>"


def _value(term: object) -> str:
    if isinstance(term, Literal):
        text = term.value if len(term.value) <= 90 else term.value[:89] + "…"
        if term.language:
            return f'"{text}"@{term.language}'
        datatype = term.datatype.value
        return f'"{text}"' + ("" if datatype == XSD_STRING else f"^^{short(term.datatype)}")
    if isinstance(term, NamedNode | BlankNode):
        return short(term)
    return str(term)


def _term_section(
    term: Term, terms: dict[str, Term], shapes: list[tuple[Shape, str]], example: str, ancestors: set[str]
) -> str:
    rows = [("IRI", f"<code>{html.escape(term.iri)}</code>")]
    internal = [p for p in term.parents if p in terms]
    aligned = [p for p in term.parents if p not in terms]
    relation = "subclass of" if term.kind == "class" else "subproperty of"
    if internal:
        rows.append((relation.capitalize(), _links(internal, terms)))
    if aligned:
        rows.append(("Aligned to", _links(aligned, terms) + f" <small>({relation})</small>"))
    if term.children:
        rows.append(("Subclasses" if term.kind == "class" else "Subproperties", _links(term.children, terms)))
    if term.kind == "class":
        own = [t.iri for t in terms.values() if term.iri in t.domains]
        inherited = [t.iri for t in terms.values() if set(t.domains) & (ancestors - {term.iri})]
        pointing = [t for t in terms.values() if term.iri in t.ranges]
        rows.append(("Properties", _links(own, terms)))
        if inherited:
            rows.append(("Inherited properties", _links(inherited, terms)))
        if pointing:
            rows.append(("Value of", _links((t.iri for t in pointing), terms)))
    elif term.kind == "datatype":
        pointing = [t for t in terms.values() if term.iri in t.ranges]
        rows.append(("Value of", _links((t.iri for t in pointing), terms)))
    else:
        rows.append(("Domain", _links(term.domains, terms)))
        rows.append(("Range", _links(term.ranges, terms)))
        if term.characteristics:
            rows.append(("Characteristics", ", ".join(term.characteristics)))
    if shapes:
        items = "".join(
            f"<li>{_link(s.node.value, terms)} {html.escape(how)}</li>"
            for s, how in sorted(shapes, key=lambda x: x[0].name)
        )
        rows.append(("Shapes", f"<ul>{items}</ul>"))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f'<section id="{term.anchor}"><h3>{html.escape(term.label or term.anchor)} '
        f"<small>{html.escape(term.kind)}</small></h3><p>{html.escape(term.comment)}</p>"
        f"<table>{table}</table>{example}</section>"
    )


def _severity(shape: Shape) -> str:
    name = shape.severity.value.removeprefix(SH)
    return f' <span class="{name.lower()}">{name}</span>' if shape.constraints else ""


def _shape_section(shape: Shape, terms: dict[str, Term]) -> str:
    local = shape.node.value.removeprefix(KGSH)
    label = next((m.value for m in shape.labels), local)
    targets = [f"class {_link(c.value, terms)}" for c in shape.target_classes]
    targets += [f"subjects of {_link(p.value, terms)}" for p in shape.target_subjects_of]
    targets += [f"values of {_link(p.value, terms)}" for p in shape.target_objects_of]
    rows = []
    own = [c for c in shape.constraints if c.name != "property"]
    if own:
        rows.append(_constraint_row(shape, "(the node itself)", own, terms))
    for c in shape.constraints:
        child = c.value
        if c.name == "property" and isinstance(child, Shape) and child.path is not None:
            rows.append(
                _constraint_row(
                    child,
                    _link(child.path.iri.value, terms) if child.path.iri else html.escape(short(child.path)),
                    child.constraints,
                    terms,
                )
            )
    table = (
        (
            "<table><tr><th>Path</th><th>Constraints</th><th>Severity</th><th>Message</th></tr>"
            + "".join(rows)
            + "</table>"
        )
        if rows
        else ""
    )
    return (
        f'<section id="shape-{html.escape(local)}"><h3>{html.escape(label)} <small>'
        f"<code>{html.escape(short(shape.node))}</code></small></h3>"
        f"<p>Focus nodes: {', '.join(targets) or 'none (used by other shapes)'}</p>{table}</section>"
    )


def _describe(constraints: list[Constraint], depth: int = 0) -> list[str]:
    """Constraints as short Turtle-like text: ``sh:minCount 1``, ``sh:or ([sh:datatype xsd:date] ...)``."""
    parts = []
    for c in constraints:
        parts.append(f"sh:{c.name} {_parameter(c.value, depth)}".rstrip())
    return parts


def _parameter(value: object, depth: int) -> str:
    if isinstance(value, tuple):
        return "(" + " ".join(_parameter(v, depth) for v in value) + ")"
    if isinstance(value, Shape):
        if depth > 2:
            return "[…]"
        inner = ([f"sh:path {short(value.path)}"] if value.path else []) + _describe(
            value.constraints, depth + 1
        )
        return "[" + "; ".join(inner) + "]"
    if isinstance(value, NamedNode | Literal | BlankNode | Path_):
        return short(value)
    return ""


def _constraint_row(shape: Shape, path: str, constraints: list[Constraint], terms: dict[str, Term]) -> str:
    parts = _describe(constraints)
    message = next((m.value for m in shape.messages), "")
    anchor = (
        f' id="shape-{html.escape(shape.node.value.removeprefix(KGSH))}"'
        if isinstance(shape.node, NamedNode) and shape.node.value.startswith(KGSH)
        else ""
    )
    return (
        f"<tr{anchor}><td>{path}</td><td><code>{html.escape('; '.join(parts))}</code></td>"
        f"<td>{_severity(shape)}</td><td>{html.escape(message)}</td></tr>"
    )


def _vocabularies(ontology: Store) -> str:
    query = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?scheme ?schemeLabel ?c ?label ?definition (GROUP_CONCAT(?alt; separator=", ") AS ?alts) WHERE {
      ?c skos:inScheme ?scheme ; skos:prefLabel ?label .
      OPTIONAL { ?scheme skos:prefLabel ?schemeLabel }
      OPTIONAL { ?c skos:definition ?definition }
      OPTIONAL { ?c skos:altLabel ?alt }
    } GROUP BY ?scheme ?schemeLabel ?c ?label ?definition ORDER BY ?scheme ?c"""
    schemes: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in _select(ontology, query):
        scheme = short(row["scheme"])
        names[scheme] = row["schemeLabel"].value if row["schemeLabel"] else scheme
        alts = row["alts"].value if row["alts"] else ""
        alts = alts if len(alts) <= 160 else alts[:159] + "…"
        concept = html.escape(short(row["c"]))
        schemes[scheme].append(
            f'<tr id="{concept.replace(":", "-")}"><td><code>{concept}'
            f"</code></td><td>{html.escape(row['label'].value)}</td>"
            f"<td>{html.escape(row['definition'].value if row['definition'] else '')}</td>"
            f"<td><small>{html.escape(alts)}</small></td></tr>"
        )
    out = []
    for scheme, rows in schemes.items():
        out.append(
            f"<h3>{html.escape(names[scheme])} <small><code>{html.escape(scheme)}</code></small></h3>"
            "<table><tr><th>Concept</th><th>Label</th><th>Definition</th><th>Other labels</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    return "".join(out)


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:auto;padding:1rem;line-height:1.45;color:#222}
h2{border-bottom:2px solid #ccc;margin-top:2.5rem}section{border-top:1px solid #eee;padding-top:.4rem}
h3 small{font-weight:normal;color:#666}table{border-collapse:collapse;margin:.4rem 0;width:100%}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f6f6f6}
code{font-size:.92em}pre{background:#f6f6f6;padding:.5rem;overflow-x:auto}
nav ul{padding:0}nav li{display:inline;margin-right:.6rem}
.violation{color:#a00;font-weight:bold}.warning{color:#a60}.info{color:#06a}
"""


def _header(ontology: Store) -> tuple[str, str]:
    query = """PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?o ?label ?comment ?version ?info ?license WHERE { ?o a owl:Ontology .
      OPTIONAL { ?o rdfs:label ?label } OPTIONAL { ?o rdfs:comment ?comment }
      OPTIONAL { ?o owl:versionIRI ?version } OPTIONAL { ?o owl:versionInfo ?info }
      OPTIONAL { ?o dcterms:license ?license } } LIMIT 1"""
    rows = list(_select(ontology, query))
    if not rows:
        return "Ontology", ""
    row = rows[0]

    def cell(name: str) -> str:
        return html.escape(row[name].value) if row[name] else ""

    title = cell("label") or "Ontology"
    facts = [
        ("IRI", f"<code>{cell('o')}</code>"),
        ("Version", f"{cell('info')} <code>{cell('version')}</code>"),
        ("Licence", f'<a href="{cell("license")}">{cell("license")}</a>'),
    ]
    prefixes = "".join(
        f"<tr><td><code>{p}:</code></td><td><code>{html.escape(ns)}</code></td></tr>"
        for p, ns in PREFIXES.items()
    )
    body = (
        f"<p>{cell('comment')}</p><table>"
        + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts)
        + f"</table><details><summary>Prefixes</summary><table>{prefixes}</table></details>"
    )
    return title, body


def design_notes(path: Path) -> str:
    """The leading comment block of an ontology file: paragraphs, and "- " lines as a list."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.removeprefix("#").removeprefix(" ").rstrip())
    out, items = [], []
    for block in "\n".join(lines).strip().split("\n\n"):
        for line in block.splitlines():
            if line.startswith("- "):
                items.append(line[2:])
            elif line.startswith("  ") and items:
                items[-1] += " " + line.strip()
            elif line.strip():
                if items:
                    out.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
                    items = []
                out.append(f"<p>{html.escape(line.strip())}</p>")
        if items:
            out.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
            items = []
    return "".join(out)


def render_docs(
    *,
    ontology_files: list[Path] | None = None,
    shapes_files: list[Path] | None = None,
    store: Store | None = None,
    exclude_graphs: Iterable[str] = (),
) -> str:
    """The documentation page; STORE, if given, supplies examples (outside EXCLUDE_GRAPHS)."""
    files = ontology_files or resources.ontology_files()
    ontology = Store()
    for path in files:
        ontology.bulk_load(path=str(path), format=RdfFormat.TURTLE)
    shape_paths = shapes_files or sorted(resources.shapes_dir().rglob("*.ttl"))
    shapes = read_shapes_files(shape_paths)
    terms = read_terms(ontology)
    applying = _shapes_for(shapes, terms)
    ancestors = _ancestors(terms)
    title, header = _header(ontology)
    exclude = set(exclude_graphs)
    sections: dict[str, list[str]] = defaultdict(list)
    for term in sorted(terms.values(), key=lambda t: (t.label or t.anchor).lower()):
        example = _example(store, term, exclude)
        up = ancestors.get(term.iri, {term.iri})
        sections[term.kind].append(_term_section(term, terms, applying.get(term.iri, []), example, up))
    named = [
        s
        for s in shapes.shapes.values()
        if isinstance(s.node, NamedNode)
        and not s.is_property
        and s.node.value.startswith(KGSH)
        and (s.has_targets or s.constraints)
    ]
    shape_sections = "".join(_shape_section(s, terms) for s in sorted(named, key=lambda s: s.name))
    toc = ""
    for kind in ("class", "object property", "datatype property", "datatype"):
        chosen = sorted(
            (t for t in terms.values() if t.kind == kind), key=lambda t: (t.label or t.anchor).lower()
        )
        links = "".join(
            f'<li><a href="#{t.anchor}">{html.escape(t.label or t.anchor)}</a></li>' for t in chosen
        )
        toc += f"<p><strong>{kind.capitalize()} ({len(chosen)})</strong></p><ul>{links}</ul>"
    toc += '<p><a href="#vocabularies">Controlled vocabularies</a> · <a href="#shapes">Shapes</a></p>'
    parts = [
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{title}</h1>{header}",
        f"<nav><h2>Contents</h2>{toc}</nav>",
        f"<h2>Design notes</h2>{design_notes(files[0])}",
        f"<h2 id=classes>Classes</h2>{''.join(sections['class'])}",
        f"<h2 id=object-properties>Object properties</h2>{''.join(sections['object property'])}",
        f"<h2 id=datatype-properties>Datatype properties</h2>{''.join(sections['datatype property'])}",
        f"<h2 id=datatypes>Datatypes</h2>{''.join(sections['datatype'])}",
        f"<h2 id=vocabularies>Controlled vocabularies</h2>{_vocabularies(ontology)}",
        f"<h2 id=shapes>Shapes</h2><p>Checked by <code>kg validate</code> (data) and <code>kg ontology check"
        f"</code> (the ontology). Violations break queries; warnings are for a reviewer.</p>{shape_sections}",
        "</body></html>\n",
    ]
    return "\n".join(parts)


def write_docs(out: Path, *, store: Store | None = None, exclude_graphs: Iterable[str] = ()) -> list[Path]:
    """Write ``index.html`` and copies of the ontology and shapes files into OUT."""
    out.mkdir(parents=True, exist_ok=True)
    index = out / "index.html"
    index.write_text(render_docs(store=store, exclude_graphs=exclude_graphs), encoding="utf-8")
    written = [index]
    shapes_root = resources.shapes_dir()
    for path in resources.ontology_files():
        written.append(out / path.name)
        written[-1].write_bytes(path.read_bytes())
    for path in sorted(shapes_root.rglob("*.ttl")):
        written.append(out / ("shapes-" + "-".join(path.relative_to(shapes_root).parts)))
        written[-1].write_bytes(path.read_bytes())
    return written
