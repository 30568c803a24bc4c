"""Attack, interception and deployment events read from sentences.

How a sentence is read:
1. It is cut into clauses (at ";", ", while", ", but", ", and hours later"...).
2. Attack words (verbs such as "targeted", nouns such as "drone attack") are grouped into frames:
   a frame is one attack; a new frame starts at an attack word with its own target once the
   current frame has one ("drone attacks on Harir and a rocket attack on Ain al-Asad": two frames).
3. Entity mentions go to the frame whose words they follow (a weapon or a demonym goes to the
   attack word right after it: "an American drone strike").
4. Each frame gets its sites (bases, facilities: one event per named site), the finest areas,
   the weapon, who did it (stated as fact, claimed by the group, attributed by a third party),
   the date (the nearest time expression, a report date only as a fallback), the outcome.
5. Frames in a hypothetical, a threat, a count ("140 attacks") or a series ("a series of drone
   attacks since...") are dropped; a frame that names no place refers back ("Saturday's attack")
   and is merged into the event it refers to, or dropped when there is none.
Finally events of one article that report the same attack (same site, compatible type and date)
are merged, every sentence kept as a mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from spacy.tokens import Doc, Span

from kg.extract.lexicon import (
    Lexicon,
    cue_number,
    cue_numbers,
    cue_words,
    doc_norms,
    doc_offsets,
    doc_text,
    find_phrases,
    span_text,
)
from kg.extract.mentions import _DATELINE, Mention, capitalized_name, find_mentions, sentence_evidence
from kg.extract.merge import (
    absorb,
    copy_event,
    dates_compatible,
    dedupe,
    merge_events,
    refers_to,
    sides_conflict,
    types_compatible,
)
from kg.extract.model import ATTACK_KINDS, Aggregate, Entity, Event, EventDate, Evidence
from kg.extract.timex import TimeExpr, find_time_expressions, undated
from kg.ingest import Article
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
_TARGET_STOP = cue_words("frames", "target_stop")
_CLAUSE_CONJ = cue_words("clauses", "conjunctions")
_CLAUSE_AFTER_AND = cue_words("clauses", "after_and")
_LOCATION_PREPS = cue_words("places", "location_preps")
_NOUN_FOLLOWERS = cue_words("frames", "target_noun_followers")
_NOUN_PRECEDERS = cue_words("frames", "target_noun_preceders")
_DIRECTIONS = cue_words("places", "directions")
_LIGHT_VERBS = cue_words("actors", "light_verbs")
_ANSWER_VERBS = cue_words("actors", "answer_verbs")
_FORCES = cue_words("deployments", "forces")
_NOT_COUNTED = cue_words("counts", "not_counted")
_CLAIM_DELAY_DAYS = cue_number("coreference", "claim_delay_days")
_PREMODIFIER_GAP = cue_words("actors", "premodifier_gap")
_SITE_NOUNS = cue_words("places", "site_nouns")
_APPOSITIVE_FILLERS = cue_words("claims", "appositive_fillers")
_QUALIFIED_NOUNS = cue_words("places", "qualified_nouns")
_FIGHTERS = cue_words("actors", "fighters")
_BULLETS = frozenset({"-", "•", "*", "–", "—", "·"})
_PLURAL_GROUPS = cue_words("claims", "plural_groups")
_KILLS = cue_words("actors", "kills")
_MOTIVES = cue_words("places", "motives")
_GROUP_NOUNS = cue_words("claims", "group_nouns")
_GENERIC_SITES = cue_words("places", "generic_sites")
_PLACE_PREPS = cue_words("places", "place_preps")
_TIME_ANCHORS = cue_words("places", "time_anchors")
_REFERRED_SITES = _SITE_NOUNS | cue_words("places", "referred_sites")
_PLACE_NOUNS = cue_words("places", "place_nouns")
_PLACE_KINDS_WORDS = cue_words("places", "place_kinds")
_AFTER_PLACE = cue_words("places", "after_place")
_CALENDAR_WORDS = cue_words("places", "calendar_words")
_BLAME_VERBS = cue_words("claims", "blame_verbs")
_DETERMINERS = cue_words("actors", "determiners")
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
_TOWN_LIST_WORDS = cue_words("places", "town_list_joins") | _PLACE_NOUNS | _PLACE_KINDS_WORDS


_TOLD_CLAIM = cue_words("claims", "told_claim")
_NEGATIONS = cue_words("claims", "negations")
# A row of a tracker table: a numeric date, then cells split by "|" ("01/30/24 | Haifa port | drone | ...")
_TABLE_ROW = re.compile(r"\s*\d{1,2}/\d{1,2}/\d{2,4}\s*\|")


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


@dataclass
class _State:
    """What earlier sentences of the article tell later ones."""

    pub: date | None
    groups: list[tuple[int, Entity]]  # (token index, armed group) in reading order, for "the group"
    events: list[Event] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)
    prev_date: date | None = None
    sites: list[tuple[int, Mention]] = field(default_factory=list)  # named sites in reading order
    last_sentence_events: list[Event] = field(default_factory=list)
    previous_claimants: set[str] = field(default_factory=set)  # who claimed the last sentence's attacks
    list_header: Event | None = None  # "Attacks claimed by X:": who the list items below are by
    previous_event: Event | None = None  # the last attack of the sentence before, for "the fighters also"

    def site_before(self, index: int, kind: str | None) -> Mention | None:
        found = None
        for position, mention in self.sites:
            if position < index and kind in (None, mention.ref.place_kind):
                found = mention
        return found

    def group_before(self, index: int) -> Entity | None:
        found = None
        for position, entity in self.groups:
            if position < index:
                found = entity
        return found


class EventReader:
    """Reads events from a parsed article; built once per pipeline, pure per article."""

    def __init__(self, lexicon: Lexicon) -> None:
        w, ph = lexicon.words, lexicon.phrases
        self.attack_nouns = w("attack", "nouns")
        self.attack_verbs = w("attack", "verbs")
        self.weak_verbs = w("attack", "weak_verbs")
        self.impact_verbs = w("attack", "impact_verbs")
        self.not_after_strike = w("attack", "not_after_strike")
        self.not_before_attack = w("attack", "not_before_attack")
        self.killing = w("attack", "killing")
        self.militia_dead = w("attack", "militia_dead")
        self.target_preps = w("attack", "target_preps")
        self.intercept = ph("interception", "phrases")
        self.deploy = w("deployment", "verbs")
        self.claim_verbs = w("claim", "verbs")
        self.speech = w("claim", "speech")
        self.self_pronouns = ph("claim", "self_pronouns")
        self.anaphors = ph("claim", "anaphors")
        self.naming = ph("claim", "naming")
        self.attribution = ph("attribution", "phrases")
        self.blame_words = frozenset(w for phrase in self.attribution for w in phrase) | _BLAME_VERBS
        self.reporting = w("reporting", "verbs")
        self.outcomes = {key: ph("outcome", key) for key in ("intercepted", "hit", "damage", "no_casualties")}
        self.killed = w("outcome", "killed")
        self.injured = w("outcome", "injured")
        self.casualties = w("outcome", "casualties")
        self.victim_cues = ph("outcome", "victim_cues")
        self.hypothetical = w("context", "hypothetical")
        self.series = w("context", "series")
        self.repeated = w("context", "repeated")
        self.definite = w("context", "definite")
        self.aggregate_nouns = ph("aggregate", "nouns")
        self.min_count = lexicon.number("aggregate", "min_count")
        self.particles = w("relation", "name_particles")
        self.part_of = ph("relation", "part_of") + ph("relation", "member_of")

    # ------------------------------------------------------------------ article

    def read(self, doc: Doc, article: Article) -> tuple[list[Event], list[Aggregate]]:
        """The events and aggregate statements of one article."""
        mentions = [m for m in find_mentions(doc) if not m.dateline]
        groups = [
            (m.start, e)
            for m in mentions
            if m.is_group and not m.modifier and not _listed(doc, m)
            if (e := m.actor)
        ]
        state = _State(pub=article.published, groups=groups)
        state.sites = [(m.start, m) for m in mentions if m.is_site and not m.modifier]
        starts = [m.start for m in mentions]  # in document order
        for sent in doc.sents:
            inside = mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            self._sentence(doc, sent, inside, state)
        return _absorb_summaries(merge_events(state.events)), state.aggregates

    # ------------------------------------------------------------------ sentence

    def _sentence(self, doc: Doc, sent: Span, mentions: list[Mention], state: _State) -> None:
        norms = doc_norms(doc)
        evidence_base = sentence_evidence(sent)
        previous, state.last_sentence_events = state.last_sentence_events, []
        item = evidence_base.text[:1] in _BULLETS
        if evidence_base.text and not item:  # the list under a header ends at the first line that is no item
            state.list_header = None
        if (
            not (norms[sent.start][:1].isdigit() and _TABLE_ROW.match(doc_text(doc), sent.start_char))
            and not any(
                n in self.attack_nouns
                or n in self.attack_verbs
                or n in self.weak_verbs
                or n in self.impact_verbs
                or n in self.killing
                or n in self.deploy
                or n.startswith(("intercept", "shot", "down"))
                or n == "went"  # "an explosive device went off"
                for n in norms[sent.start : sent.end]
            )
        ):
            self._follow_up(doc, sent, previous, evidence_base, state)
            if evidence_base.text:  # a blank line between paragraphs does not end what the group said
                state.previous_claimants = set()
                state.previous_event = None
            words = set(norms[sent.start : sent.end])
            if words & (self.claim_verbs | self.blame_words) and not span_text(sent).rstrip().endswith("?"):
                claimants, claim_words, _ = self._claimants(doc, sent, mentions, state)
                accused, speakers = self._attribution(doc, sent, mentions)
                if _about_groups(
                    norms, sent
                ):  # "These groups are backed by Iran, and we hold Iran responsible"
                    accused, speakers = [], []
                self._claim_follow_up(claimants, claim_words, accused, speakers, evidence_base, state)
            return
        times = self._times(doc, sent)
        clauses = self._clauses(doc, sent)
        claimants, claim_words, by_clause = self._claimants(doc, sent, mentions, state, clauses)
        accused, speakers = self._attribution(doc, sent, mentions)
        if span_text(sent).rstrip().endswith("?"):  # a question asserts no claim and no blame
            claimants, claim_words, accused, speakers, by_clause = [], [], [], [], {}
        made: list[Event] = []
        framed = counted = False
        for clause in clauses:
            clause_mentions = [m for m in mentions if clause[0] <= m.start < clause[1]]
            if self._aggregate(doc, sent, clause, clause_mentions, evidence_base, state):
                counted = True
                continue
            frames = self._frames(doc, clause, clause_mentions)
            framed = framed or bool(frames)
            for frame in frames:
                if frame.kind == "attack":
                    made += self._attack(
                        doc,
                        frame,
                        times,
                        by_clause.get(clause[0], claimants),
                        claim_words,
                        accused,
                        speakers,
                        evidence_base,
                        state,
                        made,
                    )
                elif frame.kind == "intercept":
                    self._interception(doc, frame, times, evidence_base, state, made)
                else:
                    self._deployment(doc, frame, times, sent, mentions, evidence_base, state)
        state.last_sentence_events = made
        state.previous_claimants = {c.key for e in made for c in e.claimants} if made else set()
        state.previous_event = made[-1] if made else None
        if item and state.list_header is not None:
            for event in made:
                _lend_actors(event, state.list_header)
        if not framed and not counted:  # "have claimed more than 140 attacks": no claim of the last one
            self._follow_up(doc, sent, previous, evidence_base, state)
            self._claim_follow_up(claimants, claim_words, accused, speakers, evidence_base, state)

    def _claim_follow_up(
        self,
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
        self, doc: Doc, sent: Span, previous: list[Event], evidence_base: Evidence, state: _State
    ) -> None:
        """A sentence right after an attack that only reports its toll: "No casualties were reported"."""
        if len(previous) != 1:
            return
        outcomes, killed, injured = self._outcome(doc, sent.start, sent.end)
        if not outcomes:
            return
        event = previous[0]
        event.outcomes |= outcomes
        event.killed = event.killed if event.killed is not None else killed
        event.injured = event.injured if event.injured is not None else injured
        event.evidence.append(evidence_base.read_by("attack.outcome-follow-up", tuple(sorted(outcomes))))
        state.last_sentence_events = []

    def _clauses(self, doc: Doc, sent: Span) -> list[tuple[int, int]]:
        norms = doc_norms(doc)
        cuts = [sent.start]
        # "Rockets hit X | Drone downed over Y": headlines joined by "|" (a tracker row is one attack)
        row = norms[sent.start][:1].isdigit() and _TABLE_ROW.match(doc_text(doc), sent.start_char)
        bar = ";" if row else "|"
        for i in range(sent.start + 1, sent.end - 1):
            norm, prev, nxt = norms[i], norms[i - 1], norms[i + 1]
            if norm in {";", bar} or (norm in _CLAUSE_CONJ and prev == ","):
                cuts.append(i + 1 if norm in {";", bar} else i)
            elif norm == "and" and prev in {",", '"', "”"} and nxt in _CLAUSE_AFTER_AND:
                cuts.append(i)
        cuts.append(sent.end)
        clauses: list[tuple[int, int]] = []
        for a, b in pairwise(cuts):
            if b <= a:
                continue
            if clauses and norms[a] == "and" and not any(self._cue(n) for n in norms[a:b]):
                clauses[-1] = (clauses[-1][0], b)  # "..., and in Al Qaim": places of the attack before
            else:
                clauses.append((a, b))
        return clauses

    def _cue(self, norm: str) -> bool:
        """Whether NORM may report an attack, an interception or a deployment."""
        return (
            norm in self.attack_nouns
            or norm in self.attack_verbs
            or norm in self.weak_verbs
            or norm in self.impact_verbs
            or norm in self.killing
            or norm in self.deploy
            or norm.startswith(("intercept", "shot", "down"))
            or norm == "went"
        )

    # ------------------------------------------------------------------ triggers and frames

    def _triggers(self, doc: Doc, clause: tuple[int, int], mentions: list[Mention]) -> list[_Trigger]:
        start, end = clause
        norms = doc_norms(doc)
        actor_ends = {m.end for m in mentions if m.label != "WEAPON" and not m.modifier}
        weapon_starts = {m.start for m in mentions if m.label == "WEAPON"}
        weapon_ends = {m.end for m in mentions if m.label == "WEAPON"}
        found: list[_Trigger] = []
        taken: set[int] = set()
        for s, e, _ in find_phrases(norms, self.intercept, start, end):
            found.append(_Trigger(s, "intercept", span_text(doc[s:e])))
            taken.update(range(s, e))
        for i in range(start, end):
            if i in taken:
                continue
            norm = norms[i]
            prev = norms[i - 1] if i > start else ""
            nxt = norms[i + 1] if i + 1 < end else ""
            if norm in {"strike", "strikes"} and nxt in self.not_after_strike:
                continue
            if prev in self.not_before_attack or (
                norm in {"attack", "strike"} and nxt in {"helicopter", "helicopters"}
            ):
                continue
            if norm in {"target", "targets"} and (nxt in _NOUN_FOLLOWERS or prev in _NOUN_PRECEDERS):
                continue  # "Targets included ...", "hit its targets": the noun, not the verb
            if norm in {"target", "targets"} and any(
                norms[j] in self.attack_verbs and norms[j] not in self.attack_nouns
                for j in range(max(start, i - 4), i)
            ):
                continue  # "struck Houthi targets across Yemen": the object of the verb before
            if nxt in {"came", "comes", "come"} and norm in self.attack_nouns and prev in self.definite:
                continue  # "Sunday's attack came two days after militants fired ...": told already
            if (
                norm in self.attack_nouns
                and prev == "the"
                and i - 2 >= start
                and norms[i - 2] in {"following", "after"}
                and nxt in {",", "."}
            ):
                continue  # "Immediately following the attack, a gunship struck ...": a time, told already
            plural = norm.endswith("s") and not norm.endswith("ss")
            if norm in self.attack_nouns and norm in self.attack_verbs:
                kind = (
                    "verb"
                    if (i in actor_ends or prev in {"they", "it", "militants", "gunmen", "to"})
                    else "noun"
                )
            elif norm in self.attack_nouns:
                kind = "noun"
            elif norm in self.attack_verbs:
                kind = "verb"
            elif norm in self.weak_verbs:
                ahead = range(i + 1, min(end, i + 8))  # "fired an anti-ship ballistic missile into"
                if not any(j in weapon_starts or norms[j] in self.target_preps for j in ahead):
                    continue
                kind = "verb"
            elif norm in self.impact_verbs or (norm in {"went", "goes", "go"} and nxt == "off"):
                if not any(e in weapon_ends for e in range(max(start, i - 3), i + 1)):
                    continue  # "a rocket landed near", not "the plane landed"
                kind = "verb"
            elif norm in self.killing:
                kind = "kill"
            elif norm in self.deploy:
                kind = "deploy"
            else:
                continue
            found.append(_Trigger(i, kind, doc[i].text, plural=plural and kind == "noun"))
        if not found and weapon_starts and _TABLE_ROW.match(doc_text(doc), doc_offsets(doc)[start]):
            # "01/30/24 | Haifa port | Long-range drone | Claimed by IRI": a tracker row is one attack
            first = min(weapon_starts)
            found.append(_Trigger(first, "noun", doc[first].text, row=True))
        return sorted(found, key=lambda t: t.index)

    def _frames(self, doc: Doc, clause: tuple[int, int], mentions: list[Mention]) -> list[_Frame]:
        triggers = self._triggers(doc, clause, mentions)
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
            if current is None or (
                trig.kind != "kill" and ((trig.own_target and current.has_target) or separate_nouns)
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
        for mention in mentions:
            frame = _frame_for(mention, frames)
            if frame is not None:
                frame.mentions.append(mention)
        return frames

    # ------------------------------------------------------------------ attacks

    def _attack(
        self,
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
        if self._hypothetical(norms, frame):
            return []
        if all(t.kind == "kill" and norms[t.index - 1] in {"the", "this", "that"} for t in frame.triggers):
            return []  # "The killing nearly brought ... to war": the attack already told, not another
        # "... in retaliation for the war on the Gaza Strip": places of the motive are not the attack's
        motive = _motive_start(norms, frame)
        mentions = [m for m in frame.mentions if m.start < motive]
        sites = _unique([m for m in mentions if m.is_site and not m.modifier])
        # "the Victory Base Complex near Baghdad airport": a second site after "near" only says where
        landmarks = [m for m in sites[1:] if _landmark(norms, m)]
        sites = [m for m in sites if m not in landmarks]
        # "the US Embassy in Baghdad's Green Zone": a site that holds another named site only says where
        holders = {a for m in sites for a in _ancestors(m.ref.iri)}
        sites = [m for m in sites if m.ref.iri not in holders and not _time_anchor(norms, m)]
        if not sites:
            sites = self._site_anaphor(doc, frame, state)
        areas = [m for m in mentions if m.is_area and not m.modifier and _as_place(doc, m)]
        # "bombers flown from the United States struck ... in Iraq": whence, not where
        areas = [m for m in areas if not _after_word(norms, m, {"from"})] or areas
        # "in Jurf al-Sakhar, south of Baghdad": a town given as a bearing of another only says where it is
        bearings = [m for m in areas if _bearing_of(doc, m, areas)]
        areas = [m for m in areas if m not in bearings]
        weapons = [m for m in frame.mentions if m.label == "WEAPON"]
        perpetrators = self._perpetrators(doc, frame)
        if frame.triggers[0].row:  # the cells before the weapon give the date and the place, not who
            perpetrators = []
        before = state.previous_event
        if not (perpetrators or claimants) and before is not None and _fighters_subject(norms, frame):
            # "... the mujahideen of the IRI targeted Harir. The mujahideen also struck Ain al-Asad."
            perpetrators, claimants = list(before.perpetrators), list(before.claimants)
        perp_ids = {e.iri for e in perpetrators}
        named_elsewhere = perp_ids | {e.iri for e in accused + speakers + claimants}
        target_actors = [e for e in self._target_actors(doc, frame) if e.iri not in named_elsewhere]
        victims = self._victims(doc, frame)
        when, reported = self._dated(frame, times, state)
        nouns = [t for t in frame.triggers if t.kind == "noun"]
        plural = bool(nouns) and all(t.plural for t in nouns)
        series = plural and any(
            norms[j] in self.series for t in nouns for j in range(max(frame.clause[0], t.index - 4), t.index)
        )
        a, b = frame.owned
        # "injured in attacks by proxy groups in Iraq and Syria since Oct. 17": a tally, not one attack
        series = series or (plural and "since" in norms[nouns[-1].index + 1 : b])
        specific_area = [m for m in areas if m.ref.place_kind != "Country"]
        dated = when is not None and when.basis != "inferredFromPublication"
        repeated = any(
            norms[j] in self.repeated
            and (norms[j] == "repeatedly" or _number(norms[j - 1]) or norms[j - 1] in self.series)
            for j in range(a, b)
        )  # "struck the group's facilities several times this month"
        if (series or repeated) and not (sites and dated):
            return []
        # "the strikes of Oct. 26 against two facilities near Abu Kamal": a dated attack on a named place
        pinned = (
            when is not None
            and when.basis != "inferredFromPublication"
            and when.precision == "day"
            and any(m.ref.place_kind == "City" for m in specific_area)
            and any(
                norms[j] in self.target_preps for t in nouns for j in range(t.index + 1, min(b, t.index + 6))
            )
        )
        topic = plural and all(t.kind == "noun" for t in frame.triggers) and not sites and not pinned
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
        claim = [c for c in claimants if c.kind not in STATE_ACTORS]
        confirmed_by_claim = [c for c in claimants if c.kind in STATE_ACTORS]
        weapon = weapons[0].ref.iri.rsplit("#", 1)[-1] if weapons else None
        kind = _kind(weapon, perpetrators + confirmed_by_claim, frame, norms)
        # "a drone strike on a car of Kataib Hezbollah": the groups do not bomb themselves
        if kind == "DroneAttack" and _on_armed_group(perpetrators + claimants, target_actors):
            kind = "Airstrike"
        elif kind == "DroneAttack" and _on_armed_group(perpetrators + claimants, [_MILITIA]):
            # "an MQ-9 struck a launch site, killing five militants": who died says whose drone it was
            a, b = frame.owned
            kills = [j for j in range(max(a, frame.start), b) if norms[j] in self.killing]
            if any(norms[j] in self.militia_dead for k in kills for j in range(k + 1, min(b, k + 15))):
                kind = "Airstrike"
        outcomes, killed, injured = self._outcome(doc, *frame.owned)
        if norms[frame.start - 1] in self.casualties and norms[frame.start - 2] in {"a", "an"}:
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
            kind=kind,
            evidence=[],
            weapon=weapon,
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
        if vague:  # "praised its attack after the match in Erbil": no weapon, no site, nobody
            if specific_area:
                told_at = evidence_base.read_by(rule + ".place-of-told", matched)
                self._place_of_told(doc, frame, base, specific_area, state.events + made, told_at)
            return []
        unknown_place = self._unknown_place(doc, frame) if not sites and not specific_area else None
        if not sites and not specific_area and unknown_place is None:
            anaphoric = (
                bool(nouns)
                and not plural
                and any(
                    norms[j] in self.definite
                    for t in nouns
                    for j in range(max(frame.clause[0], t.index - 3), t.index)
                )
            )
            # "says it attacked a US base in Syria" does not refer back to an attack told in Yemen
            countries = {e.iri for m in areas if (e := m.place) and e.iri}
            earlier = [e for e in state.events + made if not countries or _within(e, countries)]
            # "The warplanes bombed the two headquarters": the object names sites already told
            told = not dated and any(
                norms[t.index + 1] in {"the", "these", "those", "both"}
                and (norms[t.index + 2] in _REFERRED_SITES or norms[t.index + 3] in _REFERRED_SITES)
                for t in frame.triggers
                if t.kind == "verb" and t.index + 3 < frame.clause[1]
            )
            previous = refers_to(base, earlier) if (anaphoric or told or claimants or accused) else None
            if previous is not None:
                evidence = evidence_base.read_by(rule + ".refers-back", matched)
                told_with = [
                    e
                    for e in earlier
                    if told and e is not previous and e.evidence[:1] == previous.evidence[:1]
                ]
                for other in [previous, *told_with]:  # "the two headquarters": each attack told together
                    absorb(other, copy_event(base), evidence)
                return []
            has_actor = bool(
                base.perpetrators or base.claimants or base.attributed_to or target_actors or victims
            )
            # "a drone attack in Jordan that killed three soldiers" in late January: a toll is as telling
            if not (dated and (has_actor or base.killed)):
                return []
            if plural and not areas:
                return []  # "the US strikes that followed the Tower 22 attack": strikes in no place
        events = []
        places: list[tuple[Mention | None, list[Mention]]] = list(_split_sites(sites, areas)) or [
            (None, group) for group in _split_areas(doc, _finest(areas))
        ]
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
            # "X said on Wednesday that it had launched a drone at Harir": the attack told before at Harir
            account = _told_before(event, state.events) if reported and claim and site is not None else None
            if account is not None:
                absorb(account, event)
                continue
            events.append(event)
        for event in events:
            if event.date and event.date.value and event.date.latest:
                state.prev_date = event.date.latest if event.date.precision == "day" else state.prev_date
        state.events.extend(events)
        return events

    def _place_of_told(
        self,
        doc: Doc,
        frame: _Frame,
        base: Event,
        areas: list[Mention],
        earlier: list[Event],
        evidence: Evidence,
    ) -> None:
        """ "The strike hit two cars in Jurf al-Nasr": the town of the attack just told (same country)."""
        norms = doc_norms(doc)
        if not areas or not any(
            t.kind == "noun" and not t.plural and norms[j] in self.definite
            for t in frame.triggers
            for j in range(max(frame.clause[0], t.index - 3), t.index)
        ):
            return
        previous = refers_to(base, earlier)
        if previous is None or previous.targets:
            return
        new = [e for m in _finest(areas) if (e := m.place) and e.iri]
        known = {e.iri for e in previous.locations}
        countries = {a for e in previous.locations if e.iri for a in _ancestors(e.iri) | {e.iri}}
        new = [
            e
            for e in new
            if e.iri and e.iri not in known and (not countries or countries & _ancestors(e.iri))
        ]
        if not new:
            return
        for other in earlier:  # and its other accounts ("US strike kills ... south of Baghdad")
            if other is previous or (
                not other.targets
                and {e.iri for e in other.locations} == known
                and types_compatible(other, previous)
                and dates_compatible(other.date, previous.date)
            ):
                other.locations = dedupe(new + other.locations)
        previous.evidence.append(evidence)

    def _unknown_place(self, doc: Doc, frame: _Frame) -> Entity | None:
        """A town the gazetteer does not know: "near the town of Afak", "in Diwaniyah", minted for review.

        Only a capitalized name right after near / in / outside (or "the town / city / village of"),
        overlapping no known entity and not a month or weekday, in an attack that names no known place.
        """
        norms = doc_norms(doc)
        start, end = frame.span if frame.span != (0, 0) else frame.clause
        known = find_mentions(doc)
        for i in range(start, end - 1):
            if norms[i] not in {"near", "in", "outside"}:
                continue
            j = i + 1
            if (
                norms[j] == "the"
                and j + 2 < end
                and norms[j + 1] in _PLACE_KINDS_WORDS
                and norms[j + 2] == "of"
            ):
                j += 3
            name = capitalized_name(doc, j, particles=self.particles, max_tokens=4) if j < end else None
            if (
                name is None
                or name.end > end
                or any(m.start < name.end and name.start < m.end for m in known)
            ):
                continue
            first = name[0].norm_
            if first in _CALENDAR_WORDS or not name[0].is_title or len(name.text) < 3:
                continue
            after = norms[name.end] if name.end < len(doc) else "."
            if after not in _AFTER_PLACE and not doc[name.end].is_punct:
                continue  # "in Telegram channels": a name that modifies a noun is not a place
            return Entity(name.text, "City")
        return None

    def _site_anaphor(self, doc: Doc, frame: _Frame, state: _State) -> list[Mention]:
        """ "the base", "the outpost" after an attack word: the last named site of the article."""
        end = frame.clause[1]
        for i in range(frame.start + 1, min(end, frame.start + 8)):
            if doc[i].norm_ in _SITE_NOUNS and doc[i - 1].norm_ in {"the", "that", "this", "same"}:
                noun = doc[i].norm_
                wanted = (
                    "Facility"
                    if noun in {"airport", "embassy"}
                    else None
                    if noun in _GENERIC_SITES
                    else "MilitaryBase"
                )
                site = state.site_before(i, wanted)
                return [site] if site is not None else []
        return []

    def _hypothetical(self, norms: list[str], frame: _Frame) -> bool:
        trigger = frame.start
        j = trigger - 1
        while j >= max(frame.clause[0], trigger - 8) and norms[j] != ",":
            if norms[j] in self.hypothetical:
                return True
            j -= 1
        return False

    def _perpetrators(self, doc: Doc, frame: _Frame) -> list[Entity]:
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
            ) or (m.start > frame.start and m.start >= 1 and self._agent_by(norms, m.start)):
                found.append(actor)
        # "a U.S. AC-130 aircraft already airborne in the area conducted a strike": a state's aircraft
        aircraft = {
            m.start for m in frame.mentions if m.label == "WEAPON" and m.ref.iri.endswith("#aircraft")
        }
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
                and not _placed_in(doc, subject)  # "in Syria and killed six"
            ):
                found.append(subject.actor)
                # "US and British warplanes struck": both
                other = by_end.get(subject.start - 1) if norms[subject.start - 1] == "and" else None
                if other is not None and other.actor and not other.modifier and not other.is_person:
                    found.append(other.actor)
        return dedupe(found)

    def _agent_by(self, norms: list[str], start: int) -> bool:
        """ "launched by X", "attacks by the group": a "by" right after an attack word names the attacker."""
        j = start - 1
        if j >= 1 and norms[j] in _QUOTES:
            j -= 1
        if j >= 1 and norms[j] in _DETERMINERS:
            j -= 1
        if norms[j] != "by":
            return False
        before = norms[j - 1] if j >= 1 else ""
        return (
            before in self.attack_nouns
            or before in self.attack_verbs
            or before in self.weak_verbs
            or before in {"out", "conducted", "fired", "launched", "carried"}  # "claimed by X": a claim
        )

    def _target_actors(self, doc: Doc, frame: _Frame) -> list[Entity]:
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

    def _victims(self, doc: Doc, frame: _Frame) -> list[Entity]:
        norms = doc_norms(doc)
        cues = find_phrases(norms, self.victim_cues, frame.start, frame.clause[1])
        trigger_cue = [t.index for t in frame.triggers if norms[t.index].startswith(("assassinat", "kill"))]
        starts = [s for s, _, _ in cues] + trigger_cue
        if not starts:
            return []
        return dedupe([e for m in frame.mentions if m.is_person and m.start > min(starts) if (e := m.actor)])

    def _outcome(self, doc: Doc, start: int, end: int) -> tuple[set[str], int | None, int | None]:
        """What the tokens [START, END) say the attack did: intercepted, hit, damage, casualties."""
        norms = doc_norms(doc)
        outcomes: set[str] = set()
        names = {
            "intercepted": "intercepted",
            "hit": "hit",
            "damage": "damage",
            "no_casualties": "noCasualties",
        }
        for key, phrases in self.outcomes.items():
            for s, _, _ in find_phrases(norms, phrases, start, end):
                if key == "damage" and {"no", "without", "not", "any"} & set(norms[max(start, s - 3) : s]):
                    continue  # "without causing damage"
                outcomes.add(names[key])
        if "noCasualties" in outcomes and "no damage" in span_text(doc[start:end]).lower():
            outcomes.discard("damage")
        killed = _count_near(norms, start, end, self.killed)
        injured = _count_near(norms, start, end, self.injured)
        if (
            killed
            or injured
            or (
                "noCasualties" not in outcomes
                and any(n in self.casualties or n in self.injured for n in norms[start:end])
            )
        ):
            outcomes.add("casualties")
        return outcomes, killed, injured

    def _date(
        self, frame: _Frame, times: list[tuple[int, TimeExpr, bool]], state: _State
    ) -> EventDate | None:
        return self._dated(frame, times, state)[0]

    def _dated(
        self, frame: _Frame, times: list[tuple[int, TimeExpr, bool]], state: _State
    ) -> tuple[EventDate | None, bool]:
        """The date of FRAME, and whether it is only the day the attack was reported ("said on Wednesday")."""
        start, end = frame.clause
        # "The strike was the first since February, when ...": "since" dates only what follows it
        times = [t for t in times if t[0] < frame.start or not t[1].text.lower().startswith("since")]
        if (
            frame.span != (0, 0) and frame.span[1] < end
        ):  # "... in retaliation for a bombing earlier this month"
            times = [t for t in times if t[0] < frame.span[1]]  # a later attack's time is its own
        in_clause = [t for t in times if start <= t[0] < end]
        candidates = (
            [t for t in in_clause if not t[2]]
            or [t for t in times if not t[2] and t[1].relative_to_previous]
            or in_clause
            or [t for t in times if not t[2]]
        )
        if not candidates:
            return None, False
        at, expr, reported = min(candidates, key=lambda t: abs(t[0] - frame.start))
        previous = state.prev_date
        if expr.relative_to_previous:  # "on Feb. 4, ... late that day": the day told before it
            told = [t[1] for t in times if t[0] < at and not t[1].relative_to_previous]
            day = told[-1].resolve(state.pub, state.prev_date) if told else None
            previous = day.latest if day and day.precision == "day" else previous
        return expr.resolve(state.pub, previous), reported

    def _times(self, doc: Doc, sent: Span) -> list[tuple[int, TimeExpr, bool]]:
        """(token index, expression, is the date of a report) for each time expression of SENT."""
        starts = doc_offsets(doc)
        norms = doc_norms(doc)
        text = span_text(sent)
        out = []
        dateline = _DATELINE.match(text)
        row = _TABLE_ROW.match(text)
        for expr in find_time_expressions(text):
            if dateline and expr.start < dateline.end():
                continue
            if row and expr.start >= row.end():
                continue  # "01/28/24 | ... on the same day": the row's date dates all of it
            found = bisect_right(starts, sent.start_char + expr.start, sent.start, sent.end) - 1
            index = max(sent.start, found)
            window = norms[max(sent.start, index - 3) : index]
            out.append((index, expr, any(w in self.reporting for w in window)))
        return out

    # ------------------------------------------------------------------ claims and attributions

    def _claimants(
        self,
        doc: Doc,
        sent: Span,
        mentions: list[Mention],
        state: _State,
        clauses: list[tuple[int, int]] | None = None,
    ) -> tuple[list[Entity], list[str], dict[int, list[Entity]]]:
        """Who claims the attacks of SENT: all claimants, the claim words, and the claimants per clause.

        A claim belongs to its clause: in "the Houthis claim an attack on a US destroyer; an Iraqi
        group says it struck Eilat" the second attack is not the Houthis'.
        """
        norms = doc_norms(doc)
        cues: list[int] = []
        words: list[str] = []
        for i in range(sent.start, sent.end):
            if (
                norms[i] in self.claim_verbs
                and _NEGATIONS.isdisjoint(norms[max(sent.start, i - 4) : i])
                and not (norms[i] in {"claim", "claims"} and norms[i - 1] in _TOLD_CLAIM)
            ):
                cues.append(i)
                words.append(doc[i].text)
            elif (
                norms[i] in {"took", "assumed", "claiming"}
                and i + 1 < sent.end
                and norms[i + 1] == "responsibility"
            ):
                cues.append(i)
                words.append(f"{doc[i].text} responsibility")
            elif norms[i] in self.speech:
                # "said it struck", "announced on 6/2/2024 that it targeted"
                # "said it struck", "said in a statement posted on its Telegram channel that it had struck"
                said = next(
                    (
                        (a, b)
                        for a, b, _ in find_phrases(norms, self.self_pronouns, i + 1, min(sent.end, i + 12))
                        if (a < i + 10 or norms[a - 1] == "that")
                        and any(
                            norms[j] in self.attack_verbs or norms[j] in self.weak_verbs
                            for j in range(b, min(sent.end, b + 4))
                        )
                    ),
                    None,
                )
                if said is not None:
                    cues.append(i)
                    words.append(f"{doc[i].text} {doc[said[0] : said[1]].text}")
                elif self._claim_goes_on(norms, i, sent, state):
                    cues.append(i)
                    words.append(f"{doc[i - 1].text} {doc[i].text}")
        found: list[Entity] = []
        by_clause: dict[int, list[Entity]] = {}
        for cue in cues:
            lower = max((start for start, end in clauses or [] if start <= cue), default=sent.start)
            claimant = _claimed_by(doc, cue, mentions) or self._subject(
                doc, sent, cue, mentions, state, lower
            )
            by_clause.setdefault(lower, [])
            if claimant is not None:
                found.append(claimant)
                by_clause[lower] = dedupe([*by_clause[lower], claimant])
        return dedupe(found), words, by_clause

    def _claim_goes_on(self, norms: list[str], cue: int, sent: Span, state: _State) -> bool:
        """ "It added that the base at X was targeted with rockets", right after the group's claim.

        Only a pronoun subject whose group claimed the attacks of the sentence before: "it" after
        "The Pentagon said ..." is not a claimant.
        """
        j = cue - 1 - (norms[cue - 1] == "also")
        if j < sent.start or norms[j] not in {"it", "they"}:
            return False
        that = next((k for k in range(cue + 1, min(sent.end, cue + 3)) if norms[k] == "that"), None)
        if that is None:
            return False
        group = state.group_before(j)
        return (
            group is not None
            and group.key in state.previous_claimants
            and any(
                norms[k] in self.attack_verbs or norms[k] in self.weak_verbs for k in range(that, sent.end)
            )
        )

    def _subject(
        self, doc: Doc, sent: Span, cue: int, mentions: list[Mention], state: _State, lower: int
    ) -> Entity | None:
        """Who did the claiming: the nearest actor or "the group" before the claim word, in its clause."""
        norms = doc_norms(doc)
        mentions = [m for m in mentions if m.start >= lower]
        for s, e, _ in reversed(find_phrases(norms, self.naming, lower, cue)):
            named = next((m for m in mentions if m.start in (e, e + 1)), None)
            if named and named.actor:
                return named.actor
            name = capitalized_name(doc, e + (norms[e] == "the"), particles=self.particles)
            if name is not None and e - s >= 1:
                entity = Entity(name.text, "ArmedGroup")
                state.groups.append((name.start, entity))
                return entity
        limit = cue
        j = cue - 1
        while j > lower and norms[j] in _APPOSITIVE_FILLERS:
            j -= 1
        if norms[j] == ",":  # "X, an umbrella of militias including Y and Z, had claimed": the subject is X
            opening = next((k for k in range(j - 1, lower, -1) if norms[k] == ","), None)
            if opening is not None:
                limit = opening
        candidates: list[tuple[int, Entity | None]] = []
        for m in mentions:
            if (
                m.end <= limit
                and m.actor
                and not m.modifier
                and not m.bracketed
                and m.label != "DEMONYM"
                and (m.is_organization or m.ref.actor_kind == "State")
            ):
                candidates.append((m.end, m.actor))
        for s, e, _ in find_phrases(norms, self.anaphors, lower, cue):
            if e >= cue - 2:  # "it claimed", "the group said": only right before the claim word
                candidates.append((e, state.group_before(s)))
        described = _described_group(norms, lower, cue, mentions)
        if described is not None:  # "the resistance group said", "the Iraqi armed faction claimed"
            candidates.append((cue, state.group_before(described)))
        name = None
        if not candidates or max(c[0] for c in candidates) < cue - 1:
            start = cue - 1
            while start > lower and (
                doc[start - 1].text[:1].isupper() or doc[start - 1].norm_ in self.particles
            ):
                start -= 1
            name = capitalized_name(doc, start, particles=self.particles) if start < cue else None
            if (
                name is not None
                and name.end == cue
                and not any(m.start <= name.start < m.end for m in mentions)
                and (len(name) >= 2 or name.text.isupper())
            ):
                entity = Entity(name.text, "ArmedGroup")
                state.groups.append((name.start, entity))
                return entity
        if not candidates:
            return None
        end, chosen = max(candidates, key=lambda c: c[0])
        # "Kataib Hezbollah and affiliated groups under the umbrella of the IRI claimed": the head, KH
        start = next((m.start for m in mentions if m.end == end), end)
        start -= norms[start - 1] == "the"
        link = next((a for a, b, _ in find_phrases(norms, self.part_of, lower, start) if b == start), None)
        heads = [c for c in candidates if link is not None and c[0] <= link and c[1] is not None]
        return max(heads, key=lambda c: c[0])[1] if heads else chosen

    def _attribution(
        self, doc: Doc, sent: Span, mentions: list[Mention]
    ) -> tuple[list[Entity], list[Entity]]:
        norms = doc_norms(doc)
        hits = find_phrases(norms, self.attribution, sent.start, sent.end)
        for i in range(sent.start, sent.end):  # "held Kata'ib Hezbollah responsible"
            if norms[i] in {"held", "hold", "holds", "holding"}:
                end = next(
                    (k for k in range(i + 1, min(sent.end, i + 10)) if norms[k] == "responsible"), None
                )
                if end is not None:
                    hits.append((i, i + 1, ("held",)))
            # "attributed the attack to X", "blamed the strike on X": the actor after to / on
            elif norms[i] in _BLAME_VERBS and not any(s <= i < e for s, e, _ in hits):
                prep = next((k for k in range(i + 1, min(sent.end, i + 9)) if norms[k] in {"to", "on"}), None)
                if prep is not None:
                    hits.append((i, prep + 1, ("attributed", "to")))
        if not hits:
            return [], []
        accused: list[Entity] = []
        speakers: list[Entity] = []
        for s, e, phrase in hits:
            if phrase[-1] in {"behind", "responsible"} and phrase[0] != "held":
                before = [m for m in mentions if m.end <= s and m.actor and not m.modifier]
                accused += [m.actor for m in before[-1:] if m.actor]
                continue
            window_end = e + 7
            if phrase[0] in {"held", "holds", "hold", "holding"}:
                window_end = next(
                    (j for j in range(e, min(sent.end, e + 10)) if norms[j] == "responsible"), e + 7
                )
            # the object of the phrase is the first name after it: "attributed to pro-Iran militias
            # responding to Washington" accuses generic militias (a modifier), not Washington
            after = [m for m in mentions if e <= m.start < window_end and m.label != "WEAPON"]
            accused += [m.actor for m in after[:1] if m.actor and not m.modifier]
            speakers += [
                m.actor
                for m in mentions
                if m.end <= s
                and m.actor
                and not m.modifier
                and (m.is_organization or m.is_person or m.ref.actor_kind == "State")
            ]
        return dedupe(accused), dedupe([s for s in speakers if s not in accused])

    # ------------------------------------------------------------------ counts, interceptions, deployments

    def _aggregate(
        self,
        doc: Doc,
        sent: Span,
        clause: tuple[int, int],
        mentions: list[Mention],
        evidence_base: Evidence,
        state: _State,
    ) -> bool:
        """Record counts of many attacks in CLAUSE; True when the clause is a count, not an attack."""
        norms = doc_norms(doc)
        start, end = clause
        counts = []
        for i in range(start, end):
            n = _number(norms[i])
            if n is None or n < self.min_count:
                continue
            if (
                norms[i - 1] in {"-", "/"}
                or norms[i - 1] in _CALENDAR_WORDS
                or norms[i + 1] in {"-", "/", ":"}
            ):
                continue  # "2024-01-15: drone attacks", "January 15 attacks": a date, not a count
            if i + 1 < end and norms[i + 1] in _NOT_COUNTED:
                continue
            near = norms[i + 1 : min(end, i + 4)]
            # "170 drone and rocket attacks": two kinds before the counted noun
            reach = 5 if i + 2 < end and norms[i + 2] in {"and", "or"} else 4
            noun_after = find_phrases(norms, self.aggregate_nouns, i + 1, min(end, i + reach))
            these_before = (
                "these" in norms[max(start, i - 6) : i] and "attacks" in norms[max(start, i - 6) : i]
            )
            if noun_after or these_before or (near[:1] == ["of"] and "attacks" in near):
                counts.append(n)
        if not counts:
            return False
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
        return True

    def _interception(
        self,
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
        sites = [m for m in frame.mentions if m.is_site] or self._site_anaphor(doc, frame, state)
        when = self._date(frame, times, state)
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
                        or (
                            e.date is not None and e.date.value is not None and dates_compatible(when, e.date)
                        )
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
        self,
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
        when = self._date(frame, times, state)
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


# ---------------------------------------------------------------------- helpers


def _absorb_summaries(events: list[Event]) -> list[Event]:
    """An attack placed only in a country, told again with finer places, is those attacks, not another.

    "strikes on two facilities in eastern Syria. The strikes targeted a training facility near Abu
    Kamal and a safe house near Mayadin": the Syria account lends its date and actors to both.
    """
    kept: list[Event] = []
    for event in events:
        countries = {e.iri for e in event.locations if e.kind == "Country"}
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


_LIST_CUES = cue_words("claims", "list_cues")


def _listed(doc: Doc, m: Mention) -> bool:
    """ "a banner for factions including KH and Nujaba": members of a list, not what a later "it" means."""
    norms = doc_norms(doc)
    if _LIST_CUES.isdisjoint(norms[max(0, m.start - 10) : m.start]):
        return False
    for j in range(m.start - 1, max(-1, m.start - 11), -1):
        norm = norms[j]
        if norm in {"including", "includes", "include"} or (norm == "as" and j and norms[j - 1] == "such"):
            return True
        if norm in {".", ";", ":"} or doc[j].is_sent_start:
            return False
    return False


def _claimed_by(doc: Doc, cue: int, mentions: list[Mention]) -> Entity | None:
    """ "claimed by the IRI": the group after "by", not a name before the claim word."""
    j = cue + 1
    if j >= len(doc) or doc[j].norm_ != "by":
        return None
    j += 1
    j += j < len(doc) and doc[j].norm_ == "the"
    named = next((m for m in mentions if m.start == j and m.actor and not m.is_person), None)
    return named.actor if named else None


def _placed_in(doc: Doc, m: Mention) -> bool:
    """Whether a state's name says where something is ("in Syria"), not whence ("flown from the US")."""
    return (
        m.label == "STATE"
        and _as_place(doc, m)
        and not _after_word(doc_norms(doc), m, {"from", "to", "into"})
    )


def _after_word(norms: list[str], m: Mention, words: set[str]) -> bool:
    """Whether M follows one of WORDS, perhaps with "the" or a direction between: "from (the) X"."""
    j = m.start - 1
    while j > 0 and norms[j] in _DIRECTIONS:
        j -= 1
    return j >= 0 and norms[j] in words


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


def _lend_actors(event: Event, header: Event) -> None:
    """A list item that names nobody is by whoever its header names."""
    if not (event.perpetrators or event.claimants or event.attributed_to):
        event.perpetrators = list(header.perpetrators)
        event.claimants = list(header.claimants)
        event.attributed_to = list(header.attributed_to)
        event.attributed_by = list(header.attributed_by)


def _about_groups(norms: list[str], sent: Span) -> bool:
    """Whether SENT speaks of groups in general ("these groups", "such militias"), not of one attack."""
    if _PLURAL_GROUPS.isdisjoint(norms[sent.start : sent.end]):
        return False
    return any(
        norms[i] in {"these", "those", "such", "all"}
        and any(norms[j] in _PLURAL_GROUPS for j in range(i + 1, min(sent.end, i + 3)))
        for i in range(sent.start, sent.end)
    )


def _motive_start(norms: list[str], frame: _Frame) -> int:
    """Where "in retaliation for", "in response to", "in support of" opens after FRAME's attack word."""
    end = frame.owned[1]
    if _MOTIVES.isdisjoint(norms[frame.start + 2 : end]):
        return end
    for k in range(frame.start + 1, end - 1):
        if norms[k] == "in" and norms[k + 1] in _MOTIVES:
            return k
    return end


def _described_group(norms: list[str], lower: int, cue: int, mentions: list[Mention]) -> int | None:
    """Where "the <words> group" right before CUE starts, when it names no group itself."""
    j = cue - 1
    while j > lower and norms[j] in _APPOSITIVE_FILLERS:
        j -= 1
    if norms[j] not in _GROUP_NOUNS:
        return None
    the = next((k for k in range(j - 1, max(lower, j - 4) - 1, -1) if norms[k] == "the"), None)
    if the is None or any(the < m.start < j for m in mentions):
        return None
    return the


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


def _within(event: Event, countries: set[str]) -> bool:
    """Whether EVENT names no place, or one in (or equal to) one of COUNTRIES."""
    places = event.targets + event.locations
    return not places or any(p.iri in countries or countries & _ancestors(p.iri) for p in places if p.iri)


def _targetish(m: Mention) -> bool:
    return m.label in {"PLACE", "STATE"} or (m.label == "ACTOR" and not m.modifier and not m.is_person)


def _bearing_of(doc: Doc, m: Mention, areas: list[Mention]) -> bool:
    """Whether M follows another area as its bearing: "Jurf al-Sakhar, south of Baghdad"."""
    j = m.start - 1
    if j < 2 or doc[j].norm_ != "of" or doc[j - 1].norm_ not in _DIRECTIONS - {"the"}:
        return False
    j -= 1
    while j > 0 and (doc[j - 1].norm_ in _DIRECTIONS or doc[j - 1].norm_ == "-"):
        j -= 1
    if doc[j - 1].norm_ == ",":
        j -= 1
    if doc[j - 1].norm_ in _PLACE_KINDS_WORDS:  # "in the Yusufiya area, south of Baghdad"
        j -= 1
    return any(n.end == j for n in areas)


_MILITIA = Entity("militia", "ArmedGroup")


def _on_armed_group(attackers: list[Entity], targets: list[Entity]) -> bool:
    """An unattributed drone that hit an armed group: a state's drone strike, not a militia attack."""
    return not any(a.kind not in STATE_ACTORS for a in attackers) and any(
        t.kind == "ArmedGroup" for t in targets
    )


def _word_before(norms: list[str], m: Mention) -> int:
    """The index of the word before M, past one "the" ("followed the X", "next to the X")."""
    i = m.start - 1
    return i - 1 if i > 0 and norms[i] == "the" else i


def _time_anchor(norms: list[str], m: Mention) -> bool:
    """ "the strikes that followed Tower 22": a site named to say when, not what was hit."""
    i = _word_before(norms, m)
    return i >= 0 and norms[i] in _TIME_ANCHORS


def _landmark(norms: list[str], m: Mention) -> bool:
    """ "near X", "next to the X", "adjacent to X": a site given to say where another one is."""
    i = _word_before(norms, m)
    if i > 0 and norms[i] == "to" and norms[i - 1] in {"next", "adjacent", "close"}:
        return True
    return norms[m.start - 1] in {"near", "outside", "by"}


def _answer_verb(norms: list[str], with_index: int, lower: int) -> int | None:
    """The verb of "responded with", "followed up with", "hit back with" before WITH_INDEX, if any."""
    j = with_index - 1
    if j > lower and norms[j] in {"up", "back"}:
        j -= 1
    return (
        j
        if j >= lower and (norms[j] in _ANSWER_VERBS or (norms[j] == "hit" and norms[j + 1] == "back"))
        else None
    )


def _after_by(doc: Doc, start: int) -> bool:
    """Whether the mention at START follows "by" (or "by the"): an agent, not a target."""
    j = start - 1
    if j >= 1 and doc[j].norm_ in _DETERMINERS:
        j -= 1
    return j >= 0 and doc[j].norm_ == "by"


def _as_place(doc: Doc, m: Mention) -> bool:
    """Whether a state's name stands for its territory here ("in Iraq", "Syria's Homs province")."""
    if m.end < len(doc) and doc_norms(doc)[m.end] == "time":
        return False  # "7:30 p.m. (Baghdad time)": a clock, not a place
    if m.label == "PLACE":
        return True
    if m.label != "STATE" or m.modifier:
        return False
    j = m.start - 1
    while j > 0 and doc[j].norm_ in _DIRECTIONS:
        j -= 1
    before = doc[j].norm_ if j >= 0 else ""
    if before in _LOCATION_PREPS:
        # "of U.S. personnel", "at U.S. and coalition forces": the name qualifies the noun after it
        after = doc_norms(doc)[m.end : m.end + 3]
        return not after or not (
            after[0] in _QUALIFIED_NOUNS
            or (after[0] == "and" and len(after) == 3 and after[2] in _QUALIFIED_NOUNS)
        )
    if m.possessor and m.end + 1 < len(doc):  # "Syria's Homs province", not "Washington's answer"
        return doc[m.end + 1].norm_ in _PLACE_NOUNS or doc[m.end + 1].ent_type_ == "PLACE"
    return before in {"and", ","} and m.start > 1 and doc[m.start - 2].ent_type_ in {"STATE", "PLACE"}


def _frame_for(mention: Mention, frames: list[_Frame]) -> _Frame | None:
    if not frames:
        return None
    for frame in frames:
        for trig in frame.triggers:
            if mention.start <= trig.index < mention.end:
                return frame
            if trig.kind == "noun" and mention.start < trig.index and 0 <= trig.index - mention.end <= 2:
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


def _kind(weapon: str | None, perpetrators: list[Entity], frame: _Frame, norms: list[str]) -> str:
    state_actor = any(p.kind in STATE_ACTORS for p in perpetrators)
    words = {norms[t.index] for t in frame.triggers}
    # "a US drone strike", "a US drone killed five militants": a state's drone strike is an airstrike
    if (
        weapon == "drone"
        and state_actor
        and words & {"strike", "strikes", "airstrike", "airstrikes", *_KILLS}
    ):
        return "Airstrike"
    if weapon in _WEAPON_KIND:
        return _WEAPON_KIND[weapon]
    if words & {"airstrike", "airstrikes", "air-strike", "air-strikes"}:
        return "Airstrike"
    if state_actor and words & {"strike", "strikes", "struck", "bombed", "bombing", "raid", "raids"}:
        return "Airstrike"
    return "Attack"


def _split_sites(sites: list[Mention], areas: list[Mention]) -> list[tuple[Mention, list[Mention]]]:
    """One (site, its areas) per named site; an area goes to the site it follows or, before it, precedes."""
    if not sites:
        return []
    if len(sites) == 1:
        return [(sites[0], _finest(areas))]
    pairs: list[tuple[Mention, list[Mention]]] = [(s, []) for s in sites]
    for area in areas:
        preceding = [p for p in pairs if p[0].start < area.start]
        following = [p for p in pairs if p[0].start > area.start]
        home = preceding[-1] if preceding else following[0]
        home[1].append(area)
    return [(s, _finest(a)) for s, a in pairs]


def _split_areas(doc: Doc, areas: list[Mention]) -> list[list[Mention]]:
    """Towns listed together ("near Al-Qaim and Albu Kamal") are one attack each; other areas stay one."""
    towns = [m for m in areas if m.ref.place_kind == "City"]
    if len(towns) < 2:
        return [areas]
    listed = all(doc[j].norm_ in _TOWN_LIST_WORDS for a, b in pairwise(towns) for j in range(a.end, b.start))
    # "a training facility near Abu Kamal and a safe house near Mayadin": each town its own target
    own_preps = all(
        doc[b.start - 1].norm_ in {"near", "in", "outside"}
        and any(doc[j].norm_ in {"and", ","} for j in range(a.end, b.start))
        for a, b in pairwise(towns)
    )
    if not (listed or own_preps):
        return [areas]
    return [[town] for town in towns]


def _finest(areas: list[Mention]) -> list[Mention]:
    """Areas without those that contain another given area ("Iraq" once "Anbar province" is given)."""
    ids = {m.ref.iri for m in areas}
    contained = set().union(*(_ancestors(i) for i in ids)) if ids else set()
    return _unique([m for m in areas if m.ref.iri not in contained])


def _ancestors(iri: str) -> set[str]:
    """The places the reference data puts IRI in, up to its country."""
    refs = by_iri()
    seen: set[str] = set()
    while (ref := refs.get(iri)) and ref.located_in and ref.located_in not in seen:
        seen.add(ref.located_in)
        iri = ref.located_in
    return seen


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.ref.iri not in seen:
            seen.add(m.ref.iri)
            out.append(m)
    return out


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
