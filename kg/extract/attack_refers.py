"""Stage 2 (attacks.py), for a frame that names no place: whether it refers back to an attack told
before ("the strike", "claimed the ambush", "bombed the two headquarters") and is merged into it.

attacks._attack asks refer_back; a frame merged here makes no event of its own, any other goes back
to attacks._attack, which keeps it only when a day, an actor or a toll tells one attack.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.clauses import _Frame, _Trigger
from kg.extract.coreference import absorb, copy_event, refers_to
from kg.extract.cues import Cues
from kg.extract.lexicon import cue_words
from kg.extract.mentions import Mention
from kg.extract.model import ATTACK_KINDS, Entity, Event, Evidence
from kg.extract.places import _REFERRED_SITES, _within
from kg.extract.told import elaborates

_BOTH = cue_words("coreference", "both")


def definite_noun(lex: Cues, norms: list[str], frame: _Frame, *, plural: bool | None = None) -> bool:
    """Whether FRAME has an attack noun after a definite word ("the strike", "the strikes"), of that
    number when PLURAL is given: the attack told before, not a new one."""
    return any(
        t.kind == "noun" and (plural is None or t.plural == plural) and norms[j] in lex.definite
        for t in frame.triggers
        for j in range(max(frame.clause[0], t.index - 3), t.index)
    )


def refer_back(
    lex: Cues,
    norms: list[str],
    frame: _Frame,
    base: Event,
    nouns: list[_Trigger],
    plural: bool,
    dated: bool,
    weapons: list[Mention],
    areas: list[Mention],
    told_before: list[Event],
    claimants: list[Entity],
    accused: list[Entity],
    before: Event | None,
    evidence: Evidence,
) -> tuple[bool, Event]:
    """Whether the placeless frame of BASE was merged into the attacks TOLD_BEFORE it refers back to
    (EVIDENCE read by its ".refers-back" rule), and BASE as it goes on (undated when the day is a claim's).
    PLURAL: all its attack nouns are plural; DATED: it has a day of its own."""
    anaphoric = (not plural and definite_noun(lex, norms, frame)) or any(
        # "the drones had been launched by X": the weapon told before
        m.start < frame.start and norms[m.start - 1] in {"the", "these", "those"}
        for m in weapons
    )
    # "says it attacked a US base in Syria" does not refer back to an attack told in Yemen
    countries = {e.iri for m in areas if (e := m.place) and e.iri}
    earlier = [e for e in told_before if not countries or _within(e, countries)]
    # "The warplanes bombed the two headquarters": the object names sites already told
    told = not dated and any(
        norms[t.index + 1] in {"the", "these", "those", "both"}
        and (norms[t.index + 2] in _REFERRED_SITES or norms[t.index + 3] in _REFERRED_SITES)
        for t in frame.triggers
        if t.kind == "verb" and t.index + 3 < frame.clause[1]
    )
    # "The group claimed the ambush through Amaq the next day": the day is the claim's, not the attack's
    if claimants and any(norms[t.index - 1] in lex.definite for t in frame.triggers):
        base = replace(base, date=None)
        anaphoric = True  # "claimed the ambush": a verb of the lexicon read as the noun it is here
    previous = refers_to(base, earlier) if (anaphoric or told or claimants or accused) else None
    if previous is not None:
        told_with = [
            e for e in earlier if told and e is not previous and e.evidence[:1] == previous.evidence[:1]
        ]
        a = frame.owned[0]
        if plural and any(norms[j] in _BOTH for t in nouns for j in range(max(a, t.index - 2), t.index)):
            # "said it was behind both attacks": the other attack told in the same sentence, too
            last_told = max(x.start for x in previous.evidence)
            same = [e for e in reversed(earlier) if any(x.start == last_told for x in e.evidence)]
            told_with += [e for e in same if e is not previous and e.kind in ATTACK_KINDS][:1]
        for other in [previous, *told_with]:  # "the two headquarters": each attack told together
            absorb(other, copy_event(base), evidence)
        return True, base
    if not dated and before is not None and elaborates(base, before):
        # "US strikes hit X and Y. A spokesman said F-15Es had targeted depots": how, not another
        first_told = before.evidence[0].start
        for other in [e for e in earlier if e.evidence and e.evidence[0].start == first_told]:
            absorb(other, copy_event(base), evidence)
        return True, base
    return False, base
