"""Relations read from how one organization names another as its owner: a possessive, "of", a hyphen.

Rules, each named in the evidence (``kg explain``):
- ``relation.possessive``: "the IRGC's elite Quds Force", "the PMF's (PMF) Harakat al-Nujaba";
- ``relation.state-possessive``: "Iran's Quds Force", "Iraq's paramilitary Hashd" (a state institution);
- ``relation.of-owner``: "the Quds Force of Iran's Revolutionary Guards";
- ``relation.compound``: "the IRGC-Quds Force" (the second organization is a unit of the first);
- ``relation.owner-in-name``: "the IRGC Quds Force" (one gazetteer name that opens with its owner's);
- ``relation.client``: "X is the oldest of the Quds Force's Iraqi clients", "X, Iran's main proxy" (the
  possessor of a client noun backs the organization the copula or the appositive describes).
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.lexicon import doc_norms, fold, span_text
from kg.extract.mentions import Mention
from kg.extract.model import Entity, Evidence, Relation
from kg.extract.relation_words import (
    COPULAS,
    POSSESSIVE,
    RelationWords,
)


class OwnerRules(RelationWords):
    """The rules that read an organization's owner from a possessive, "of" or a hyphen."""

    def _possessive(
        self, doc: Doc, mentions: list[Mention], heads: dict[int, Mention], evidence: Evidence
    ) -> list[Relation]:
        out = self._state_possessive(doc, mentions, evidence)
        for m in mentions:
            if not (m.possessor and m.is_organization and m.actor) or m.modifier:
                continue
            j = self._skip(doc, m.end + 1)
            owned = heads.get(j) or next(
                (n for n in mentions if n.start == j and n.is_organization and n.actor), None
            )
            # "the Guards' overseas arm, the Quds Force": the part, named by its appositive
            owned = owned or self._owned_appositive(doc, j, mentions)
            if owned is not None and owned.actor is not None and owned.actor != m.actor:
                text = span_text(doc[m.start : owned.end])
                out.append(
                    Relation(owned.actor, "partOf", m.actor, evidence.read_by("relation.possessive", (text,)))
                )
        return out + self._whose_part(doc, mentions, evidence)

    def _whose_part(self, doc: Doc, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        """ "the IRGC, whose Quds Force arms the militias": "whose" is the possessive of the name before."""
        norms = doc_norms(doc)
        out = []
        for m in mentions:
            if (
                m.modifier
                or not m.is_organization
                or m.actor is None
                or norms[m.end : m.end + 2] != [",", "whose"]
            ):
                continue
            owned = next(
                (n for n in mentions if n.start == m.end + 2 and n.is_organization and not n.modifier), None
            )
            if owned is not None and owned.actor is not None and owned.actor != m.actor:
                text = span_text(doc[m.start : owned.end])
                out.append(
                    Relation(owned.actor, "partOf", m.actor, evidence.read_by("relation.possessive", (text,)))
                )
        return out

    def _state_possessive(self, doc: Doc, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        """ "Iran's Quds Force", "Iraq's paramilitary Hashd": an institution of the state is part of it.

        An armed group is part of a state only when a word between says it is a state force: "Iraq's
        Kataib Hezbollah" is a group based in Iraq, not an Iraqi institution.
        """
        norms = doc_norms(doc)
        out = []
        for m in mentions:
            state: Entity | None = None
            if m.label == "STATE" and m.possessor and not m.modifier:
                state, j = m.actor, m.end + 1
                words = set()
                while j < len(doc) and (norms[j] in self.modifiers or norms[j] in self.state_forces):
                    words.add(norms[j])
                    j += 1
                owned = next((n for n in mentions if n.start == j and n.is_organization), None)
            elif m.is_organization and m.end - m.start >= 3 and norms[m.start + 1] in POSSESSIVE:
                # one name that opens with its state: "Iran's Revolutionary Guards"
                state, owned, words = self.states.get(norms[m.start]), m, set()
            else:
                continue
            if state is None or owned is None or owned.actor is None or owned.modifier:
                continue
            if owned.actor.kind == "ArmedGroup" and not words & self.state_forces:
                continue
            text = span_text(doc[m.start : owned.end])
            out.append(
                Relation(owned.actor, "partOf", state, evidence.read_by("relation.state-possessive", (text,)))
            )
        return out

    def _of_owner(self, doc: Doc, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        """ "the Quds Force of Iran's Revolutionary Guards": an organization of another is part of it."""
        norms = doc_norms(doc)
        out = []
        for m in mentions:
            if m.end >= len(doc) or norms[m.end] != "of" or not m.is_organization or m.modifier:
                continue
            j = self._skip(doc, m.end + 1)
            state = next((n for n in mentions if n.start == j and n.label == "STATE" and n.possessor), None)
            if state is not None:  # "of Iran's IRGC": the state's organization
                j = self._skip(doc, state.end + 1)
            whole = next((n for n in mentions if n.start == j and n.is_organization and not n.modifier), None)
            if whole is None or whole.actor is None or m.actor is None:
                continue
            text = span_text(doc[m.start : whole.end])
            read = evidence.read_by("relation.of-owner", (text,))
            out.append(Relation(m.actor, "partOf", whole.actor, read))
        return out

    def _owner_named_first(self, doc: Doc, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        """ "IRGC Quds Force": one name whose first words name another organization and whose other
        words name this one (not "Hezbollah Brigades": "Brigades" alone names nothing)."""
        out = []
        for m in mentions:
            if m.actor is None or not m.is_organization or m.modifier or m.end - m.start < 2:
                continue
            for k in range(m.start + 1, m.end):
                owner = self.org_names.get(fold(doc[m.start : k].text))
                rest = self.org_names.get(fold(doc[k : m.end].text))
                if owner is None or rest is None or rest.iri != m.actor.iri or owner.iri == m.actor.iri:
                    continue
                text = span_text(doc[m.start : m.end])
                out.append(
                    Relation(m.actor, "partOf", owner, evidence.read_by("relation.owner-in-name", (text,)))
                )
                break
        return out

    def _compounds(
        self, doc: Doc, mentions: list[Mention], heads: dict[int, Mention], evidence: Evidence
    ) -> list[Relation]:
        """ "the IRGC-Quds Force": the Quds Force is part of the IRGC."""
        out = []
        for m in mentions:
            head = heads.get(m.start)
            if head is not None and head.actor is not None and m.actor is not None:
                text = span_text(doc[m.start : head.end])
                out.append(
                    Relation(head.actor, "partOf", m.actor, evidence.read_by("relation.compound", (text,)))
                )
        return out

    def _clients(self, doc: Doc, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        """ "Kataib Hezbollah is the oldest of the Quds Force's Iraqi clients", "X, one of Iran's proxies":
        the organization described is backed by the possessor of the client noun."""
        norms = doc_norms(doc)
        out = []
        for m in mentions:
            if (
                not m.possessor
                or m.modifier
                or m.actor is None
                or not (m.is_organization or m.label == "STATE")
            ):
                continue
            k = m.end + 1
            while k < min(len(doc), m.end + 4) and doc[k].is_alpha and norms[k] not in self.client_nouns:
                k += 1
            if k >= len(doc) or norms[k] not in self.client_nouns:
                continue
            # back over "one of the", "the oldest and best-armed of" to the copula or the appositive's comma
            j = m.start - 1
            while j > m.start - 10 and j > 0 and norms[j] not in COPULAS and norms[j] != ",":
                if not (doc[j].is_alpha and doc[j].is_lower) and norms[j] != "-":
                    break
                j -= 1
            if norms[j] not in COPULAS and norms[j] != ",":
                continue
            described = next(
                (n for n in mentions if n.end == j and n.is_organization and not n.modifier and n.actor), None
            )
            if described is None or described.actor is None or described.actor == m.actor:
                continue
            text = span_text(doc[described.start : k + 1])
            out.append(
                Relation(described.actor, "backedBy", m.actor, evidence.read_by("relation.client", (text,)))
            )
        return out
