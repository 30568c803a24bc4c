"""Why a fact is in the graph: each event and relation of one article with its sentence and rule."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from typing import Any

from kg.extract.model import Entity, Event, Evidence, Extraction, Relation
from kg.extract.stages import stage_of
from kg.ingest import Article


def _names(entities: list[Entity]) -> str:
    return ", ".join(e.label + ("" if e.in_reference else " (not in reference data)") for e in entities)


def _evidence_lines(evidence: Evidence) -> list[str]:
    matched = f"  matched: {' | '.join(evidence.matched)}" if evidence.matched else ""
    where = f"stage {stage_of(evidence.rule)}, rule {evidence.rule}"
    return [
        f"    [{evidence.start}-{evidence.end}] {where}{matched}",
        f'      "{evidence.text}"',
    ]


def _event_lines(number: int, event: Event) -> list[str]:
    where = _names(event.targets) or _names(event.locations) or "no named place"
    lines = [f"Event {number}: {event.kind} on {where}"]
    when = event.date
    if when is None:
        lines.append("  date: unknown (no publication date to resolve against)")
    elif when.value:
        lines.append(f"  date: {when.value} ({when.precision}, {when.basis}, from {when.expression!r})")
    elif when.basis == "reportDate":
        reported = f"on or before {when.latest}, the day it was reported ({when.expression!r})"
        lines.append(f"  date: not in the text; {reported}")
    else:
        lines.append(
            f"  date: not in the text; inferred on or before {when.latest} from the publication date"
        )
    facts = [
        ("stated perpetrator", _names(event.perpetrators)),
        ("claimed by", _names(event.claimants)),
        ("attributed to", _names(event.attributed_to)),
        ("attributed by", _names(event.attributed_by)),
        ("target actors", _names(event.target_actors)),
        ("location", _names(event.locations) if event.targets else ""),
        ("weapon", event.weapon or ""),
        ("outcome", ", ".join(sorted(event.outcomes))),
        ("killed", "" if event.killed is None else str(event.killed)),
        ("injured", "" if event.injured is None else str(event.injured)),
        ("victims", _names(event.victims)),
        ("interceptors", _names(event.interceptors)),
    ]
    lines += [f"  {name}: {value}" for name, value in facts if value]
    if event.kind not in {"Interception", "Deployment"}:
        lines.append(f"  claim kind: {event.claim_kind}")
    lines.append("  evidence:")
    for evidence in event.evidence:
        lines += _evidence_lines(evidence)
    return lines


def _relation_lines(relation: Relation) -> list[str]:
    head = f"Relation: {_names([relation.subject])} {relation.predicate} {_names([relation.object])}"
    return [head, *_evidence_lines(relation.evidence)]


def explain_text(article: Article, extraction: Extraction) -> str:
    """A reviewer's reading of one article's extraction."""
    published = (
        f"{article.published} (from the {article.published_basis})" if article.published else "unknown"
    )
    lines = [
        f"Article: {article.source}  id {article.id}",
        f"Title: {article.title or '-'}",
        f"Published: {published}",
        "",
    ]
    for number, event in enumerate(extraction.events, start=1):
        lines += [*_event_lines(number, event), ""]
    for relation in extraction.relations:
        lines += [*_relation_lines(relation), ""]
    for aggregate in extraction.aggregates:
        lines += [
            f"Count (not an event): {aggregate.count} attacks",
            *_evidence_lines(aggregate.evidence),
            "",
        ]
    if not (extraction.events or extraction.relations or extraction.aggregates):
        lines.append("Nothing extracted: no sentence reports an attack or a relation between known actors.")
    return "\n".join(lines).rstrip() + "\n"


def explain_json(article: Article, extraction: Extraction) -> str:
    """The same as JSON: the extraction records, with the article's metadata."""

    def default(value: Any) -> Any:
        if isinstance(value, set):
            return sorted(value)
        return str(value)

    def staged(evidence: dict[str, Any]) -> dict[str, Any]:
        return {**evidence, "stage": stage_of(evidence["rule"])}

    events = []
    for event in extraction.events:
        record = asdict(replace(event, intercepts=None))
        if event.intercepts is not None:  # the number of the attack it stopped, as in the text report
            record["intercepts"] = extraction.events.index(event.intercepts) + 1
        record["evidence"] = [staged(e) for e in record["evidence"]]
        events.append(record)
    body = {
        "article": {
            "id": article.id,
            "source": article.source,
            "title": article.title,
            "published": article.published,
            "published_basis": article.published_basis,
        },
        "events": events,
        "relations": [{**asdict(r), "evidence": staged(asdict(r.evidence))} for r in extraction.relations],
        "aggregates": [{**asdict(a), "evidence": staged(asdict(a.evidence))} for a in extraction.aggregates],
    }
    return json.dumps(body, default=default, indent=2) + "\n"
