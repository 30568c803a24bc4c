"""Stage 2 (attacks.py): who carried out the attack of one frame, when the sentence names no one by
the usual phrasings of arguments._perpetrators: a tracker row's actor cell, the state whose military
reports an air strike, the one state that flies an aircraft, or the attack told just before.

attacks._attack asks attack_perpetrators; the claimants and the accused (claims.py) are read before it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.arguments import (
    STATE_ACTORS,
    _fighters_subject,
    _perpetrators,
    partitive_subject,
    sole_flyer,
)
from kg.extract.clauses import _TABLE_ROW, _Frame
from kg.extract.cues import Cues
from kg.extract.lexicon import cue_words, doc_norms, doc_text
from kg.extract.mentions import Mention
from kg.extract.model import Entity, Event

_UNKNOWN_AIR = cue_words("attack", "unknown_attacker")


def attack_perpetrators(
    lex: Cues,
    doc: Doc,
    frame: _Frame,
    weapons: list[Mention],
    claimants: list[Entity],
    accused: list[Entity],
    before: Event | None,
) -> tuple[list[Entity], list[Entity], Event | None]:
    """The perpetrators and claimants of FRAME (WEAPONS with the aircraft first), and the salvo told
    BEFORE it that the frame is part of ("Most of them struck X"), if it is."""
    norms = doc_norms(doc)
    perpetrators = _perpetrators(lex, doc, frame)
    if frame.triggers[0].row:  # the cells before the weapon give the date and the place, not who
        perpetrators = []
    elif not perpetrators:  # "24 Aug 2022 | U.S. | Apache helicopters engaged ...": the actor cell
        perpetrators = _actor_cell(doc, frame)
    if not (perpetrators or claimants or accused) and weapons and weapons[0].ref.iri.endswith("#aircraft"):
        perpetrators = _air_force_of_speaker(lex, norms, frame)
    if not (perpetrators or claimants or accused):  # "two F-15Es struck ...": only one state flies them
        perpetrators = sole_flyer(norms, frame)
    # "Iran fired missiles at two bases. Most of them struck X. At least one hit Y.": part of the salvo
    # told just before, with its weapon and actors
    salvo = before if before is not None and not weapons and partitive_subject(norms, frame) else None
    if not (perpetrators or claimants) and before is not None and (_fighters_subject(norms, frame) or salvo):
        # "... the mujahideen of the IRI targeted Harir. The mujahideen also struck Ain al-Asad."
        perpetrators, claimants = list(before.perpetrators), list(before.claimants)
    return perpetrators, claimants, salvo


def _actor_cell(doc: Doc, frame: _Frame) -> list[Entity]:
    """The actor a tracker row names in a cell of its own, between its date and its text."""
    norms = doc_norms(doc)
    start = frame.clause[0]
    if not _TABLE_ROW.match(doc_text(doc), doc[start].idx):
        return []
    bars = [i for i in range(start, min(frame.start, frame.clause[1])) if norms[i] == "|"]
    if len(bars) < 2:
        return []
    a, b = bars[0] + 1, bars[1]
    cell = [
        m for m in frame.mentions if a <= m.start and m.end <= b and (m.is_organization or m.label == "STATE")
    ]
    if len(cell) != 1 or (cell[0].start, cell[0].end) != (a, b):
        return []  # "Attributed to IRGC-linked group", "Unknown": no one named
    return [e for e in [cell[0].actor] if e]


def _air_force_of_speaker(lex: Cues, norms: list[str], frame: _Frame) -> list[Entity]:
    """ "An AC-130 gunship struck a vehicle near X, the US military said": militias fly no aircraft, so a
    state's military body reporting an air strike it names no one for reports its own."""
    a, b = frame.owned
    if not _UNKNOWN_AIR.isdisjoint(norms[a:b]):  # "unidentified aircraft struck ..., the army said"
        return []
    for m in frame.mentions:
        if m.start > frame.start and m.actor and m.actor.kind in STATE_ACTORS and norms[m.end] in lex.speech:
            return [m.actor]
    return []
