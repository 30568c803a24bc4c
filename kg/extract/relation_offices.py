"""A person holding a government office: "Iraqi Prime Minister X", "X, the US defense secretary".

Rule ``relation.office``: an office title of ``lexicons/offices.toml`` next to a person's name ties the
person to the body the office belongs to. The title alone rarely names the body: the country does, by
the adjective or possessive before the title or "of" after it, and a few offices exist in one country
only (the defense secretary and the secretary of state are American in this reporting).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span

from kg import resources
from kg.errors import OntologyError
from kg.extract.lexicon import Lexicon, Phrase, doc_norms, find_phrases, fold, span_text
from kg.extract.mentions import Mention
from kg.extract.model import Entity, Evidence, Relation
from kg.extract.relation_people import PersonRules
from kg.extract.relation_words import POSSESSIVE, SKIPPABLE
from kg.namespaces import REFERENCE
from kg.reference import by_iri


@dataclass(frozen=True)
class Office:
    """Titles of one office, how its holder relates to its body, and the body in each country."""

    titles: tuple[Phrase, ...]
    relation: str
    bodies: dict[str, str]  # reference id of a state or region -> reference id of the body
    default: str | None = None  # the country when the text names none


@cache
def _office_file() -> dict[str, Any]:
    path = resources.lexicon_file("offices.toml")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise OntologyError(f"{path}: not valid TOML: {err}") from err


def load_offices(lexicon: Lexicon) -> tuple[list[Office], Lexicon]:
    """The offices of ``lexicons/offices.toml``, and its word lists as a lexicon."""
    raw = _office_file()
    offices = [
        Office(
            titles=tuple(tuple(lexicon.tokenize(fold(t))) for t in entry["titles"]),
            relation=str(entry["relation"]),
            bodies={str(k): str(v) for k, v in entry["bodies"].items()},
            default=entry.get("default"),
        )
        for entry in raw.get("office", [])
    ]
    words = {k: v for k, v in raw.items() if k != "office"}
    return offices, Lexicon({"office": words}, lexicon.tokenize)


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _body(local: str) -> Entity | None:
    ref = by_iri().get(str(REFERENCE[local]))
    if ref is None or ref.actor_kind is None:
        return None
    return Entity(ref.label, ref.actor_kind, ref.iri)


def _state_of(mention: Mention) -> str | None:
    """The reference id of the state MENTION names or lies in ("Baghdad": iraq), if any."""
    if mention.label == "STATE":
        return _local(mention.ref.iri)
    if mention.label != "PLACE":
        return None
    refs, ref, seen = by_iri(), mention.ref, 0
    while ref.located_in is not None and seen < 6:
        ref, seen = refs.get(ref.located_in, ref), seen + 1
        if ref.actor_kind == "State":
            return _local(ref.iri)
    return None


class OfficeRules(PersonRules):
    """The rule that ties a person to the government body of the office a title names."""

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.office_list, words = load_offices(lexicon)
        self.not_the_holder = words.words("office", "not_the_holder")
        self.country_nouns = words.words("office", "country_nouns")

    def _offices(
        self,
        doc: Doc,
        sent: Span,
        inside: list[Mention],
        every: list[Mention],
        people: list[Mention],
        evidence: Evidence,
    ) -> list[Relation]:
        """INSIDE: the mentions of SENT; EVERY: those of the article, for "the country's"."""
        norms = doc_norms(doc)
        out = []
        for office in self.office_list:
            for s, e, _ in find_phrases(norms, office.titles, sent.start, sent.end):
                if any(m.start <= s < m.end for m in inside):
                    continue  # a title inside a name: "the Prime Minister's Office"
                before = self._skip_modifiers(norms, s, sent.start)
                if any(norms[k] in self.not_the_holder for k in range(max(sent.start, before - 1), s)):
                    continue
                country = self._country(norms, before, e, sent, every)
                local = country or office.default
                body = _body(office.bodies[local]) if local in office.bodies else None
                owner = self._org_before(norms, before, inside) if country is None else None
                if owner is not None:  # "KRG Prime Minister X": the organization named is the body
                    body = owner
                if body is None:
                    continue
                person = self._holder(doc, norms, s, e, sent, inside, people)
                if person is None:
                    continue
                text = span_text(doc[s:e])
                out.append(
                    Relation(person, office.relation, body, evidence.read_by("relation.office", (text,)))
                )
        return out

    def _skip_modifiers(self, norms: list[str], start: int, limit: int) -> int:
        """The start of the words before START that only qualify a title ("the former", "then-")."""
        j = start
        while j > limit and (norms[j - 1] in self.modifiers or norms[j - 1] in {"-", "the"}):
            j -= 1
        return j

    def _country(
        self, norms: list[str], before: int, end: int, sent: Span, every: list[Mention]
    ) -> str | None:
        """The reference id of the state or region the title names: "Iraqi", "Iraq's", "of Iraq"."""
        j = before - 1 if before > sent.start and norms[before - 1] in POSSESSIVE else before
        named = next((m for m in every if m.end == j and m.label in {"STATE", "DEMONYM", "PLACE"}), None)
        if named is not None and not named.modifier:
            return _local(named.ref.iri)
        if j < before and j - 1 >= sent.start and norms[j - 1] in self.country_nouns:
            # "the country's prime minister": the country named last before, by itself or by a place in it
            for m in reversed(every):
                if m.end <= j - 1 and (state := _state_of(m)) is not None:
                    return state
            return None
        if end + 1 < sent.end and norms[end] == "of":  # "of Iraq", "of the Kurdistan Region"
            at = end + 2 if norms[end + 1] == "the" else end + 1
            after = next((m for m in every if m.start == at and m.label in {"STATE", "PLACE"}), None)
            if after is not None:
                return _local(after.ref.iri)
        return None

    def _org_before(self, norms: list[str], before: int, inside: list[Mention]) -> Entity | None:
        """The organization named right before a title ("KRG Prime Minister", "the KRG's president")."""
        j = before - 1 if before > 0 and norms[before - 1] in POSSESSIVE else before
        return next((m.actor for m in inside if m.end == j and m.is_organization and not m.modifier), None)

    def _holder(
        self,
        doc: Doc,
        norms: list[str],
        s: int,
        e: int,
        sent: Span,
        inside: list[Mention],
        people: list[Mention],
    ) -> Entity | None:
        """The person named right after the title (past "of Iraq", a comma, ranks) or right before it."""
        j = e
        if j + 1 < sent.end and norms[j] == "of" and any(m.start == j + 1 for m in inside):
            j = next(m.end for m in inside if m.start == j + 1)
        if j < sent.end and norms[j] == "to":  # "ambassador to the United Nations, X"
            j = next((k for k in range(j + 1, min(sent.end, j + 8)) if norms[k] == ","), j)
        if j < sent.end and norms[j] == ",":
            j += 1
        person = self._person_at(doc, j, inside, people) if j < sent.end else None
        if person is not None:
            return person
        # "X, the Iraqi prime minister," / "X, Iraq's prime minister"
        k = s - 1
        while k > sent.start and (
            norms[k] in SKIPPABLE
            or norms[k] in self.modifiers
            or norms[k] in POSSESSIVE
            or norms[k] in self.country_nouns
            or any(m.start <= k < m.end and not m.is_person for m in inside)
        ):
            k -= 1
        if norms[k] == "," and k > sent.start:
            return self._person_ending(doc, k, sent.start, inside, people)
        return None
