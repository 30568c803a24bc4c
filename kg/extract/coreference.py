"""Stage 5 of the event reader: one event per attack within an article, every account kept as a mention.

Two events of one article are the same attack when they name the same site (or, with no site, the
same area), have compatible types (the same class, or one a plain Attack) and overlapping dates.
A sentence that refers back ("Saturday's attack", "the strike") is merged into the event it names.
"""

from __future__ import annotations

from kg.extract.lexicon import cue_number
from kg.extract.model import ATTACK_KINDS, Entity, Event, EventDate, Evidence
from kg.extract.places import _ancestors
from kg.reference import by_iri

_STATE_KINDS = frozenset({"State", "MilitaryBody"})
_CLAIM_DELAY_DAYS = cue_number("coreference", "claim_delay_days")


def dedupe(entities: list[Entity]) -> list[Entity]:
    seen: set[str] = set()
    out = []
    for e in entities:
        key = e.key
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def dates_compatible(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or b is None:
        return True
    if a.basis == "reportDate" or b.basis == "reportDate":
        # known only by the day it was reported: on or before that day
        return (a.earliest is None or b.latest is None or a.earliest <= b.latest) and (
            b.earliest is None or a.latest is None or b.earliest <= a.latest
        )
    if a.earliest is None or b.earliest is None:
        return True
    assert a.latest is not None and b.latest is not None
    return a.earliest <= b.latest and b.earliest <= a.latest


def types_compatible(a: Event, b: Event) -> bool:
    if a.kind == b.kind or "Attack" in (a.kind, b.kind):
        return a.weapon is None or b.weapon is None or a.weapon == b.weapon
    # "Israeli strike on Damascus" (a headline) and "an Israeli missile strike on Damascus": the bare
    # word names no weapon, so a state's strike may be the missile strike told with its weapon
    if {a.kind, b.kind} == {"Airstrike", "MissileAttack"} and None in (a.weapon, b.weapon):
        return True
    # a state's drone strike is both; bombers' strikes and a militia's drones are two attacks
    weapons = {a.weapon, b.weapon}
    return (
        {a.kind, b.kind} == {"DroneAttack", "Airstrike"} and "drone" in weapons and weapons <= {"drone", None}
    )


def sides_conflict(a: Event, b: Event) -> bool:
    """Whether one attack is by states and the other by armed groups: a strike and what it answered."""

    def sides(event: Event) -> set[bool]:
        actors = event.perpetrators + event.claimants
        return {x.kind in _STATE_KINDS for x in actors if x.kind in _STATE_KINDS or x.kind == "ArmedGroup"}

    first, second = sides(a), sides(b)
    return bool(first) and bool(second) and not first & second


def roles_conflict(a: Event, b: Event) -> bool:
    """Whether one account's attacker is the other's target: "Israel's strike" and "the attack on Israel"."""
    hit_a = {e.key for e in a.target_actors + a.targets}
    hit_b = {e.key for e in b.target_actors + b.targets}
    by_a = {e.key for e in a.perpetrators + a.claimants + a.attributed_to}
    by_b = {e.key for e in b.perpetrators + b.claimants + b.attributed_to}
    return bool(hit_a & by_b or hit_b & by_a)


def refers_to(event: Event, earlier: list[Event]) -> Event | None:
    """The most recent earlier attack that EVENT may refer back to."""
    for other in reversed(earlier):
        if (
            other.kind in ATTACK_KINDS
            and types_compatible(event, other)
            and not sides_conflict(event, other)
            and not roles_conflict(event, other)
        ):
            dated = event.date is not None and event.date.basis != "inferredFromPublication"
            if not dated or dates_compatible(event.date, other.date):
                return other
    return None


def copy_event(event: Event) -> Event:
    return Event(**{**event.__dict__, "evidence": list(event.evidence), "outcomes": set(event.outcomes)})


def absorb(into: Event, other: Event, evidence: Evidence | None = None) -> None:
    """Merge what OTHER adds to INTO: its sentence, actors, outcome; the more precise date and type."""
    into.evidence.extend([evidence] if evidence else other.evidence)
    into.claimants = dedupe(into.claimants + other.claimants)
    into.perpetrators = dedupe(into.perpetrators + other.perpetrators)
    if not into.claimants:
        into.attributed_to = dedupe(into.attributed_to + other.attributed_to)
        into.attributed_by = dedupe(into.attributed_by + other.attributed_by)
    into.target_actors = dedupe(into.target_actors + other.target_actors)
    into.victims = dedupe(into.victims + other.victims)
    into.locations = into.locations or other.locations
    into.outcomes |= other.outcomes
    into.killed = into.killed if into.killed is not None else other.killed
    into.injured = into.injured if into.injured is not None else other.injured
    if (
        into.weapon is None
        and other.weapon is not None
        and {into.kind, other.kind} == {"Airstrike", "MissileAttack"}
    ):
        into.kind = other.kind  # the headline's bare "strike", told with its missiles in the body
    into.weapon = into.weapon or other.weapon
    if into.kind == "Attack" and other.kind != "Attack":
        into.kind = other.kind
    if precision_rank(other.date) > precision_rank(into.date):
        into.date = other.date


def precision_rank(when: EventDate | None) -> int:
    if when is None or when.value is None:
        return 0
    return {"year": 1, "month": 2, "day": 3}.get(when.precision or "", 0)


def _placed_by(one: Event, other: Event) -> bool:
    """Whether one attack's target is where the other's target lies ("drones shot down at Baghdad
    airport" and "drones attacked a base near Baghdad airport, known as Camp Victory"): a site never
    locates an attack otherwise."""
    if not (one.targets and other.targets):
        return False
    first, second = {e.iri for e in one.targets}, {e.iri for e in other.targets}
    return bool(first & {e.iri for e in other.locations} or second & {e.iri for e in one.locations})


def _nested_sites(one: Event, other: Event) -> bool:
    """Whether one attack's site lies inside the other's ("rockets target the US Embassy in Baghdad's
    Green Zone" in the headline, "rockets were fired at the Green Zone" in the body): one place told
    at two grains."""
    first, second = {e.iri for e in one.targets if e.iri}, {e.iri for e in other.targets if e.iri}
    return any(second & _ancestors(f) for f in first) or any(first & _ancestors(s) for s in second)


def merge_events(events: list[Event]) -> list[Event]:
    """One event per attack: accounts of one article with the same site, type and date become one."""
    merged: list[Event] = []
    for event in events:
        if event.kind in ATTACK_KINDS:
            place = {e.iri for e in event.targets} or {e.iri for e in event.locations}
            home = next(
                (
                    o
                    for o in merged
                    if o.kind in ATTACK_KINDS
                    and bool(o.targets) == bool(event.targets)
                    and (
                        place & ({e.iri for e in o.targets} or {e.iri for e in o.locations})
                        or _placed_by(o, event)
                        or _nested_sites(o, event)
                    )
                    and types_compatible(o, event)
                    and dates_compatible(o.date, event.date)
                    and not sides_conflict(o, event)
                    and o.distinct == event.distinct
                ),
                None,
            )
            if home is not None:
                absorb(home, event)
                if {e.iri for e in home.targets} & {e.iri for e in event.locations}:
                    # the headline's "at Baghdad airport" is where the base the body names lies
                    home.targets, home.locations = event.targets, dedupe(event.locations + home.locations)
                for other in events:
                    if other.intercepts is event:
                        other.intercepts = home
                continue
        merged.append(event)
    return _absorb_town_accounts(merged)


def _absorb_town_accounts(events: list[Event]) -> list[Event]:
    """ "rocket barrage on a base near Kirkuk" and "rockets slammed into the K-1 base": an attack placed
    only at a town is the attack on a site in that town: the one that fits, or of several the one told
    last before it ("X claimed the attack, saying it had targeted the Americans in Erbil")."""
    kept = []
    for event in events:
        towns = {e.iri for e in event.locations if e.kind == "City"}
        town_only = (
            event.kind in ATTACK_KINDS
            and not event.targets
            and bool(towns)
            and len(towns) == len(event.locations)
        )
        homes = _town_homes(event, events, {i: {i} for i in towns if i}) if town_only else []
        if town_only and not homes:
            # "Drone attack in Erbil" over a story on the Harir base: a town named like its province
            # stands for the province too (the base lies in Erbil governorate, outside the city)
            homes = _town_homes(event, events, {i: {i, *_namesake_province(i)} for i in towns if i})
        told = [h for h in homes if _first_told(h) < _first_told(event)]
        home = homes[0] if len(homes) == 1 else max(told, key=_first_told) if told else None
        if home is not None:
            absorb(home, event)
            if not home.targets:  # "in Damascus" and "in the Mezzeh district of Damascus": both names hold
                home.locations = dedupe(home.locations + event.locations)
            continue
        kept.append(event)
    return kept


def _town_homes(event: Event, events: list[Event], areas: dict[str, set[str]]) -> list[Event]:
    """The attacks at a site (or a place) inside every town of EVENT, AREAS giving what each town may be."""
    towns = set(areas)
    return [
        other
        for other in events
        if other is not event
        and other.kind in ATTACK_KINDS
        and (other.targets or _within_towns(other, set(towns)))
        and all(
            names
            & (
                {e.iri for e in other.locations}
                | {a for t in other.targets + other.locations if t.iri for a in _ancestors(t.iri)}
            )
            for names in areas.values()
        )
        and types_compatible(other, event)
        and dates_compatible(other.date, event.date)
        and not sides_conflict(other, event)
        and other.distinct == event.distinct
    ]


def _namesake_province(town: str) -> set[str]:
    """The province TOWN is in when it bears the town's name (Erbil in Erbil Governorate)."""
    refs = by_iri()
    ref = refs.get(town)
    parent = refs.get(ref.located_in) if ref is not None and ref.located_in else None
    if parent is None or "Province" not in parent.kinds:
        return set()
    return {parent.iri} if parent.label.lower().startswith(ref.label.lower()) else set()  # type: ignore[union-attr]


def _within_towns(event: Event, towns: set[str | None]) -> bool:
    """ "a strike on Damascus" told again "in the Mezzeh district": a place inside the town is the town's."""
    return bool(event.locations) and all(p.iri and towns & _ancestors(p.iri) for p in event.locations)


def _absorb_summaries(events: list[Event]) -> list[Event]:
    """An attack placed only in a country, told again with finer places, is those attacks, not another.

    "strikes on two facilities in eastern Syria. The strikes targeted a training facility near Abu
    Kamal and a safe house near Mayadin": the Syria account lends its date and actors to both.
    """
    kept: list[Event] = []
    for event in events:
        # "in the Kurdistan region of northern Iraq" is as much a summary as "in Iraq", and so is "a US
        # base in Hasakah province" told again as "the base in the Shaddadi area"
        countries = {e.iri for e in event.locations if e.kind in {"Country", "Region", "Province"}}
        summary = (
            event.kind in ATTACK_KINDS
            and not event.targets
            and bool(countries)
            and len(countries) == len(event.locations)
        )
        finer = [
            other
            for other in events
            if summary
            and other is not event
            and other.kind in ATTACK_KINDS
            and (places := other.targets or other.locations)
            and all(p.iri and countries & _ancestors(p.iri) for p in places)
            and types_compatible(other, event)
            and dates_compatible(other.date, event.date)
            and not sides_conflict(other, event)
            # "after the attack on K-1, you struck facilities in Iraq and Syria": two frames of one
            # sentence are two attacks, the summary's finer account is told in another sentence
            and not _same_sentence(other, event)
            and not _other_lines(other, event)
            and not _moved_on(event, other, events)
        ]
        if not finer:
            kept.append(event)
            continue
        for other in finer:
            absorb(other, copy_event(event))
        for other in events:
            if other.intercepts is event:
                other.intercepts = finer[0]
    return kept


def _moved_on(summary: Event, other: Event, events: list[Event]) -> bool:
    """Whether the article tells another kind of attack between SUMMARY and OTHER: "Iran fired missiles
    at two bases in Iraq ... a US drone strike ... crowds besieged the US embassy": the siege is no
    finer account of the missiles, the story had moved on. An account of the summary's own kind may come
    later ("U.S. jets struck a depot in Syria", then the day's other attacks, then the jets' strike)."""
    if other.kind == summary.kind:
        return False
    a, b = sorted((_first_told(summary), _first_told(other)))
    return any(
        a < _first_told(e) < b and e.kind in ATTACK_KINDS and not types_compatible(e, summary)
        for e in events
        if e is not summary and e is not other
    )


def _first_told(event: Event) -> int:
    return min((e.start for e in event.evidence), default=0)


def _same_sentence(one: Event, other: Event) -> bool:
    return bool(one.evidence and other.evidence) and one.evidence[0].start == other.evidence[0].start


def _other_lines(one: Event, other: Event) -> bool:
    """Whether the two attacks are told on two lines of a timeline: each line's attacks are its own."""
    lines = [e.distinct for e in (one, other) if e.distinct and e.distinct.startswith("line ")]
    return len(lines) == 2 and lines[0] != lines[1]


def _told_before(event: Event, earlier: list[Event]) -> Event | None:
    """An earlier attack on EVENT's site, within a week before the day EVENT was reported."""
    report = event.date.latest if event.date else None
    sites = {t.iri for t in event.targets}
    for other in reversed(earlier):
        day = other.date.latest if other.date and other.date.value else None
        if (
            report is not None
            and day is not None
            and 0 <= (report - day).days <= _CLAIM_DELAY_DAYS
            and other.kind in ATTACK_KINDS
            and sites & {t.iri for t in other.targets}
            and types_compatible(other, event)
            and not sides_conflict(other, event)
        ):
            return other
    return None
