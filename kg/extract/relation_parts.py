"""An organization that is part of another, said by the words around the two names.

Rules, each named in the evidence (``kg explain``):
- ``relation.own-part``: "Amaq, its news agency": the organization is a part of the group "its" is;
- ``relation.unit-of``: "the Ground Force of the IRGC" (a unit the gazetteer knows as "IRGC Ground Force");
- ``relation.whose-core``: "an alliance whose backbone is the YPG": the YPG is part of the alliance;
- ``relation.leading-part``: "the YPG, the militia that leads the SDF": the leading component is a part;
- ``relation.units-of``: "the Kataib Hezbollah brigades of the Hashd": the group's units are the whole's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.lexicon import doc_norms, find_phrases, fold, span_text
from kg.extract.mentions import Mention
from kg.extract.model import Entity, Evidence, Relation
from kg.extract.relation_words import DETERMINERS, RelationWords
from kg.reference import by_iri


class PartRules(RelationWords):
    """The rules that read a part of an organization from the words around it."""

    def _parts(
        self, doc: Doc, sent: Span, mentions: list[Mention], evidence: Evidence, last_group: Entity | None
    ) -> list[Relation]:
        orgs = [m for m in mentions if m.is_organization and not m.modifier and m.actor is not None]
        norms = doc_norms(doc)
        return (
            self._own_part(doc, norms, sent, orgs, evidence, last_group)
            + self._unit_of(doc, norms, sent, orgs, evidence)
            + self._whose_core(doc, norms, sent, orgs, evidence)
            + self._leading_part(doc, norms, sent, orgs, evidence)
            + self._units_of(doc, norms, sent, orgs, evidence)
        )

    def _units_of(
        self, doc: Doc, norms: list[str], sent: Span, orgs: list[Mention], evidence: Evidence
    ) -> list[Relation]:
        """ "the Kataib Hezbollah brigades of the Hashd": the named units are part of the whole after "of"."""
        out = []
        for part in orgs:
            j = part.end
            if j + 2 >= sent.end or norms[j] not in self.unit_nouns or norms[j + 1] != "of":
                continue
            k = j + 3 if norms[j + 2] in DETERMINERS else j + 2
            whole = next((m for m in orgs if m.start == k), None)
            if whole is None or whole.actor is None or part.actor is None or whole.actor == part.actor:
                continue
            read = evidence.read_by("relation.units-of", (span_text(doc[part.start : whole.end]),))
            out.append(Relation(part.actor, "partOf", whole.actor, read))
        return out

    def _own_part(
        self,
        doc: Doc,
        norms: list[str],
        sent: Span,
        orgs: list[Mention],
        evidence: Evidence,
        last_group: Entity | None,
    ) -> list[Relation]:
        """ "The group claimed it through Amaq, its propaganda news agency": Amaq is part of the group."""
        out = []
        for m in orgs:
            j = m.end
            if m.start > sent.start and norms[m.start - 1] in {"its", "their"}:
                # "via its Amaq propaganda agency": the name before the part noun, or ending in it
                k = m.end - 1 if norms[m.end - 1] in self.own_parts else j
            elif j + 2 >= sent.end or norms[j] != "," or norms[j + 1] not in {"its", "their"}:
                continue
            else:
                k = j + 2
            while (
                k < min(sent.end, j + 6)
                and doc[k].is_alpha
                and doc[k].is_lower
                and norms[k] not in self.own_parts
            ):
                k += 1
            if k >= sent.end or norms[k] not in self.own_parts:
                continue
            if k + 1 < sent.end and doc[k + 1].is_alpha and norms[k + 1] not in self.part_followers:
                continue  # "its wing commander": the noun is not the appositive's head
            owner = next((n.actor for n in orgs if n.end <= m.start and n.actor != m.actor), None)
            if owner is None and find_phrases(norms, self.anaphors, sent.start, m.start):
                owner = last_group  # "The group claimed ... through X, its agency"
            if owner is None or m.actor is None or owner == m.actor:
                continue
            read = evidence.read_by("relation.own-part", (span_text(doc[m.start : k + 1]),))
            out.append(Relation(m.actor, "partOf", owner, read))
        return out

    def _unit_of(
        self, doc: Doc, norms: list[str], sent: Span, orgs: list[Mention], evidence: Evidence
    ) -> list[Relation]:
        """ "The Ground Force of the IRGC": a capitalised unit name that, with the whole's own name
        before it, is a name the gazetteer knows ("IRGC Ground Force")."""
        refs = by_iri()
        out = []
        for whole in orgs:
            j = whole.start - 1
            if j > sent.start and norms[j] in DETERMINERS:
                j -= 1
            if j <= sent.start or norms[j] != "of":
                continue
            start = j
            while (
                start > sent.start
                and j - start < 4
                and doc[start - 1].is_alpha
                and doc[start - 1].text[:1].isupper()
                and norms[start - 1] not in DETERMINERS
            ):
                start -= 1
            if start == j:
                continue
            ref = refs.get(whole.ref.iri)
            if ref is None or whole.actor is None:
                continue
            unit: Entity | None = None
            for first in range(start, j):
                words = doc[first:j].text
                unit = next(
                    (
                        found
                        for label in (ref.label, *ref.alt_labels)
                        if (found := self.org_names.get(fold(f"{label} {words}"))) is not None
                    ),
                    None,
                )
                if unit is not None:
                    break
            if unit is None or unit.iri == whole.actor.iri:
                continue
            read = evidence.read_by("relation.unit-of", (span_text(doc[start : whole.end]),))
            out.append(Relation(unit, "partOf", whole.actor, read))
        return out

    def _whose_core(
        self, doc: Doc, norms: list[str], sent: Span, orgs: list[Mention], evidence: Evidence
    ) -> list[Relation]:
        """ "The SDF is an alliance whose backbone is the YPG": the YPG is part of the SDF."""
        out = []
        for s, e, _ in find_phrases(norms, self.whose_core, sent.start, sent.end):
            whole = next((m for m in reversed(orgs) if m.end <= s and s - m.end <= 10), None)
            j = e + 1 if e < sent.end and norms[e] in DETERMINERS else e
            part = next((m for m in orgs if m.start == j), None)
            if whole is None or part is None or whole.actor is None or part.actor is None:
                continue
            read = evidence.read_by("relation.whose-core", (span_text(doc[s : part.end]),))
            out.append(Relation(part.actor, "partOf", whole.actor, read))
        return out

    def _leading_part(
        self, doc: Doc, norms: list[str], sent: Span, orgs: list[Mention], evidence: Evidence
    ) -> list[Relation]:
        """ "the YPG, the Kurdish-dominated militia that leads the SDF": the YPG is part of the SDF."""
        out = []
        for i in range(sent.start + 1, sent.end - 1):
            if norms[i] not in self.leading_verbs or norms[i - 1] not in {"that", "which"}:
                continue
            j = i + 2 if norms[i + 1] in DETERMINERS else i + 1
            whole = next((m for m in orgs if m.start == j), None)
            # the part: named right before "that", or before an appositive ending in a group noun
            rel = i - 1
            part = next((m for m in orgs if m.end == rel), None)
            if part is None and norms[rel - 1] in self.group_nouns:
                comma = next(
                    (k for k in range(rel - 2, max(sent.start, rel - 8), -1) if norms[k] == ","), None
                )
                if comma is not None and norms[comma + 1] in DETERMINERS:
                    part = next((m for m in orgs if m.end == comma), None)
            if whole is None or part is None or whole.actor is None or part.actor is None:
                continue
            read = evidence.read_by("relation.leading-part", (span_text(doc[part.start : whole.end]),))
            out.append(Relation(part.actor, "partOf", whole.actor, read))
        return out
