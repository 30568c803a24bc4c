"""Entity mentions of a parsed document, with the facts the rules need about each.

A mention knows its reference entity, whether it only modifies another word ("Iran-backed",
"pro-Iran": not a participant), whether it owns what follows ("the IRGC's Quds Force") and
whether it sits in brackets as an alias ("(PMF)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.extract.lexicon import cue_words, span_text
from kg.extract.model import Entity, Evidence
from kg.reference import ORGANIZATION_KINDS, SITE_KINDS, RefEntity, by_iri

_POSSESSIVE = {"'s", "’s", "'", "’"}
_PROXY_NOUNS = cue_words("actors", "proxy_nouns")
_CONNECTORS = frozenset({"in", "of", "for", "the", "and"})
_CAPITALIZED = re.compile(r"^[A-Z][\w'’.-]*$")


@dataclass(frozen=True)
class Mention:
    """An entity mention: token span [start, end) in the document."""

    start: int
    end: int
    label: str  # ACTOR, PLACE, STATE, DEMONYM, WEAPON
    ref: RefEntity
    text: str
    modifier: str | None = None  # the word after a hyphen ("backed") or "pro"
    possessor: bool = False
    bracketed: bool = False
    dateline: bool = False  # "ERBIL, Kurdistan Region -": where the report was filed, not where it happened

    @property
    def actor(self) -> Entity | None:
        kind = self.ref.actor_kind
        return Entity(self.ref.label, kind, self.ref.iri) if kind else None

    @property
    def place(self) -> Entity | None:
        kind = self.ref.place_kind
        return Entity(self.ref.label, kind, self.ref.iri) if kind else None

    @property
    def is_site(self) -> bool:
        return self.label == "PLACE" and self.ref.place_kind in SITE_KINDS

    @property
    def is_area(self) -> bool:
        return self.label in {"PLACE", "STATE"} and self.ref.place_kind not in SITE_KINDS

    @property
    def is_group(self) -> bool:
        """An armed group or organization that a later "the group" may refer to."""
        return self.ref.actor_kind == "ArmedGroup"

    @property
    def is_organization(self) -> bool:
        return self.ref.actor_kind in ORGANIZATION_KINDS

    @property
    def is_person(self) -> bool:
        return self.ref.actor_kind == "Person"


def find_mentions(doc: Doc) -> list[Mention]:
    """Every reference-entity mention of DOC, in order (computed once per document)."""
    cached = doc.user_data.get("kg_mentions")
    if cached is None:
        cached = doc.user_data["kg_mentions"] = _find_mentions(doc)
    return list(cached)


def _find_mentions(doc: Doc) -> list[Mention]:
    refs = by_iri()
    datelines = _dateline_ends(doc)
    spans = [(ent, ref) for ent in doc.ents if (ref := refs.get(ent.ent_id_)) is not None]
    spans += _acronyms(doc, spans)
    spans.sort(key=lambda pair: pair[0].start)
    return [
        Mention(
            start=ent.start,
            end=ent.end,
            label=ent.label_,
            ref=ref,
            text=span_text(ent),
            modifier=_modifier(doc, ent) or _proxy_of(doc, ent),
            possessor=ent.end < len(doc) and doc[ent.end].text in _POSSESSIVE,
            bracketed=ent.start > 0
            and doc[ent.start - 1].text == "("
            and ent.end < len(doc)
            and doc[ent.end].text in {")", ","},
            dateline=any(ent.start >= start and ent.end <= end for start, end in datelines),
        )
        for ent, ref in spans
    ]


_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def _acronyms(doc: Doc, known: list[tuple[Span, RefEntity]]) -> list[tuple[Span, RefEntity]]:
    """Mentions of an acronym the article itself defines: "the Islamic Resistance in Iraq (IRI) ... IRI".

    The gazetteer leaves out short ambiguous acronyms (IRI is also the Islamic Republic of Iran);
    a definition in brackets right after a full name settles what this article means by it.
    """
    defined: dict[str, tuple[str, RefEntity]] = {}
    for ent, ref in known:
        close = ent.end + 2
        if (
            ent.label_ == "ACTOR"
            and close < len(doc)
            and doc[ent.end].text == "("
            and doc[close].text == ")"
            and _ACRONYM.match(doc[ent.end + 1].text)
            and not doc[ent.end + 1].ent_type_
        ):
            defined[doc[ent.end + 1].text] = (ent.label_, ref)
    if not defined:
        return []
    return [
        (Span(doc, token.i, token.i + 1, label=defined[token.text][0]), defined[token.text][1])
        for token in doc
        if token.text in defined and not token.ent_type_
    ]


_DATELINE = re.compile(
    # "KIRKUK, Iraq, Dec 28 (TWS) -": a country and a day may follow the place; state agencies put a
    # comma before their name ("TEHRAN, (IRNS) -")
    r"^\s*[A-Z][A-Z'’. /-]{1,30}(?:,\s*[A-Z][\w'’. -]{1,40}){0,2}\s*(?:,?\s*\([^)]{1,30}\)\s*)?[-–—]+\s"
    # "Amman, 29/01/2024 (Petra) --", "Erbil, Kurdistan Region, 29.01.2024 –": a place in any case, a
    # date with its digits, then the agency and the dash
    r"|^\s*[A-Z][A-Za-z'’.-]*(?:\s[A-Z][A-Za-z'’.-]*){0,3}(?:,\s*[A-Z][A-Za-z'’. -]{1,30}?)?,\s*"
    r"[\w'’. /-]{0,12}\d[\w'’. /.,-]{0,16}?\s*(?:\([^)]{1,30}\)\s*)?[-–—]+\s"
)


def _dateline_ends(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of datelines opening a sentence: "BAGHDAD (Reuters) -", "ERBIL, Kurdistan Region -"."""
    ranges = []
    for sent in doc.sents:
        m = _DATELINE.match(span_text(sent))
        if m:
            span = doc.char_span(sent.start_char, sent.start_char + m.end(), alignment_mode="contract")
            if span is not None:
                ranges.append((span.start, span.end))
    return ranges


def _modifier(doc: Doc, ent: Span) -> str | None:
    """ "backed" for "Iran-backed", "pro" for "pro-Iran", "based" for "UK-based"; else None."""
    # a hyphen written close ("Iran-backed"), not a dash set off by spaces ("al-Nujaba - also known as")
    if (
        ent.end + 1 < len(doc)
        and doc[ent.end].text == "-"
        and not doc[ent.end - 1].whitespace_
        and not doc[ent.end].whitespace_
        and doc[ent.end + 1].is_alpha
    ):
        return doc[ent.end + 1].lower_
    if ent.start >= 2 and doc[ent.start - 1].text == "-" and doc[ent.start - 2].lower_ in {"pro", "anti"}:
        return doc[ent.start - 2].lower_
    if ent.start >= 1 and doc[ent.start - 1].lower_ in {"pro", "anti"}:
        return doc[ent.start - 1].lower_
    return None


def _proxy_of(doc: Doc, ent: Span) -> str | None:
    """ "proxies" for "Iranian proxies" or "Tehran's proxy militias": unnamed groups a state stands behind."""
    if ent.label_ not in {"STATE", "DEMONYM"}:
        return None
    j = ent.end + (ent.end < len(doc) and doc[ent.end].text in _POSSESSIVE)
    j += j < len(doc) and doc[j].lower_ in {"-", "backed", "aligned", "allied", "sponsored", "linked"}
    if j < len(doc) and doc[j].lower_ in _PROXY_NOUNS:
        return doc[j].lower_
    return None


def capitalized_name(doc: Doc, start: int, *, particles: frozenset[str], max_tokens: int = 8) -> Span | None:
    """The run of capitalized words (with name particles such as al-, bin) starting at START.

    Used for names the gazetteer does not know: "a group calling itself Ashab al-Kahf".
    """
    end = start
    while end < len(doc) and end - start < max_tokens:
        token = doc[end]
        if _CAPITALIZED.match(token.text) or (
            (token.lower_ in particles or token.lower_ in _CONNECTORS)
            and end > start
            and end + 1 < len(doc)
            and (_CAPITALIZED.match(doc[end + 1].text) or doc[end + 1].lower_ in particles)
        ):
            end += 1
        else:
            break
    while end > start and (doc[end - 1].lower_ in particles or doc[end - 1].lower_ in _CONNECTORS):
        end -= 1
    return doc[start:end] if end > start else None


def sentence_evidence(sent: Span) -> Evidence:
    """SENT as evidence: its text without surrounding white space, and the offsets of that text."""
    stripped = span_text(sent).rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    return Evidence(sent.start_char + lead, sent.start_char + len(stripped), stripped.strip(), "")
