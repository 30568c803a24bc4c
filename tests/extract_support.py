"""Helpers shared by the extraction tests: the attacks of an extraction and the labels of entities."""

from __future__ import annotations

from kg.extract.model import Entity, Event, Extraction


def attacks(extraction: Extraction) -> list[Event]:
    """The attack events of EXTRACTION (interceptions and deployments left out)."""
    return [e for e in extraction.events if e.kind not in {"Interception", "Deployment"}]


def labels(entities: list[Entity]) -> list[str]:
    return [e.label for e in entities]
