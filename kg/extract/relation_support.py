"""Relations told by a verb whose subject is the backer or the whole, the other side after it.

Rules, each named in the evidence (``kg explain``):
- ``relation.provides``: "the Quds Force supplies Kataib Hezbollah with drones and money": the group
  the verb reaches is backed by the subject (at least one thing given must be support: weapons,
  funding, training; "provided Baghdad with intelligence" names a government, not a group, and gives
  nothing);
- ``relation.includes``: "the PMF includes Kataib Hezbollah and Asaib Ahl al-Haq", "the PMF, which
  comprises KH and AAH among its factions": each group listed is a member of the subject.

The backer or the whole is the organization (or state) right before the verb, or before ", which".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.lexicon import doc_norms, span_text
from kg.extract.mentions import Mention
from kg.extract.model import Evidence, Relation
from kg.extract.relation_words import ADVERBS, DETERMINERS, RelationWords

_LIST_JOINS = frozenset({",", "and", "as", "well"})


class SupportRules(RelationWords):
    """The rules that read a backer or a whole from the subject of a verb of giving or including."""

    def _subject_verbs(
        self, doc: Doc, sent: Span, mentions: list[Mention], evidence: Evidence
    ) -> list[Relation]:
        norms = doc_norms(doc)
        out: list[Relation] = []
        for i in range(sent.start + 1, sent.end - 1):
            word = norms[i]
            if word in self.provide_verbs:
                out += self._provides(doc, norms, i, sent, mentions, evidence)
            elif word in self.include_verbs:
                out += self._includes(doc, norms, i, sent, mentions, evidence)
        return out

    def _subject(self, norms: list[str], verb: int, sent: Span, mentions: list[Mention]) -> Mention | None:
        """The organization or state whose verb is at VERB: right before it (past adverbs, "has"), or
        before ", which"."""
        j = verb
        while j - 1 > sent.start and (norms[j - 1] in ADVERBS or norms[j - 1] in {"has", "have", "had"}):
            j -= 1
        if norms[j - 1] in {"which", "that"} and j - 2 > sent.start and norms[j - 2] == ",":
            j -= 2
        return next(
            (
                m
                for m in mentions
                if m.end == j and m.actor is not None and not m.modifier and not m.is_person
            ),
            None,
        )

    def _provides(
        self, doc: Doc, norms: list[str], verb: int, sent: Span, mentions: list[Mention], evidence: Evidence
    ) -> list[Relation]:
        backer = self._subject(norms, verb, sent, mentions)
        k = verb + 1
        while k < sent.end and norms[k] in DETERMINERS:
            k += 1
        client = next((m for m in mentions if m.start == k and m.is_group and not m.modifier), None)
        if backer is None or client is None or client.actor is None or backer.actor is None:
            return []
        with_at = client.end
        if with_at >= sent.end or norms[with_at] != "with":
            return []
        given = norms[with_at + 1 : min(sent.end, with_at + 9)]
        if not any(w in self.support for w in given):
            return []
        text = span_text(doc[backer.start : min(sent.end, with_at + 4)])
        read = evidence.read_by("relation.provides", (text,))
        return [Relation(client.actor, "backedBy", backer.actor, read)]

    def _includes(
        self, doc: Doc, norms: list[str], verb: int, sent: Span, mentions: list[Mention], evidence: Evidence
    ) -> list[Relation]:
        whole = self._subject(norms, verb, sent, mentions)
        if whole is None or whole.actor is None or not whole.is_organization:
            return []
        members: list[Mention] = []
        k = verb + 1
        while k < sent.end:
            m = next((m for m in mentions if m.start == k and m.is_group and not m.modifier), None)
            if m is not None:
                members.append(m)
                k = m.end
            elif norms[k] in _LIST_JOINS or norms[k] in DETERMINERS:
                k += 1
            else:
                break
        out = []
        for member in members:
            if member.actor is None or member.actor == whole.actor:
                continue
            text = span_text(doc[whole.start : member.end])
            out.append(
                Relation(
                    member.actor, "memberOf", whole.actor, evidence.read_by("relation.includes", (text,))
                )
            )
        return out
