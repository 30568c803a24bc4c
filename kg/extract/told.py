"""How an attack frame relates to the attacks told before it: the same attack told again (its day, its
weapon, its toll), or something that is no attack of its own (a tally of targets, a launch point).
Helpers of stage 2 (attacks.py)."""

from __future__ import annotations

from kg.extract.arguments import _number
from kg.extract.clauses import _Frame
from kg.extract.coreference import dates_compatible, types_compatible
from kg.extract.cues import Cues
from kg.extract.lexicon import cue_words
from kg.extract.mentions import Mention
from kg.extract.model import ATTACK_KINDS, Event, EventDate, Evidence

_COUNTED_TARGETS = cue_words("context", "counted_targets")


def day_of_told(
    lex: Cues, norms: list[str], frame: _Frame, when: EventDate, earlier: list[Event], evidence: Evidence
) -> bool:
    """ "The December 29 strikes were a response ...": the day of strikes told before with only a month;
    "Nobody claimed the attack of 7 November": the day of the attack told last, told with none."""
    if not any(
        norms[frame.start - k] in lex.definite for k in (1, 2, 3) if frame.start - k >= frame.clause[0]
    ):
        return False
    last = next((e for e in reversed(earlier) if e.kind in ATTACK_KINDS), None)
    undated = last is not None and (last.date is None or last.date.basis == "inferredFromPublication")
    if last is not None and undated and (last.date is None or dates_compatible(last.date, when)):
        last.date = when
        last.evidence.append(evidence)
        return True
    for previous in reversed(earlier):
        told = previous.date
        if (
            previous.kind in ATTACK_KINDS
            and told is not None
            and told.precision in {"month", "year"}
            and dates_compatible(told, when)
        ):
            previous.date = when
            previous.evidence.append(evidence)
            return True
    return False


def elaborates(base: Event, before: Event) -> bool:
    """Whether BASE, an attack told with no place and no day, is by whoever did the attack the sentence
    before told, with a compatible type: the same attack told again with its weapon."""
    actors = {e.key for e in before.perpetrators + before.claimants + before.attributed_to}
    return (
        before.kind in ATTACK_KINDS
        and bool(before.evidence)
        and bool(actors & {e.key for e in base.perpetrators})
        and types_compatible(before, base)
    )


def launch_point(lex: Cues, norms: list[str], verb: int, at: int) -> bool:
    """Whether the place at AT is told after a "from" that follows the launch verb, with no target
    word between them: where the weapon was fired from, not what it hit."""
    froms = [j for j in range(verb + 1, at) if norms[j] == "from"]
    # "on" is as often where the launch point lies ("on the eastern bank") as what was hit
    aimed = lex.target_preps - {"on", "upon"}
    return bool(froms) and not any(norms[j] in aimed for j in range(froms[-1], at))


def toll_of_placeless(
    frame: _Frame, before: Event, sites: list[Mention], areas: list[Mention], base: Event, dated: bool
) -> bool:
    """Whether FRAME only tells who was killed where, right after an attack told with no place: the toll
    and the place of that attack (no weapon, actor or day of its own)."""
    return (
        before.kind in ATTACK_KINDS
        and not (before.targets or before.locations)
        and all(t.kind == "kill" for t in frame.triggers)
        and not sites
        and bool(areas)
        and not dated
        and base.weapon is None
        and not (base.perpetrators or base.claimants or base.attributed_to)
    )


def counted_targets(norms: list[str], verb: int, end: int) -> bool:
    """Whether the object of the attack verb at VERB is a count of targets ("more than 85 targets")."""
    for j in range(verb + 1, min(end, verb + 5)):
        n = _number(norms[j])
        if n is not None and n > 1:
            return any(norms[k] in _COUNTED_TARGETS for k in range(j + 1, min(end, j + 3)))
    return False
