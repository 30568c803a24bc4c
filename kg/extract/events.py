"""Attack, interception and deployment events read from sentences: the reader, chaining its stages.

Each sentence of an article goes through these stages, in this order. ``kg explain`` names the stage
(the module) and the rule that read each fact: "stage attacks, rule attack.verb" (kg/extract/stages.py
maps rule ids to stages).

1. clauses.py -- the sentence is cut into clauses (at ";", ", while", ", but", ", and hours later"...);
   attack words (verbs such as "targeted", nouns such as "drone attack") are found and grouped into
   frames: a frame is one attack; a new frame starts at an attack word with its own target once the
   current frame has one ("drone attacks on Harir and a rocket attack on Ain al-Asad": two frames).
   Entity mentions go to the frame whose words they follow (a weapon or a demonym goes to the attack
   word right after it: "an American drone strike").
2. attacks.py, with places.py and arguments.py -- each attack frame gets its sites (bases, facilities:
   one event per named site; attack_sites.py), the finest areas, the weapon, who did it (attack_actors.py
   when the usual phrasings name no one) and to whom, the outcome.
   Frames in a hypothetical, a threat, a count ("140 attacks") or a series ("a series of drone attacks
   since...") are dropped; a frame that names no place refers back ("Saturday's attack") and is merged
   into the event it refers to (attack_refers.py), or dropped when there is none.
3. dating.py -- the date of each frame: the nearest time expression, a report date only as a fallback.
4. claims.py -- who claims the attacks of the sentence, and whom a third party blames;
   discourse.py -- what a sentence adds to the attack before it (a toll, a claim, a town) and counts
   of many attacks ("more than 140 attacks"); interceptions.py -- interceptions and deployments.
5. coreference.py -- finally events of one article that report the same attack (same site, compatible
   type and date) are merged, every sentence kept as a mention.
6. scope.py -- events placed only outside the theatre (Iraq, Syria, Jordan: ``[scope]`` in the
   lexicon), such as Houthi attacks in the Red Sea, are left out as background.

Where a phrasing is read: an attack word taken or refused -- clauses._triggers; who did it --
arguments._perpetrators, attack_actors.attack_perpetrators (claims._claimants, claims._attribution
for claims and blame); whom -- arguments._target_actors, _victims; where --
attack_sites.sites_and_areas with places (_landmark, _time_anchor, _bearing_of, _unknown_place,
_site_anaphor); when -- dating._dated, a date phrasing in timex_rules.py (its resolver in
timex_resolvers.py); dropped as hypothetical, a series or a topic -- attacks._attack; merged into
an attack told before -- attack_refers.refer_back; two accounts not merged --
coreference.merge_events, _absorb_summaries.
Helpers of these stages: areas.py (sites named by their shape, "the east of the country", the towns
a sentence names after a strike placed only by countries), timelines.py (a dated timeline line, a
count of attacks on one day), refutation.py (an attack told only by a claim the article refutes),
listed.py (a numbered list of places under one attack sentence: "targeted the following bases:"),
told.py (a frame that retells an attack told before: its day, weapon or toll; a tally of targets).

The cue words come from lexicons/extraction.toml: the lexicon's lists compiled once into
:class:`~kg.extract.cues.Cues` (the ``lex`` every stage takes), the stages' short lists as module
constants read with ``cue_words``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from kg.extract.attacks import _attack, _background
from kg.extract.claims import _about_groups, _attribution, _claimants, _listed, container, told_blame_end
from kg.extract.clauses import (
    _AIMED_VERBS,
    _TABLE_ROW,
    _UNDER_FIRE,
    _WEAK_NOUNS,
    _clauses,
    _frames,
    relative_asides,
)
from kg.extract.coreference import _absorb_summaries, dedupe, merge_events
from kg.extract.cues import Cues, load_cues
from kg.extract.dating import _times, scene_day
from kg.extract.discourse import _aggregate, _claim_follow_up, _follow_up, _lend_actors
from kg.extract.interceptions import _deployment, _interception
from kg.extract.lexicon import Lexicon, cue_words, doc_norms, doc_text, find_phrases, span_text
from kg.extract.listed import item_attacks, lend_header, number_only, numbered
from kg.extract.mentions import Mention, find_mentions, sentence_evidence
from kg.extract.model import ATTACK_KINDS, Aggregate, Event, Evidence
from kg.extract.scope import within_theatre
from kg.extract.state import _State
from kg.extract.timespans import day_of
from kg.ingest import Article

_GROUNDS = cue_words("attribution", "grounds")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_BULLETS = frozenset({"-", "•", "*", "–", "—", "·"})


class EventReader:
    """Reads events from a parsed article; built once per pipeline, pure per article."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.cues = load_cues(lexicon)

    def read(self, doc: Doc, article: Article) -> tuple[list[Event], list[Aggregate]]:
        """The events and aggregate statements of one article."""
        mentions = [m for m in find_mentions(doc) if not m.dateline]
        groups = [
            (m.start, e)
            for m in mentions
            if m.is_group and not m.modifier and not _listed(doc, m) and not container(doc, m)
            if (e := m.actor)
        ]
        state = _State(pub=article.published, groups=groups)
        if article.published is None:  # no page date: a named, widely known event dates the timeline
            state.prev_date = self.cues.listing.anchor(doc)
        state.sites = [(m.start, m) for m in mentions if m.is_site and not m.modifier]
        state.clock_day = article.published if self.cues.listing.clock_headed(doc) else None
        state.year_headings = self.cues.listing.year_headings(doc)
        state.years = [(m.start(), int(m.group())) for m in _YEAR.finditer(doc_text(doc))]
        starts = [m.start for m in mentions]  # in document order
        for sent in doc.sents:
            inside = mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            _sentence(self.cues, doc, sent, inside, state)
        events = self.cues.refutations.drop_refuted(doc, merge_events(state.events))  # "falsely claimed"
        if state.clock_day is not None:
            _live_page_day(events, state.clock_day)
        return within_theatre(_absorb_summaries(events)), state.aggregates


def _live_page_day(events: list[Event], day: date) -> None:
    """ "11:50 p.m. / The military says rockets were fired at X": an attack a live page's entries tell
    with no day of their own is of the page's day (an entry just past midnight, of the evening before).
    Given once the accounts are merged, so that a retelling dated this way still joins its attack."""
    for event in events:
        if event.kind in ATTACK_KINDS and (
            event.date is None or event.date.basis == "inferredFromPublication"
        ):
            event.date = day_of(day, "resolved", "the live page's day", earliest=day - timedelta(days=1))


def _sentence(lex: Cues, doc: Doc, sent: Span, mentions: list[Mention], state: _State) -> None:
    norms = doc_norms(doc)
    evidence_base = sentence_evidence(sent)
    if number_only(evidence_base.text):  # "1." alone on its line: the item's text follows
        state.numbered = True
        return
    previous, state.last_sentence_events = state.last_sentence_events, []
    item = evidence_base.text[:1] in _BULLETS or numbered(evidence_base.text) or state.numbered
    state.numbered = state.numbered and not evidence_base.text
    if find_phrases(norms, lex.retracted, sent.start, sent.end):
        return  # a correction notice's account of what the first version wrongly said
    if item and state.breakdown:
        return  # "• 33 attacks on X base": a part of the count told above the list, not an attack
    if evidence_base.text and not item:  # the list under a header ends at the first line that is no item
        state.list_header = None
        state.list_attacks = False
        # "SOHR documented 116 attacks since October. Here is a breakdown:": the items split the count
        counted = len(state.aggregates) > state.aggregates_seen
        state.breakdown = counted and evidence_base.text.endswith(":")
        state.aggregates_seen = len(state.aggregates)
    if (
        not (norms[sent.start][:1].isdigit() and _TABLE_ROW.match(doc_text(doc), sent.start_char))
        and not any(
            n in lex.attack_nouns
            or n in lex.attack_verbs
            or n in lex.weak_verbs
            or n in _WEAK_NOUNS
            or n in lex.impact_verbs
            or n in _AIMED_VERBS
            or n in lex.killing
            or n in lex.deploy
            or n.startswith(("intercept", "shot", "down"))
            or n == "went"  # "an explosive device went off"
            for n in norms[sent.start : sent.end]
        )
        and not find_phrases(norms, _UNDER_FIRE, sent.start, sent.end)  # "came under rocket fire"
    ):
        if item and (listed := item_attacks(doc, sent, mentions, evidence_base, state)):
            state.last_sentence_events, state.previous_event = listed, listed[-1]
            return  # "2. The base of Harir, with a drone.": a place hit in the attack told above the list
        _follow_up(lex, doc, sent, previous, evidence_base, state)
        _summary_places(lex, doc, sent, mentions, evidence_base, state)
        if evidence_base.text:  # a blank line between paragraphs does not end what the group said
            state.previous_claimants = set()
            state.previous_event = None
            state.scene = scene_day(lex, doc, sent, state)
        words = set(norms[sent.start : sent.end])
        if words & (lex.claim_verbs | lex.blame_words) and not span_text(sent).rstrip().endswith("?"):
            claimants, claim_words, _ = _claimants(lex, doc, sent, mentions, state)
            accused, speakers = _attribution(lex, doc, sent, mentions, state.group_before)
            if _about_groups(norms, sent):  # "These groups are backed by Iran, and we hold Iran responsible"
                accused, speakers = [], []
            blame_end = min(_grounds(norms, sent), told_blame_end(lex, norms, sent))
            if _background(lex, norms, sent.start, blame_end):  # "a similar barrage, blamed on X"
                claimants, accused, speakers = [], [], []
            _claim_follow_up(lex, claimants, claim_words, accused, speakers, evidence_base, state)
        return
    times = _times(lex, doc, sent)
    scene, state.scene = state.scene, None
    if scene is not None:  # "That logic broke down on Nov. 20. A missile was launched at X": that day
        state.prev_date = scene.latest
    state.enter(sent.start_char)
    state.heading = lex.listing.heading(doc, sent)
    clauses = _clauses(lex, doc, sent)
    claimants, claim_words, by_clause = _claimants(lex, doc, sent, mentions, state, clauses)
    accused, speakers = _attribution(lex, doc, sent, mentions, state.group_before)
    blame_end = min(_grounds(norms, sent), told_blame_end(lex, norms, sent))
    if _background(lex, norms, sent.start, blame_end) and not times:
        # "Washington blamed similar attacks on X": not today's attack; "held X responsible for a
        # similar attack on the base in December" blames the December attack, told with its own day
        accused, speakers = [], []
    if span_text(sent).rstrip().endswith("?"):  # a question asserts no claim and no blame
        claimants, claim_words, accused, speakers, by_clause = [], [], [], [], {}
    made: list[Event] = []
    framed = counted = False
    grounds = _grounds(norms, sent) if accused else sent.end
    for clause in clauses:
        clause_mentions = [m for m in mentions if clause[0] <= m.start < clause[1]]
        if _aggregate(lex, doc, sent, clause, clause_mentions, evidence_base, state, times):
            counted = True
            continue
        asides = relative_asides(lex, doc, clause, clause_mentions)
        holes = tuple((a, b) for a, b, _ in asides)

        frames = _frames(lex, doc, clause, [m for m in clause_mentions if _outside(m.start, holes)], holes)
        # "blamed X, saying the rockets matched earlier attacks": attacks told only as grounds frame nothing
        framed = framed or any(f.start < grounds for f in frames)
        outer_times = [t for t in times if _outside(t[0], holes)]
        for frame in frames:
            if frame.kind == "attack":
                made += _attack(
                    lex,
                    doc,
                    frame,
                    outer_times,
                    by_clause.get(clause[0], claimants),
                    claim_words,
                    accused,
                    speakers,
                    evidence_base,
                    state,
                    made,
                )
            elif frame.kind == "intercept":
                _interception(lex, doc, frame, outer_times, evidence_base, state, made)
            else:
                _deployment(lex, doc, frame, outer_times, sent, mentions, evidence_base, state)
        for a, b, place in asides:
            own = [t for t in times if a <= t[0] < b and not t[2]]
            if not own:  # "which has come under attack dozens of times": a history, no one attack
                continue
            inner = [place, *(m for m in clause_mentions if a <= m.start < b)]
            for frame in _frames(lex, doc, (a, b), inner):
                if frame.kind == "attack":
                    made += _attack(lex, doc, frame, own, [], [], [], [], evidence_base, state, made)
    _drop_totals(made, state)
    # the attacks this sentence told, new or already told ("Recap of yesterday: drones were downed near X")
    told_here = [e for e in state.events if any(x.start == evidence_base.start for x in e.evidence)]
    for event in told_here if scene is not None else []:
        if event.date is None or event.date.basis == "inferredFromPublication":
            event.date = scene
    _blame_told_before(made, evidence_base, state)
    if not made:  # "On 3 May 2021 he ordered strikes ... Hours later, ...": a stated day still anchors
        told = [
            t[1].resolve(state.pub_for(t[1]), state.prev_date)
            for t in times
            if not (t[2] or t[1].relative_to_previous)
        ]
        days = [d for d in told if d is not None and d.basis == "stated" and d.precision == "day"]
        state.prev_date = days[-1].latest if days else state.prev_date
        state.scene = scene_day(lex, doc, sent, state) if evidence_base.text else None
    state.last_sentence_events = made
    state.previous_claimants = {c.key for e in made for c in e.claimants} if made else set()
    state.previous_event = made[-1] if made else None
    if item and state.list_header is not None:
        for event in made:
            _lend_actors(event, state.list_header)
            if state.list_attacks:
                lend_header(event, state.list_header)
    if not framed and not counted:  # "have claimed more than 140 attacks": no claim of the last one
        _follow_up(lex, doc, sent, previous, evidence_base, state)
        _summary_places(lex, doc, sent, mentions, evidence_base, state)
        _claim_follow_up(lex, claimants, claim_words, accused, speakers, evidence_base, state)


def _blame_told_before(made: list[Event], evidence_base: Evidence, state: _State) -> None:
    """ "Washington blamed KH for the attack and struck its depots": the blame goes to the attack told
    before this sentence, if none of this sentence's attacks took it."""
    blame, state.blame_elsewhere = state.blame_elsewhere, None
    if blame is None:
        return
    accused, speakers = blame
    keys = {a.key for a in accused}
    if any(keys & {a.key for a in e.attributed_to} for e in made):
        return
    ours = {id(e) for e in made}
    event = next((e for e in reversed(state.events) if id(e) not in ours and e.kind in ATTACK_KINDS), None)
    if event is None or event.claimants or event.perpetrators:
        return
    event.attributed_to = dedupe(event.attributed_to + accused)
    event.attributed_by = dedupe(event.attributed_by + speakers)
    words = tuple(f"accused: {a.label}" for a in accused)
    event.evidence.append(evidence_base.read_by("attack.blame-of-told", words))


def _grounds(norms: list[str], sent: Span) -> int:
    """Where a blame's grounds begin ("..., saying the rockets matched earlier attacks"), else the end."""
    return next(
        (i for i in range(sent.start + 1, sent.end) if norms[i] in _GROUNDS and norms[i - 1] == ","), sent.end
    )


def _outside(i: int, holes: tuple[tuple[int, int], ...]) -> bool:
    return not any(a <= i < b for a, b in holes)


def _summary_places(
    lex: Cues, doc: Doc, sent: Span, mentions: list[Mention], evidence_base: Evidence, state: _State
) -> None:
    """ "In Iraq, the targets were located near Al-Qaim": where the strike placed by countries was."""
    found = lex.site_shapes.places_of_summary(
        doc,
        (sent.start, sent.end),
        mentions,
        state.events,
        evidence_base.read_by("attack.summary-places"),
        lex.particles,
    )
    state.events.extend(found)


def _drop_totals(made: list[Event], state: _State) -> None:
    """ "attacked three times; a drone attack in Syria ... while two other attacks in Iraq ...": a count
    that opens a sentence is the total of the attacks told after it, not that many more."""

    def key(event: Event) -> str | None:
        return event.distinct.split("#")[0] if event.distinct and "#" in event.distinct else None

    first = key(made[0]) if made else None
    total = [e for e in made if first is not None and key(e) == first]
    if not total or len(total) == len(made):
        return
    for event in total:
        made.remove(event)
        state.events.remove(event)
