"""Relations between actors: backed by, part of, member of, affiliated with, commander of, leader of.

The reader runs every rule over each sentence and keeps one statement per (subject, relation, object).
The rules live by how the relation is written: :mod:`kg.extract.relation_suffixes` ("Iran-backed X"),
:mod:`kg.extract.relation_groups` (a cue between two organizations: "X, a faction of Y"),
:mod:`kg.extract.relation_owners` (a possessive, "of" or a hyphen: "Iran's Quds Force"),
:mod:`kg.extract.relation_people` (a person's role in an organization),
:mod:`kg.extract.relation_offices` (a person holding a government office),
:mod:`kg.extract.relation_parts` (a part named by the words around it: "Amaq, its news agency") and
:mod:`kg.extract.relation_support` (a verb whose subject backs or holds the group after it: "Iran
supplies X with drones", "the PMF includes X and Y"); their cue words are in
``lexicons/extraction.toml`` [relation] and ``lexicons/offices.toml``, shared helpers in
:mod:`kg.extract.relation_words`.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

from kg.extract.lexicon import doc_norms
from kg.extract.mentions import Mention, find_mentions, sentence_evidence
from kg.extract.model import Entity, Relation
from kg.extract.relation_groups import GroupRules
from kg.extract.relation_offices import OfficeRules
from kg.extract.relation_owners import OwnerRules
from kg.extract.relation_parts import PartRules
from kg.extract.relation_suffixes import SuffixRules
from kg.extract.relation_support import SupportRules
from kg.extract.relation_words import QUOTES, compound_heads, is_org


class RelationReader(SuffixRules, GroupRules, OwnerRules, PartRules, OfficeRules, SupportRules):
    """Reads actor relations from a parsed article."""

    _title_set: frozenset[str] | None = None

    def read(self, doc: Doc) -> list[Relation]:
        """Relations of one article, one per (subject, relation, object), first sentence kept."""
        every = [m for m in find_mentions(doc) if not m.dateline]
        every = [m for m in every if not self._other_bearer(doc, m, every)]
        mentions = [m for m in every if m.label in {"ACTOR", "STATE"}]
        # "Iranian-backed militias": a demonym with a suffix names its state, and so does a capital
        # ("Tehran-backed")
        suffixed = [
            m
            for m in every
            if m.label in {"ACTOR", "STATE", "DEMONYM"}
            or (m.modifier and m.ref.iri.rsplit("/", 1)[-1] in self.capital_states)
        ]
        groups = [m for m in mentions if m.is_group and not m.modifier]
        people = [m for m in mentions if m.is_person]
        named = [m for m in mentions if m.is_organization and not m.modifier]
        heads = compound_heads(doc, mentions)
        # mentions are in document order: a sentence's mentions are a slice, found by bisection
        starts, suffixed_starts = [m.start for m in mentions], [m.start for m in suffixed]
        every_starts, group_starts = [m.start for m in every], [m.start for m in groups]
        norms = doc_norms(doc)
        open_cues = [i for i, norm in enumerate(norms) if norm in self.open_triggers]
        found: list[Relation] = []
        # subjects of the sentence just read, for a "They are ..." opening the next one
        previous: tuple[int, list[Entity]] = (-1, [])
        for sent in doc.sents:
            if _asks(sent):
                continue  # "Does the department consider X a proxy of Iran?": a question states nothing
            # "Iraqi Prime Minister X": an office names its person and body without an actor in sight
            anything = every[bisect_left(every_starts, sent.start) : bisect_left(every_starts, sent.end)]
            inside = mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            earlier = groups[: bisect_left(group_starts, sent.start)]
            last_group = _topic(doc, earlier)
            evidence = sentence_evidence(sent)
            if anything:
                found += self._offices(doc, sent, anything, every, people, evidence)
            if not inside:
                # "X, a spokesman for the group": a title may name its group without a name
                found += self._titles(doc, sent, inside, heads, evidence, last_group, people, named)
                continue
            they = previous[1] if previous[0] == sent.start else []
            triggers = open_cues[bisect_left(open_cues, sent.start) : bisect_left(open_cues, sent.end)]
            here = self._suffix(
                doc,
                suffixed[bisect_left(suffixed_starts, sent.start) : bisect_left(suffixed_starts, sent.end)],
                evidence,
            )
            here += self._compounds(doc, inside, heads, evidence)
            here += self._owner_named_first(doc, inside, evidence)
            here += self._cues(doc, sent, inside, heads, evidence, they, triggers, every)
            here += self._possessive(doc, inside, heads, evidence)
            here += self._clients(doc, inside, evidence)
            here += self._of_owner(doc, inside, evidence)
            here += self._led_by(doc, sent, inside, evidence, named)
            here += self._leads(doc, sent, inside, people, evidence)
            here += self._possessive_leader(doc, inside, evidence)
            here += self._titles(doc, sent, inside, heads, evidence, last_group, people, named)
            here += self._umbrella(doc, sent, inside, evidence)
            here += self._part_nouns(doc, sent, inside, evidence)
            here += self._whose(doc, sent, inside, evidence)
            here += self._parts(doc, sent, inside, evidence, last_group)
            here += self._subject_verbs(doc, sent, inside, evidence)
            previous = (sent.end, _subjects(here))
            found += here
        unique: dict[tuple[str, str, str], Relation] = {}
        for relation in found:
            key = (relation.subject.key, relation.predicate, relation.object.key)
            if key[0] != key[2]:
                unique.setdefault(key, relation)
        return list(unique.values())

    def _other_bearer(self, doc: Doc, m: Mention, every: list[Mention]) -> bool:
        """Whether the surname M names is another person's: "Ali Nasser al-Khazali" is not the
        gazetteer's Qais al-Khazali, though "al-Khazali" alone would be him.

        Given names right before a one-word surname (past its particles) make a longer name, unless
        they are a title or a rank ("Prime Minister Kadhimi", "Gen. Salami").
        """
        if not m.is_person or sum(1 for t in doc[m.start : m.end] if t.norm_ not in self.particles) != 1:
            return False
        k = m.start - 1
        while k >= 0 and doc[k].norm_ in self.particles:
            k -= 1
        if k < 0 or any(n.start <= k < n.end for n in every):
            return False
        given = doc[k]
        if not (given.is_alpha and given.text[:1].isupper()) or given.is_sent_start:
            return False
        if self._title_set is None:
            self._title_set = _title_words(self)
        norm = given.norm_
        return norm not in self.ranks and norm not in self._title_set and norm not in self.name_stops


def _title_words(reader: RelationReader) -> frozenset[str]:
    words = {w for _, phrases in reader.titles for phrase in phrases for w in phrase}
    return frozenset(words | {w for office in reader.office_list for phrase in office.titles for w in phrase})


def _topic(doc: Doc, earlier: list[Mention]) -> Entity | None:
    """The group "the group" of a sentence refers to: the first one of the last sentence that names one.

    "X, one of the largest factions within Y, said ... . A spokesman for the group": X, the sentence's
    subject, not Y, named last inside its appositive.
    """
    if not earlier:
        return None
    start = doc[earlier[-1].start].sent.start
    return next(m.actor for m in earlier if m.start >= start)


def _asks(sent: Span) -> bool:
    """Whether SENT is a question (a reporter's, an interviewer's)."""
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in QUOTES), None)
    return last is not None and last.text == "?"


def _subjects(relations: list[Relation]) -> list[Entity]:
    """The organizations a sentence made subjects of, for a "they" in the next one."""
    found: list[Entity] = []
    for relation in relations:
        if is_org(relation.subject) and relation.subject not in found:
            found.append(relation.subject)
    return found
