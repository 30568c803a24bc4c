"""Stage 1 of the event reader: a sentence cut into clauses, its attack words (triggers), and the
frames they make (one frame per attack, interception or deployment), each given the mentions it owns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Span

from kg.dates import MONTH_NAME
from kg.extract.cues import Cues
from kg.extract.lexicon import cue_words, doc_norms, doc_offsets, doc_text, find_phrases, span_text
from kg.extract.mentions import Mention

_CLAUSE_CONJ = cue_words("clauses", "conjunctions")
_CLAUSE_AFTER_AND = cue_words("clauses", "after_and")
_RELATIVE = cue_words("clauses", "relative_pronouns")
_ASIDE_ENDS = cue_words("clauses", "aside_ends")
_ASIDE_LANDMARKS = cue_words("clauses", "aside_landmarks")
_SITE_NOUNS = cue_words("places", "site_nouns")
_NOUN_FOLLOWERS = cue_words("frames", "target_noun_followers")
_NOUN_PRECEDERS = cue_words("frames", "target_noun_preceders")
_KILL_NEGATIONS = cue_words("frames", "kill_negations")
_WEAK_NOUNS = cue_words("attack", "weak_nouns")
_DETERMINERS = cue_words("actors", "determiners")
# A row of a tracker table: a date that opens with its day, then cells split by "|"
# ("01/30/24 | Haifa port | drone | ...", "23 Aug 2022 | U.S. | Airstrikes on ...", "2022-08-23 | ...")
_TABLE_ROW = re.compile(
    rf"\s*(?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{1,2}}\s+{MONTH_NAME}\s+\d{{4}}|\d{{4}}-\d\d-\d\d)\s*\|",
    re.IGNORECASE,
)


@dataclass
class _Trigger:
    index: int
    kind: str  # noun, verb, kill, intercept, deploy
    text: str
    plural: bool = False
    own_target: bool = False
    row: bool = False  # the weapon cell of a tracker row


@dataclass
class _Frame:
    kind: str  # attack, intercept, deploy
    triggers: list[_Trigger]
    clause: tuple[int, int]
    mentions: list[Mention] = field(default_factory=list)
    has_target: bool = False
    span: tuple[int, int] = (0, 0)  # the tokens this attack owns: up to the next attack of the clause

    @property
    def start(self) -> int:
        return self.triggers[0].index

    @property
    def owned(self) -> tuple[int, int]:
        """The tokens whose words describe this attack (its span, else its whole clause)."""
        return self.span if self.span != (0, 0) else self.clause


_DASHES = frozenset({"-", "–", "—"})
_AIMED_VERBS = cue_words("attack", "aimed_verbs")
_PASSIVE_AUX = cue_words("context", "passive_aux")
_AGENT_PREPS = cue_words("attack", "agent_preps")
_PURSUIT = tuple(tuple(p.split()) for p in cue_words("attack", "pursuit"))
_UNDER_FIRE = tuple(tuple(p.split()) for p in cue_words("attack", "under_fire"))
_FORCED_ENTRY = tuple(tuple(p.split()) for p in cue_words("attack", "forced_entry"))


def _clauses(lex: Cues, doc: Doc, sent: Span) -> list[tuple[int, int]]:
    norms = doc_norms(doc)
    cuts = [sent.start]
    # "Rockets hit X | Drone downed over Y": headlines joined by "|" (a tracker row is one attack)
    row = norms[sent.start][:1].isdigit() and _TABLE_ROW.match(doc_text(doc), sent.start_char)
    bar = ";" if row else "|"
    # "A missile - the Pentagon did not name the type, but ... - was launched at X": an aside between
    # dashes is cut nowhere, its subject and verb stay one clause
    dashes = [  # spaced dashes only: "close-range" has none
        i
        for i in range(sent.start + 1, sent.end)
        if norms[i] in _DASHES and doc[i].whitespace_ and doc[i - 1].whitespace_
    ]
    asides = list(zip(dashes[0::2], dashes[1::2], strict=False))
    for i in range(sent.start + 1, sent.end - 1):
        norm, prev, nxt = norms[i], norms[i - 1], norms[i + 1]
        if any(a < i < b for a, b in asides):
            continue
        if norm in {";", bar} or (norm in _CLAUSE_CONJ and prev == ","):
            cuts.append(i + 1 if norm in {";", bar} else i)
        elif norm == "and" and prev in {",", '"', "”"} and nxt in _CLAUSE_AFTER_AND:
            cuts.append(i)
    cuts.append(sent.end)
    clauses: list[tuple[int, int]] = []
    for a, b in pairwise(cuts):
        if b <= a:
            continue
        if clauses and norms[a] == "and" and not any(_cue(lex, n) for n in norms[a:b]):
            clauses[-1] = (clauses[-1][0], b)  # "..., and in Al Qaim": places of the attack before
        else:
            clauses.append((a, b))
    return clauses


def _cue(lex: Cues, norm: str) -> bool:
    """Whether NORM may report an attack, an interception or a deployment."""
    return (
        norm in lex.attack_nouns
        or norm in lex.attack_verbs
        or norm in lex.weak_verbs
        or norm in lex.impact_verbs
        or norm in _AIMED_VERBS
        or norm in lex.killing
        or norm in lex.deploy
        or norm.startswith(("intercept", "shot", "down"))
        or norm == "went"
    )


def _anchored(lex: Cues, norms: list[str], start: int, i: int) -> bool:
    """Whether the attack noun at I is named as a time: "after the U.S. attack", "in the wake of the
    Oct. 7 attack" (at most three words between "the" and the noun, none of them a verb of attack)."""
    for the in range(i - 1, max(start, i - 4) - 1, -1):
        if norms[the] == "the":
            before = norms[the - 1] if the - 1 >= start else ""
            noun = norms[the - 2] if the - 2 >= start else ""
            return before in lex.time_anchors or (before == "of" and noun in lex.anchor_nouns)
        if norms[the] in lex.attack_verbs or norms[the] in {",", ";"}:
            return False
    return False


# ------------------------------------------------------------------ triggers and frames


def _triggers(lex: Cues, doc: Doc, clause: tuple[int, int], mentions: list[Mention]) -> list[_Trigger]:
    start, end = clause
    norms = doc_norms(doc)
    actor_ends = {m.end for m in mentions if m.label != "WEAPON" and not m.modifier}
    weapon_starts = {m.start for m in mentions if m.label == "WEAPON"}
    weapon_ends = {m.end for m in mentions if m.label == "WEAPON"}
    found: list[_Trigger] = []
    taken: set[int] = set()
    for s, e, _ in find_phrases(norms, lex.intercept, start, end):
        found.append(_Trigger(s, "intercept", span_text(doc[s:e])))
        taken.update(range(s, e))
    for s, e, _ in find_phrases(norms, _FORCED_ENTRY, start + 1, end):  # "smashed their way into"
        found.append(_Trigger(s - 1, "verb", span_text(doc[s - 1 : e])))
        taken.update(range(s - 1, e))
    for s, e, _ in find_phrases(norms, _PURSUIT, start, end):  # "helicopters went after the launch teams"
        if any(j in weapon_ends for j in range(max(start, s - 12), s + 1)):
            found.append(_Trigger(s, "verb", span_text(doc[s:e])))
            taken.update(range(s, e))
    for s, e, _ in find_phrases(norms, _UNDER_FIRE, start, end):  # "the base came under rocket fire"
        if any(norms[j] == "fire" or j in weapon_starts for j in range(e, min(end, e + 3))):
            found.append(_Trigger(s, "verb", span_text(doc[s:e])))
            taken.update(range(s, e))
    for i in range(start, end):
        if i in taken:
            continue
        norm = norms[i]
        prev = norms[i - 1] if i > start else ""
        nxt = norms[i + 1] if i + 1 < end else ""
        if norm in {"strike", "strikes"} and nxt in lex.not_after_strike:
            continue
        if prev in lex.not_before_attack or (
            norm in {"attack", "strike"} and nxt in {"helicopter", "helicopters"}
        ):
            continue
        if norm in {"target", "targets"} and (nxt in _NOUN_FOLLOWERS or prev in _NOUN_PRECEDERS):
            continue  # "Targets included ...", "hit its targets": the noun, not the verb
        if norm in {"target", "targets"} and any(
            norms[j] in lex.attack_verbs and norms[j] not in lex.attack_nouns
            for j in range(max(start, i - 4), i)
        ):
            continue  # "struck Houthi targets across Yemen": the object of the verb before
        if nxt in {"came", "comes", "come"} and norm in lex.attack_nouns and prev in lex.definite:
            continue  # "Sunday's attack came two days after militants fired ...": told already
        if norm in lex.attack_nouns and nxt in {",", "."} and _anchored(lex, norms, start, i):
            continue  # "two days after the U.S. attack, ...": a time, the attack told elsewhere
        if (
            norm in lex.attack_nouns
            and prev == "the"
            and i - 2 >= start
            and norms[i - 2] in {"following", "after"}
            and nxt in {",", "."}
        ):
            continue  # "Immediately following the attack, a gunship struck ...": a time, told already
        plural = norm.endswith("s") and not norm.endswith("ss")
        if norm in lex.attack_nouns and norm in lex.attack_verbs:
            kind = (
                "verb" if (i in actor_ends or prev in {"they", "it", "militants", "gunmen", "to"}) else "noun"
            )
        elif norm in lex.attack_nouns:
            kind = "noun"
        elif norm in lex.attack_verbs:
            kind = "verb"
        elif norm in _WEAK_NOUNS:
            # "an air operation carried out in X": the weapon may also name the operation itself
            if not any(j in weapon_starts for j in range(max(start, i - 1), min(end, i + 7))):
                continue
            kind = "noun"
        elif norm in lex.weak_verbs:
            ahead = range(i + 1, min(end, i + 8))  # "fired an anti-ship ballistic missile into"
            # "the drones had been launched by X": the weapon as the subject of a passive with its agent
            passive = (
                any(e in weapon_ends for e in range(max(start, i - 3), i))
                and prev in _PASSIVE_AUX
                and nxt in _AGENT_PREPS
            )
            if not passive and not any(j in weapon_starts or norms[j] in lex.target_preps for j in ahead):
                continue
            kind = "verb"
        elif norm in _AIMED_VERBS and nxt in lex.target_preps:
            if not any(e in weapon_ends for e in range(max(start, i - 3), i + 1)):
                continue  # "two drones flew at the garrison", not "the minister flew to Baghdad"
            kind = "verb"
        elif norm in lex.impact_verbs or (norm in {"went", "goes", "go"} and nxt == "off"):
            if not any(e in weapon_ends for e in range(max(start, i - 3), i + 1)):
                continue  # "a rocket landed near", not "the plane landed"
            kind = "verb"
        elif norm in lex.killing:
            if not _KILL_NEGATIONS.isdisjoint(norms[max(start, i - 3) : i]):
                continue  # "none had killed American personnel": no killing
            kind = "kill"
        elif norm in lex.deploy:
            kind = "deploy"
        else:
            continue
        found.append(_Trigger(i, kind, doc[i].text, plural=plural and kind == "noun"))
    if not found and weapon_starts and _TABLE_ROW.match(doc_text(doc), doc_offsets(doc)[start]):
        # "01/30/24 | Haifa port | Long-range drone | Claimed by IRI": a tracker row is one attack
        first = min(weapon_starts)
        found.append(_Trigger(first, "noun", doc[first].text, row=True))
    return sorted(found, key=lambda t: t.index)


def relative_asides(
    lex: Cues, doc: Doc, clause: tuple[int, int], mentions: list[Mention]
) -> list[tuple[int, int, Mention]]:
    """(start, end, place) of each aside about a place's past that tells an attack: "Ain al-Asad air base,
    which was struck by Iranian missiles in January 2020, ...". The aside's attack is its own, at the place
    named right before it; the clause around it tells another."""
    norms = doc_norms(doc)
    start, end = clause
    places = {m.end: m for m in mentions if m.label == "PLACE" and not m.modifier}
    found = []
    for i in range(start + 1, end - 1):
        place = places.get(i)
        if norms[i] != "," or norms[i + 1] not in _RELATIVE or place is None:
            continue
        close = next((k for k in range(i + 2, end) if norms[k] in _ASIDE_ENDS), end)
        if any(t.kind in {"noun", "verb"} for t in _triggers(lex, doc, (i + 1, close), mentions)):
            found.append((i + 1, close, _placed_site(norms, place, mentions)))
    return found


def _placed_site(norms: list[str], place: Mention, mentions: list[Mention]) -> Mention:
    """ "the Green Village base near the al-Omar oil field, where ten rockets fell": the aside is about the
    site the landmark places, not the landmark."""
    j = place.start - 1
    j -= j >= 0 and norms[j] == "the"
    if j < 1 or norms[j] not in _ASIDE_LANDMARKS:
        return place
    k = j - 1
    while k > 0 and norms[k] in _SITE_NOUNS:
        k -= 1
    site = next((m for m in mentions if k + 1 <= m.end <= j and m.is_site and not m.modifier), None)
    return site or place


def _frames(
    lex: Cues,
    doc: Doc,
    clause: tuple[int, int],
    mentions: list[Mention],
    asides: tuple[tuple[int, int], ...] = (),
) -> list[_Frame]:
    triggers = [
        t for t in _triggers(lex, doc, clause, mentions) if not any(a <= t.index < b for a, b in asides)
    ]
    attack = [t for t in triggers if t.kind in {"noun", "verb", "kill"}]
    premodifiers = {
        m.start
        for m in mentions
        for t in attack
        if t.kind == "noun" and m.start < t.index and t.index - m.end <= 2
    }
    for k, trig in enumerate(attack):
        limit = attack[k + 1].index if k + 1 < len(attack) else clause[1]
        trig.own_target = any(
            trig.index < m.start < limit
            and m.start not in premodifiers
            and _targetish(m)
            and not _after_by(doc, m.start)  # "strikes, carried out by U.S. Air Force jets"
            for m in mentions
        )
    norms = doc_norms(doc)
    frames: list[_Frame] = []
    current: _Frame | None = None
    for trig in attack:
        separate_nouns = (
            (
                trig.kind == "noun"
                and trig.index - current.triggers[-1].index > 3
                and (current.has_target or all(t.kind == "noun" for t in current.triggers))
            )
            if current
            else False
        )
        # "the US killed a commander in a drone strike": the strike is how the killing was done
        instrument = (
            current is not None
            and trig.kind == "noun"
            and current.triggers[-1].kind == "kill"
            and "in" in norms[max(current.triggers[-1].index + 1, trig.index - 4) : trig.index]
        )
        if current is None or (
            trig.kind != "kill"
            and not instrument
            and ((trig.own_target and current.has_target) or separate_nouns)
        ):
            current = _Frame("attack", [trig], clause)
            frames.append(current)
        else:
            current.triggers.append(trig)
        current.has_target = current.has_target or trig.own_target
    for trig in triggers:
        if trig.kind == "intercept":
            frames.append(_Frame("intercept", [trig], clause))
    deploys = [t for t in triggers if t.kind == "deploy"]
    if deploys:
        frames.append(_Frame("deploy", deploys, clause))
    frames.sort(key=lambda f: f.start)
    attack_frames = [f for f in frames if f.kind == "attack"]
    for k, owner in enumerate(attack_frames):
        begin = clause[0] if k == 0 else owner.start
        owner.span = (begin, attack_frames[k + 1].start if k + 1 < len(attack_frames) else clause[1])
    norms = doc_norms(doc)
    for mention in mentions:
        frame = _frame_for(mention, frames, norms)
        if frame is not None:
            frame.mentions.append(mention)
    return frames


def _targetish(m: Mention) -> bool:
    return m.label in {"PLACE", "STATE"} or (m.label == "ACTOR" and not m.modifier and not m.is_person)


def _after_by(doc: Doc, start: int) -> bool:
    """Whether the mention at START follows "by" (or "by the"): an agent, not a target."""
    j = start - 1
    if j >= 1 and doc[j].norm_ in _DETERMINERS:
        j -= 1
    return j >= 0 and doc[j].norm_ == "by"


def _frame_for(mention: Mention, frames: list[_Frame], norms: list[str]) -> _Frame | None:
    if not frames:
        return None
    for frame in frames:
        for trig in frame.triggers:
            if mention.start <= trig.index < mention.end:
                return frame
            if (
                trig.kind == "noun"
                and mention.start < trig.index
                and 0 <= trig.index - mention.end <= 2
                and ","
                not in norms[mention.end : trig.index]  # "airstrikes in Iraq and Syria, militia attacks"
            ):
                return frame
            if (
                trig.kind == "verb"
                and trig is not frames[0].triggers[0]
                and mention.label in {"ACTOR", "STATE", "WEAPON"}
                and mention.start < trig.index
                and 0 <= trig.index - mention.end <= 2
            ):
                return frame  # "the tempo of attacks fell after U.S. aircraft struck": the verb's subject
    before = [f for f in frames if f.start <= mention.start]
    return before[-1] if before else frames[0]
