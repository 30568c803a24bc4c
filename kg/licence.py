"""The licence and rights statement of a store's data, kept in the store and repeated by every output.

A store holds one dataset node, ``<BASE>dataset``, in the build-provenance graph, with
``dcterms:license`` (an IRI) and ``dcterms:rights`` (a sentence). ``kg build --license`` and
``--rights`` set them; a build that gives neither keeps what the store has, or writes the defaults.
Dumps carry the node, and VoID, the Service Description and the exports repeat it.

The default licence is CC BY 4.0; the rights statement says what the licence cannot cover: the
sentences kept as evidence (``kgo:text``) are quoted from news articles whose publishers hold
their copyright.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, Store

from kg.export import ACLED_COLUMNS
from kg.namespaces import ONTOLOGY_IRI, Minter

DCTERMS = "http://purl.org/dc/terms/"
DCAT_DATASET = NamedNode("http://www.w3.org/ns/dcat#Dataset")
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
LICENSE = NamedNode(DCTERMS + "license")
RIGHTS = NamedNode(DCTERMS + "rights")

DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DEFAULT_RIGHTS = (
    "The graph is licensed under its dcterms:license. The sentences it keeps as evidence (kgo:text of "
    "each kgo:Mention) are short quotations from copyrighted news articles; their publishers keep "
    "the copyright, and the licence does not cover them: reuse them only as quotations, citing the "
    "article (kgo:source)."
)
TITLE = "kg conflict knowledge graph"


@dataclass(frozen=True)
class Licence:
    license: str = DEFAULT_LICENSE
    rights: str = DEFAULT_RIGHTS

    def as_dict(self) -> dict[str, str]:
        return {"license": self.license, "rights": self.rights}


def dataset_iri(minter: Minter) -> NamedNode:
    return NamedNode(f"{minter.base}dataset")


def stored(store: Store) -> Licence | None:
    """The licence the store's dataset node states, if it has one."""
    rows = store.query(
        f"SELECT ?l ?r WHERE {{ GRAPH ?g {{ ?d a <{DCAT_DATASET.value}> ; <{LICENSE.value}> ?l ; "
        f"<{RIGHTS.value}> ?r }} }} ORDER BY ?d LIMIT 1"
    )
    assert isinstance(rows, QuerySolutions)
    for row in rows:
        return Licence(row["l"].value, row["r"].value)
    return None


def of(store: Store) -> Licence:
    """The store's licence, or the defaults for a store built before kg recorded one."""
    return stored(store) or Licence()


def record(store: Store, minter: Minter, license: str | None = None, rights: str | None = None) -> Licence:
    """Write the dataset node: LICENSE and RIGHTS where given, else what the store has, else the defaults."""
    current = stored(store) or Licence()
    wanted = Licence(license or current.license, rights or current.rights)
    node, graph = dataset_iri(minter), NamedNode(str(minter.meta_graph))
    quads = [
        Quad(node, RDF_TYPE, DCAT_DATASET, graph),
        Quad(node, RDFS_LABEL, Literal(TITLE), graph),
        Quad(node, NamedNode(DCTERMS + "title"), Literal(TITLE), graph),
        Quad(node, NamedNode(DCTERMS + "conformsTo"), NamedNode(ONTOLOGY_IRI), graph),
        Quad(node, LICENSE, NamedNode(wanted.license), graph),
        Quad(node, RIGHTS, Literal(wanted.rights, language="en"), graph),
    ]
    if all(q in store for q in quads):
        return wanted
    for old in list(store.quads_for_pattern(node, None, None, graph)):
        store.remove(old)
    store.extend(quads)
    return wanted


def metadata_path(output: Path) -> Path:
    """Where the metadata of an exported file goes: CSV on the Web's ``FILE-metadata.json``."""
    return output.with_name(output.name + "-metadata.json")


def write_metadata(output: Path, fmt: str, terms: Licence) -> Path:
    """The licence and rights of OUTPUT in a sidecar file: a CSV on the Web (CSVW) table description
    for CSV, the same keys for JSON Lines. Table readers ignore it; CSVW tools read it."""
    description: dict[str, object] = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": output.name,
        "dc:title": "kg attack events",
        "dc:license": {"@id": terms.license},
        "dc:rights": terms.rights,
        "dc:source": "news articles; each row names its article (source, source_url)",
    }
    if fmt == "csv":
        description["tableSchema"] = {
            "columns": [
                {"name": c.name, "titles": c.name, "datatype": _CSVW_TYPES[c.type]} for c in ACLED_COLUMNS
            ]
        }
    path = metadata_path(output)
    path.write_text(json.dumps(description, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


_CSVW_TYPES = {"string": "string", "integer": "integer", "number": "decimal", "date": "date"}
