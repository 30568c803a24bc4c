"""The server describing itself: a SPARQL 1.1 Service Description at the endpoint URL and a VoID
description of the dataset at ``/.well-known/void`` (the location the VoID note recommends).

The VoID statistics (statements, classes, properties, named graphs, links to Wikidata) are
computed by the query workers on first request and cached until an update changes the store.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse, serialize
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kg import resources
from kg.licence import DCAT_DATASET, LICENSE, RIGHTS, Licence
from kg.namespaces import ONTOLOGY_IRI, PREFIXES, WD
from kg.server import html
from kg.server.config import ServerConfig
from kg.server.protocol import BY_NAME, FORMATS, HttpError, negotiate, prefers_html
from kg.server.workers import WorkerPool, query_request

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
VOID_PATH = "/.well-known/void"
PREFIX_MAP = {**PREFIXES, "sd": SD, "void": VOID, "foaf": FOAF, "formats": "http://www.w3.org/ns/formats/"}
MAX_GRAPHS_IN_SD = 1000
UNION_NOTE = (
    "The default graph is the union of all named graphs: one graph per article, plus the ontology, "
    "the reference data, build provenance and the incident groupings. Queries may name graphs with "
    "FROM / FROM NAMED or the default-graph-uri / named-graph-uri parameters."
)

STAT_QUERIES = {
    "statements": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "subjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "classes": "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c "
    "ORDER BY DESC(?n) ?c",
    "properties": "SELECT ?c (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?c ?o } } GROUP BY ?c "
    "ORDER BY DESC(?n) ?c",
    "graphs": "SELECT ?c (COUNT(*) AS ?n) WHERE { GRAPH ?c { ?s ?p ?o } } GROUP BY ?c ORDER BY ?c",
    "wikidata": f"""SELECT ?c (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?c ?o }}
        FILTER(isIRI(?o) && STRSTARTS(STR(?o), "{WD}")) }} GROUP BY ?c ORDER BY ?c""",
}


def routes() -> list[BaseRoute]:
    return [
        Route(VOID_PATH, void_description, methods=["GET", "HEAD"]),
        Route("/files/{kind:str}/{name:str}", data_file, methods=["GET", "HEAD"]),
    ]


def n(iri: str) -> NamedNode:
    return NamedNode(iri)


def site_url(request: Request) -> str:
    config: ServerConfig = request.app.state.config
    return (config.public_url or str(request.base_url)).rstrip("/")


@dataclass(frozen=True)
class Stats:
    statements: int
    subjects: int
    classes: list[tuple[str, int]]
    properties: list[tuple[str, int]]
    graphs: list[tuple[str, int]]
    wikidata: list[tuple[str, int]]


async def stats(request: Request) -> Stats:
    """The dataset statistics, computed in parallel by the workers and cached per store generation."""
    pool: WorkerPool = request.app.state.pool
    cache: dict[str, Any] = request.app.state.cache
    key = f"void-stats-{pool.generation}"
    lock = cache.setdefault("void-lock", asyncio.Lock())
    async with lock:
        if key not in cache:
            answers = await asyncio.gather(*(_select(pool, text) for text in STAT_QUERIES.values()))
            values = dict(zip(STAT_QUERIES, answers, strict=True))
            cache[key] = Stats(
                statements=int(values["statements"][0][1]),
                subjects=int(values["subjects"][0][1]),
                **{
                    name: [(c, int(k)) for c, k in values[name]]
                    for name in ("classes", "properties", "graphs", "wikidata")
                },
            )
    result: Stats = cache[key]
    return result


async def dataset_licence(request: Request) -> Licence:
    """The store's licence and rights statement (:mod:`kg.licence`), cached per store generation."""
    pool: WorkerPool = request.app.state.pool
    cache: dict[str, Any] = request.app.state.cache
    key = f"licence-{pool.generation}"
    if key not in cache:
        rows = await _select(pool, LICENCE_QUERY)
        cache[key] = Licence(*rows[0]) if rows else Licence()
    found: Licence = cache[key]
    return found


LICENCE_QUERY = (
    f"SELECT ?l ?r WHERE {{ GRAPH ?g {{ ?d a <{DCAT_DATASET.value}> ; <{LICENSE.value}> ?l ; "
    f"<{RIGHTS.value}> ?r }} }} ORDER BY ?d LIMIT 1"
)


def licence_triples(subject: NamedNode, terms: Licence) -> list[Triple]:
    return [
        Triple(subject, n(DCT + "license"), n(terms.license)),
        Triple(subject, n(DCT + "rights"), Literal(terms.rights, language="en")),
    ]


async def _select(pool: WorkerPool, text: str) -> list[tuple[str, str]]:
    """Rows of a two-column (or one-column) SELECT as (first value, last value) pairs."""
    request = query_request(
        text,
        formats={"results": ("json", "application/sparql-results+json")},
        base_iri=None,
        max_bytes=64 * 1024 * 1024,
    )
    _, body = await pool.fetch(request)
    rows = json.loads(body)["results"]["bindings"]
    names = json.loads(body)["head"]["vars"]
    return [
        (row.get(names[0], {}).get("value", ""), row.get(names[-1], {}).get("value", "0")) for row in rows
    ]


async def graph_names(request: Request) -> list[str]:
    """The named graphs of the store, cached per generation."""
    pool: WorkerPool = request.app.state.pool
    cache: dict[str, Any] = request.app.state.cache
    key = f"graphs-{pool.generation}"
    if key not in cache:
        rows = await _select(pool, "SELECT DISTINCT ?g WHERE { GRAPH ?g {} } ORDER BY ?g")
        cache[key] = [g for g, _ in rows]
    names: list[str] = cache[key]
    return names


def service_triples(
    endpoint: str, site: str, graphs: list[str], *, read_only: bool, title: str
) -> list[Triple]:
    """The Service Description of the endpoint at ENDPOINT."""
    service, dataset, default = n(endpoint), n(site + VOID_PATH + "#dataset"), BlankNode()
    out = [
        Triple(service, RDF_TYPE, n(SD + "Service")),
        Triple(service, n(SD + "endpoint"), service),
        Triple(service, n(SD + "supportedLanguage"), n(SD + "SPARQL11Query")),
        Triple(service, n(SD + "feature"), n(SD + "UnionDefaultGraph")),
        Triple(service, n(SD + "defaultDataset"), dataset),
        Triple(service, n(DCT + "title"), Literal(title)),
        Triple(
            service,
            n(RDFS + "comment"),
            Literal(
                "SPARQL 1.1 endpoint served by kg serve. SERVICE (federated query) and LOAD are disabled; "
                "queries have a time limit and a result size limit."
                + ("" if read_only else " SPARQL Update needs a bearer token.")
            ),
        ),
        Triple(service, n(RDFS + "seeAlso"), n(site + VOID_PATH)),
        Triple(dataset, RDF_TYPE, n(SD + "Dataset")),
        Triple(dataset, RDF_TYPE, n(VOID + "Dataset")),
        Triple(dataset, n(SD + "defaultGraph"), default),
        Triple(default, RDF_TYPE, n(SD + "Graph")),
        Triple(default, n(RDFS + "comment"), Literal(UNION_NOTE)),
    ]
    if not read_only:
        out.append(Triple(service, n(SD + "supportedLanguage"), n(SD + "SPARQL11Update")))
    for fmt in FORMATS:
        out.append(Triple(service, n(SD + "resultFormat"), n(_format_iri(fmt.name))))
    for name in graphs[:MAX_GRAPHS_IN_SD]:
        node, graph = BlankNode(), BlankNode()
        out += [
            Triple(dataset, n(SD + "namedGraph"), node),
            Triple(node, RDF_TYPE, n(SD + "NamedGraph")),
            Triple(node, n(SD + "name"), n(name)),
            Triple(node, n(SD + "graph"), graph),
            Triple(graph, RDF_TYPE, n(SD + "Graph")),
        ]
    if len(graphs) > MAX_GRAPHS_IN_SD:
        out.append(
            Triple(
                dataset,
                n(RDFS + "comment"),
                Literal(
                    f"{len(graphs)} named graphs; the first {MAX_GRAPHS_IN_SD} are listed here, "
                    f"all of them in {site}{VOID_PATH}"
                ),
            )
        )
    return out


def _format_iri(name: str) -> str:
    """The W3C ``formats`` IRI of a format (pyoxigraph's JSON-LD IRI is not the registered one)."""
    from kg.server._worker import GRAPH_FORMATS, RESULT_FORMATS

    fmt = GRAPH_FORMATS[name] if name in GRAPH_FORMATS else RESULT_FORMATS[name]
    iri: str = fmt.iri
    return "http://www.w3.org/ns/formats/JSON-LD" if name == "jsonld" else iri


def void_triples(stats: Stats, *, endpoint: str, site: str, base_iri: str, title: str) -> list[Triple]:
    """The VoID description of the dataset."""
    doc = site + VOID_PATH
    dataset = n(doc + "#dataset")
    out = [
        Triple(n(doc), RDF_TYPE, n(VOID + "DatasetDescription")),
        Triple(n(doc), n(FOAF + "primaryTopic"), dataset),
        Triple(dataset, RDF_TYPE, n(VOID + "Dataset")),
        Triple(dataset, n(DCT + "title"), Literal(title)),
        Triple(
            dataset,
            n(DCT + "description"),
            Literal(
                "Attacks, claims, actors and places of armed conflict read from news articles, with the "
                "sentence behind every fact. " + UNION_NOTE
            ),
        ),
        Triple(dataset, n(VOID + "sparqlEndpoint"), n(endpoint)),
        Triple(dataset, n(VOID + "uriSpace"), Literal(base_iri)),
        Triple(dataset, n(VOID + "uriLookupEndpoint"), n(site + "/page?iri=")),
        Triple(dataset, n(VOID + "triples"), _int(stats.statements)),
        Triple(dataset, n(VOID + "distinctSubjects"), _int(stats.subjects)),
        Triple(dataset, n(VOID + "classes"), _int(len(stats.classes))),
        Triple(dataset, n(VOID + "properties"), _int(len(stats.properties))),
        Triple(dataset, n(VOID + "feature"), n("http://www.w3.org/ns/formats/Turtle")),
        Triple(dataset, n(VOID + "feature"), n("http://www.w3.org/ns/formats/JSON-LD")),
        Triple(
            dataset,
            n(VOID + "dataDump"),
            n(site + "/sparql?query=CONSTRUCT%7B%3Fs%3Fp%3Fo%7DWHERE%7B%3Fs%3Fp%3Fo%7D"),
        ),
        Triple(dataset, n(DCT + "conformsTo"), n(ONTOLOGY_IRI)),
    ]
    for vocabulary in sorted(_namespaces([c for c, _ in stats.classes] + [p for p, _ in stats.properties])):
        out.append(Triple(dataset, n(VOID + "vocabulary"), n(vocabulary)))
    for kind, path in (("ontology", p) for p in resources.ontology_files()):
        out.append(Triple(dataset, n(RDFS + "seeAlso"), n(f"{site}/files/{kind}/{path.name}")))
    for shape_doc in _shape_documents(site):
        out.append(Triple(dataset, n(DCT + "conformsTo"), n(shape_doc)))
    for iri, count in stats.classes:
        node = BlankNode()
        out += [
            Triple(dataset, n(VOID + "classPartition"), node),
            Triple(node, n(VOID + "class"), n(iri)),
            Triple(node, n(VOID + "entities"), _int(count)),
        ]
    for iri, count in stats.properties:
        node = BlankNode()
        out += [
            Triple(dataset, n(VOID + "propertyPartition"), node),
            Triple(node, n(VOID + "property"), n(iri)),
            Triple(node, n(VOID + "triples"), _int(count)),
        ]
    for iri, count in stats.graphs:
        node = BlankNode()
        out += [
            Triple(dataset, n(VOID + "subset"), node),
            Triple(node, RDF_TYPE, n(VOID + "Dataset")),
            Triple(node, RDF_TYPE, n(SD + "NamedGraph")),
            Triple(node, n(SD + "name"), n(iri)),
            Triple(node, n(VOID + "triples"), _int(count)),
        ]
    if stats.wikidata:
        wikidata = n(doc + "#wikidata")
        out += [
            Triple(wikidata, RDF_TYPE, n(VOID + "Dataset")),
            Triple(wikidata, n(FOAF + "homepage"), n("https://www.wikidata.org/")),
            Triple(wikidata, n(VOID + "uriSpace"), Literal(str(WD))),
            Triple(wikidata, n(VOID + "sparqlEndpoint"), n("https://query.wikidata.org/sparql")),
        ]
        for predicate, count in stats.wikidata:
            linkset = n(f"{doc}#wikidata-{predicate.rsplit('#', 1)[-1].rsplit('/', 1)[-1]}")
            out += [
                Triple(linkset, RDF_TYPE, n(VOID + "Linkset")),
                Triple(dataset, n(VOID + "subset"), linkset),
                Triple(linkset, n(VOID + "subjectsTarget"), dataset),
                Triple(linkset, n(VOID + "objectsTarget"), wikidata),
                Triple(linkset, n(VOID + "linkPredicate"), n(predicate)),
                Triple(linkset, n(VOID + "triples"), _int(count)),
            ]
    return out


def used_prefixes(triples: Iterable[Triple]) -> dict[str, str]:
    """The prefixes of PREFIX_MAP that some IRI of TRIPLES starts with (so the output declares no others)."""
    iris = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, NamedNode):
                iris.add(term.value)
            elif isinstance(term, Literal):
                iris.add(term.datatype.value)
    return {p: ns for p, ns in PREFIX_MAP.items() if any(i.startswith(ns) for i in iris)}


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=n("http://www.w3.org/2001/XMLSchema#integer"))


def _namespaces(iris: Iterable[str]) -> set[str]:
    """The vocabulary namespaces of IRIS (up to the last # or /)."""
    out = set()
    for iri in iris:
        cut = max(iri.rfind("#"), iri.rfind("/"))
        if cut > 0:
            out.add(iri[: cut + 1])
    return out


def _shape_documents(site: str) -> list[str]:
    """The shapes the graph is validated against: their owl:Ontology IRIs, or their local URL."""
    out = []
    for path in sorted(resources.shapes_dir().glob("*.ttl")):
        declared = []
        try:
            for triple in parse(path=str(path), format=RdfFormat.TURTLE):
                if triple.predicate == RDF_TYPE and triple.object == n(
                    "http://www.w3.org/2002/07/owl#Ontology"
                ):
                    declared.append(triple.subject.value)
        except (SyntaxError, OSError):
            declared = []
        out += declared or [f"{site}/files/shapes/{path.name}"]
    return out


async def service_description(request: Request, endpoint: str) -> Response:
    """GET on the endpoint without a query: the Service Description (RDF, or HTML for browsers)."""
    config: ServerConfig = request.app.state.config
    triples = service_triples(
        endpoint,
        site_url(request),
        await graph_names(request),
        read_only=config.read_only,
        title=config.title,
    )
    triples += licence_triples(n(site_url(request) + VOID_PATH + "#dataset"), await dataset_licence(request))
    return _rdf_response(
        request,
        triples,
        "Service description",
        intro=(
            f"<p>This is the SPARQL 1.1 Service Description of <code>{html.esc(endpoint)}</code>. "
            f'Query it from the <a href="/">query page</a> or any SPARQL client. {html.esc(UNION_NOTE)}</p>'
        ),
    )


async def void_description(request: Request) -> Response:
    """The VoID description of the dataset (RDF, or HTML for browsers)."""
    config: ServerConfig = request.app.state.config
    site = site_url(request)
    data = await stats(request)
    triples = void_triples(
        data, endpoint=site + "/sparql", site=site, base_iri=config.base_iri, title=config.title
    )
    triples += licence_triples(n(site + VOID_PATH + "#dataset"), await dataset_licence(request))
    return _rdf_response(request, triples, "Dataset description (VoID)", intro=_void_summary(request, data))


def _void_summary(request: Request, data: Stats) -> str:
    spaces = request.app.state.config.local_spaces
    rows = "".join(
        f'<tr><td>{html.term_html({"type": "uri", "value": c}, spaces)}</td><td class="num">{k}</td></tr>'
        for c, k in data.classes
    )
    props = "".join(
        f'<tr><td>{html.term_html({"type": "uri", "value": c}, spaces)}</td><td class="num">{k}</td></tr>'
        for c, k in data.properties
    )
    links = sum(k for _, k in data.wikidata)
    return (
        f"<p>{data.statements} statements about {data.subjects} subjects in {len(data.graphs)} named graphs; "
        f"{len(data.classes)} classes, {len(data.properties)} properties, {links} links to Wikidata.</p>"
        f'<div class="columns"><table><caption>Classes</caption><tr><th>class</th><th>entities</th></tr>'
        f"{rows}</table>"
        f"<table><caption>Properties</caption><tr><th>property</th><th>statements</th></tr>{props}</table></div>"
    )


def _rdf_response(request: Request, triples: list[Triple], title: str, *, intro: str) -> Response:
    # grouped by subject so Turtle writes each subject once
    triples = sorted(
        triples, key=lambda t: (isinstance(t.subject, BlankNode), str(t.subject), str(t.predicate))
    )
    accept = request.headers.get("accept")
    wanted = request.query_params.get("format")
    if wanted is None and prefers_html(accept):
        source = serialize(triples, format=RdfFormat.TURTLE, prefixes=used_prefixes(triples)) or b""
        links = " &middot; ".join(
            f'<a href="?format={f}">{f}</a>' for f in ("turtle", "jsonld", "nt", "rdfxml")
        )
        return html.page(
            request,
            title,
            f"<h1>{html.esc(title)}</h1>{intro}<p>As RDF: {links}</p>"
            f'<pre class="source">{html.esc(source.decode())}</pre>',
        )
    if wanted is not None:
        if wanted not in BY_NAME or "graph" not in BY_NAME[wanted].kinds:
            raise HttpError(400, f"unknown format={wanted}; use turtle, nt, jsonld, rdfxml, nquads or trig")
        fmt, media_type = BY_NAME[wanted], BY_NAME[wanted].media_type
    else:
        chosen = negotiate(accept, "graph")
        if chosen is None:
            raise HttpError(
                406,
                "this description is RDF; accept text/turtle, application/ld+json, "
                "application/n-triples or application/rdf+xml (or text/html)",
            )
        fmt, media_type = chosen
    from kg.server._worker import GRAPH_FORMATS

    rdf_format = GRAPH_FORMATS[fmt.name]
    prefixed = rdf_format in {RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML}
    body = (
        serialize(triples, format=rdf_format, prefixes=used_prefixes(triples))
        if prefixed
        else serialize(triples, format=rdf_format)
    )
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


async def data_file(request: Request) -> Response:
    """The ontology and shapes files the dataset uses, as Turtle."""
    kind, name = request.path_params["kind"], request.path_params["name"]
    files = {
        "ontology": [*resources.ontology_files(), *resources.reference_files()],
        "shapes": sorted(resources.shapes_dir().glob("*.ttl")),
    }
    for path in files.get(kind, []):
        if path.name == name and path.is_file():
            return Response(path.read_bytes(), media_type="text/turtle")
    raise HttpError(404, f"no {kind} file named {name}")
