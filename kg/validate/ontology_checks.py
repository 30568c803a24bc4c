"""Checks of the ontology itself: the SHACL shapes of ``shapes/ontology/`` plus what SHACL Core cannot say.

The shapes cover ROBOT ``report`` and OOPS! style rules (labels, definitions, domains, ranges,
version IRI, licence). This module adds three checks, reported as results of the pseudo-shapes
``kgsh:UndeclaredTermCheck``, ``kgsh:CycleCheck`` and ``kgsh:DuplicateLabelCheck`` that
``shapes/ontology/ontology.ttl`` documents:

- every kgo:/kgv: term used in the data, the shapes or the queries is declared by the ontology;
- no class is its own superclass, no property its own superproperty;
- no two classes (or two properties) share a label in one language.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QuerySolutions, RdfFormat, Store, parse

from kg import resources
from kg.errors import OntologyError
from kg.namespaces import PREFIXES
from kg.validate.engine import describe_nodes, validate
from kg.validate.report import Report, Result
from kg.validate.shapes import SH, VIOLATION, ShapesGraph, read_shapes_files, shapes_files

KGSH = "https://w3id.org/conflict-kg/shapes#"
WATCHED = (PREFIXES["kgo"], PREFIXES["kgv"])
SPARQL_COMPONENT = NamedNode(SH + "SPARQLConstraintComponent")
WARNING = NamedNode(SH + "Warning")


@dataclass
class Sources:
    """Where kgo:/kgv: terms are used: RDF files, a store, SPARQL query files."""

    rdf_files: list[Path] = field(default_factory=list)
    store: Store | None = None
    store_name: str = "the store"
    query_files: list[Path] = field(default_factory=list)


def default_sources(store: Store | None = None, store_name: str = "the store") -> Sources:
    """The bundled shapes, reference data and queries, and STORE's data if given."""
    shapes = sorted(resources.shapes_dir().rglob("*.ttl"))
    return Sources(
        rdf_files=[*shapes, *resources.reference_files()],
        store=store,
        store_name=store_name,
        query_files=sorted(resources.queries_dir().glob("*.rq")),
    )


def ontology_shapes() -> ShapesGraph:
    """The shapes over the ontology (``shapes/ontology/*.ttl``)."""
    return read_shapes_files(shapes_files(resources.shapes_dir() / "ontology"))


def check_ontology(
    ontology_files: Iterable[Path] | None = None,
    *,
    sources: Sources | None = None,
    shapes: ShapesGraph | None = None,
) -> Report:
    """Run the ontology shapes and the extra checks on ONTOLOGY_FILES (the shipped ontology by default)."""
    started = time.perf_counter()
    files = list(ontology_files or resources.ontology_files())
    store = Store()
    for i, path in enumerate(files):
        try:
            store.bulk_load(
                path=str(path), format=RdfFormat.TURTLE, to_graph=NamedNode(f"urn:kg:ontology:{i}")
            )
        except (SyntaxError, ValueError, OSError) as err:
            raise OntologyError(f"{path}: cannot read the ontology: {err}") from err
    shaped = validate(store, shapes or ontology_shapes(), describe=False)
    results = [*shaped.results, *cycles(store), *duplicate_labels(store)]
    declared = declared_terms(store)
    results += undeclared_terms(declared, sources or default_sources())
    nodes = describe_nodes(store, {r.focus for r in results})
    return Report(
        tuple(results), checks=shaped.checks + 3, seconds=time.perf_counter() - started, nodes=nodes
    )


def _select(store: Store, query: str) -> QuerySolutions:
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    return solutions


_PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def declared_terms(store: Store) -> set[str]:
    """The kgo:/kgv: IRIs the ontology declares (gives an rdf:type)."""
    rows = _select(store, "SELECT DISTINCT ?term WHERE { ?term a ?type FILTER(isIRI(?term)) }")
    return {row["term"].value for row in rows if row["term"].value.startswith(WATCHED)}


def _result(shape: str, focus: NamedNode, message: str, *, severity: NamedNode = VIOLATION) -> Result:
    return Result(
        focus=focus,
        shape=NamedNode(KGSH + shape),
        component=SPARQL_COMPONENT,
        severity=severity,
        value=focus,
        messages=(Literal(message, language="en"),),
    )


def cycles(store: Store) -> list[Result]:
    """A result per class (property) that is its own superclass (superproperty)."""
    found = []
    for prop, kind in (("rdfs:subClassOf", "class"), ("rdfs:subPropertyOf", "property")):
        query = _PREFIXES + f"SELECT DISTINCT ?term WHERE {{ ?term {prop}+ ?term }} ORDER BY ?term"
        for row in _select(store, query):
            term = row["term"]
            found.append(
                _result("CycleCheck", term, f"This {kind} is its own {prop.split(':')[1]} through a cycle.")
            )
    return found


def duplicate_labels(store: Store) -> list[Result]:
    """A warning per pair of classes (or of properties) with the same label in one language."""
    query = (
        _PREFIXES
        + """
SELECT DISTINCT ?a ?b ?label WHERE {
  VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty }
  ?a a ?kind ; rdfs:label ?label . ?b a ?kind ; rdfs:label ?label .
  FILTER(isIRI(?a) && isIRI(?b) && STR(?a) < STR(?b))
} ORDER BY ?a ?b"""
    )
    return [
        _result(
            "DuplicateLabelCheck",
            row["a"],
            f'Shares the label "{row["label"].value}" with <{row["b"].value}> (ROBOT duplicate_label).',
            severity=WARNING,
        )
        for row in _select(store, query)
    ]


def undeclared_terms(declared: set[str], sources: Sources) -> list[Result]:
    """A result per kgo:/kgv: term used somewhere but not declared, naming where."""
    used: dict[str, set[str]] = {}
    for path in sources.rdf_files:
        for term in _terms_in_rdf(path):
            used.setdefault(term, set()).add(_display(path))
    if sources.store is not None:
        for term in terms_in_store(sources.store):
            used.setdefault(term, set()).add(sources.store_name)
    for path in sources.query_files:
        for term in terms_in_query(path.read_text(encoding="utf-8")):
            used.setdefault(term, set()).add(_display(path))
    results = []
    for term in sorted(used.keys() - declared):
        places = ", ".join(sorted(used[term]))
        results.append(
            _result(
                "UndeclaredTermCheck", NamedNode(term), f"Used in {places} but not declared by the ontology."
            )
        )
    return results


def _display(path: Path) -> str:
    root = resources.data_dir("ontology").parent
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _terms_in_rdf(path: Path) -> Iterator[str]:
    try:
        quads = parse(path=str(path), format=RdfFormat.TURTLE if path.suffix == ".ttl" else RdfFormat.TRIG)
        for q in quads:
            for t in (q.subject, q.predicate, q.object):
                if isinstance(t, NamedNode) and t.value.startswith(WATCHED):
                    yield t.value
                elif isinstance(t, Literal) and t.datatype.value.startswith(WATCHED):
                    yield t.datatype.value
    except (SyntaxError, ValueError, OSError) as err:
        raise OntologyError(f"{path}: cannot read: {err}") from err


def terms_in_store(store: Store) -> set[str]:
    """The kgo:/kgv: IRIs used as predicate, class or object anywhere in STORE."""
    filters = " || ".join(f'STRSTARTS(STR(?t), "{ns}")' for ns in WATCHED)
    query = f"""SELECT DISTINCT ?t WHERE {{
      {{ ?s ?t ?o }} UNION {{ ?s ?p ?t FILTER(isIRI(?t)) }}
      FILTER({filters}) }}"""
    return {row["t"].value for row in _select(store, query)}


_IRI = re.compile(r"<([^<>\s]*)>")
_STRING = re.compile(r"\"\"\".*?\"\"\"|'''.*?'''|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", re.S)
_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)


def terms_in_query(text: str) -> set[str]:
    """The kgo:/kgv: IRIs a SPARQL query mentions, written in full or with any prefix.

    >>> sorted(terms_in_query('PREFIX k: <https://w3id.org/conflict-kg/ontology#> # kgo:Nope\\n'
    ...                       'SELECT * { ?e a k:Atack ; k:date "kgo:Not" }'))
    ['https://w3id.org/conflict-kg/ontology#Atack', 'https://w3id.org/conflict-kg/ontology#date']
    """
    prefixes = {name or "": ns for name, ns in _PREFIX_DECL.findall(text)}
    found = {iri for iri in _IRI.findall(text) if iri.startswith(WATCHED) and iri not in WATCHED}
    bare = _STRING.sub(" ", _IRI.sub(" ", _PREFIX_DECL.sub(" ", text)))
    bare = "\n".join(line.split("#", 1)[0] for line in bare.splitlines())
    for name, ns in prefixes.items():
        if ns not in WATCHED:
            continue
        pattern = re.compile(rf"(?<![\w:]){re.escape(name)}:([A-Za-z_][\w-]*(?:\.[\w-]+)*)")
        found.update(ns + local for local in pattern.findall(bare))
    return found
