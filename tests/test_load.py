"""kg load: other RDF into its own named graph, with provenance; malformed files change nothing."""

from __future__ import annotations

import gzip
import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store, parse, serialize

from kg.loader import LoadError, load_files, loaded_graph_iri, loaded_graphs, rdf_format_of
from kg.namespaces import DEFAULT_BASE

SAMPLE = Path(__file__).parent / "data" / "wikidata_sample.ttl"
GRAPH = f"{DEFAULT_BASE}graph/_loaded/wikidata_sample"
META = NamedNode(f"{DEFAULT_BASE}graph/_builds")


def _triples(store: Store, graph: str) -> set[tuple[str, str, str]]:
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in store.quads_for_pattern(None, None, None, NamedNode(graph))
    }


def _sample_triples() -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in parse(path=SAMPLE)}


def test_load_puts_a_file_in_its_own_graph_with_provenance() -> None:
    store = Store()
    when = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    [report] = load_files(store, [SAMPLE], now=when)
    assert report.graph == GRAPH
    assert _triples(store, GRAPH) == _sample_triples()
    assert report.triples == len(_sample_triples())
    source = NamedNode(SAMPLE.resolve().as_uri())
    digest = hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    provenance = {
        (q.predicate.value.rsplit("/", 1)[-1], str(q.object))
        for q in store.quads_for_pattern(source, None, None, META)
    }
    assert ("identifier", f'"sha256:{digest}"') in provenance
    assert ("format", '"text/turtle"') in provenance
    [graph] = loaded_graphs(store)
    assert graph.graph == GRAPH
    assert graph.loaded_at == "2024-03-01T09:30:00Z"
    assert graph.triples == report.triples
    assert graph.sources == (source.value,)


def test_loading_again_replaces_the_graph() -> None:
    store = Store()
    load_files(store, [SAMPLE])
    first = set(store)
    load_files(store, [SAMPLE], now=datetime(2030, 1, 1, tzinfo=UTC))
    changed = first ^ set(store)
    assert {q.predicate.value for q in changed} == {"http://www.w3.org/ns/prov#generatedAtTime"}


@pytest.mark.parametrize(
    ("suffix", "fmt"),
    [
        (".nt", RdfFormat.N_TRIPLES),
        (".nq", RdfFormat.N_QUADS),
        (".trig", RdfFormat.TRIG),
        (".jsonld", RdfFormat.JSON_LD),
        (".rdf", RdfFormat.RDF_XML),
        (".ttl.gz", RdfFormat.TURTLE),
        (".nt.gz", RdfFormat.N_TRIPLES),
    ],
)
def test_every_standard_syntax_and_gzip_loads_the_same_triples(
    tmp_path: Path, suffix: str, fmt: RdfFormat
) -> None:
    path = tmp_path / f"sample{suffix}"
    with gzip.open(path, "wb") if suffix.endswith(".gz") else path.open("wb") as out:
        serialize(parse(path=SAMPLE), out, format=fmt)
    store = Store()
    [report] = load_files(store, [path])
    assert report.graph == GRAPH.replace("wikidata_sample", "sample")
    assert _triples(store, report.graph) == _sample_triples()


def test_named_graphs_of_a_dataset_file_go_into_the_target_graph(tmp_path: Path) -> None:
    path = tmp_path / "two.trig"
    path.write_text(
        "<http://e/g1> { <http://e/a> <http://e/p> 1 } <http://e/g2> { <http://e/b> <http://e/p> 2 }\n"
    )
    store = Store()
    load_files(store, [path], graph="https://example.org/graph/mine")
    assert {str(q.graph_name) for q in store.quads_for_pattern(None, NamedNode("http://e/p"), None)} == {
        "<https://example.org/graph/mine>"
    }


def test_several_files_into_one_graph(tmp_path: Path) -> None:
    extra = tmp_path / "extra.nt"
    extra.write_text('<http://e/a> <http://www.w3.org/2000/01/rdf-schema#label> "extra" .\n')
    store = Store()
    [report] = load_files(store, [SAMPLE, extra], graph="https://example.org/graph/both")
    assert [f.path for f in report.files] == [SAMPLE, extra]
    assert len(_triples(store, report.graph)) == len(_sample_triples()) + 1


MALFORMED = [
    ("bad.ttl", '@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', "line 3"),
    ("bad.nt", "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> c .\n", "line 2"),
    (
        "bad.rdf",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="http://e/a">\n</rdf:RDF>\n',
        "line 4",
    ),
    ("bad.jsonld", '{\n  "@id": "http://e/a",\n  "http://e/b": {"@id": \n}\n', "line 4"),
]


@pytest.mark.parametrize(("name", "text", "where"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_file_names_its_line_and_leaves_the_store_unchanged(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    store = Store()
    load_files(store, [SAMPLE])
    before = set(store)
    bad = tmp_path / name
    bad.write_text(text)
    good = tmp_path / "good.nt"
    good.write_text("<http://e/x> <http://e/y> <http://e/z> .\n")
    with pytest.raises(LoadError, match=f"^{re.escape(str(bad))}: {where}: not valid "):
        load_files(store, [good, bad])
    assert set(store) == before


def test_a_malformed_gzip_names_the_line_of_the_decompressed_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nt.gz"
    bad.write_bytes(
        gzip.compress(b"<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> c .\n")
    )
    with pytest.raises(LoadError, match=r"bad\.nt\.gz: line 2: "):
        load_files(Store(), [bad])


def test_kg_own_graphs_are_refused() -> None:
    with pytest.raises(LoadError, match="one of kg's own graphs"):
        load_files(Store(), [SAMPLE], graph=f"{DEFAULT_BASE}graph/_reference")
    with pytest.raises(LoadError, match="not an absolute IRI"):
        load_files(Store(), [SAMPLE], graph="not an iri")


def test_unknown_suffix_asks_for_a_format(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    with pytest.raises(LoadError, match="cannot tell the RDF syntax"):
        rdf_format_of(path)
    assert rdf_format_of(path, "nt") == RdfFormat.N_TRIPLES


@pytest.mark.parametrize(
    ("name", "graph"),
    [
        ("wikidata.ttl", "wikidata"),
        ("wikidata.ttl.gz", "wikidata"),
        ("geonames IQ.nt", "geonames-IQ"),
        ("acled.2024.jsonld", "acled.2024"),
    ],
)
def test_default_graph_names(name: str, graph: str) -> None:
    assert loaded_graph_iri(Path(name)) == f"{DEFAULT_BASE}graph/_loaded/{graph}"


def test_quads_keep_their_terms(tmp_path: Path) -> None:
    path = tmp_path / "lang.ttl"
    path.write_text('<http://e/a> <http://e/b> "x"@ar , 5 , _:b1 .\n_:b1 <http://e/c> "y" .\n')
    store = Store()
    [report] = load_files(store, [path])
    objects = {str(q.object) for q in store.quads_for_pattern(NamedNode("http://e/a"), None, None)}
    assert '"x"@ar' in objects
    assert '"5"^^<http://www.w3.org/2001/XMLSchema#integer>' in objects
    assert report.triples == 4
