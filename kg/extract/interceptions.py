"""Stage 4 of the event reader: interceptions (tied to the attack they stopped) and deployments."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.arguments import _WEAPON_KIND
from kg.extract.clauses import _Frame
from kg.extract.coreference import dates_compatible, dedupe
from kg.extract.cues import Cues
from kg.extract.dating import _date
from kg.extract.lexicon import cue_words, doc_norms
from kg.extract.mentions import Mention
from kg.extract.model import ATTACK_KINDS, Event, Evidence
from kg.extract.places import _as_place, _finest, _site_anaphor
from kg.extract.state import _State
from kg.extract.timex import TimeExpr, undated

_FORCES = cue_words("deployments", "forces")


def _interception(
    lex: Cues,
    doc: Doc,
    frame: _Frame,
    times: list[tuple[int, TimeExpr, bool]],
    evidence_base: Evidence,
    state: _State,
    made: list[Event],
) -> None:
    norms = doc_norms(doc)
    interceptors = []
    for m in frame.mentions:
        if (
            m.actor
            and not m.modifier
            and m.label != "WEAPON"
            and not m.is_person
            and (
                (
                    m.start > frame.start
                    and norms[m.start - 1] in {"by", "the"}
                    and "by" in norms[frame.start : m.start]
                )
                or (m.end <= frame.start and frame.start - m.end <= 4)
            )
        ):
            interceptors.append(m.actor)
    weapons = [m.ref.iri.rsplit("#", 1)[-1] for m in frame.mentions if m.label == "WEAPON"]
    sites = [m for m in frame.mentions if m.is_site] or _site_anaphor(lex, doc, frame, state)
    when = _date(lex, frame, times, state)
    dated = when is not None and when.basis != "inferredFromPublication"
    target = made[-1] if made else None
    if target is not None and (
        (weapons and target.weapon not in (None, weapons[0]))
        or (sites and not {m.ref.iri for m in sites} & {t.iri for t in target.targets})
    ):
        target = None  # "rockets hit X, and hours later a drone was shot down near Y": another attack
    evidence = evidence_base.read_by("interception", (f"trigger: {frame.triggers[0].text}",))
    if target is None:
        # the attack this interception stopped: an earlier one of the article with the same weapon,
        # site and a compatible date ("The drone was downed", "two drones were downed over the same base")
        site_ids = {m.ref.iri for m in sites}
        target = next(
            (
                e
                for e in reversed(state.events)
                if e.kind in ATTACK_KINDS
                and (not weapons or e.weapon in (None, weapons[0]))
                and (not site_ids or site_ids & {t.iri for t in e.targets})
                and (
                    not dated
                    or (e.date is not None and e.date.value is not None and dates_compatible(when, e.date))
                )
            ),
            None,
        )
        if target is not None:
            target.evidence.append(evidence)
    if target is None and sites:
        areas = [m for m in frame.mentions if m.is_area and _as_place(doc, m)]
        target = Event(
            kind=_WEAPON_KIND.get(weapons[0], "Attack") if weapons else "Attack",
            evidence=[evidence],
            weapon=weapons[0] if weapons else None,
            targets=[e for m in sites[:1] if (e := m.place)],
            locations=[e for m in _finest(areas) if (e := m.place)],
            date=when or undated(state.pub),
        )
        state.events.append(target)
    if target is None:
        return
    target.outcomes.add("intercepted")
    known = next((e for e in state.events if e.kind == "Interception" and e.intercepts is target), None)
    if known is not None:  # another sentence about the same interception
        known.evidence.append(evidence)
        known.interceptors = dedupe(known.interceptors + interceptors)
        return
    state.events.append(
        Event(
            kind="Interception",
            evidence=[evidence],
            interceptors=dedupe(interceptors),
            intercepts=target,
            date=target.date,
        )
    )


def _deployment(
    lex: Cues,
    doc: Doc,
    frame: _Frame,
    times: list[tuple[int, TimeExpr, bool]],
    sent: Span,
    mentions: list[Mention],
    evidence_base: Evidence,
    state: _State,
) -> None:
    actors = dedupe(
        [
            e
            for m in mentions
            if not m.modifier
            and m.ref.actor_kind in {"State", "MilitaryBody", "GovernmentBody", "Person"}
            and not (m.label == "STATE" and _as_place(doc, m))
            if (e := m.actor)
        ]
    )
    forces = _FORCES
    if not actors and not any(t.norm_ in forces for t in sent):
        return
    when = _date(lex, frame, times, state)
    evidence = evidence_base.read_by("deployment", tuple(f"trigger: {t.text}" for t in frame.triggers))
    for event in state.events:
        if event.kind == "Deployment" and dates_compatible(event.date, when):
            event.evidence.append(evidence)
            event.perpetrators = dedupe(event.perpetrators + actors)
            return
    areas = [m for m in frame.mentions if m.is_area and _as_place(doc, m)]
    state.events.append(
        Event(
            kind="Deployment",
            evidence=[evidence],
            perpetrators=actors,
            locations=[e for m in _finest(areas) if (e := m.place)],
            date=when or undated(state.pub),
        )
    )
