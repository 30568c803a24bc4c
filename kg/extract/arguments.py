"""Stage 2 of the event reader (arguments): who made an attack (perpetrators), whom it targeted
(actors, victims), its weapon class and outcome (intercepted, damage, casualties and their counts).
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.clauses import _DETERMINERS, _Frame
from kg.extract.coreference import dedupe
from kg.extract.cues import Cues
from kg.extract.lexicon import cue_numbers, cue_words, doc_norms, find_phrases, single_words, span_text
from kg.extract.mentions import find_mentions
from kg.extract.model import Entity
from kg.extract.places import _PLACE_PREPS, _as_place, _placed_in
from kg.namespaces import REFERENCE
from kg.reference import by_iri

STATE_ACTORS = frozenset({"State", "MilitaryBody"})
_WEAPON_KIND = {
    "drone": "DroneAttack",
    "rocket": "RocketAttack",
    "mortar": "MortarAttack",
    "ballisticMissile": "MissileAttack",
    "cruiseMissile": "MissileAttack",
    "aircraft": "Airstrike",
}
_NUMBERS = cue_numbers("counts", "numbers")
_SUBJECT_FILLERS = cue_words("actors", "subject_fillers")
_SUBJECT_TIMES = cue_words("actors", "subject_times")
_SOLE_FLYERS = cue_words("actors", "sole_flyers")
_PARTITIVES = cue_words("actors", "partitives")
_PARTITIVE_HEADS = cue_words("actors", "partitive_heads")
_PARTITIVE_LEADS = cue_words("actors", "partitive_leads")
_SUBJECT_TIME_LEADS = cue_words("actors", "subject_time_leads")
_TARGET_STOP = cue_words("actors", "target_stop")
_LIGHT_VERBS = cue_words("actors", "light_verbs")
_ANSWER_VERBS = cue_words("actors", "answer_verbs")
_ANSWER_GAP = cue_words("actors", "answer_gap")
_PREMODIFIER_GAP = cue_words("actors", "premodifier_gap")
_AGENT_GAP = cue_words("actors", "agent_gap")
_FIGHTERS = cue_words("actors", "fighters")
_KILLS = cue_words("actors", "kills")
_DRONE_STRIKE_VERBS = cue_words("actors", "drone_strike_verbs")
_TOLL_PARTICIPLES = cue_words("outcome", "toll_participles")
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
_MILITIA = Entity("militia", "ArmedGroup")


def _hypothetical(lex: Cues, norms: list[str], frame: _Frame) -> bool:
    trigger = frame.start
    if any(tuple(norms[trigger - len(p) : trigger]) == p for p in lex.use_phrases):
        return True
    # "militants who were preparing to attack the base were neutralised": a passive main verb after the
    # planned attack is an attack of its own
    done = [t.index for t in frame.triggers if t.index > trigger and norms[t.index - 1] in _PASSIVE_AUX]
    return _planned(lex, norms, frame, trigger) and not any(
        not _planned(lex, norms, frame, t, stop=trigger) for t in done
    )


_PASSIVE_AUX = cue_words("context", "passive_aux")


def _planned(lex: Cues, norms: list[str], frame: _Frame, trigger: int, stop: int = -1) -> bool:
    j = trigger - 1
    while j >= max(frame.clause[0], trigger - 8, stop + 1) and norms[j] != ",":
        if norms[j] in lex.hypothetical:
            return True
        j -= 1
    return False


def _perpetrators(lex: Cues, doc: Doc, frame: _Frame) -> list[Entity]:
    norms = doc_norms(doc)
    found: list[Entity] = []
    nouns = [t.index for t in frame.triggers if t.kind == "noun"]
    verbs = [t.index for t in frame.triggers if t.kind in {"verb", "kill"}]
    by_end = {m.end: m for m in frame.mentions if m.label != "WEAPON"}
    weapon_tokens = {j for m in frame.mentions if m.label == "WEAPON" for j in range(m.start, m.end)}
    # "U.S. forces conducted strikes", "militants carried out an attack": the verb before the noun
    for n in nouns:
        for j in range(n - 1, max(frame.clause[0], n - 7) - 1, -1):
            if norms[j] in _LIGHT_VERBS:
                verbs.append(j)
                break
            if norms[j] == "with" and (answer := _answer_verb(norms, j, frame.clause[0])) is not None:
                verbs.append(answer)
                break
    for m in frame.mentions:
        actor = m.actor
        if actor is None or m.modifier or m.is_person or m.possessor or m.label == "WEAPON":
            continue
        # "an American drone strike", "US strikes", "the US assassination of ..."
        if any(
            0 <= n - m.end <= 3
            and all(j in weapon_tokens or norms[j] in _PREMODIFIER_GAP for j in range(m.end, n))
            for n in nouns
        ) or (m.start > frame.start and m.start >= 1 and _agent_by(lex, norms, m.start)):
            found.append(actor)
    # "a U.S. AC-130 aircraft already airborne in the area conducted a strike": a state's aircraft
    aircraft = {m.start for m in frame.mentions if m.label == "WEAPON" and m.ref.iri.endswith("#aircraft")}
    if aircraft:
        found += [
            m.actor
            for m in frame.mentions
            if m.actor and m.label == "STATE" and m.end in aircraft and m.start < frame.start
        ]
    # the subject of an attack verb: "US forces struck", "Israeli warplanes hit"
    for v in verbs:
        j = v - 1
        subject = by_end.get(v)
        while (
            subject is None
            and j >= frame.clause[0]
            and (
                norms[j] in _SUBJECT_FILLERS
                or norms[j] in _DETERMINERS
                or j in weapon_tokens
                or norms[j] == ")"  # "Kata'ib Hizballah (KH) militants launched"
                or _time_word(norms, j)  # "the United States on Friday night carried out"
            )
        ):
            j -= 1
            subject = by_end.get(j + 1)
        if (
            subject is not None
            and subject.actor
            and not subject.modifier
            and not subject.is_person
            and subject.label != "WEAPON"
            and not subject.possessor
            and norms[subject.start - 1] not in _PLACE_PREPS  # "an attack in Jordan that killed"
            and norms[subject.start - 1] not in lex.target_preps  # "the attack on Israel that killed"
            and not _placed_in(doc, subject)  # "in Syria and killed six"
        ):
            found.append(subject.actor)
            # "US and British warplanes struck": both
            other = by_end.get(subject.start - 1) if norms[subject.start - 1] == "and" else None
            if other is not None and other.actor and not other.modifier and not other.is_person:
                found.append(other.actor)
    if not found:
        found += _coordinated_subject(doc, frame, verbs)
    return dedupe(found)


def sole_flyer(norms: list[str], frame: _Frame) -> list[Entity]:
    """ "Two F-15Es struck a depot near X": an aircraft that only one state flies over the theatre names
    the state, when nobody else is said to have struck."""
    a, b = frame.clause
    if not any(norms[j] in _SOLE_FLYERS for j in range(a, b)):
        return []
    ref = by_iri().get(str(REFERENCE[single_words().mapping("actors", "sole_flyer")["state"]]))
    kind = ref.actor_kind if ref is not None else None
    return [Entity(ref.label, kind, ref.iri)] if ref is not None and kind is not None else []


def _time_word(norms: list[str], j: int) -> bool:
    """Whether token J is a word of a time adverbial ("on Friday night") between a subject and its verb."""
    if norms[j] in _SUBJECT_TIMES:
        return True
    return norms[j] in _SUBJECT_TIME_LEADS and j + 1 < len(norms) and _time_word(norms, j + 1)  # "late on"


def _coordinated_subject(doc: Doc, frame: _Frame, verbs: list[int]) -> list[Entity]:
    """ "Washington blamed the group for the attack and struck its depots": the clause's subject also
    did what the verb after "and" tells."""
    norms = doc_norms(doc)
    start = frame.clause[0]
    if not any(norms[v - 1] == "and" or norms[v - 2 : v] == ["and", "then"] for v in verbs if v - 2 >= start):
        return []
    # the subject may belong to the clause's first frame ("blamed that attack on X and struck ...")
    first = next((m for m in find_mentions(doc) if m.start >= start), None)
    if first is None or not (first.start == start or (first.start == start + 1 and norms[start] == "the")):
        return []
    if first.actor is None or first.modifier or first.is_person or first.label == "WEAPON" or first.possessor:
        return []
    return [first.actor]


def _agent_by(lex: Cues, norms: list[str], start: int) -> bool:
    """ "launched by X", "attacks by the group": a "by" right after an attack word names the attacker."""
    j = start - 1
    if j >= 1 and norms[j] in _QUOTES:
        j -= 1
    if j >= 1 and norms[j] in _DETERMINERS:
        j -= 1
    if norms[j] != "by":
        return False

    def attack_word(word: str) -> bool:
        return (
            word in lex.attack_nouns
            or word in lex.attack_verbs
            or word in lex.weak_verbs
            or word in {"out", "conducted", "fired", "launched", "carried"}  # "claimed by X": a claim
        )

    if j >= 1 and attack_word(norms[j - 1]):
        return True
    # "was targeted with rockets on Saturday by X": the passive verb a few words back, past its weapon and
    # day; any other word between ("a base used by X", "a statement by X") ends the search
    for k in range(j - 1, max(0, j - 9), -1):
        if norms[k] in lex.attack_verbs and norms[k].endswith(("ed", "hit", "struck", "shot")):
            return k < j - 1
        if not (norms[k] in _AGENT_GAP or _time_word(norms, k)):
            return False
    return False


def _target_actors(lex: Cues, doc: Doc, frame: _Frame) -> list[Entity]:
    norms = doc_norms(doc)
    found = []
    trigger_positions = [t.index for t in frame.triggers]
    for m in frame.mentions:
        actor = m.actor
        if actor is None or m.label not in {"ACTOR", "STATE"} or m.modifier or m.possessor or m.bracketed:
            continue
        if m.is_person or (m.label == "STATE" and _as_place(doc, m)):
            continue
        before = [p for p in trigger_positions if p < m.start]
        if not before:
            continue
        between = norms[max(before) + 1 : m.start]
        if any(word in _TARGET_STOP for word in between) or len(between) > 6:
            continue
        found.append(actor)
    return dedupe(found)


def _victims(lex: Cues, doc: Doc, frame: _Frame) -> list[Entity]:
    norms = doc_norms(doc)
    cues = find_phrases(norms, lex.victim_cues, frame.start, frame.clause[1])
    trigger_cue = [t.index for t in frame.triggers if norms[t.index].startswith(("assassinat", "kill"))]
    starts = [s for s, _, _ in cues] + trigger_cue
    if not starts:
        return []
    return dedupe([e for m in frame.mentions if m.is_person and m.start > min(starts) if (e := m.actor)])


def _outcome(lex: Cues, doc: Doc, start: int, end: int) -> tuple[set[str], int | None, int | None]:
    """What the tokens [START, END) say the attack did: intercepted, hit, damage, casualties."""
    norms = doc_norms(doc)
    outcomes: set[str] = set()
    names = {
        "intercepted": "intercepted",
        "hit": "hit",
        "damage": "damage",
        "no_casualties": "noCasualties",
    }
    for key, phrases in lex.outcomes.items():
        for s, _, _ in find_phrases(norms, phrases, start, end):
            if key == "damage" and {"no", "without", "not", "any"} & set(norms[max(start, s - 3) : s]):
                continue  # "without causing damage"
            outcomes.add(names[key])
    if "noCasualties" in outcomes and "no damage" in span_text(doc[start:end]).lower():
        outcomes.discard("damage")
    killed = _count_near(norms, start, end, lex.killed)
    injured = _count_near(norms, start, end, lex.injured)
    if (
        killed
        or injured
        or (
            "noCasualties" not in outcomes
            # "shelled X, killing a woman and her two children": a toll without one number is still a toll
            and any(
                n in lex.casualties or n in lex.injured or n in _TOLL_PARTICIPLES for n in norms[start:end]
            )
        )
    ):
        outcomes.add("casualties")
    return outcomes, killed, injured


def _fighters_subject(norms: list[str], frame: _Frame) -> bool:
    """Whether an attack verb of FRAME has "the fighters" / "our mujahideen" (naming no group) as subject."""
    for t in frame.triggers:
        if t.kind != "verb":
            continue
        j = t.index - 1
        while j > frame.clause[0] and norms[j] in {"also", "then", "later", "again", "have", "had", "has"}:
            j -= 1
        if j > frame.clause[0] and norms[j] in _FIGHTERS and norms[j - 1] in {"the", "its", "their", "our"}:
            return True
    return False


def partitive_subject(norms: list[str], frame: _Frame) -> bool:
    """Whether the subject of FRAME's attack verb is a part of something told before: "Most of them
    struck X", "At least one hit Y", "Two of the missiles landed near Z", "The rest fell short"."""
    verbs = [t.index for t in frame.triggers if t.kind == "verb"]
    if not verbs:
        return False
    subject = norms[frame.clause[0] : verbs[0]]
    k = 0
    while k < len(subject) and subject[k] in _PARTITIVE_LEADS:  # "at least one", "only two"
        k += 1
    if k >= len(subject) or not (subject[k] in _PARTITIVES or _number(subject[k])):
        return False
    rest = subject[k + 1 :]
    # "one of them", "two of the missiles": a part of what was told (not "On 11 October, artillery")
    return not rest or (rest[0] == "of" and len(rest) in {2, 3} and rest[1] in _PARTITIVE_HEADS)


def _on_armed_group(attackers: list[Entity], targets: list[Entity]) -> bool:
    """An unattributed drone that hit an armed group: a state's drone strike, not a militia attack."""
    return not any(a.kind not in STATE_ACTORS for a in attackers) and any(
        t.kind == "ArmedGroup" for t in targets
    )


def answered_with(norms: list[str], frame: _Frame) -> bool:
    """Whether FRAME's attack noun is what someone "answered with" / "retaliated with"."""
    for t in frame.triggers:
        if t.kind != "noun":
            continue
        with_at = next(
            (j for j in range(t.index - 1, max(frame.clause[0], t.index - 4) - 1, -1) if norms[j] == "with"),
            None,
        )
        if with_at is not None and _answer_verb(norms, with_at, frame.clause[0]) is not None:
            return True
    return False


def _answer_verb(norms: list[str], with_index: int, lower: int) -> int | None:
    """The verb of "responded with", "followed up with", "hit back with" before WITH_INDEX, if any."""
    j = with_index - 1
    # "responded on Sunday with strikes": the time of the answer stands between the verb and "with"
    while j > lower and with_index - j <= 6 and norms[j] in _ANSWER_GAP:
        j -= 1
    if j > lower and norms[j] in {"up", "back"}:
        j -= 1
    return (
        j
        if j >= lower and (norms[j] in _ANSWER_VERBS or (norms[j] == "hit" and norms[j + 1] == "back"))
        else None
    )


def _kind(weapon: str | None, perpetrators: list[Entity], frame: _Frame, norms: list[str]) -> str:
    state_actor = any(p.kind in STATE_ACTORS for p in perpetrators)
    words = {norms[t.index] for t in frame.triggers}
    # "a US drone strike", "a US drone killed five militants": a state's drone strike is an airstrike
    if (
        weapon == "drone"
        and state_actor
        and words & {"strike", "strikes", "airstrike", "airstrikes", *_KILLS, *_DRONE_STRIKE_VERBS}
    ):
        return "Airstrike"
    if weapon in _WEAPON_KIND:
        return _WEAPON_KIND[weapon]
    if words & {"airstrike", "airstrikes", "air-strike", "air-strikes"}:
        return "Airstrike"
    if state_actor and words & {"strike", "strikes", "struck", "bombed", "bombing", "raid", "raids"}:
        return "Airstrike"
    return "Attack"


def _number(word: str) -> int | None:
    if word in _NUMBERS:
        return _NUMBERS[word] if word not in {"a", "an"} else None
    digits = word.replace(",", "")
    return int(digits) if 0 < len(digits) <= 6 and digits.isdecimal() else None


def _count_near(norms: list[str], start: int, end: int, words: frozenset[str]) -> int | None:
    """A number tied to a casualty word: "killing two", "three soldiers were killed", "2 dead"."""
    for i in range(start, end):
        if norms[i] not in words:
            continue
        for j in range(i + 1, min(end, i + 4)):
            n = _number(norms[j])
            if n is not None:
                return n
        for j in range(i - 1, max(start, i - 5) - 1, -1):
            n = _number(norms[j])
            if n is not None:
                return n
            if norms[j] in {",", ";", "and"}:
                break
    return None
