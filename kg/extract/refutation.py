"""Claims the article itself refutes: an attack known only from a group's claim, when the text says
the claim is false ("falsely claimed", "the army denied any attack occurred"), is no event.

An attack that some sentence tells without a claim verb ("an explosion targeted a convoy near Taji,
the army said") stays: only the accounts that rest on the claim alone are dropped.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.lexicon import Lexicon, Phrase, doc_norms, find_phrases, fold
from kg.extract.model import ATTACK_KINDS, Event


class Refutations:
    """The cue phrases of lexicons/extraction.toml [coreference] refutations and [claim] verbs."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.phrases: tuple[Phrase, ...] = lexicon.phrases("coreference", "refutations")
        self.claim_verbs = lexicon.words("claim", "verbs")

    def drop_refuted(self, doc: Doc, events: list[Event]) -> list[Event]:
        if not find_phrases(doc_norms(doc), self.phrases):
            return events
        kept = []
        for event in events:
            claimed_only = event.kind in ATTACK_KINDS and all(
                self.claim_verbs & set(fold(e.text).replace(".", " ").split()) for e in event.evidence
            )
            if not claimed_only:
                kept.append(event)
        return kept
