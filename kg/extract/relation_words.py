"""What every relation rule shares: the cue words of ``lexicons/extraction.toml`` and token helpers.

The rules are split by what they relate: :mod:`kg.extract.relation_groups` (an organization and the
organization or state it belongs to or is backed by), :mod:`kg.extract.relation_people` (a person's
role in an organization) and :mod:`kg.extract.relation_offices` (a person holding a government office).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.extract.lexicon import Lexicon, Phrase, fold
from kg.extract.mentions import Mention
from kg.extract.model import Entity
from kg.namespaces import REFERENCE
from kg.reference import ORGANIZATION_KINDS, by_iri, reference_entities

POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
SKIPPABLE = frozenset({"the", "a", "an", "its", "their", "his"})
CLAUSE_WORDS = frozenset(
    {"that", "which", "who", "includes", "include", "including", "such", "and", ",", ";"}
)
RELATIVE = frozenset({"who", "whom"})
# how a relative clause gives its person a title: "who is also the", "whom X described as the"
ADVERBS = frozenset({"also", "now", "still", "currently", "once", "formerly", "then", "later"})
COPULAS = frozenset({"is", "was", "as", "became", "becomes", "remains", "remained", "been", "be"})
LIST_WORDS = frozenset({"and", ","})
NAME_CONNECTORS = frozenset({"for", "of", "the", "in"})
# what opens an appositive: a comma, a dash or a bracket ("X - an Iran-backed militia -", "X (an ... group)")
APPOSITION = frozenset({",", "-", "--", "(", "—", "–"})
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "``", "''"})
DETERMINERS = frozenset({"the", "a", "an"})
# "the 30th Brigade": a numbered unit's name opens with an ordinal
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
# "receives most of its funding from": how much of what is received
SHARES = frozenset({"most", "much", "some", "part", "bulk", "all", "of"})


class RelationWords:
    """The cue words of the relation rules, read once from the lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        w, ph = lexicon.words, lexicon.phrases
        self.cues: list[tuple[str, tuple[Phrase, ...]]] = [
            ("backedBy", ph("relation", "backed_by")),
            ("affiliatedWith", ph("relation", "affiliated_with")),
            ("memberOf", ph("relation", "member_of")),
            ("partOf", ph("relation", "part_of")),
        ]
        self.inverse_cues: list[tuple[str, tuple[Phrase, ...]]] = [
            ("leaderOf", ph("relation", "led_by")),
            ("commanderOf", ph("relation", "commanded_by")),
        ]
        self.suffix = lexicon.mapping("relation", "backed_suffix_relation")
        self.capital_states = lexicon.mapping("relation", "capital_states")
        self.titles: list[tuple[str, tuple[Phrase, ...]]] = [
            ("commanderOf", ph("relation", "commander")),
            ("leaderOf", ph("relation", "leader")),
            ("memberOf", ph("relation", "member")),
        ]
        self.modifiers = w("relation", "title_modifiers")
        self.role_verbs = w("relation", "role_verbs")
        self.role_auxiliaries = w("relation", "role_auxiliaries")
        self.provide_verbs = w("relation", "provide_verbs")
        self.include_verbs = w("relation", "include_verbs")
        self.particles = w("relation", "name_particles")
        self.ranks = w("relation", "ranks")
        self.umbrella = w("relation", "umbrella")
        self.including = ph("relation", "including")
        self.whose_ranks = ph("relation", "whose_ranks")
        self.whose_core = ph("relation", "whose_core")
        self.own_parts = w("relation", "own_parts")
        self.part_followers = w("relation", "part_followers")
        self.leading_verbs = w("relation", "leading_verbs")
        self.anaphors = ph("claim", "anaphors")
        self.receive = w("relation", "receive_verbs")
        self.support = w("relation", "support_nouns")
        self.banners = w("relation", "banner_nouns")
        self.part_nouns = w("relation", "part_nouns")
        self.unit_nouns = w("relation", "unit_nouns")
        self.part_plurals = w("relation", "part_plurals")
        self.unnamed_plurals = w("relation", "unnamed_plurals")
        self.composing = ph("relation", "composing")
        self.client_nouns = w("relation", "client_nouns")
        self.list_quantifiers = w("relation", "list_quantifiers")
        self.list_counts = w("relation", "list_counts")
        self.placing_preps = w("relation", "placing_preps")
        self.plural_verbs = w("relation", "plural_verbs")
        self.plural_determiners = w("relation", "plural_determiners")
        self.backing_participles = w("relation", "backing_participles")
        self.backing_core = w("relation", "backing_core")
        self.object_pronouns = w("relation", "object_pronouns")
        self.open_triggers = self.receive | self.part_nouns | {"one", "under", "by"}
        self.group_nouns = w("relation", "group_nouns")
        self.backed_between = w("relation", "backed_between") | self.group_nouns | self.modifiers
        self.state_forces = w("relation", "state_forces")
        self.name_stops = w("relation", "name_stops")
        self.saying = w("relation", "saying_verbs")
        self.org_name_words = w("relation", "org_name_words")
        self.leads = lexicon.mapping("relation", "leads_verbs")
        self.oversees = lexicon.mapping("relation", "oversees_verbs")
        self.operations = w("relation", "operations_nouns")
        refs = by_iri()
        self.short_bodies = {
            word: Entity(ref.label, ref.actor_kind, ref.iri)
            for word, local in lexicon.mapping("relation", "short_bodies").items()
            if (ref := refs.get(str(REFERENCE[local]))) is not None and ref.actor_kind is not None
        }
        self.capitals = {
            str(REFERENCE[city]): ref
            for city, state in lexicon.mapping("relation", "capitals").items()
            if (ref := refs.get(str(REFERENCE[state]))) is not None
        }
        # "IRGC Quds Force" is one name in the reference data: its first words name the owner
        self.org_names: dict[str, Entity] = {}
        for ref in reference_entities():
            if ref.actor_kind in ORGANIZATION_KINDS:
                for label in (ref.label, *ref.alt_labels):
                    self.org_names.setdefault(fold(label), Entity(ref.label, ref.actor_kind, ref.iri))
        # "Iran's Revolutionary Guards" is one name in the reference data: its first word names the state
        self.states = {
            fold(label): Entity(ref.label, "State", ref.iri)
            for ref in reference_entities()
            if ref.actor_kind == "State"
            for label in (ref.label, *ref.alt_labels)
            if " " not in label
        }

    def _skip(self, doc: Doc, start: int, limit: int | None = None) -> int:
        """The first token at or after START that is not a possessive, a modifier or a bracketed alias."""
        end = len(doc) if limit is None else limit
        j = start
        while j < end:
            norm = doc[j].norm_
            if norm in POSSESSIVE or norm in self.modifiers or norm in SKIPPABLE:
                j += 1
            elif norm == "(":
                close = next((k for k in range(j + 1, min(end, j + 10)) if doc[k].norm_ == ")"), None)
                if close is None:
                    break
                j = close + 1
            else:
                break
        return j

    def _named_by_head(self, doc: Doc, start: int, orgs: list[Mention]) -> Mention | None:
        """The organization "the commission" at START refers to: the last one named before whose name
        ends in that noun, capitalised ("the Popular Mobilization Commission")."""
        if start + 1 >= len(doc) or doc[start].norm_ != "the" or not doc[start + 1].is_lower:
            return None
        noun = doc[start + 1].norm_
        if not doc[start + 1].is_alpha or noun in self.group_nouns:
            return None  # "the group": the anaphors' own rule
        return next(
            (
                m
                for m in reversed(orgs)
                if m.end <= start and doc[m.end - 1].norm_ == noun and doc[m.end - 1].text[:1].isupper()
            ),
            None,
        )

    def _owned_appositive(self, doc: Doc, start: int, mentions: list[Mention]) -> Mention | None:
        """The organization an appositive names for the part at START: "the Guards' overseas arm, the
        Quds Force" (START is the first word after the possessive)."""
        k = start
        while k < min(len(doc), start + 4) and doc[k].is_alpha and doc[k].is_lower:
            if doc[k].norm_ in self.own_parts:
                break
            k += 1
        if (
            k + 1 >= len(doc)
            or doc[k].norm_ not in self.own_parts
            or doc[k + 1].norm_ not in {",", "-", "--"}
        ):
            return None
        j = k + 2 + (1 if k + 2 < len(doc) and doc[k + 2].norm_ in DETERMINERS else 0)
        return next((m for m in mentions if m.start == j and m.is_organization and not m.modifier), None)

    def _unknown_group_ending(self, doc: Doc, end: int, mentions: list[Mention]) -> Span | None:
        """A group the reference data lacks whose name ends at END ("Liwa Fatemiyoun, an Iran-backed
        militia"), minted as a mention when its name says it is a group."""
        start = end
        while start > 0 and end - start < 8 and self._inside_name(doc, start - 1):
            start -= 1
        while start < end and (
            doc[start].norm_ in DETERMINERS
            or not (doc[start].text[:1].isupper() or _ORDINAL.match(doc[start].text))
        ):
            start += 1
        name = doc[start:end] if start < end else None
        if name is None or not {t.norm_ for t in name} & self.org_name_words:
            return None
        if any(n.start < name.end and n.end > name.start and n.label != "DEMONYM" for n in mentions):
            return None
        return name

    def _inside_name(self, doc: Doc, j: int) -> bool:
        """Whether token J may be part of a name read backwards: "Islamic Front for the Iraqi Resistance"."""
        if doc[j].text[:1].isupper() or doc[j].norm_ in self.particles or _ORDINAL.match(doc[j].text):
            return True  # "the 30th Brigade": a numbered unit
        if doc[j].norm_ not in NAME_CONNECTORS or j < 2:
            return False
        before = doc[j - 1]
        return before.text[:1].isupper() or (
            before.norm_ in NAME_CONNECTORS and doc[j - 2].text[:1].isupper()
        )


def compound_heads(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """ "IRGC-Quds Force": the start of the qualifying organization -> the organization it qualifies."""
    starts = {m.start: m for m in mentions if m.is_organization and not m.modifier}
    return {
        m.start: head
        for m in mentions
        if m.modifier
        and m.is_organization
        and doc[m.end].text == "-"
        and (head := starts.get(m.end + 1)) is not None
    }


def is_org(entity: Entity) -> bool:
    return entity.kind in ORGANIZATION_KINDS
