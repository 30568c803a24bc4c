"""The event reader's cue lists, built once from the lexicon and handed to every stage.

Each field is a list of ``lexicons/extraction.toml`` (section, key) as the stages compare it: single
words as a folded frozenset, multi-word entries as tokenized phrases. The stages' own short lists
(fillers, directions, place nouns...) are module constants read with :func:`cue_words`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon, Phrase, cue_words
from kg.extract.refutation import Refutations
from kg.extract.timelines import Listing

if TYPE_CHECKING:
    from kg.extract.areas import SiteShapes

# "attributed the attack to X", "blamed the strike on X": blame words besides the attribution phrases
_BLAME_VERBS = cue_words("claims", "blame_verbs")


@dataclass(frozen=True, slots=True)
class Cues:
    """The compiled cue lists of the event reader (see ``lexicons/extraction.toml`` for each)."""

    attack_nouns: frozenset[str]
    attack_verbs: frozenset[str]
    weak_verbs: frozenset[str]
    impact_verbs: frozenset[str]
    not_after_strike: frozenset[str]
    not_before_attack: frozenset[str]
    killing: frozenset[str]
    militia_dead: frozenset[str]
    target_preps: frozenset[str]
    intercept: tuple[Phrase, ...]
    deploy: frozenset[str]
    claim_verbs: frozenset[str]
    speech: frozenset[str]
    self_pronouns: tuple[Phrase, ...]
    anaphors: tuple[Phrase, ...]
    naming: tuple[Phrase, ...]
    attribution: tuple[Phrase, ...]
    blame_words: frozenset[str]
    reporting: frozenset[str]
    outcomes: dict[str, tuple[Phrase, ...]]
    killed: frozenset[str]
    injured: frozenset[str]
    casualties: frozenset[str]
    victim_cues: tuple[Phrase, ...]
    hypothetical: frozenset[str]
    series: frozenset[str]
    repeated: frozenset[str]
    definite: frozenset[str]
    aggregate_nouns: tuple[Phrase, ...]
    min_count: int
    particles: frozenset[str]
    part_of: tuple[Phrase, ...]
    site_shapes: SiteShapes
    listing: Listing
    refutations: Refutations
    time_anchors: frozenset[str]
    anchor_nouns: frozenset[str]
    earlier_cues: frozenset[str]
    answered_cues: tuple[Phrase, ...]
    new_attack_cues: tuple[Phrase, ...]
    use_phrases: tuple[Phrase, ...]
    background_cues: tuple[Phrase, ...]
    retracted: tuple[Phrase, ...]


def load_cues(lexicon: Lexicon) -> Cues:
    """The cue lists of LEXICON, compiled once per pipeline."""
    # areas.py copies events with coreference.copy_event, and coreference's stage imports this module
    from kg.extract.areas import SiteShapes

    w, ph = lexicon.words, lexicon.phrases
    attribution = ph("attribution", "phrases")
    return Cues(
        attack_nouns=w("attack", "nouns"),
        attack_verbs=w("attack", "verbs"),
        weak_verbs=w("attack", "weak_verbs"),
        impact_verbs=w("attack", "impact_verbs"),
        not_after_strike=w("attack", "not_after_strike"),
        not_before_attack=w("attack", "not_before_attack"),
        killing=w("attack", "killing"),
        militia_dead=w("attack", "militia_dead"),
        target_preps=w("attack", "target_preps"),
        intercept=ph("interception", "phrases"),
        deploy=w("deployment", "verbs"),
        claim_verbs=w("claim", "verbs"),
        speech=w("claim", "speech"),
        self_pronouns=ph("claim", "self_pronouns"),
        anaphors=ph("claim", "anaphors"),
        naming=ph("claim", "naming"),
        attribution=attribution,
        blame_words=frozenset(word for phrase in attribution for word in phrase) | _BLAME_VERBS,
        reporting=w("reporting", "verbs"),
        outcomes={key: ph("outcome", key) for key in ("intercepted", "hit", "damage", "no_casualties")},
        killed=w("outcome", "killed"),
        injured=w("outcome", "injured"),
        casualties=w("outcome", "casualties"),
        victim_cues=ph("outcome", "victim_cues"),
        hypothetical=w("context", "hypothetical"),
        series=w("context", "series"),
        repeated=w("context", "repeated"),
        definite=w("context", "definite"),
        aggregate_nouns=ph("aggregate", "nouns"),
        min_count=lexicon.number("aggregate", "min_count"),
        particles=w("relation", "name_particles"),
        part_of=ph("relation", "part_of") + ph("relation", "member_of"),
        site_shapes=SiteShapes(lexicon),
        listing=Listing(lexicon),
        refutations=Refutations(lexicon),
        time_anchors=w("coreference", "time_anchors"),
        anchor_nouns=w("coreference", "anchor_nouns"),
        earlier_cues=w("coreference", "earlier_cues"),
        answered_cues=ph("coreference", "answered_cues"),
        new_attack_cues=ph("coreference", "new_attack_cues"),
        use_phrases=ph("context", "use_phrases"),
        background_cues=ph("coreference", "background_cues"),
        retracted=ph("context", "retracted"),
    )
