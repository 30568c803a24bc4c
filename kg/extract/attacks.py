"""Stages 2 and 3 applied to one attack frame: the frame becomes events (one per named site), or is
dropped (a hypothesis, a series, a topic, a trend, a comparison), or is merged into the attack it
refers back to.

Its helpers: attack_sites.py (where it struck), attack_actors.py (who, when no one is named by the
usual phrasings), attack_refers.py (a placeless frame that refers back), dating.py (when), told.py and
discourse.py (what it adds to an attack told before). The events go back to events.py, which merges
the accounts of one attack (coreference.py) once the article is read.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.arguments import (
    _MILITIA,
    STATE_ACTORS,
    _hypothetical,
    _kind,
    _number,
    _on_armed_group,
    _outcome,
    _target_actors,
    _victims,
    answered_with,
)
from kg.extract.attack_actors import attack_perpetrators
from kg.extract.attack_refers import refer_back
from kg.extract.attack_sites import sites_and_areas
from kg.extract.clauses import _Frame, _Trigger
from kg.extract.coreference import _told_before, absorb, copy_event, dedupe
from kg.extract.cues import Cues
from kg.extract.dating import _date_pairs, _dated, answered_at
from kg.extract.discourse import _place_of_told, _towns_of_told, another_at
from kg.extract.lexicon import cue_words, doc_norms, find_phrases
from kg.extract.listed import listed_below
from kg.extract.mentions import Mention
from kg.extract.model import Entity, Event, EventDate, Evidence
from kg.extract.places import _finest, _split_areas, _split_sites, _unknown_place
from kg.extract.state import _State
from kg.extract.timespans import reported_on
from kg.extract.timex import TimeExpr, undated
from kg.extract.told import counted_targets, day_of_told, toll_of_placeless

_EVERY = cue_words("context", "every")
_RANKED = cue_words("context", "ranked")
_TREND_VERBS = tuple(tuple(v.split()) for v in cue_words("context", "trend_verbs"))


def _attack(
    lex: Cues,
    doc: Doc,
    frame: _Frame,
    times: list[tuple[int, TimeExpr, bool]],
    claimants: list[Entity],
    claim_words: list[str],
    accused: list[Entity],
    speakers: list[Entity],
    evidence_base: Evidence,
    state: _State,
    made: list[Event],
) -> list[Event]:
    norms = doc_norms(doc)
    if _hypothetical(lex, norms, frame):
        return []
    if all(t.kind == "kill" and norms[t.index - 1] in {"the", "this", "that"} for t in frame.triggers):
        return []  # "The killing nearly brought ... to war": the attack already told, not another
    sites, areas, placed_near = sites_and_areas(lex, doc, frame, state)
    weapons = [m for m in frame.mentions if m.label == "WEAPON"]
    # "an air missile attack ... by American warplanes": the aircraft that fired the munition makes it
    # an airstrike, whichever of the two the sentence names first
    weapons.sort(key=lambda m: not m.ref.iri.endswith("#aircraft"))
    before = state.previous_event
    perpetrators, claimants, salvo = attack_perpetrators(lex, doc, frame, weapons, claimants, accused, before)
    perp_ids = {e.iri for e in perpetrators}
    if perp_ids & {e.iri for e in speakers}:
        # "Washington blamed KH for the attack and struck its depots": the blame is of another attack
        state.blame_elsewhere = (accused, speakers) if accused else None
        accused, speakers = [], []
    named_elsewhere = perp_ids | {e.iri for e in accused + speakers + claimants}
    target_actors = [e for e in _target_actors(lex, doc, frame) if e.iri not in named_elsewhere]
    victims = _victims(lex, doc, frame)
    answered = answered_at(lex, norms, frame)
    when, reported = _dated(lex, frame, times, state, answered, norms)
    if salvo is not None and (when is None or when.basis == "inferredFromPublication"):
        when = salvo.date or when
    heading = state.heading
    if heading is not None and (when is None or when.basis == "inferredFromPublication"):
        # "OCT. 18 – ... Separately, ...": the line's date
        when = heading.expr.resolve(state.pub_for(heading.expr), state.prev_date) or when
    nouns = [t for t in frame.triggers if t.kind == "noun"]
    plural = bool(nouns) and all(t.plural for t in nouns)
    series = plural and any(
        norms[j] in lex.series for t in nouns for j in range(max(frame.clause[0], t.index - 4), t.index)
    )
    a, b = frame.owned
    # "injured in attacks by proxy groups in Iraq and Syria since Oct. 17": a tally, not one attack
    series = series or (plural and "since" in norms[nouns[-1].index + 1 : b])
    # "every US strike hit empty buildings": all attacks of a kind, told as one
    series = series or any(
        norms[j] in _EVERY for t in frame.triggers for j in range(max(a, t.index - 3), t.index)
    )
    if plural and find_phrases(norms, _TREND_VERBS, frame.clause[0], nouns[0].index):
        return []  # "militias stepped up drone attacks on bases and on the embassy": a trend
    specific_area = [m for m in areas if m.ref.place_kind != "Country"]
    dated = when is not None and when.basis != "inferredFromPublication"
    compared = _background(lex, norms, max(frame.clause[0], frame.start - 3), frame.start + 1)
    # "It was the deadliest attack on US forces since 2015": a ranking among all attacks, of one told
    compared = compared or (
        any(norms[j] in _RANKED for j in range(max(frame.clause[0], frame.start - 4), frame.start))
        and "since" in norms[frame.start : b]
    )
    if compared and not (sites and dated):
        return []  # "similar attacks", "a previous strike": a comparison with other attacks
    # a timeline line's heading, or a stated day with no page date to resolve it, still names one day
    named_day = dated or heading is not None or (state.pub is None and any(not t[2] for t in times))
    verbs = {t.index for t in frame.triggers if t.kind == "verb"}
    day = heading is not None or (dated and when is not None and when.precision == "day")
    counted_from = max(frame.clause[0], frame.start - 4)  # "while two other attacks": the count before
    copies = (
        lex.listing.count(doc, counted_from, b, lex.attack_nouns, verbs, sites=not specific_area)
        if day and not sites
        else 1
    )
    enumerated = copies > 1  # "targeted in two separate drone attacks": each is an attack
    repeated = any(
        norms[j] in lex.repeated
        and (norms[j] == "repeatedly" or _number(norms[j - 1]) or norms[j - 1] in lex.series)
        for j in range(a, b)
    )  # "struck the group's facilities several times this month"
    if (series or repeated) and not (sites and dated) and not enumerated:
        return []
    # "the strikes of Oct. 26 against two facilities near Abu Kamal": a dated attack on a named place
    pinned = (
        when is not None
        and when.basis != "inferredFromPublication"
        and when.precision == "day"
        and any(m.ref.place_kind == "City" for m in specific_area)
        and any(norms[j] in lex.target_preps for t in nouns for j in range(t.index + 1, min(b, t.index + 6)))
    )
    if (
        not sites
        and not areas
        and not (perpetrators or claimants)
        and when is not None
        and dated
        and when.precision == "day"
        and day_of_told(
            lex, norms, frame, when, state.events + made, evidence_base.read_by("attack.day-of-told")
        )
    ):
        return []
    topic = (
        plural
        and all(t.kind == "noun" for t in frame.triggers)
        and not sites
        and not pinned
        and not enumerated
        and not (heading is not None and areas)  # "23 Mar 2023 | Airstrikes on depots in eastern Syria"
    )
    if topic and (not (perpetrators or claimants or accused) or evidence_base.text.endswith(":")):
        if evidence_base.text.endswith(":"):  # "Attacks claimed by X:": X made the attacks listed below
            state.list_header = Event(
                kind="Attack",
                evidence=[],
                perpetrators=dedupe(perpetrators + [c for c in claimants if c.kind in STATE_ACTORS]),
                claimants=[c for c in claimants if c.kind not in STATE_ACTORS],
                attributed_to=list(accused),
                attributed_by=list(speakers),
            )
        return []  # "Militia attacks on US forces", "Attacks claimed by X:": a topic, not one attack
    # a state's own account of its strike ("the Pentagon said its forces struck") confirms it: no claim
    claim = [c for c in claimants if c.kind not in STATE_ACTORS and c.kind != "GovernmentBody"]
    confirmed_by_claim = [c for c in claimants if c.kind in STATE_ACTORS or c.kind == "GovernmentBody"]
    weapon = weapons[0].ref.iri.rsplit("#", 1)[-1] if weapons else (salvo.weapon if salvo else None)
    kind = _kind(weapon, perpetrators + confirmed_by_claim, frame, norms)
    # "attacked with drones and rockets four times": which attack used which weapon is untold
    mixed = enumerated and len({m.ref.iri for m in weapons}) > 1
    # "a drone strike on a car of Kataib Hezbollah": the groups do not bomb themselves
    if kind == "DroneAttack" and _on_armed_group(perpetrators + claimants, target_actors):
        kind = "Airstrike"
    elif kind == "DroneAttack" and _on_armed_group(perpetrators + claimants, [_MILITIA]):
        # "an MQ-9 struck a launch site, killing five militants": who died says whose drone it was
        a, b = frame.owned
        kills = [j for j in range(max(a, frame.start), b) if norms[j] in lex.killing]
        if any(norms[j] in lex.militia_dead for k in kills for j in range(k + 1, min(b, k + 15))):
            kind = "Airstrike"
    outcomes, killed, injured = _outcome(lex, doc, *frame.owned)
    if norms[frame.start - 1] in lex.casualties and norms[frame.start - 2] in {"a", "an"}:
        outcomes.add("casualties")  # "a deadly bombing in X": a toll told before the attack word
    if (
        victims
        and killed is None
        and any(norms[t.index].startswith(("assassinat", "kill")) for t in frame.triggers)
    ):
        killed = len(victims)
    matched = tuple(
        [f"trigger: {', '.join(t.text for t in frame.triggers)}"]
        + [f"weapon: {m.text}" for m in weapons[:1]]
        + ([f"date: {when.expression}"] if when and when.expression else [])
        + ([f"claim: {', '.join(claim_words)}"] if claim_words and claimants else [])
    )
    rule = "attack." + "+".join(sorted({t.kind for t in frame.triggers}))
    base = Event(
        kind="Attack" if mixed else kind,
        evidence=[],
        weapon=None if mixed else weapon,
        target_actors=target_actors,
        perpetrators=dedupe(perpetrators + confirmed_by_claim),
        claimants=dedupe(claim),
        attributed_to=list(accused) if not claim else [],
        attributed_by=list(speakers) if not claim else [],
        date=when if when is not None else undated(state.pub),
        outcomes=outcomes,
        killed=killed,
        injured=injured,
        victims=victims,
    )
    if listed_below(evidence_base, sites + specific_area, base, state):
        return []  # "targeted, on Thursday, the following bases:": the items below name the places
    if before is not None and toll_of_placeless(frame, before, sites, specific_area, base, dated):
        # "Helicopters went after the launch teams. Two militants were killed in the area around X."
        base.locations = [e for m in _finest(specific_area) if (e := m.place)]
        absorb(before, base, evidence_base.read_by(rule + ".toll-of-told", matched))
        return []
    vague = (
        not sites
        and not pinned
        and weapon is None
        and not (
            base.perpetrators
            or base.claimants
            or base.attributed_to
            or target_actors
            or victims
            or killed
            or injured
            or "casualties" in outcomes  # "a deadly bombing in a city"
        )
    )
    vague = vague and not (enumerated and areas)  # "two other attacks in Iraq cause no damage"
    if vague:  # "praised its attack after the match in Erbil": no weapon, no site, nobody
        if specific_area:
            told_at = evidence_base.read_by(rule + ".place-of-told", matched)
            spread = _towns_of_told(lex, doc, frame, base, specific_area, state.events + made, told_at)
            if spread:
                state.events.extend(spread)
                return spread
            # "Another strike hit X" (told as done: a verb of attack, not "another strike is planned")
            if _new_attack(lex, norms, nouns, frame.clause[0]) and any(
                t.kind != "noun" for t in frame.triggers
            ):
                spread = another_at(base, specific_area, state.events + made, told_at, frame.start)
                state.events.extend(spread)
                return spread
            _place_of_told(lex, doc, frame, base, specific_area, state.events + made, told_at)
        return []
    unknown_place = _unknown_place(lex, doc, frame) if not sites and not specific_area else None
    if not sites and not specific_area and unknown_place is None:
        evidence = evidence_base.read_by(rule + ".refers-back", matched)
        merged, base = refer_back(
            lex,
            norms,
            frame,
            base,
            nouns,
            plural,
            dated,
            weapons,
            areas,
            state.events + made,
            claimants,
            accused,
            before,
            evidence,
        )
        if merged:
            return []
        has_actor = bool(
            base.perpetrators or base.claimants or base.attributed_to or target_actors or victims
        )
        # "a drone attack in Jordan that killed three soldiers" in late January: a toll is as telling;
        # "a drone attack in Syria wounded a soldier on Monday": one attack, placed only by its area
        area_only = (
            bool(areas)
            and (not plural or enumerated or heading is not None)  # a timeline line tells one attack
            and (weapon is not None or bool(outcomes) or heading is not None)
        )
        # "The US answered with air strikes on positions near X": one answer, one attack, even undated
        answer = has_actor and bool(specific_area) and answered_with(norms, frame)
        if not ((named_day or answer) and (has_actor or base.killed or area_only)):
            return []
        if all(t.kind == "kill" for t in frame.triggers) and not areas:
            return []  # "he was killed in January alongside X", "; one contractor killed": no attack placed
        if plural and not areas:
            return []  # "the US strikes that followed the Tower 22 attack": strikes in no place
        if not areas and any(counted_targets(norms, t.index, b) for t in frame.triggers if t.kind == "verb"):
            return []  # "U.S. forces struck more than 85 targets": a tally of targets in no place
    events = []
    places: list[tuple[Mention | None, list[Mention]]] = list(_split_sites(sites, areas)) or [
        (None, group) for group in _split_areas(doc, _finest(areas))
    ]
    if heading is not None:
        base.distinct = f"line {heading.line_start}"
    if _new_attack(lex, norms, nouns, frame.clause[0]) or compared:
        base.distinct = f"new {frame.start}"  # "a second attack on the same base days later"
    if any(norms[j] in lex.earlier_cues for j in range(max(frame.clause[0], frame.start - 8), frame.start)):
        # "at the second anniversary of a deadly attack by a U.S. drone": an earlier attack, not today's
        base.distinct = f"earlier {frame.start}"
        # a day resolved in this sentence is today's, unless it is the anniversary itself ("the second
        # anniversary of X" dates X, N years before the page)
        marked = [
            found
            for _, expr, _ in times
            if any(w in lex.earlier_cues for w in expr.text.lower().split())
            and (found := expr.resolve(state.pub_for(expr), state.prev_date)) is not None
        ]
        # "the anniversary of the strike on Jan. 3 outside the airport": a day told after the attack word
        # is that attack's own, in the year the anniversary counts back to
        after_word = when is not None and any(
            at > frame.start and e.text == when.expression for at, e, _ in times
        )
        own = when is not None and (
            any(w in lex.earlier_cues for w in when.expression.lower().split()) or after_word
        )
        if after_word and marked:
            base.date = marked[0]
        base.date = (
            undated(state.pub)
            if dated and when is not None and when.basis == "resolved" and not own
            else base.date
        )
    retold = (
        before
        if before is not None
        and id(before) in state.placed_near
        and sites
        # "The attack took place at dawn": a retelling may name the time of the day told before
        and (not dated or (when is not None and before.date is not None and when.value == before.date.value))
        and before.weapon == base.weapon
        and any(not t.plural and norms[t.index - 1] in lex.definite for t in nouns)
        else None
    )
    for site, locations in places:
        event = copy_event(base)
        event.targets = [e for e in [site.place if site else None] if e]
        event.locations = [e for m in locations if (e := m.place)]
        if unknown_place is not None:
            event.locations = [unknown_place, *event.locations]
        site_text = [f"site: {site.text}"] if site else []
        if unknown_place is not None:
            site_text.append(f"place not in reference data: {unknown_place.label}")
        event.evidence = [evidence_base.read_by(rule, matched + tuple(site_text))]
        if retold is not None and site is not None:  # "The attack ... hit a base known as Camp Victory"
            absorb(retold, event)
            retold.locations = dedupe(retold.targets + retold.locations)
            retold.targets = event.targets
            continue
        # "X said on Wednesday that it had launched a drone at Harir": the attack told before at Harir
        account = _told_before(event, state.events) if reported and claim and site is not None else None
        if account is not None:
            absorb(account, event)
            continue
        events.append(event)
        for k in range(1, copies):  # "two separate drone attacks": one event each, never merged
            event.distinct = f"{base.distinct or 'count'} {frame.start}#0"
            events.append(copy_event(event))
            events[-1].distinct = f"{base.distinct or 'count'} {frame.start}#{k}"
    pairs = _date_pairs(doc, frame, sorted(sites + areas, key=lambda m: m.start), times, state)
    if pairs and events and copies == 1:
        events = _by_day(events, pairs, frame.start)
    if placed_near:
        state.placed_near.update(id(e) for e in events)
    for event in events:
        if event.date and event.date.value and event.date.latest:
            # "on Wednesday night ... The attack came a day after X": counted from Wednesday, though
            # the night runs into Thursday
            state.prev_date = event.date.earliest if event.date.precision == "day" else state.prev_date
    if reported and when is not None and when.value:
        # "The Pentagon said on Saturday that drones attacked the base": Saturday dates the report; the
        # attack was on that day or before it, and a later sentence may still tell which day
        for event in events:
            if event.date is when:
                event.date = reported_on(when)
    state.events.extend(events)
    return events


def _by_day(events: list[Event], pairs: list[tuple[EventDate, Mention | None]], at: int) -> list[Event]:
    """The attacks of one attack word told on several days: one per day (and its place, when each day
    has its own)."""
    out = []
    for k, (when, place) in enumerate(pairs):
        for event in events if place is None else events[:1]:
            copy = copy_event(event)
            copy.date = when
            copy.distinct = f"day {at}#{k}"
            if place is not None and (entity := place.place) is not None:
                copy.targets, copy.locations = ([entity], []) if place.is_site else ([], [entity])
            out.append(copy)
    return out


def _background(lex: Cues, norms: list[str], start: int, end: int) -> bool:
    """Whether tokens [START, END) speak of other, earlier attacks ("similar", "last year")."""
    return any(
        tuple(norms[i : i + len(cue)]) == cue for i in range(start, end) for cue in lex.background_cues
    )


def _new_attack(lex: Cues, norms: list[str], nouns: list[_Trigger], start: int) -> bool:
    """Whether an attack noun is told as one more attack: "another rocket attack", "a second attack"."""
    for t in nouns:
        for cue in lex.new_attack_cues:
            for gap in range(3):
                at = t.index - gap - len(cue)
                if at >= start and tuple(norms[at : at + len(cue)]) == cue:
                    return True
    return False
