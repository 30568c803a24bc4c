"""Stage 2 of the event reader (places): the sites and areas of an attack, and the names that only
say where something else is ("near X", "south of Baghdad", "in retaliation for ... in Gaza").
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from kg.extract.clauses import _Frame
from kg.extract.cues import Cues
from kg.extract.lexicon import cue_words, doc_norms
from kg.extract.mentions import Mention, capitalized_name, find_mentions
from kg.extract.model import Entity, Event
from kg.extract.state import _State
from kg.reference import by_iri

_LOCATION_PREPS = cue_words("places", "location_preps")
_DIRECTIONS = cue_words("places", "directions")
_WHENCE_FILLERS = cue_words("places", "whence_fillers")
_SITE_NOUNS = cue_words("places", "site_nouns")
_PASSIVE_GAP = cue_words("places", "passive_gap")
_QUALIFIED_NOUNS = cue_words("places", "qualified_nouns")
_MOTIVES = cue_words("places", "motives")
_GENERIC_SITES = cue_words("places", "generic_sites")
_PLACE_PREPS = cue_words("places", "place_preps")
_TIME_ANCHORS = cue_words("places", "time_anchors")
_REFERRED_SITES = _SITE_NOUNS | cue_words("places", "referred_sites")
_PLACE_NOUNS = cue_words("places", "place_nouns")
_PLACE_KINDS_WORDS = cue_words("places", "place_kinds")
_AFTER_PLACE = cue_words("places", "after_place")
_CALENDAR_WORDS = cue_words("places", "calendar_words")
_DAMAGE_WORDS = cue_words("places", "damage_words")
_TOWN_LIST_WORDS = cue_words("places", "town_list_joins") | _PLACE_NOUNS | _PLACE_KINDS_WORDS


def _unknown_place(lex: Cues, doc: Doc, frame: _Frame) -> Entity | None:
    """A town the gazetteer does not know: "near the town of Afak", "in Diwaniyah", minted for review.

    Only a capitalized name right after near / in / outside (or "the town / city / village of"),
    overlapping no known entity and not a month or weekday, in an attack that names no known place.
    """
    norms = doc_norms(doc)
    start, end = frame.span if frame.span != (0, 0) else frame.clause
    known = find_mentions(doc)
    shaped = lex.site_shapes.find(doc, start, end, known)  # "the Zulfa air base", "Qarrar airport"
    if shaped is not None:
        return Entity(*shaped)
    for i in range(start, end - 1):
        if norms[i] not in {"near", "in", "outside"}:
            continue
        j = i + 1
        if norms[j] == "the" and j + 2 < end and norms[j + 1] in _PLACE_KINDS_WORDS and norms[j + 2] == "of":
            j += 3
        name = capitalized_name(doc, j, particles=lex.particles, max_tokens=4) if j < end else None
        if name is None or name.end > end or any(m.start < name.end and name.start < m.end for m in known):
            continue
        first = name[0].norm_
        if first in _CALENDAR_WORDS or not name[0].is_title or len(name.text) < 3:
            continue
        after = norms[name.end] if name.end < len(doc) else "."
        if after not in _AFTER_PLACE and not doc[name.end].is_punct:
            continue  # "in Telegram channels": a name that modifies a noun is not a place
        return Entity(name.text, "City")
    return None


def _site_anaphor(lex: Cues, doc: Doc, frame: _Frame, state: _State) -> list[Mention]:
    """ "the base", "the outpost" after an attack word, or before it as its subject ("the airport was
    hit"): the last named site of the article."""
    start, end = frame.clause
    after = range(frame.start + 1, min(end, frame.start + 8))
    # the subject of a passive attack verb: only auxiliaries and adverbs between ("the airport, which was
    # also hit"), so that "the embassy said its defences intercepted" names no site
    gap = next(
        (
            j
            for j in range(frame.start - 1, max(start, frame.start - 6) - 1, -1)
            if doc[j].norm_ not in _PASSIVE_GAP
        ),
        None,
    )
    # ("the embassy attack" before a noun refers back to an attack told, which coreference finds)
    verb = frame.kind == "attack" and frame.triggers[0].kind == "verb"
    before = [gap] if gap is not None and verb else []
    for i in [*after, *before]:
        if i < 1:
            continue
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
    while j > 0 and (norms[j] in _DIRECTIONS or ("from" in words and norms[j] in _WHENCE_FILLERS)):
        j -= 1
    return j >= 0 and norms[j] in words


def _motive_start(norms: list[str], frame: _Frame) -> int:
    """Where "in retaliation for", "in response to", "in support of" opens after FRAME's attack word."""
    end = frame.owned[1]
    if _MOTIVES.isdisjoint(norms[frame.start + 2 : end]):
        return end
    for k in range(frame.start + 1, end - 1):
        if norms[k] == "in" and norms[k + 1] in _MOTIVES:
            return k
    return end


def _motive_before(norms: list[str], frame: _Frame) -> tuple[int, int]:
    """The tokens of "in response to the massacres in Gaza," told before FRAME's attack word (up to its
    comma): the places of a motive are not the attack's. (0, 0) when there is none."""
    start = frame.clause[0]
    for k in range(start, frame.start - 1):
        if norms[k] == "in" and norms[k + 1] in _MOTIVES:
            comma = next((j for j in range(k + 2, frame.start) if norms[j] == ","), None)
            return (k, comma) if comma is not None else (0, 0)
    return (0, 0)


def _within(event: Event, countries: set[str]) -> bool:
    """Whether EVENT names no place, or one in (or equal to) one of COUNTRIES."""
    places = event.targets + event.locations
    return not places or any(p.iri in countries or countries & _ancestors(p.iri) for p in places if p.iri)


def _bearing_of(doc: Doc, m: Mention, areas: list[Mention]) -> bool:
    """Whether M follows another area as its bearing: "Jurf al-Sakhar, south of Baghdad", "X near Y"."""
    j = m.start - 1
    if j > 0 and doc[j].norm_ in {"near", "outside"}:  # "in Zirgwez near Sulaymaniyah", not "Iraq near X"
        return any(n.end == j and n.ref.place_kind == "City" for n in areas)
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
    # "around Green Village, near the al-Omar oil field": a "the" between changes nothing
    return norms[m.start - 1] in {"near", "outside", "by"} or (i > 0 and norms[i] in {"near", "outside"})


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
        # "at the US base in X": whose base, not where
        qualified = _QUALIFIED_NOUNS | _SITE_NOUNS | _REFERRED_SITES
        return not after or not (
            after[0] in qualified or (after[0] == "and" and len(after) == 3 and after[2] in qualified)
        )
    if m.possessor and m.end + 1 < len(doc):  # "Syria's Homs province", not "Washington's answer"
        return doc[m.end + 1].norm_ in _PLACE_NOUNS or doc[m.end + 1].ent_type_ == "PLACE"
    return before in {"and", ","} and m.start > 1 and doc[m.start - 2].ent_type_ in {"STATE", "PLACE"}


def _damaged_part(norms: list[str], m: Mention, first: Mention) -> bool:
    """Whether M, named after FIRST, is told as damaged ("..., damaging the US Embassy compound")."""
    return m.start > first.start and not _DAMAGE_WORDS.isdisjoint(
        norms[max(first.end, m.start - 4) : m.start]
    )


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
