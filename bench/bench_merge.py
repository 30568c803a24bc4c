"""Merge-side throughput: kg load, kg link, kg export, kg diff and the JSON-LD dump on generated data.

    python bench/bench_merge.py [--entities 100000] [--events 5000]

Generates a Wikidata-shaped graph (labels, aliases, wdt:P31, wdt:P625; a few hundred names are
those of the gazetteer, the rest made-up), and a store of ``--events`` attack events in
``--events / 5`` articles mapped with ``kg.mapping.article_quads`` from random reference
places, actors, weapons and dates. Then times each merge step once, in memory, and prints the
figures. Timings are wall-clock on whatever else the machine is doing: note the load average.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store, parse

from kg import resources
from kg.diff import diff_stores
from kg.export import acled_rows, plover_records, read_events, write_csv, write_jsonl, write_parquet
from kg.extract.model import Entity, Event, EventDate, Evidence, Extraction
from kg.ingest import Article
from kg.jsonld import write_dataset
from kg.link import propose
from kg.loader import load_files
from kg.mapping import article_quads
from kg.namespaces import Minter
from kg.reference import reference_entities
from kg.store import replace_graph

SYLLABLES = [
    *["al", "ba", "da", "ka", "ma", "na", "ra", "sa", "ta", "za"],
    *["qa", "ha", "fa", "la", "ya", "wa", "ni", "mu", "ri", "shi"],
]
WEAPONS = ["drone", "rocket", "mortar", "ballisticMissile", None]


def wikidata_like(path: Path, entities: int, names: list[str], rng: random.Random) -> None:
    """Write ENTITIES Wikidata-shaped items (some named like the gazetteer) as gzipped N-Triples."""
    wd, wdt = "http://www.wikidata.org/entity/", "http://www.wikidata.org/prop/direct/"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    alt = "<http://www.w3.org/2004/02/skos/core#altLabel>"
    classes = ["Q515", "Q532", "Q10864048", "Q43229", "Q5"]
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for c, name in zip(classes, ["city", "village", "province", "organization", "human"], strict=True):
            out.write(f'<{wd}{c}> {label} "{name}"@en .\n')
        for i in range(entities):
            name = (
                names[i]
                if i < len(names)
                else " ".join(
                    "".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).title()
                    for _ in range(rng.randint(1, 3))
                )
            )
            item = f"<{wd}Q{10_000_000 + i}>"
            out.write(f'{item} {label} "{name}"@en .\n')
            if rng.random() < 0.3:
                out.write(f'{item} {alt} "{name} {rng.choice(SYLLABLES)}"@en .\n')
            out.write(f"{item} <{wdt}P31> <{wd}{rng.choice(classes)}> .\n")
            lon, lat = 35 + rng.random() * 15, 29 + rng.random() * 9
            wkt = "<http://www.opengis.net/ont/geosparql#wktLiteral>"
            out.write(f'{item} <{wdt}P625> "Point({lon:.4f} {lat:.4f})"^^{wkt} .\n')


def build(store: Store, events: int, rng: random.Random, *, bump: int = 0) -> None:
    """Fill STORE with static graphs and EVENTS events in EVENTS/5 articles; BUMP changes some figures."""
    minter = Minter()
    for target, files in (
        (minter.ontology_graph, resources.ontology_files()),
        (minter.reference_graph, resources.reference_files()),
    ):
        node = NamedNode(str(target))
        replace_graph(
            store, node, [Quad(q.subject, q.predicate, q.object, node) for p in files for q in parse(path=p)]
        )
    reference = reference_entities()
    places = [Entity(e.label, e.place_kind or "Place", e.iri) for e in reference if e.place_kind]
    actors = [Entity(e.label, e.actor_kind or "Actor", e.iri) for e in reference if e.actor_kind]
    for a in range(events // 5):
        sentences, extraction = [], Extraction()
        for k in range(5):
            sentence = f"Attack {k} of article {a} on a base, killing {k} people."
            start = sum(len(s) + 1 for s in sentences)
            sentences.append(sentence)
            day = date(2023, 10, 1) + timedelta(days=rng.randrange(300))
            killed = k + (1 if bump and a % bump == 0 and k == 0 else 0)
            extraction.events.append(
                Event(
                    "Attack",
                    [Evidence(start, start + len(sentence), sentence, "bench")],
                    weapon=rng.choice(WEAPONS),
                    targets=[rng.choice(places)],
                    claimants=[rng.choice(actors)],
                    date=EventDate(day.isoformat(), "day", day, day, "stated"),
                    killed=killed,
                )
            )
        text = " ".join(sentences)
        article = Article(f"bench-{a}", text, f"bench-{a}.txt", hashlib.sha256(text.encode()).hexdigest())
        quads = article_quads(article, extraction, minter, "https://w3id.org/conflict-kg/extractor/bench")
        replace_graph(store, NamedNode(str(minter.graph(article.id))), quads)


def timed(label: str, fn, unit: str, count: int) -> object:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"{label:<34}{seconds:8.2f} s   {count / seconds:>12,.0f} {unit}/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5_000)
    args = parser.parse_args()
    rng = random.Random(7)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, cores: {os.cpu_count()}")
    names = [e.label for e in reference_entities()]
    with tempfile.TemporaryDirectory() as tmp:
        wiki = Path(tmp) / "wikidata.nt.gz"
        wikidata_like(wiki, args.entities, names, rng)
        with gzip.open(wiki) as lines:
            triples = sum(1 for _ in lines)
        store = Store()
        build(store, args.events, random.Random(1))
        print(
            f"store: {len(store):,} quads, {args.events:,} events; loaded graph: {args.entities:,} entities"
        )
        [report] = timed(
            "kg load (gzipped N-Triples)",
            lambda: load_files(store, [wiki]),
            "triples",
            triples,
        )
        links = timed("kg link (propose)", lambda: propose(store), "entities", args.entities)
        print(f"  {len(links.proposals)} candidates, {links.count('accept')} accept")  # type: ignore[attr-defined]
        snapshot = timed("read events for export", lambda: read_events(store), "events", args.events)
        rows = acled_rows(snapshot)  # type: ignore[arg-type]
        timed("export csv", lambda: write_csv(rows, io.StringIO()), "events", args.events)
        timed(
            "export jsonl",
            lambda: write_jsonl(plover_records(snapshot), io.StringIO()),
            "events",
            args.events,
        )  # type: ignore[arg-type]
        timed(
            "export parquet", lambda: write_parquet(rows, str(Path(tmp) / "e.parquet")), "events", args.events
        )
        timed("kg dump --format jsonld", lambda: write_dataset(store, io.BytesIO()), "quads", len(store))
        other = Store()
        build(other, args.events, random.Random(1), bump=10)
        result = timed("kg diff (two stores)", lambda: diff_stores(store, other), "events", args.events)
        print(f"  {len(result.events_changed)} changed events (expected {args.events // 5 // 10})")  # type: ignore[attr-defined]
        del report


if __name__ == "__main__":
    main()
