"""JSON-LD with kg's published ``@context``: compact dumps, and one event framed with what it refers to.

The context (``ontology/context.jsonld``) is generated from the ontology: one term per kgo class
and property, IRI-valued properties coerced to ``@id``, typed ones to their datatype, plain-text
ones to no language, plus the few outside terms kg's data uses (label, prefLabel, sameAs...). The
default language is English, so ``"label": "drone attack"`` is ``"drone attack"@en``.

Compaction here is the simple, lossless kind: each predicate gets its term (or a compact IRI),
each value the shortest form its term's coercion allows, and a full value object otherwise. A
test reads the output back with a JSON-LD parser and compares quads.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse,
)

from kg import resources
from kg.entailment import superclasses
from kg.errors import KgError
from kg.namespaces import DEFAULT_BASE, PREFIXES

CONTEXT_FILE = "context.jsonld"
CONTEXT_URL = "https://w3id.org/conflict-kg/context.jsonld"
_RDF = PREFIXES["rdf"]
_RDFS = PREFIXES["rdfs"]
_XSD = PREFIXES["xsd"]
_OWL = PREFIXES["owl"]
_KGO = PREFIXES["kgo"]
_RDF_TYPE = _RDF + "type"
_INTEGERS = {
    _XSD + t
    for t in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "int",
        "long",
    )
}
# Terms of other vocabularies that kg's data uses: name -> (IRI, coercion or None).
OUTSIDE_TERMS: dict[str, tuple[str, dict[str, Any]]] = {
    "label": ("rdfs:label", {}),
    "comment": ("rdfs:comment", {}),
    "prefLabel": ("skos:prefLabel", {}),
    "altLabel": ("skos:altLabel", {}),
    "hiddenLabel": ("skos:hiddenLabel", {}),
    "definition": ("skos:definition", {}),
    "inScheme": ("skos:inScheme", {"@type": "@id"}),
    "exactMatch": ("skos:exactMatch", {"@type": "@id"}),
    "sameAs": ("owl:sameAs", {"@type": "@id"}),
    "title": ("dcterms:title", {"@language": None}),
    "issued": ("dcterms:issued", {"@type": "xsd:date"}),
    "isReplacedBy": ("dcterms:isReplacedBy", {"@type": "@id"}),
    "url": ("schema:url", {"@type": "xsd:anyURI"}),
    "hasGeometry": ("geo:hasGeometry", {"@type": "@id"}),
    "asWKT": ("geo:asWKT", {"@type": "geo:wktLiteral"}),
    "wasDerivedFrom": ("prov:wasDerivedFrom", {"@type": "@id"}),
    "wasAttributedTo": ("prov:wasAttributedTo", {"@type": "@id"}),
    "generatedAtTime": ("prov:generatedAtTime", {"@type": "xsd:dateTime"}),
    "invalidatedAtTime": ("prov:invalidatedAtTime", {"@type": "xsd:dateTime"}),
    "subject": ("rdf:subject", {"@type": "@id"}),
    "predicate": ("rdf:predicate", {"@type": "@id"}),
    "object": ("rdf:object", {"@type": "@id"}),
}


# The vocabularies' prefixes (not kg's shorthand for its own instance IRIs, some of which, like
# "article", are also property names).
CONTEXT_PREFIXES = (
    *("kgo", "kgv", "kgr", "kgd", "rdf", "rdfs", "xsd", "owl", "skos", "dcterms", "prov", "sem", "schema"),
    *("geo", "time", "wd"),
)


class JsonLdError(KgError):
    """A JSON-LD document cannot be made (an unknown event, an unusable context file)."""


# ---------------------------------------------------------------- the context


def build_context(ontology: Path | None = None) -> dict[str, Any]:
    """The ``@context`` for kg's data, generated from the ontology (``ontology/kg.ttl``)."""
    path = ontology or resources.data_dir("ontology") / "kg.ttl"
    quads = list(parse(path=path, format=RdfFormat.TURTLE))
    kinds: dict[str, set[str]] = defaultdict(set)
    ranges: dict[str, str] = {}
    for q in quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, NamedNode) or not s.value.startswith(_KGO) or not isinstance(o, NamedNode):
            continue
        if p == _RDF_TYPE:
            kinds[s.value].add(o.value)
        elif p == _RDFS + "range":
            ranges[s.value] = o.value
    context: dict[str, Any] = {"@version": 1.1, "@language": "en", "id": "@id", "type": "@type"}
    context.update({name: PREFIXES[name] for name in CONTEXT_PREFIXES})
    terms: dict[str, Any] = {}
    for iri in sorted(kinds):
        name = iri[len(_KGO) :]
        compact = f"kgo:{name}"
        if name in context:
            raise JsonLdError(f"kgo:{name} has the name of a prefix of the context; rename one")
        if _OWL + "Class" in kinds[iri]:
            terms[name] = compact
        elif _OWL + "ObjectProperty" in kinds[iri]:
            terms[name] = {"@id": compact, "@type": "@id"}
        elif _OWL + "DatatypeProperty" in kinds[iri]:
            datatype = ranges.get(iri)
            if datatype == _XSD + "string":
                terms[name] = {"@id": compact, "@language": None}
            elif datatype in _INTEGERS or datatype == _XSD + "boolean":
                # JSON numbers and booleans are xsd:integer and xsd:boolean already (and Oxigraph
                # stores every integer subtype as xsd:integer).
                terms[name] = {"@id": compact}
            elif datatype and datatype.startswith(_XSD):
                terms[name] = {"@id": compact, "@type": f"xsd:{datatype[len(_XSD) :]}"}
            else:
                terms[name] = {"@id": compact}
    for name, (iri, coercion) in OUTSIDE_TERMS.items():
        if name in terms or name in context:
            raise JsonLdError(
                f"term {name!r} is both kgo:{name} and {iri}; rename one in kg.jsonld.OUTSIDE_TERMS"
            )
        terms[name] = {"@id": iri, **coercion} if coercion else iri
    context.update(sorted(terms.items()))
    return context


def load_context() -> dict[str, Any]:
    """The published context, ``ontology/context.jsonld`` (its ``@context`` member)."""
    path = resources.data_dir("ontology") / CONTEXT_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        context = document["@context"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise JsonLdError(
            f"{path}: not a JSON-LD context file ({err}); regenerate it with: python -m kg.jsonld"
        ) from err
    if not isinstance(context, dict):
        raise JsonLdError(f"{path}: @context must be an object")
    return context


# ---------------------------------------------------------------- compaction


class Compactor:
    """Writes RDF terms in the shortest form a context allows."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.context = context
        self.language = context.get("@language")
        self.prefixes = sorted(
            (
                (k, v)
                for k, v in context.items()
                if isinstance(v, str) and not k.startswith("@") and v[-1:] in "/#:"
            ),
            key=lambda kv: -len(kv[1]),
        )
        self.terms: dict[str, tuple[str, dict[str, Any]]] = {}
        for name, value in context.items():
            if name.startswith("@") or name in {"id", "type"}:
                continue
            definition = value if isinstance(value, dict) else {"@id": value}
            iri = self.expand(definition.get("@id", ""))
            if iri and not (isinstance(value, str) and value[-1:] in "/#:" and ":" not in name):
                self.terms.setdefault(iri, (name, definition))

    def expand(self, value: str) -> str:
        prefix, sep, rest = value.partition(":")
        if sep and not rest.startswith("//") and isinstance(self.context.get(prefix), str):
            return str(self.context[prefix]) + rest
        return value

    def iri(self, iri: str) -> str:
        """A compact IRI (``kgr:erbil``), or the IRI itself when no prefix fits."""
        for prefix, namespace in self.prefixes:
            if (
                iri.startswith(namespace)
                and len(iri) > len(namespace)
                and not iri[len(namespace) :].startswith("//")
            ):
                return f"{prefix}:{iri[len(namespace) :]}"
        return iri

    def vocab(self, iri: str) -> str:
        """A class or property: its term when the context has one."""
        term = self.terms.get(iri)
        return term[0] if term else self.iri(iri)

    def key(self, predicate: str) -> tuple[str, dict[str, Any]]:
        if predicate == _RDF_TYPE:
            return "type", {}
        return self.terms.get(predicate) or (self.iri(predicate), {})

    def value(self, term: object, definition: dict[str, Any]) -> Any:
        if isinstance(term, NamedNode):
            return self.iri(term.value) if definition.get("@type") == "@id" else {"id": self.iri(term.value)}
        if isinstance(term, BlankNode):
            node = f"_:{term.value}"
            return node if definition.get("@type") == "@id" else {"id": node}
        if isinstance(term, Literal):
            return self._literal(term, definition)
        raise JsonLdError(f"cannot write {term} in JSON-LD (RDF-star triple terms are not supported)")

    def _literal(self, lit: Literal, definition: dict[str, Any]) -> Any:
        value, datatype = lit.value, lit.datatype.value
        coerced = self.expand(definition["@type"]) if "@type" in definition else None
        language = definition.get("@language", self.language)
        if lit.language:
            if coerced is None and language == lit.language:
                return value
            return {"@value": value, "@language": lit.language}
        if datatype == _XSD + "string":
            return value if coerced is None and language is None else {"@value": value}
        if coerced is None and datatype == _XSD + "integer" and re.fullmatch(r"0|-?[1-9][0-9]*", value):
            return int(value)
        if coerced is None and datatype == _XSD + "boolean" and value in {"true", "false"}:
            return value == "true"
        if coerced == datatype:
            if datatype in _INTEGERS and re.fullmatch(r"0|-?[1-9][0-9]*", value):
                return int(value)
            if datatype == _XSD + "boolean" and value in {"true", "false"}:
                return value == "true"
            return value
        return {"@value": value, "type": self.vocab(datatype)}

    def node(self, subject: object, triples: Iterable[tuple[NamedNode, object]]) -> dict[str, Any]:
        """The node object of SUBJECT with its (predicate, object) pairs."""
        values: dict[str, list[Any]] = defaultdict(list)
        depth: dict[str, int] = {}  # a type's number of kgo: superclasses: the most specific comes first
        for predicate, obj in triples:
            key, definition = self.key(predicate.value)
            if key == "type":
                values[key].append(
                    self.vocab(obj.value) if isinstance(obj, NamedNode) else self.value(obj, {})
                )
                if isinstance(obj, NamedNode):
                    depth[values[key][-1]] = len(superclasses(obj.value))
            else:
                values[key].append(self.value(obj, definition))
        node: dict[str, Any] = {"id": self.subject(subject)}
        for key in sorted(values, key=lambda k: (k != "type", k)):
            items = sorted(
                values[key], key=lambda v: (-depth.get(v, 0) if isinstance(v, str) else 0, _sort_key(v))
            )
            node[key] = items[0] if len(items) == 1 else items
        return node

    def subject(self, term: object) -> str:
        if isinstance(term, NamedNode):
            return self.iri(term.value)
        if isinstance(term, BlankNode):
            return f"_:{term.value}"
        raise JsonLdError(f"cannot write {term} as a JSON-LD node")


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _context_for(base: str, context: dict[str, Any] | None) -> dict[str, Any]:
    context = dict(context or load_context())
    if base != DEFAULT_BASE:
        context["kgd"] = base
    return context


# ---------------------------------------------------------------- dumps


def dataset_document(
    quads: Iterable[Quad],
    *,
    base: str = DEFAULT_BASE,
    context: dict[str, Any] | None = None,
    context_url: str | None = None,
) -> dict[str, Any]:
    """A JSON-LD document of QUADS: one ``@graph`` per named graph, nodes sorted by IRI."""
    ctx = _context_for(base, context)
    compactor = Compactor(ctx)
    graphs: dict[object, dict[object, list[tuple[NamedNode, object]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for q in quads:
        graphs[q.graph_name][q.subject].append((q.predicate, q.object))
    default = {
        compactor.subject(s): compactor.node(s, po) for s, po in graphs.pop(DefaultGraph(), {}).items()
    }
    top: list[dict[str, Any]] = []
    for name in sorted(graphs, key=str):
        nodes = [compactor.node(s, po) for s, po in graphs[name].items()]
        holder = default.pop(compactor.subject(name), None) or {"id": compactor.subject(name)}
        holder["@graph"] = sorted(nodes, key=lambda n: str(n["id"]))
        top.append(holder)
    top = sorted(default.values(), key=lambda n: str(n["id"])) + top
    return {"@context": context_url or ctx, "@graph": top}


def write_json(document: dict[str, Any], output: IO[str]) -> None:
    """Indented JSON, UTF-8 characters kept as they are."""
    output.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def write_dataset(store: Store, output: IO[bytes], *, base: str = DEFAULT_BASE) -> None:
    """``kg dump --format jsonld``: the whole store as compact JSON-LD with the context embedded."""
    document = dataset_document(store, base=base)
    output.write((json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode())


# ---------------------------------------------------------------- one event, framed

# Which properties of which node are shown and embedded (JSON-LD framing with @explicit).
_ENTITY = (
    "type",
    "prefLabel",
    "label",
    "sameAs",
    "exactMatch",
    "inReferenceData",
    "hasGeometry",
    "locatedIn",
)
_FRAMES: dict[str, tuple[str, ...]] = {
    "entity": _ENTITY,
    "geometry": ("type", "asWKT"),
    "mention": ("type", "text", "start", "end", "rule"),
    "article": ("type", "title", "url", "issued", "outlet", "sourceFile"),
    "statement": ("type", "claimant", "statedBy", "mention"),
    "incident": ("type", "label", "report"),
}
_EMBED = {
    "perpetrator": "entity",
    "claimedBy": "entity",
    "attributedTo": "entity",
    "targetActor": "entity",
    "targetPlace": "entity",
    "location": "entity",
    "victim": "entity",
    "interceptor": "entity",
    "participant": "entity",
    "claimant": "entity",
    "statedBy": "entity",
    "locatedIn": "entity",
    "hasGeometry": "geometry",
    "mention": "mention",
    "source": "article",
}
_REVERSE = {"about": "statement", "report": "incident"}


def resolve_event(store: Store, event: str) -> NamedNode:
    """The IRI of EVENT, given as an IRI, a prefixed name (kgd:event/...) or a local name."""
    prefix, sep, rest = event.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        event = PREFIXES[prefix] + rest
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:\S+", event):
        node = NamedNode(event)
        if any(True for _ in store.quads_for_pattern(node, NamedNode(_KGO + "source"), None)):
            return node
    elif re.fullmatch(r"[A-Za-z0-9_.~-]+", event):
        rows = store.query(
            f"PREFIX kgo: <{_KGO}> SELECT DISTINCT ?e WHERE {{ ?e kgo:source ?a . "
            f'FILTER(STRENDS(STR(?e), "/event/{event}")) }}',
            use_default_graph_as_union=True,
        )
        assert isinstance(rows, QuerySolutions), "a SELECT query"
        found = [row["e"] for row in rows]
        if len(found) == 1 and isinstance(found[0], NamedNode):
            return found[0]
    raise JsonLdError(f"{event}: no such event in the store; list them with: kg export events --format csv")


def frame_event(
    store: Store, event: str, *, base: str = DEFAULT_BASE, context_url: str | None = None
) -> dict[str, Any]:
    """EVENT as one JSON-LD node with its actors, places, sentences, article and claims embedded."""
    node = resolve_event(store, event)
    ctx = _context_for(base, None)
    framer = _Framer(store, Compactor(ctx))
    root = framer.frame(node, None)
    reverse: dict[str, list[dict[str, Any]]] = {}
    for prop, frame in _REVERSE.items():
        subjects = sorted(
            {
                q.subject.value
                for q in store.quads_for_pattern(None, NamedNode(_KGO + prop), node)
                if isinstance(q.subject, NamedNode)
            }
        )
        if subjects:
            reverse[prop] = [framer.frame(NamedNode(s), frame) for s in subjects]
    if reverse:
        root["@reverse"] = reverse
    return {"@context": context_url or ctx, **root}


class _Framer:
    def __init__(self, store: Store, compactor: Compactor) -> None:
        self.store = store
        self.compactor = compactor
        self.embedded: set[str] = set()

    def _triples(self, node: NamedNode | BlankNode) -> Iterator[tuple[NamedNode, object]]:
        seen = set()
        for q in self.store.quads_for_pattern(node, None, None):
            if (q.predicate, q.object) not in seen and not isinstance(q.object, Triple):
                seen.add((q.predicate, q.object))
                yield q.predicate, q.object

    def frame(self, node: NamedNode | BlankNode, frame: str | None) -> dict[str, Any]:
        """NODE with the properties its FRAME shows (all when None), embedding each node once."""
        self.embedded.add(str(node))
        triples = list(self._triples(node))
        shown = [
            (p, o) for p, o in triples if frame is None or self.compactor.key(p.value)[0] in _FRAMES[frame]
        ]
        result = self.compactor.node(node, shown)
        for p, o in shown:
            key = self.compactor.key(p.value)[0]
            inner = _EMBED.get(key)
            if inner is None or not isinstance(o, NamedNode | BlankNode) or str(o) in self.embedded:
                continue
            if not any(True for _ in self.store.quads_for_pattern(o, None, None)):
                continue
            embedded = self.frame(o, inner)
            current = result[key]
            compact = self.compactor.value(o, self.compactor.key(p.value)[1])
            if isinstance(current, list):
                result[key] = [embedded if item == compact else item for item in current]
            else:
                result[key] = embedded
        return result


if __name__ == "__main__":
    print(json.dumps({"@context": build_context()}, ensure_ascii=False, indent=2))
