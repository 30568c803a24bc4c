"""Stage 4 of the event reader (discourse): who claims the attacks of a sentence, and whom a third
party blames ("attributed to", "held ... responsible").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from kg.extract.arguments import _LIGHT_VERBS, _time_word
from kg.extract.coreference import dedupe
from kg.extract.cues import _BLAME_VERBS, Cues
from kg.extract.lexicon import cue_words, doc_norms, find_phrases
from kg.extract.mentions import Mention, capitalized_name
from kg.extract.model import Entity
from kg.extract.places import _PLACE_PREPS, _placed_in
from kg.extract.state import _State

_APPOSITIVE_FILLERS = cue_words("claims", "appositive_fillers")
_SELF_BLAME = cue_words("claim", "self_blame")
_PLURAL_GROUPS = cue_words("claims", "plural_groups")
_GROUP_NOUNS = cue_words("claims", "group_nouns")
_TOLD_CLAIM = cue_words("claims", "told_claim")
_CLAIM_NOUN_FOLLOWERS = cue_words("claims", "claim_noun_followers")
_NEGATIONS = cue_words("claims", "negations")
_OWNING_VERBS = cue_words("claim", "owning_verbs")
_OWNED_NOUNS = tuple(tuple(n.split()) for n in cue_words("claim", "owned_nouns"))
_LIST_CUES = cue_words("claims", "list_cues")
_TIME_GAP = cue_words("claims", "time_gap")
_MEMBER_NOUNS = cue_words("claims", "member_nouns")
_FIRST_PERSON = cue_words("claims", "first_person")
_QUOTE_MARKS = frozenset({'"', "“", "”"})
_MODALS = frozenset({"will", "would", "shall", "should", "could", "can", "may", "might", "must", "'ll", "to"})
GroupBefore = Callable[[int], Entity | None]


def _claimants(
    lex: Cues,
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
            norms[i] in lex.claim_verbs
            and _NEGATIONS.isdisjoint(norms[max(sent.start, i - 4) : i])
            # "the claim", and "an attack claim": a noun naming a claim, whose maker is not before it
            and not (
                norms[i] in {"claim", "claims"}
                and (
                    norms[i - 1] in _TOLD_CLAIM
                    or norms[i - 1] in lex.attack_nouns
                    or (i + 1 < sent.end and norms[i + 1] in _CLAIM_NOUN_FOLLOWERS)
                )
            )
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
        elif (
            norms[i] in _OWNING_VERBS
            and i + 2 < sent.end
            and norms[i + 1] == "the"
            and any(a == i + 2 for a, _, _ in find_phrases(norms, _OWNED_NOUNS, i + 2, min(sent.end, i + 4)))
        ):
            cues.append(i)  # "The Revolutionary Guards announced the strike"
            words.append(f"{doc[i].text} the {doc[i + 2].text}")
        elif norms[i] in lex.speech:
            # "said it struck", "announced on 6/2/2024 that it targeted"
            # "said it struck", "said in a statement posted on its Telegram channel that it had struck"
            said = next(
                (
                    (a, b)
                    for a, b, _ in find_phrases(norms, lex.self_pronouns, i + 1, min(sent.end, i + 16))
                    if (a < i + 10 or norms[a - 1] == "that" or _dated_that(norms, i, a))
                    and any(
                        norms[j] in lex.attack_verbs
                        or norms[j] in lex.weak_verbs
                        # "said it was behind the attack": a claim ("said it would pursue those
                        # responsible" is none)
                        or (norms[j] in _SELF_BLAME and norms[j - 1] in {"was", "were", "is", "are", "been"})
                        # "said it carried out strikes on X", "said it had conducted a strike"
                        or (
                            norms[j] in _LIGHT_VERBS
                            and any(norms[k] in lex.attack_nouns for k in range(j + 1, min(sent.end, j + 5)))
                        )
                        for j in range(b, min(sent.end, b + 4))
                    )
                ),
                None,
            )
            if said is None and (we := _quoted_we(lex, doc, sent)) is not None:
                said = (we, we + 1)  # '"We targeted the Harir base," the group said': its own words
            if said is not None:
                cues.append(i)
                words.append(f"{doc[i].text} {doc[said[0] : said[1]].text}")
            elif _claim_goes_on(lex, norms, i, sent, state):
                cues.append(i)
                words.append(f"{doc[i - 1].text} {doc[i].text}")
    found: list[Entity] = []
    by_clause: dict[int, list[Entity]] = {}
    for cue in cues:
        lower = max((start for start, end in clauses or [] if start <= cue), default=sent.start)
        claimant = _claimed_by(lex, doc, cue, mentions) or _subject(
            lex, doc, sent, cue, mentions, state, lower
        )
        by_clause.setdefault(lower, [])
        if claimant is not None:
            found.append(claimant)
            by_clause[lower] = dedupe([*by_clause[lower], claimant])
    return dedupe(found), words, by_clause


def _quoted_we(lex: Cues, doc: Doc, sent: Span) -> int | None:
    """Where a quotation of SENT has its speakers attack in the first person ("We targeted", "our
    mujahideen struck"): a group quoted so claims the attack (the speaker is found as for any claim)."""
    norms = doc_norms(doc)
    quotes = [j for j in range(sent.start, sent.end) if doc[j].text in _QUOTE_MARKS]
    if len(quotes) < 2:
        return None
    inside = range(quotes[0] + 1, quotes[-1])
    for j in inside:
        if norms[j] not in _FIRST_PERSON:
            continue
        verbs = [
            k
            for k in range(j + 1, min(j + 4, quotes[-1]))
            if norms[k] in lex.attack_verbs or norms[k] in lex.weak_verbs
        ]
        # "We will hit the base again": a threat, not a claim
        if verbs and not _MODALS & set(norms[j + 1 : verbs[0]]):
            return j
    return None


def _dated_that(norms: list[str], cue: int, at: int) -> bool:
    """ "reported on its channel that on the morning of Saturday its fighters attacked": only a time
    adverbial between the "that" after the speech verb and the pronoun."""
    that = next((k for k in range(at - 1, cue, -1) if norms[k] == "that"), at)
    gap = range(that + 1, at)
    return 0 < len(gap) <= 6 and all(norms[k] in _TIME_GAP or _time_word(norms, k) for k in gap)


def _claim_goes_on(lex: Cues, norms: list[str], cue: int, sent: Span, state: _State) -> bool:
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
        and any(norms[k] in lex.attack_verbs or norms[k] in lex.weak_verbs for k in range(that, sent.end))
    )


def _subject(
    lex: Cues, doc: Doc, sent: Span, cue: int, mentions: list[Mention], state: _State, lower: int
) -> Entity | None:
    """Who did the claiming: the nearest actor or "the group" before the claim word, in its clause."""
    norms = doc_norms(doc)
    mentions = [m for m in mentions if m.start >= lower]
    for s, e, _ in reversed(find_phrases(norms, lex.naming, lower, cue)):
        named = next((m for m in mentions if m.start in (e, e + 1)), None)
        if named and named.actor:
            return named.actor
        name = capitalized_name(doc, e + (norms[e] == "the"), particles=lex.particles)
        if name is not None and e - s >= 1:
            entity = Entity(name.text, "ArmedGroup")
            state.groups.append((name.start, entity))
            return entity
    limit = cue
    j = cue - 1
    while j > lower and norms[j] in _APPOSITIVE_FILLERS:
        j -= 1
    if _unnamed_group(norms, lower, j, mentions):
        return None  # "hours after a newly formed militant group claimed": no name to give
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
            # "a convoy in Iraq, hours after a group claimed": a country that says where is no claimant
            and norms[m.start - 1] not in _PLACE_PREPS
            and not _placed_in(doc, m)
        ):
            candidates.append((m.end, m.actor))
    for s, e, _ in find_phrases(norms, lex.anaphors, lower, cue):
        if e >= cue - 2:  # "it claimed", "the group said": only right before the claim word
            candidates.append((e, state.group_before(s)))
    described = _described_group(norms, lower, cue, mentions)
    if described is not None:  # "the resistance group said", "the Iraqi armed faction claimed"
        candidates.append((cue, state.group_before(described)))
    name = None
    if not candidates or max(c[0] for c in candidates) < cue - 1:
        start = cue - 1
        while start > lower and (doc[start - 1].text[:1].isupper() or doc[start - 1].norm_ in lex.particles):
            start -= 1
        name = capitalized_name(doc, start, particles=lex.particles) if start < cue else None
        if (
            name is not None
            and name.end == cue
            and not any(m.start <= name.start < m.end for m in mentions)
            # an acronym ("ISIS") names a group; one letter ("posted on X claims") names none
            and (len(name) >= 2 or (name.text.isupper() and len(name.text) >= 2))
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
    link = next((a for a, b, _ in find_phrases(norms, lex.part_of, lower, start) if b == start), None)
    heads = [c for c in candidates if link is not None and c[0] <= link and c[1] is not None]
    return max(heads, key=lambda c: c[0])[1] if heads else chosen


_BE = frozenset({"is", "are", "was", "were", "been", "being"})


def _attribution(
    lex: Cues, doc: Doc, sent: Span, mentions: list[Mention], group_before: GroupBefore | None = None
) -> tuple[list[Entity], list[Entity]]:
    """Whom SENT blames, and who blames; GROUP_BEFORE resolves "the group" to the group named last."""
    norms = doc_norms(doc)
    hits = find_phrases(norms, lex.attribution, sent.start, sent.end)
    for i in range(sent.start, sent.end):  # "held Kata'ib Hezbollah responsible"
        if norms[i] in {"held", "hold", "holds", "holding"}:
            end = next((k for k in range(i + 1, min(sent.end, i + 10)) if norms[k] == "responsible"), None)
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
        # "Kataib Hezbollah, which it blamed for the rocket attack": the name before ", which"
        which = next((j for j in range(max(sent.start + 1, s - 3), s) if norms[j] in {"which", "whom"}), None)
        if which is not None and norms[which - 1] == "," and phrase[-1] not in {"on", "to"}:
            named = [m for m in mentions if m.end == which - 1 and m.actor and not m.modifier]
            if named:
                accused += [m.actor for m in named if m.actor]
                continue
        # "Kata'ib Hezbollah is suspected of firing the rockets": the passive's subject is the one blamed
        passive_suspect = (
            phrase == ("suspected",)
            and s >= 1
            and norms[s - 1] in _BE
            and e < len(norms)
            and norms[e] in {"of", "in"}
        )
        if passive_suspect or (phrase[-1] in {"behind", "responsible"} and phrase[0] != "held"):
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
        told = group_before(e) if group_before and _group_anaphor(norms, e) else None
        if told is not None and not (after and after[0].start == e + 1):  # "blamed the group for X"
            accused.append(told)
            after = []
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


def _group_anaphor(norms: list[str], at: int) -> bool:
    """Whether "the group" / "the militia" (no name of its own) stands at AT."""
    return at + 1 < len(norms) and norms[at] == "the" and norms[at + 1] in _GROUP_NOUNS


def told_blame_end(lex: Cues, norms: list[str], sent: Span) -> int:
    """Where a blame "for that attack" ends, else the sentence's end: "blamed the group for that attack
    and for a string of earlier ones" blames the attack told, the earlier ones are only added to it."""
    for i in range(sent.start, sent.end - 2):
        if norms[i] == "for" and norms[i + 1] in lex.definite:
            noun = next((j for j in range(i + 2, min(sent.end, i + 5)) if norms[j] in lex.attack_nouns), None)
            if noun is not None:
                return noun + 1
    return sent.end


def container(doc: Doc, m: Mention) -> bool:
    """ "KH, one of the factions within the PMF": the body a member belongs to is not what a later "the
    group" means."""
    norms = doc_norms(doc)
    j = m.start - 1
    j -= j > 0 and norms[j] == "the"
    return j > 0 and norms[j] in {"within", "of"} and norms[j - 1] in _MEMBER_NOUNS


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


def _claimed_by(lex: Cues, doc: Doc, cue: int, mentions: list[Mention]) -> Entity | None:
    """ "claimed by the IRI": the group after "by", not a name before the claim word; "claimed by a group
    calling itself X": X."""
    j = cue + 1
    if j >= len(doc) or doc[j].norm_ != "by":
        return None
    j += 1
    j += j < len(doc) and doc[j].norm_ == "the"
    named = next((m for m in mentions if m.start == j and m.actor and not m.is_person), None)
    if named is None:  # "by a group calling itself X"
        naming = next(iter(find_phrases(doc_norms(doc), lex.naming, j, min(len(doc), j + 6))), None)
        if naming is not None:
            e = naming[1] + (naming[1] < len(doc) and doc[naming[1]].norm_ == "the")
            named = next((m for m in mentions if m.start == e and m.actor and not m.is_person), None)
    return named.actor if named else None


def _about_groups(norms: list[str], sent: Span) -> bool:
    """Whether SENT speaks of groups in general ("these groups", "such militias"), not of one attack."""
    if _PLURAL_GROUPS.isdisjoint(norms[sent.start : sent.end]):
        return False
    return any(
        norms[i] in {"these", "those", "such", "all"}
        and any(norms[j] in _PLURAL_GROUPS for j in range(i + 1, min(sent.end, i + 3)))
        for i in range(sent.start, sent.end)
    )


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


def _unnamed_group(norms: list[str], lower: int, j: int, mentions: list[Mention]) -> bool:
    """Whether "a <words> group" ends at J: an indefinite group is the claimant, and it has no name."""
    while j > lower and (norms[j] in _APPOSITIVE_FILLERS or norms[j].endswith("ly")):
        j -= 1  # "a new group falsely claimed"
    if norms[j] not in _GROUP_NOUNS:
        return False
    a = next((k for k in range(j - 1, max(lower, j - 5) - 1, -1) if norms[k] in {"a", "an"}), None)
    return a is not None and not any(a < m.start <= j for m in mentions)
