"""Generate attack graphs shaped like a kg store, with defects injected at known places.

    python bench/attack_graphs.py --triples 100000 -o /tmp/attacks-100k.nt

The graph is what ``kg dump --format nt`` of a built store would hold: the ontology and the
reference data, then per article its metadata, attack events (of every mode) with dates, roles,
casualties and mentions, claims and attributions, interceptions, deployments, actor relations,
counts of attacks, minted actors, and incidents. Literals are written as Oxigraph stores them
(counts as xsd:integer), so kg and pySHACL read the same terms.

About one event in fifty carries one defect of one of the kinds in ``DEFECTS`` (an impossible
date, two dates, a negative toll, a place as a perpetrator, a dangling IRI, a missing claim kind,
an empty sentence, coordinates off the globe...). Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

from kg import resources
from kg.namespaces import PREFIXES

KGO, KGV, KGR, KGD = PREFIXES["kgo"], PREFIXES["kgv"], PREFIXES["kgr"], PREFIXES["kgd"]
RDF, RDFS, XSD, SKOS = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["xsd"], PREFIXES["skos"]
DCT, PROV, TIME, SCHEMA = PREFIXES["dcterms"], PREFIXES["prov"], PREFIXES["time"], PREFIXES["schema"]
GEO = PREFIXES["geo"]

MODES = {
    "DroneAttack": "drone",
    "RocketAttack": "rocket",
    "MortarAttack": "mortar",
    "MissileAttack": "ballisticMissile",
    "Airstrike": "aircraft",
    "Attack": None,
}
OUTCOMES = ["hit", "damage", "casualties", "noCasualties", "intercepted"]


def iri(value: str) -> str:
    return f"<{value}>"


def lit(value: str, datatype: str | None = None, lang: str | None = None) -> str:
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{text}"@{lang}'
    if datatype and datatype != XSD + "string":
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


@dataclass
class Reference:
    """IRIs of the reference entities, by kind."""

    places: list[str] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


def reference() -> Reference:
    ref = Reference()
    kinds = {
        KGO + "MilitaryBase": ref.bases,
        KGO + "Facility": ref.bases,
        KGO + "City": ref.places,
        KGO + "Province": ref.places,
        KGO + "ArmedGroup": ref.groups,
        KGO + "MilitaryBody": ref.bodies,
        KGO + "GovernmentBody": ref.bodies,
        KGO + "Person": ref.people,
    }
    for path in resources.reference_files():
        for q in parse(path=str(path), format=RdfFormat.TURTLE):
            if q.predicate == NamedNode(RDF + "type") and q.object.value in kinds:
                bucket = kinds[q.object.value]
                if q.subject.value not in bucket:
                    bucket.append(q.subject.value)
    return ref


Triple = tuple[str, str, str]


class Article:
    """The triples of one article's graph; defects are applied to them after the fact."""

    def __init__(self, rng: random.Random, ref: Reference, number: int) -> None:
        self.rng, self.ref, self.id = rng, ref, f"gen{number:06d}"
        self.triples: list[Triple] = []
        self.article = KGD + f"article/{self.id}"
        self.events: list[str] = []
        self.offset = 0

    def add(self, s: str, p: str, o: str) -> None:
        self.triples.append((iri(s), iri(p), o))

    def mention(self, subject: str, rule: str) -> str:
        start, end = self.offset, self.offset + self.rng.randint(40, 160)
        self.offset = end + 1
        node = KGD + f"mention/{self.id}-{start}-{end}-{len(self.triples):04x}"
        self.add(subject, KGO + "mention", iri(node))
        self.add(node, RDF + "type", iri(KGO + "Mention"))
        self.add(node, KGO + "article", iri(self.article))
        self.add(node, KGO + "text", lit(f"Sentence {start} of article {self.id} reporting what happened."))
        self.add(node, KGO + "start", lit(str(start), XSD + "integer"))
        self.add(node, KGO + "end", lit(str(end), XSD + "integer"))
        self.add(node, KGO + "rule", lit(rule))
        return node

    def build(self) -> None:
        rng = self.rng
        day = rng.randint(1, 28)
        month = rng.randint(1, 12)
        published = f"2024-{month:02d}-{day:02d}"
        a = self.article
        self.add(a, RDF + "type", iri(KGO + "Article"))
        self.add(a, KGO + "sourceFile", lit(f"{self.id}.txt"))
        self.add(a, KGO + "contentHash", lit(f"{rng.getrandbits(256):064x}"))
        self.add(a, DCT + "title", lit(f"Attacks reported in article {self.id}"))
        self.add(a, RDFS + "label", lit(f"Attacks reported in article {self.id}"))
        self.add(a, DCT + "issued", lit(published, XSD + "date"))
        self.add(a, KGO + "publicationDateBasis", iri(KGV + "dateline"))
        graph = KGD + f"graph/{self.id}"
        self.add(graph, PROV + "wasDerivedFrom", iri(a))
        for n in range(rng.choice((1, 1, 2, 2, 3))):
            self.attack(n, month, day)
        if rng.random() < 0.3:
            self.interception()
        if rng.random() < 0.15:
            self.deployment()
        if rng.random() < 0.3:
            self.relation()
        if rng.random() < 0.1:
            self.aggregate()

    def attack(self, n: int, month: int, day: int) -> None:
        rng, ref = self.rng, self.ref
        mode = rng.choice(list(MODES))
        event = KGD + f"event/{self.id}-{n:02d}"
        self.events.append(event)
        target = rng.choice(ref.bases)
        self.add(event, RDF + "type", iri(KGO + mode))
        self.add(event, RDFS + "label", lit(f"{mode} on {target.rsplit('/', 1)[1]}", lang="en"))
        self.add(event, KGO + "source", iri(self.article))
        self.mention(event, f"attack.{mode.lower()}")
        self.add(event, KGO + "targetPlace", iri(target))
        self.add(event, KGO + "location", iri(rng.choice(ref.places)))
        self.add(event, KGO + "targetActor", iri(rng.choice(ref.bodies)))
        if rng.random() < 0.8:
            when = f"2024-{month:02d}-{max(1, day - rng.randint(0, 3)):02d}"
            self.add(event, KGO + "date", lit(when, XSD + "date"))
            self.add(event, KGO + "datePrecision", iri(TIME + "unitDay"))
            self.add(event, KGO + "earliestDate", lit(when, XSD + "date"))
            self.add(event, KGO + "latestDate", lit(when, XSD + "date"))
            self.add(event, KGO + "dateBasis", iri(KGV + rng.choice(("stated", "resolved"))))
        else:
            self.add(event, KGO + "earliestDate", lit(f"2024-{month:02d}-01", XSD + "date"))
            self.add(event, KGO + "latestDate", lit(f"2024-{month:02d}-{day:02d}", XSD + "date"))
            self.add(event, KGO + "dateBasis", iri(KGV + "inferredFromPublication"))
        if MODES[mode]:
            self.add(event, KGO + "weapon", iri(KGV + str(MODES[mode])))
        for outcome in rng.sample(OUTCOMES, rng.randint(0, 2)):
            self.add(event, KGO + "outcome", iri(KGV + outcome))
        if rng.random() < 0.3:
            self.add(event, KGO + "killed", lit(str(rng.randint(0, 5)), XSD + "integer"))
            self.add(event, KGO + "injured", lit(str(rng.randint(0, 40)), XSD + "integer"))
        roll = rng.random()
        if roll < 0.4:
            group = rng.choice(ref.groups) if rng.random() < 0.8 else self.minted()
            self.add(event, KGO + "claimedBy", iri(group))
            self.add(event, KGO + "claimKind", iri(KGV + "claimed"))
            self.statement("ClaimOfResponsibility", event, group)
        elif roll < 0.6:
            group = rng.choice(ref.groups)
            self.add(event, KGO + "attributedTo", iri(group))
            self.add(event, KGO + "claimKind", iri(KGV + "attributed"))
            self.statement("Attribution", event, group)
        else:
            self.add(event, KGO + "claimKind", iri(KGV + "unknown"))

    def minted(self) -> str:
        name = f"Brigade {self.rng.randint(1, 400)}"
        node = KGD + f"actor/brigade-{name.split()[1]}"
        self.add(node, RDF + "type", iri(KGO + "ArmedGroup"))
        self.add(node, SKOS + "prefLabel", lit(name, lang="en"))
        self.add(node, RDFS + "label", lit(name, lang="en"))
        self.add(node, KGO + "inReferenceData", lit("false", XSD + "boolean"))
        return node

    def statement(self, kind: str, event: str, claimant: str) -> None:
        node = KGD + f"statement/{self.id}-{len(self.triples):04x}"
        self.add(node, RDF + "type", iri(KGO + kind))
        self.add(node, KGO + "about", iri(event))
        self.add(node, KGO + "source", iri(self.article))
        self.add(node, KGO + "claimant", iri(claimant))
        self.mention(node, kind.lower())

    def interception(self) -> None:
        node = KGD + f"event/{self.id}-i"
        self.add(node, RDF + "type", iri(KGO + "Interception"))
        self.add(node, RDFS + "label", lit("interception", lang="en"))
        self.add(node, KGO + "source", iri(self.article))
        self.add(node, KGO + "interceptor", iri(self.rng.choice(self.ref.bodies)))
        self.add(node, KGO + "intercepted", iri(self.events[0]))
        self.mention(node, "interception")

    def deployment(self) -> None:
        node = KGD + f"event/{self.id}-d"
        self.add(node, RDF + "type", iri(KGO + "Deployment"))
        self.add(node, RDFS + "label", lit("deployment", lang="en"))
        self.add(node, KGO + "source", iri(self.article))
        self.add(node, KGO + "location", iri(self.rng.choice(self.ref.places)))
        self.add(node, KGO + "participant", iri(self.rng.choice(self.ref.bodies)))
        self.mention(node, "deployment")

    def relation(self) -> None:
        subject, obj = self.rng.choice(self.ref.groups), self.rng.choice(self.ref.groups)
        self.add(subject, KGO + "affiliatedWith", iri(obj))
        node = KGD + f"relation/{self.id}-{len(self.triples):04x}"
        self.add(node, RDF + "type", iri(KGO + "ActorRelation"))
        self.add(node, RDF + "subject", iri(subject))
        self.add(node, RDF + "predicate", iri(KGO + "affiliatedWith"))
        self.add(node, RDF + "object", iri(obj))
        self.add(node, KGO + "source", iri(self.article))
        self.mention(node, "relation.affiliated")

    def aggregate(self) -> None:
        node = KGD + f"statement/{self.id}-agg"
        self.add(node, RDF + "type", iri(KGO + "AggregateStatement"))
        self.add(node, RDFS + "label", lit("attacks", lang="en"))
        self.add(node, KGO + "count", lit(str(self.rng.randint(2, 150)), XSD + "integer"))
        self.add(node, KGO + "source", iri(self.article))
        self.add(node, KGO + "statedBy", iri(self.rng.choice(self.ref.bodies)))
        self.mention(node, "aggregate")


def _replace(art: Article, event: str, prop: str, value: str) -> None:
    art.triples = [t for t in art.triples if not (t[0] == iri(event) and t[1] == iri(prop))]
    art.add(event, prop, value)


def _drop(art: Article, subject: str, prop: str) -> None:
    art.triples = [t for t in art.triples if not (t[0] == iri(subject) and t[1] == iri(prop))]


def _first_mention(art: Article, event: str) -> str:
    return next(t[2][1:-1] for t in art.triples if t[0] == iri(event) and t[1] == iri(KGO + "mention"))


DEFECTS: dict[str, Callable[[Article, str], None]] = {
    "impossible date": lambda a, e: _replace(a, e, KGO + "date", lit("2024-02-30", XSD + "date")),
    "two dates": lambda a, e: a.add(e, KGO + "date", lit("2023-12-31", XSD + "date")),
    "thirteenth month": lambda a, e: _replace(a, e, KGO + "date", lit("2024-13", XSD + "gYearMonth")),
    "interval ends before it starts": lambda a, e: _replace(
        a, e, KGO + "earliestDate", lit("2025-01-01", XSD + "date")
    ),
    "negative death toll": lambda a, e: _replace(a, e, KGO + "killed", lit("-2", XSD + "integer")),
    "place as perpetrator": lambda a, e: a.add(e, KGO + "perpetrator", iri(a.ref.places[0])),
    "actor as target place": lambda a, e: a.add(e, KGO + "targetPlace", iri(a.ref.groups[0])),
    "dangling target": lambda a, e: a.add(e, KGO + "targetPlace", iri(KGR + "atlantis")),
    "no claim kind": lambda a, e: _drop(a, e, KGO + "claimKind"),
    "weapon outside the vocabulary": lambda a, e: _replace(a, e, KGO + "weapon", iri(KGV + "slingshot")),
    "no source": lambda a, e: _drop(a, e, KGO + "source"),
    "no mention": lambda a, e: _drop(a, e, KGO + "mention"),
    "empty sentence": lambda a, e: _replace(a, _first_mention(a, e), KGO + "text", lit("")),
    "mention ends before it starts": lambda a, e: _replace(
        a, _first_mention(a, e), KGO + "start", lit("999999", XSD + "integer")
    ),
    "two modes": lambda a, e: a.add(e, RDF + "type", iri(KGO + "Airstrike")),
    "count on an attack": lambda a, e: a.add(e, KGO + "count", lit("3", XSD + "integer")),
}


def static_triples() -> Iterator[str]:
    """The ontology and the reference data, as N-Triples lines."""
    for path in [*resources.ontology_files(), *resources.reference_files()]:
        for q in parse(path=str(path), format=RdfFormat.TURTLE):
            yield f"{q.subject} {q.predicate} {q.object} .\n"


def generate(out: Path, triples: int, *, seed: int = 7, defect_rate: float = 0.02) -> dict[str, int]:
    """Write about TRIPLES triples to OUT (N-Triples); returns how many defects of each kind."""
    rng = random.Random(seed)
    ref = reference()
    injected: dict[str, int] = dict.fromkeys(DEFECTS, 0)
    kinds = list(DEFECTS)
    written = 0
    with out.open("w", encoding="utf-8") as f:
        for line in static_triples():
            f.write(line)
            written += 1
        number = 0
        while written < triples:
            art = Article(rng, ref, number)
            art.build()
            for event in art.events:
                if rng.random() < defect_rate:
                    kind = kinds[rng.randrange(len(kinds))]
                    DEFECTS[kind](art, event)
                    injected[kind] += 1
            f.writelines(f"{s} {p} {o} .\n" for s, p, o in art.triples)
            written += len(art.triples)
            number += 1
    return injected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    injected = generate(args.output, args.triples, seed=args.seed)
    print(f"wrote {args.output}: {sum(injected.values())} defects injected")
    for kind, count in injected.items():
        print(f"  {count:5d}  {kind}")


if __name__ == "__main__":
    main()
