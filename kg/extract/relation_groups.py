"""Relations between organizations and the states behind them: backed by, part of, member of, affiliated with.

Rules, each named in the evidence (``kg explain``):
- ``relation.suffix``: "Iran-backed Kata'ib Hezbollah" (the hyphenated modifier names the backer);
- ``relation.cue``: "X, a network ... backed by Iran and affiliated with the IRGC" (the subject is the
  nearest actor before the cue that is not itself the object of an earlier cue);
- ``relation.possessive``: "the IRGC's elite Quds Force", "the PMF's (PMF) Harakat al-Nujaba";
- ``relation.umbrella``: "X, an umbrella of groups including Y and Z";
- ``relation.compound``: "the IRGC-Quds Force" (two organizations joined by a hyphen: the second is a unit
  of the first);
- ``relation.part-noun``: "Kata'ib Hezbollah (KH), the largest IRI component".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.lexicon import doc_norms, find_phrases, span_text
from kg.extract.mentions import Mention, capitalized_name
from kg.extract.model import Entity, Evidence, Relation
from kg.extract.relation_words import (
    APPOSITION,
    CLAUSE_WORDS,
    COPULAS,
    DETERMINERS,
    LIST_WORDS,
    NAME_CONNECTORS,
    POSSESSIVE,
    SHARES,
    SKIPPABLE,
    RelationWords,
    is_org,
)


class GroupRules(RelationWords):
    """The rules that relate an organization to the organization or state it belongs to or serves."""

    def _suffix(self, doc: Doc, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        out = []
        for m in mentions:
            predicate = self.suffix.get(m.modifier or "")
            if predicate is None or m.actor is None:
                continue
            if predicate == "affiliatedWith" and not m.is_organization:
                continue  # "Iran-aligned": a stance towards a state, not an affiliation
            after = [
                n
                for n in mentions
                if m.end + 2 <= n.start <= m.end + 6
                and n.is_organization
                and not n.modifier
                # not "an alliance of Iranian-backed militias that includes Kata'ib Hezbollah"
                and not {doc[j].norm_ for j in range(m.end + 2, n.start)} & CLAUSE_WORDS
                and all(self._describes(doc, j, mentions) for j in range(m.end + 2, n.start))
            ]
            if after and after[0].actor:
                text = doc[m.start : after[0].end].text
                out.append(
                    Relation(after[0].actor, predicate, m.actor, evidence.read_by("relation.suffix", (text,)))
                )
                continue
            named = self._unknown_group_after(doc, m, mentions)
            if named is not None:  # "the Iran-backed Fatemiyoun Brigade": a group the gazetteer lacks
                text = doc[m.start : named[1]].text
                out.append(
                    Relation(named[0], predicate, m.actor, evidence.read_by("relation.suffix", (text,)))
                )
                continue
            # "Kataib Hezbollah, the Iran-backed militia blamed for ...": the group before the comma
            owner = self._appositive_owner(doc, m, mentions)
            if owner is not None and owner.actor is not None:
                text = doc[owner.start : m.end + 3].text
                out.append(
                    Relation(owner.actor, predicate, m.actor, evidence.read_by("relation.suffix", (text,)))
                )
                continue
            end = self._appositive_end(doc, m, mentions) if owner is None else None
            unknown = self._unknown_group_ending(doc, end, mentions) if end else None
            if unknown is not None:  # "Liwa Fatemiyoun, an Iran-backed militia": a group the gazetteer lacks
                group = Entity(span_text(unknown), "ArmedGroup")
                text = doc[unknown.start : m.end + 3].text
                out.append(Relation(group, predicate, m.actor, evidence.read_by("relation.suffix", (text,))))
                continue
            # "the Islamic Resistance in Iraq, an umbrella of Iran-backed militias": the umbrella is backed
            # "an umbrella of", "a banner for"
            j = m.start - 1
            while j > 0 and doc[j].norm_ not in {"of", "for"} and m.start - j <= 3:
                j -= 1
            if doc[j].norm_ in {"of", "for"} and doc[j - 1].norm_ in self.umbrella:
                owner = next(
                    (
                        n
                        for n in reversed(mentions)
                        if n.end <= j - 1 and j - 1 - n.end <= 4 and n.is_organization
                    ),
                    None,
                )
                if owner is not None and owner.actor is not None and not owner.modifier:
                    text = doc[owner.start : m.end + 2].text
                    out.append(
                        Relation(
                            owner.actor, predicate, m.actor, evidence.read_by("relation.suffix", (text,))
                        )
                    )
        return out

    def _describes(self, doc: Doc, j: int, mentions: list[Mention]) -> bool:
        """Whether token J may stand between "Iran-backed" and the group it describes."""
        norm = doc[j].norm_
        return norm in self.backed_between or any(
            n.start <= j < n.end and n.label == "DEMONYM" for n in mentions
        )

    def _appositive_owner(self, doc: Doc, m: Mention, mentions: list[Mention]) -> Mention | None:
        j = self._appositive_end(doc, m, mentions)
        if j is None:
            return None
        return next((n for n in mentions if n.end == j and n.is_organization and not n.modifier), None)

    def _appositive_end(self, doc: Doc, m: Mention, mentions: list[Mention]) -> int | None:
        """The group that "[, the] Iran-backed militia" describes: the organization right before the comma,
        or the subject of a copula ("X is an Iran-backed militia")."""
        k = m.end + 2  # past "Iraqi Shiite" in "an Iran-backed Iraqi Shiite militia"
        while (
            k < len(doc)
            and k - m.end < 6
            and self._describes(doc, k, mentions)
            and not self._group_noun(doc, k)
        ):
            k += 1
        if k >= len(doc) or not self._group_noun(doc, k):
            return None
        j = m.start - 1
        while j > 0 and (doc[j].norm_ in SKIPPABLE or doc[j].norm_ in self.modifiers):
            j -= 1
        if j > 1 and doc[j].norm_ == "of" and doc[j - 1].norm_ == "one":
            j -= 2  # "X, one of the Iran-backed factions"
        if doc[j].norm_ not in APPOSITION and doc[j].norm_ not in COPULAS:
            return None
        return j

    def _unknown_group_ending(self, doc: Doc, end: int, mentions: list[Mention]) -> Span | None:
        """A group the reference data lacks whose name ends at END ("Liwa Fatemiyoun, an Iran-backed
        militia"), minted as a mention when its name says it is a group."""
        start = end
        while start > 0 and end - start < 8 and self._inside_name(doc, start - 1):
            start -= 1
        while start < end and (doc[start].norm_ in DETERMINERS or not doc[start].text[:1].isupper()):
            start += 1
        name = doc[start:end] if start < end else None
        if name is None or not {t.norm_ for t in name} & self.org_name_words:
            return None
        if any(n.start < name.end and n.end > name.start and n.label != "DEMONYM" for n in mentions):
            return None
        return name

    def _inside_name(self, doc: Doc, j: int) -> bool:
        """Whether token J may be part of a name read backwards: "Islamic Front for the Iraqi Resistance"."""
        if doc[j].text[:1].isupper() or doc[j].norm_ in self.particles:
            return True
        if doc[j].norm_ not in NAME_CONNECTORS or j < 2:
            return False
        before = doc[j - 1]
        return before.text[:1].isupper() or (
            before.norm_ in NAME_CONNECTORS and doc[j - 2].text[:1].isupper()
        )

    def _unknown_group_after(
        self, doc: Doc, m: Mention, mentions: list[Mention]
    ) -> tuple[Entity, int] | None:
        """A group the reference data lacks, named after "Iran-backed" and a few describing words, when
        its name says it is one ("Liwa Fatemiyoun", "the ... Brigade"): minted, with where its name ends."""
        k = m.end + 2
        while k < len(doc) and k - m.end < 6 and self._describes(doc, k, mentions):
            k += 1
        if k >= len(doc) or any(n.start <= k < n.end for n in mentions):
            return None
        name = capitalized_name(doc, k, particles=self.particles, max_tokens=6)
        if name is None or any(n.start < name.end and n.end > name.start for n in mentions):
            return None
        if not {t.norm_ for t in name} & self.org_name_words:
            return None
        return Entity(span_text(name), "ArmedGroup"), name.end

    def _group_noun(self, doc: Doc, k: int) -> bool:
        norm = doc[k].norm_
        return norm in self.group_nouns or (norm.endswith("s") and norm[:-1] in self.group_nouns)

    def _cues(
        self,
        doc: Doc,
        sent: Span,
        mentions: list[Mention],
        heads: dict[int, Mention],
        evidence: Evidence,
        they: list[Entity],
        triggers: list[int],
        every: list[Mention],
    ) -> list[Relation]:
        norms = doc_norms(doc)
        hits = sorted(
            [
                (s, e, predicate)
                for predicate, phrases in self.cues
                for s, e, _ in find_phrases(norms, phrases, sent.start, sent.end)
            ]
            + self._open_cues(norms, sent, mentions, triggers)
        )
        if not hits:
            return []
        barriers = [s for s, _, _ in find_phrases(norms, self.including, sent.start, sent.end)]
        objects: set[int] = set()
        out = []
        for s, e, predicate in hits:
            obj = self._cue_object(doc, norms, e, mentions, heads)
            if obj is None:  # "another member of the front": the front named before
                obj = self._described(doc, e, every)
            if obj is None or obj.actor is None:
                continue
            if predicate == "affiliatedWith" and not obj.is_organization:
                continue  # "aligned with Iran": a stance towards a state, not an affiliation
            objects.add(obj.start)
            both = self._both(norms, s, sent, every, obj)
            if both:  # "Both groups belong to X": the two groups named last
                out += [
                    Relation(
                        g.actor,
                        predicate,
                        obj.actor,
                        evidence.read_by("relation.cue", (span_text(doc[s - 2 : e]),)),
                    )
                    for g in both
                    if g.actor
                ]
                continue
            subject = next(
                (
                    m
                    for m in reversed(mentions)
                    if m.end <= s
                    and s - m.end <= 25
                    and m.start not in objects
                    and not m.modifier
                    and not m.bracketed
                    and m.actor
                    # "an alliance that includes parties linked to X": the parties, not the alliance
                    and not any(m.end <= b < s for b in barriers)
                    # "X, which Washington says is backed by Iran": the speaker is no subject
                    and not (m.end < s and norms[m.end] in self.saying)
                ),
                None,
            )
            subjects = self._conjuncts(doc, subject, mentions) if subject is not None else []
            if subject is None and norms[sent.start] == "they" and s - sent.start <= 8:
                subjects = they
            elif subject is None and s - sent.start <= 12 and self._opens_with_anaphor(norms, sent.start):
                # "The group is the largest faction of Y": the group named last before
                last = next(
                    (m for m in reversed(every) if m.start < sent.start and m.is_group and not m.modifier),
                    None,
                )
                subjects = [last.actor] if last is not None and last.actor is not None else []
            if predicate in {"memberOf", "partOf"} and s > sent.start and doc[s - 1].like_num:
                continue  # "killed four members of X": people counted, not a group's membership
            for actor in subjects:
                if predicate == "partOf" and not (is_org(actor) and obj.is_organization):
                    continue
                if predicate == "memberOf" and actor.kind == "State":
                    continue  # a state is no member of a group it is named near
                if norms[s] == "under" and actor.kind != "ArmedGroup":
                    continue  # "attacks on US troops ... under the banner of X": armed groups fight under one
                if predicate == "backedBy" and actor.kind == "Person":
                    continue
                text = f"{actor.label} … {span_text(doc[s:e])} {obj.text}"
                out.append(Relation(actor, predicate, obj.actor, evidence.read_by("relation.cue", (text,))))
        return out

    def _cue_object(
        self, doc: Doc, norms: list[str], e: int, mentions: list[Mention], heads: dict[int, Mention]
    ) -> Mention | None:
        """The actor a cue ending at E names: "backed by Iran's Quds Force", "by the IRGC-Quds Force"."""
        obj = next(
            (
                m
                for m in mentions
                if e <= m.start <= e + 3
                and (not m.modifier or m.start in heads)
                and m.actor
                and all(norms[j] in SKIPPABLE or norms[j] in self.modifiers for j in range(e, m.start))
            ),
            None,
        )
        if obj is not None and obj.possessor:  # "backed by Iran's Quds Force": the Quds Force
            j = self._skip(doc, obj.end + 1)
            obj = next((m for m in mentions if m.start == j and m.is_organization), obj)
        return heads.get(obj.start, obj) if obj is not None else None

    def _opens_with_anaphor(self, norms: list[str], start: int) -> bool:
        """Whether the sentence at START opens with "The group", "The militia" (its subject)."""
        hits = find_phrases(norms, self.anaphors, start, min(len(norms), start + 3))
        return bool(hits) and hits[0][0] == start

    def _open_cues(
        self, norms: list[str], sent: Span, mentions: list[Mention], triggers: list[int]
    ) -> list[tuple[int, int, str]]:
        """Cues with free words inside: "receives funding and arms from", "one of the largest factions of",
        "under the X banner" (TRIGGERS: where the sentence has one of their first words)."""
        hits = []
        for i in triggers:
            norm = norms[i]
            if norm in self.receive:
                # every word up to "from" names something received, at least one of them support
                k = i + 1
                while k < min(sent.end, i + 10) and (
                    norms[k] in self.support
                    or norms[k] in LIST_WORDS
                    or norms[k] in SKIPPABLE
                    or norms[k] in SHARES
                ):
                    k += 1
                if k < sent.end and norms[k] == "from" and any(norms[j] in self.support for j in range(i, k)):
                    hits.append((i, k + 1, "backedBy"))
            elif norm == "one" and norms[i + 1 : i + 3] == ["of", "the"]:
                k = next(
                    (k for k in range(i + 3, min(sent.end - 1, i + 8)) if norms[k] in self.part_plurals), 0
                )
                if k and norms[k + 1] in {"of", "in", "within"}:
                    hits.append((i, k + 2, "partOf"))
            elif norm == "under":
                start = i + 2 if i + 1 < sent.end and norms[i + 1] in DETERMINERS else i + 1
                banner = next(
                    (
                        m
                        for m in mentions
                        if m.start == start and m.end < sent.end and norms[m.end] in self.banners
                    ),
                    None,
                )
                if banner is not None:
                    hits.append((i, banner.start, "partOf"))
            elif norm in self.part_nouns and i + 1 < sent.end and norms[i + 1] in {"of", "within"}:
                # "the largest faction of", "the most powerful component within": a few words of degree
                j = i - 1
                while j > sent.start and i - j <= 4 and norms[j] not in DETERMINERS and norms[j].isalpha():
                    j -= 1
                if norms[j] in DETERMINERS and i - j >= 2:
                    hits.append((j, i + 2, "partOf"))
        return hits

    def _conjuncts(self, doc: Doc, subject: Mention, mentions: list[Mention]) -> list[Entity]:
        """ "A and B, both of which operate under Y", "A, B and C, all members of Y": each of the list.

        Only a list of organizations joined by nothing but commas and "and", and only when a quantifier
        after it ("both", "all") or nothing at all separates it from the cue's subject position.
        """
        assert subject.actor is not None
        found = [subject.actor]
        if not subject.is_organization:
            return found
        norms = doc_norms(doc)
        after = subject.end + (1 if subject.end < len(doc) and norms[subject.end] == "," else 0)
        if after >= len(doc) or norms[after] not in self.list_quantifiers:
            return found
        current = subject
        for m in reversed([m for m in mentions if m.end <= subject.start]):
            between = norms[m.end : current.start]
            if m.bracketed or m.modifier:
                continue
            if not between or any(w not in LIST_WORDS for w in between) or not m.is_organization:
                break
            if m.actor is not None:
                found.insert(0, m.actor)
            current = m
        return found

    def _described(self, doc: Doc, start: int, every: list[Mention]) -> Mention | None:
        """ "the front" at START: the group an earlier appositive called "a front" ("X, a front of ...")."""
        if start + 1 >= len(doc) or doc[start].norm_ != "the" or doc[start + 1].norm_ not in self.group_nouns:
            return None
        noun = doc[start + 1].norm_
        for m in reversed(every):
            if m.end > start or not m.is_organization or m.end + 2 >= len(doc) or doc[m.end].norm_ != ",":
                continue
            if doc[m.end + 1].norm_ in {"a", "an"} and noun in {doc[m.end + 2].norm_, doc[m.end + 3].norm_}:
                return m
        return None

    def _both(
        self, norms: list[str], cue: int, sent: Span, every: list[Mention], obj: Mention
    ) -> list[Mention]:
        """The two groups of EVERY named last before SENT when "Both groups" or "The two groups" opens it."""
        if cue - 2 < sent.start or norms[cue - 1].rstrip("s") not in self.group_nouns:
            return []
        if not (norms[cue - 2] == "both" or norms[cue - 2 : cue] == ["two", norms[cue - 1]]):
            return []
        found: list[Mention] = []
        for m in reversed(every):
            if m.start >= sent.start or not m.is_group or m.modifier or m.actor is None:
                continue
            if m.actor != obj.actor and all(f.actor != m.actor for f in found):
                found.append(m)
            if len(found) == 2:
                return found
        return []

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
            if owned is not None and owned.actor is not None:
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

    def _umbrella(self, doc: Doc, sent: Span, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        norms = doc_norms(doc)
        out = []
        for i in range(sent.start, sent.end):
            if norms[i] not in self.umbrella:
                continue
            owner = next(
                (m for m in reversed(mentions) if m.end <= i and i - m.end <= 6 and m.is_organization), None
            )
            hits = find_phrases(norms, self.including, i + 1, min(sent.end, i + 12))
            if owner is None or owner.actor is None or not hits:
                continue
            members = [m for m in mentions if m.start >= hits[0][1] and m.is_organization and not m.modifier]
            for member in members:
                if member.actor and member.actor != owner.actor:
                    out.append(
                        Relation(
                            member.actor,
                            "memberOf",
                            owner.actor,
                            evidence.read_by("relation.umbrella", (doc[i : hits[0][1]].text,)),
                        )
                    )
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

    def _part_nouns(
        self, doc: Doc, sent: Span, mentions: list[Mention], evidence: Evidence
    ) -> list[Relation]:
        """ "Kata'ib Hezbollah (KH), the largest IRI component": an appositive naming a part of Y."""
        norms = doc_norms(doc)
        orgs = [m for m in mentions if m.is_organization and not m.modifier]
        out = []
        for whole in orgs:
            if whole.end >= sent.end or norms[whole.end] not in self.part_nouns:
                continue
            # back over a few adjectives to the determiner and the comma of the appositive
            j = whole.start - 1
            while j > sent.start and whole.start - j <= 4 and norms[j] not in DETERMINERS and doc[j].is_alpha:
                j -= 1
            if norms[j] not in DETERMINERS or norms[j - 1] != ",":
                continue
            part = next((m for m in reversed(orgs) if m.end == j - 1 and not m.bracketed), None)
            if part is None:  # "Kata'ib Hezbollah (KH), the ...": the name before its bracketed acronym
                part = next((m for m in reversed(orgs) if m.end + 3 == j - 1 and norms[m.end] == "("), None)
            if part is not None and part.actor is not None and whole.actor is not None:
                text = span_text(doc[j : whole.end + 1])
                out.append(
                    Relation(
                        part.actor, "partOf", whole.actor, evidence.read_by("relation.part-noun", (text,))
                    )
                )
        return out

    # ------------------------------------------------------------------ helpers
