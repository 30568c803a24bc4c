"""Where an attack is when the gazetteer names no site: a site named by its shape, minted for review;
the towns listed after a strike placed only by countries, unknown ones minted too.

"a drone hit the Zulfa air base", "rockets fell on Qarrar airfield": a capitalized name that no
reference entity covers, right before a site noun, is that site. The entity has no IRI, so the
graph marks it for review, as :func:`kg.extract.places._unknown_place` does for towns.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from kg.extract.coreference import copy_event
from kg.extract.lexicon import Lexicon, Phrase, cue_words, doc_norms
from kg.extract.mentions import Mention, capitalized_name
from kg.extract.model import ATTACK_KINDS, Entity, Event, Evidence
from kg.extract.places import _ancestors

_MAX_NAME = 4  # words of a name before the site noun
_LIST_JOINS = frozenset({",", "and"})
_CALENDAR_WORDS = cue_words("places", "calendar_words")


class SiteShapes:
    """The site nouns of lexicons/extraction.toml [places], read once per pipeline."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.shapes: list[tuple[Phrase, str]] = sorted(
            [(p, "MilitaryBase") for p in lexicon.phrases("places", "base_shapes")]
            + [(p, "Facility") for p in lexicon.phrases("places", "facility_shapes")],
            key=lambda pk: -len(pk[0]),
        )
        self.not_names = lexicon.words("places", "not_site_names")
        self.follow_up_cues = lexicon.words("places", "follow_up_cues")
        self.country_anaphors = lexicon.phrases("places", "country_anaphors")
        self.country_parts = lexicon.words("places", "country_parts")

    def country_referred(self, doc: Doc, start: int, end: int, known: Sequence[Mention]) -> list[Mention]:
        """ "in the east of the country": the last country named before START, if tokens [START, END)
        place the attack in a part of "the country" (the area, at country precision)."""
        norms = doc_norms(doc)
        for i in range(start, end):
            cue = next((c for c in self.country_anaphors if tuple(norms[i : i + len(c)]) == c), None)
            if cue is None:
                continue
            after = norms[i + len(cue) : i + len(cue) + 2]  # "the country's north"
            before = norms[max(start, i - 3) : i]  # "the east of the country"
            if not (
                self.country_parts & set(before) or (after[:1] == ["'s"] and self.country_parts & set(after))
            ):
                continue
            named = [m for m in known if m.end <= i and m.ref.place_kind == "Country" and not m.modifier]
            return named[-1:]
        return []

    def find(self, doc: Doc, start: int, end: int, known: Sequence[Mention]) -> tuple[str, str] | None:
        """(label, kind) of the first unknown site named by its shape in tokens [START, END)."""
        norms = doc_norms(doc)
        taken = {i for m in known for i in range(m.start, m.end)}
        for i in range(start + 1, end):
            shape = next((s for s in self.shapes if tuple(norms[i : i + len(s[0])]) == s[0]), None)
            if shape is None:
                continue
            first = i
            while (
                first > start
                and i - first < _MAX_NAME
                and doc[first - 1].text[:1].isupper()
                and norms[first - 1] not in self.not_names
                and first - 1 not in taken
            ):
                first -= 1
            if first == i or not doc[first].text[:1].isalpha():
                continue
            phrase, kind = shape
            label = f"{doc[first:i].text} {doc[i : i + len(phrase)].text}"
            return label, kind
        return None

    def places_of_summary(
        self,
        doc: Doc,
        span: tuple[int, int],
        mentions: Sequence[Mention],
        events: list[Event],
        evidence: Evidence,
        particles: frozenset[str],
    ) -> list[Event]:
        """The last attack, placed only by countries, at each finer place a sentence after it names.

        "... conducted strikes on seven facilities in Iraq and Syria. In Iraq, the targets were located in
        the vicinity of Al-Qaim and Akashat.": one strike near each town, with the summary's date and
        actors (the summary itself is absorbed by them later, as any country-level account is).
        """
        norms = doc_norms(doc)[span[0] : span[1]]
        if not any(n in self.follow_up_cues for n in norms):
            return []
        summary = next(
            (
                e
                for e in reversed(events)
                if e.kind in ATTACK_KINDS
                and e.targets + e.locations
                and not any(x.rule == evidence.rule for x in e.evidence)  # not one made by this rule
            ),
            None,
        )
        if summary is None or summary.targets or not summary.locations:
            return []
        countries = {e.iri for e in summary.locations if e.kind == "Country"}
        if len(countries) != len(summary.locations):
            return []
        towns: list[tuple[int, Entity]] = []
        for m in mentions:
            place = m.place
            if place is None or not place.iri or place.kind == "Country" or m.modifier:
                continue
            if countries & _ancestors(place.iri):
                towns.append((m.start, place))
                towns += [(s, e) for s, e in _listed_unknown(doc, span, m, mentions, particles)]
        made: list[Event] = []
        for _, place in sorted(towns, key=lambda t: t[0]):
            if any(e.locations == [place] for e in made):
                continue
            event = copy_event(summary)
            event.locations = [place]
            event.evidence = [evidence]  # the summary's own sentence comes when it is absorbed
            made.append(event)
        return made


def _listed_unknown(
    doc: Doc, span: tuple[int, int], m: Mention, known: Sequence[Mention], particles: frozenset[str]
) -> list[tuple[int, Entity]]:
    """Towns the gazetteer does not know listed with the known town M ("near Al-Hadi, Deir Ezzor and
    Mayadin"): the capitalized names joined to it by "," or "and", minted for review."""
    taken = {i for k in known for i in range(k.start, k.end)}
    found: list[tuple[int, Entity]] = []
    end = m.start - 1  # leftwards: "Al-Hadi, Deir Ezzor"
    while end > span[0] and doc[end].norm_ in _LIST_JOINS:
        start = end
        while start - 1 > span[0] and _in_name(doc[start - 1].text, particles):
            start -= 1
        name = capitalized_name(doc, start, particles=particles, max_tokens=4) if start < end else None
        if name is None or name.end != end or not _town_name(name, taken):
            break
        found.append((name.start, Entity(name.text, "City")))
        end = name.start - 1
    start = m.end  # rightwards: "Deir Ezzor and Al-Hadi"
    while start + 1 < span[1] and doc[start].norm_ in _LIST_JOINS:
        name = capitalized_name(doc, start + 1, particles=particles, max_tokens=4)
        if name is None or name.end > span[1] or not _town_name(name, taken):
            break
        found.append((name.start, Entity(name.text, "City")))
        start = name.end
    return found


def _in_name(text: str, particles: frozenset[str]) -> bool:
    return text[:1].isupper() or text == "-" or text.lower() in particles


def _town_name(name: Span, taken: set[int]) -> bool:
    """A name that is no known entity, starts with a title-case word and is not a month or weekday."""
    return (
        not any(i in taken for i in range(name.start, name.end))
        and name[0].is_title
        and len(name.text) >= 3
        and name[0].norm_ not in _CALENDAR_WORDS
    )
