"""Stage 4 of the event reader (discourse): what a sentence adds to the attacks told before it
(a toll, a claim, a town), and counts of many attacks ("more than 140 attacks").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extract.arguments import STATE_ACTORS, _number, _outcome
from kg.extract.attack_refers import definite_noun
from kg.extract.clauses import _Frame
from kg.extract.coreference import copy_event, dates_compatible, dedupe, refers_to, types_compatible
from kg.extract.cues import Cues
from kg.extract.lexicon import cue_number, cue_words, doc_norms, find_phrases
from kg.extract.mentions import Mention
from kg.extract.model import ATTACK_KINDS, Aggregate, Entity, Event, Evidence
from kg.extract.places import _CALENDAR_WORDS, _ancestors, _as_place, _finest
from kg.extract.state import _State
from kg.extract.timex import TimeExpr

_NOT_COUNTED = cue_words("counts", "not_counted")
_MAX_DAY_COUNT = cue_number("aggregate", "max_day_count")
_PERIOD_WORDS = cue_words("aggregate", "period_words")
_MEMBER_OF = tuple(tuple(c.split()) for c in cue_words("counts", "member_of"))
# Words before a year: "December 31, 2019 followed US strikes" and "in 2019 attacks rose" date, not count
_BEFORE_YEAR = frozenset({",", "in", "since", "of", "until", "by", "from", "through", "early", "late", "mid"})


def _claim_follow_up(
    lex: Cues,
    claimants: list[Entity],
    claim_words: list[str],
    accused: list[Entity],
    speakers: list[Entity],
    evidence_base: Evidence,
    state: _State,
) -> None:
    """ "Kata'ib Hezbollah claimed responsibility.", "We assess X was responsible.": the last attack."""
    if not (claimants or accused):
        return
    event = next((e for e in reversed(state.events) if e.kind in ATTACK_KINDS), None)
    if event is None:
        return
    groups = [c for c in claimants if c.kind not in STATE_ACTORS]
    event.claimants = dedupe(event.claimants + groups)
    event.perpetrators = dedupe(event.perpetrators + [c for c in claimants if c.kind in STATE_ACTORS])
    event.attributed_to = dedupe(event.attributed_to + accused)
    event.attributed_by = dedupe(event.attributed_by + speakers)
    words = tuple(f"claim: {w}" for w in claim_words) + tuple(f"accused: {a.label}" for a in accused)
    event.evidence.append(evidence_base.read_by("attack.claim-follow-up", words))


def _follow_up(
    lex: Cues, doc: Doc, sent: Span, previous: list[Event], evidence_base: Evidence, state: _State
) -> None:
    """A sentence right after an attack that only reports its toll: "No casualties were reported"."""
    if len(previous) != 1:
        return
    outcomes, killed, injured = _outcome(lex, doc, sent.start, sent.end)
    if not outcomes:
        return
    event = previous[0]
    event.outcomes |= outcomes
    event.killed = event.killed if event.killed is not None else killed
    event.injured = event.injured if event.injured is not None else injured
    event.evidence.append(evidence_base.read_by("attack.outcome-follow-up", tuple(sorted(outcomes))))
    state.last_sentence_events = []


def _place_of_told(
    lex: Cues,
    doc: Doc,
    frame: _Frame,
    base: Event,
    areas: list[Mention],
    earlier: list[Event],
    evidence: Evidence,
) -> None:
    """ "The strike hit two cars in Jurf al-Nasr": the town of the attack just told (same country)."""
    norms = doc_norms(doc)
    if not areas or not definite_noun(lex, norms, frame, plural=False):
        return
    previous = refers_to(base, earlier)
    if previous is None or previous.targets:
        return
    new = [e for m in _finest(areas) if (e := m.place) and e.iri]
    known = {e.iri for e in previous.locations}
    countries = {a for e in previous.locations if e.iri for a in _ancestors(e.iri) | {e.iri}}
    new = [
        e for e in new if e.iri and e.iri not in known and (not countries or countries & _ancestors(e.iri))
    ]
    if not new:
        return
    placed = {e.iri for o in earlier for e in o.locations + o.targets}
    if any(e.iri in placed for e in new):
        return  # "The strike on the Karbala airport": the one of the strikes already told at Karbala
    for other in earlier:  # and its other accounts ("US strike kills ... south of Baghdad")
        if other is previous or (
            not other.targets
            and {e.iri for e in other.locations} == known
            and types_compatible(other, previous)
            and dates_compatible(other.date, previous.date)
        ):
            other.locations = dedupe(new + other.locations)
    previous.evidence.append(evidence)


def _towns_of_told(
    lex: Cues,
    doc: Doc,
    frame: _Frame,
    base: Event,
    areas: list[Mention],
    earlier: list[Event],
    evidence: Evidence,
) -> list[Event]:
    """ "US strikes killed five soldiers ... The strikes hit positions in Jurf al-Sakhar, Musayyib and
    Alexandria": the attacks told before, one at each town named that they were not already placed at."""
    if not definite_noun(lex, doc_norms(doc), frame, plural=True):
        return []
    previous = refers_to(base, earlier)
    if previous is None or previous.targets:
        return []
    known = {e.iri for e in previous.locations}
    towns = [
        e
        for m in _finest(areas)
        if m.ref.place_kind == "City" and (e := m.place) and e.iri and e.iri not in known
    ]
    towns = dedupe(towns)
    # "US jets struck two facilities in eastern Syria. The strikes hit sites near Albu Kamal and Mayadeen":
    # the attacks placed only by an area that holds the towns are the towns' attacks, one town each
    placed_by_area = [
        e
        for e in [
            previous,
            *(o for o in earlier if o is not previous and o.evidence[:1] == previous.evidence[:1]),
        ]
        if not e.targets and e.locations and e.kind == previous.kind
    ]
    while (
        placed_by_area
        and towns
        and {x.iri for x in placed_by_area[0].locations} <= _ancestors(towns[0].iri or "")
    ):
        refined, town = placed_by_area.pop(0), towns.pop(0)
        refined.locations = [town]
        refined.evidence.append(evidence)
    spread = []
    for town in towns:
        event = copy_event(previous)
        event.locations = [town]
        event.evidence = [*previous.evidence[:1], evidence]
        spread.append(event)
    return spread


def another_at(
    base: Event, areas: list[Mention], earlier: list[Event], evidence: Evidence, at: int
) -> list[Event]:
    """ "US jets struck depots near Albu Kamal. Another strike hit a site near Mayadeen.": one more attack
    of the kind told before, by the same hand, at the town named (on its own day if it has one)."""
    previous = refers_to(replace(base, date=None), earlier)  # "a second strike ... on Friday": its own day
    towns = [e for m in _finest(areas) if m.ref.place_kind == "City" and (e := m.place) and e.iri]
    if previous is None or not towns:
        return []
    event = copy_event(previous)
    event.targets, event.locations = [], towns[:1]
    event.evidence = [evidence]
    event.distinct = f"new {at}"
    if base.date is not None and base.date.basis != "inferredFromPublication":
        event.date = base.date
    return [event]


# ------------------------------------------------------------------ counts of many attacks


def _aggregate(
    lex: Cues,
    doc: Doc,
    sent: Span,
    clause: tuple[int, int],
    mentions: list[Mention],
    evidence_base: Evidence,
    state: _State,
    times: list[tuple[int, TimeExpr, bool]],
) -> bool:
    """Record counts of many attacks in CLAUSE; True when the clause is a count, not an attack.

    TIMES: the sentence's time expressions, for a count of one told day's attacks."""
    norms = doc_norms(doc)
    start, end = clause
    counts = []
    members = 0  # "X was one of eleven attacks": the count has X, told in the same clause, as one
    for i in range(start, end):
        n = _number(norms[i])
        if n is None or n < lex.min_count:
            continue
        if (
            norms[i - 1] in {"-", "/"}
            or norms[i - 1].rstrip(".") in _CALENDAR_WORDS  # "Nov. 12, US strikes hit": a day
            or norms[i + 1] in {"-", "/", ":"}
        ):
            continue  # "2024-01-15: drone attacks", "January 15 attacks": a date, not a count
        if len(norms[i]) == 4 and norms[i][:2] in {"19", "20"} and norms[i - 1] in _BEFORE_YEAR:
            continue
        if i + 1 < end and norms[i + 1] in _NOT_COUNTED:
            continue
        near = norms[i + 1 : min(end, i + 4)]
        # "170 drone and rocket attacks": two kinds before the counted noun
        reach = 5 if i + 2 < end and norms[i + 2] in {"and", "or"} else 4
        noun_after = find_phrases(norms, lex.aggregate_nouns, i + 1, min(end, i + reach))
        these_before = "these" in norms[max(start, i - 6) : i] and "attacks" in norms[max(start, i - 6) : i]
        if noun_after or these_before or (near[:1] == ["of"] and "attacks" in near):
            counts.append(n)
            members += any(tuple(norms[max(start, i - len(c)) : i]) == c for c in _MEMBER_OF)
    if not counts:
        return False
    if (
        max(counts) <= _MAX_DAY_COUNT
        and _PERIOD_WORDS.isdisjoint(norms[start:end])
        and _day_told(clause, times, state)
    ):
        return False  # "claimed three attacks on Friday, targeting X, Y and Z": the day's attacks
    places = tuple(e for m in mentions if m.is_area and _as_place(doc, m) if (e := m.place))
    stated = tuple(
        e
        for m in mentions
        if m.actor and not m.modifier and (m.is_organization or m.is_person)
        if (e := m.actor)
    )
    for n in counts:
        state.aggregates.append(
            Aggregate(n, evidence_base.read_by("aggregate.count", (f"count: {n}",)), stated, places)
        )
    return members < len(counts)


def _day_told(clause: tuple[int, int], times: list[tuple[int, TimeExpr, bool]], state: _State) -> bool:
    """Whether CLAUSE tells of one day ("claimed three attacks on Friday")."""
    for index, expr, _ in times:
        if clause[0] <= index < clause[1]:
            when = expr.resolve(state.pub, state.prev_date)
            if when is not None and when.precision == "day":
                return True
    return False


def _lend_actors(event: Event, header: Event) -> None:
    """A list item that names nobody is by whoever its header names."""
    if not (event.perpetrators or event.claimants or event.attributed_to):
        event.perpetrators = list(header.perpetrators)
        event.claimants = list(header.claimants)
        event.attributed_to = list(header.attributed_to)
        event.attributed_by = list(header.attributed_by)
