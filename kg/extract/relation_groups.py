"""Relations between organizations stated by a cue: backed by, part of, member of, affiliated with.

Rules, each named in the evidence (``kg explain``):
- ``relation.cue``: "X, a network ... backed by Iran and affiliated with the IRGC" (the subject is the
  nearest actor before the cue that is not itself the object of an earlier cue, nor a speaker);
  open cues with free words inside ("receives funding and arms from", "the largest faction of");
- ``relation.umbrella``: "X, an umbrella of groups including Y and Z";
- ``relation.part-noun``: "Kata'ib Hezbollah (KH), the largest IRI component";
- ``relation.whose``: "the PMF, in whose ranks the brigades of Kataib Hezbollah are registered".
The hyphenated modifiers ("Iran-backed") are read in :mod:`kg.extract.relation_suffixes`, possessives
and compounds in :mod:`kg.extract.relation_owners`.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extract.lexicon import doc_norms, find_phrases, span_text
from kg.extract.mentions import Mention
from kg.extract.model import Entity, Evidence, Relation
from kg.extract.relation_words import (
    DETERMINERS,
    LIST_WORDS,
    SHARES,
    SKIPPABLE,
    RelationWords,
    is_org,
)

# the pronouns that open a relative clause on the noun before them
RELATIVES = frozenset({"that", "which", "who"})


class GroupRules(RelationWords):
    """The rules that relate an organization to another by a cue word."""

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
            obj = self._cue_object(doc, norms, e, mentions, heads) or self._capital_object(norms, e, every)
            if obj is None:  # "another member of the front": the front named before
                obj = self._described(doc, e, every)
            if obj is None and norms[e] in self.object_pronouns:
                obj = self._antecedent(s, sent, mentions)
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
            if subject is not None and self._unnamed_before(norms, s, subject.end):
                continue  # "facilities in Syria used by groups affiliated with X": the groups, unnamed
            if subject is not None and self._unnamed_relative(norms, s, subject.end):
                continue  # "groups that Washington says are backed by X": the groups, unnamed
            if subject is not None and self._inside_unnamed(doc, norms, subject, s):
                continue  # "the largest bloc inside X belongs to Y": the bloc, not X
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
            elif subject is None and s - sent.start <= 12:
                # "The directorate, part of Y": the Directorate named before
                orgs = [m for m in every if m.is_organization and not m.modifier and m.end <= sent.start]
                named = self._named_by_head(doc, sent.start, orgs)
                subjects = [named.actor] if named is not None and named.actor is not None else []
            if predicate in {"memberOf", "partOf"} and s > sent.start and doc[s - 1].like_num:
                continue  # "killed four members of X": people counted, not a group's membership
            if not subjects and predicate in {"memberOf", "partOf"}:
                # "The 30th Brigade, a mostly Shabak unit of Y": a group the gazetteer lacks, named as one
                subjects = self._unknown_appositive(doc, norms, s, sent, mentions)
            for actor in subjects:
                if predicate == "partOf" and not (is_org(actor) and obj.is_organization):
                    continue
                if predicate == "memberOf" and actor.kind == "State":
                    continue  # a state is no member of a group it is named near
                if norms[s] == "under" and actor.kind != "ArmedGroup":
                    continue  # "attacks on US troops ... under the banner of X": armed groups fight under one
                if predicate == "backedBy" and (actor.kind == "Person" or obj.is_person):
                    continue  # "established by Abu Mahdi al-Muhandis": a founder, read by the leader rules
                text = f"{actor.label} … {span_text(doc[s:e])} {obj.text}"
                out.append(Relation(actor, predicate, obj.actor, evidence.read_by("relation.cue", (text,))))
        return out

    def _cue_object(
        self, doc: Doc, norms: list[str], e: int, mentions: list[Mention], heads: dict[int, Mention]
    ) -> Mention | None:
        """The actor a cue ending at E names: "backed by Iran's Quds Force", "by the IRGC-Quds Force",
        "the backbone of the US-backed SDF" (past a modifier's compound)."""
        near = [m for m in mentions if m.modifier and e <= m.start <= e + 3]
        compound = {j for m in near for j in range(m.start, m.end)}
        obj = next(
            (
                m
                for m in mentions
                if e <= m.start <= e + 6
                and (not m.modifier or m.start in heads)
                and m.actor
                and all(
                    norms[j] in SKIPPABLE
                    or norms[j] in self.modifiers
                    or j in compound
                    or (j - 1 in compound and norms[j] in {"-", *self.suffix})
                    or (j - 2 in compound and norms[j - 1] == "-" and norms[j] in self.suffix)
                    # "part of the U.S.-backed SDF": a dotted state and its suffix are one token
                    or ("-" in norms[j] and norms[j].rsplit("-", 1)[1] in self.suffix)
                    for j in range(e, m.start)
                )
            ),
            None,
        )
        if obj is not None and obj.possessor:  # "backed by Iran's Quds Force": the Quds Force
            j = self._skip(doc, obj.end + 1)
            obj = next((m for m in mentions if m.start == j and m.is_organization), obj)
        return heads.get(obj.start, obj) if obj is not None else None

    def _antecedent(self, cue: int, sent: Span, mentions: list[Mention]) -> Mention | None:
        """ "X, a Y partner force, armed and funded by it": the organization named last before CUE, when
        another actor (the subject) is named before that one."""
        before = [
            m for m in mentions if sent.start <= m.start and m.end <= cue and m.actor and not m.modifier
        ]
        if len(before) < 2 or not before[-1].is_organization:
            return None
        return before[-1]

    def _capital_object(self, norms: list[str], e: int, every: list[Mention]) -> Mention | None:
        """ "backed by Tehran": a capital after a cue stands for its state (``capitals`` of the lexicon)."""
        for m in every:
            if m.start < e or m.start > e + 1:
                continue
            state = self.capitals.get(m.ref.iri)
            if (
                m.label == "PLACE"
                and state is not None
                and all(norms[j] in SKIPPABLE for j in range(e, m.start))
            ):
                return replace(m, label="STATE", ref=state)
        return None

    def _unnamed_before(self, norms: list[str], cue: int, limit: int) -> bool:
        """Whether a bare plural ("groups", "armed militias") right before CUE is what it describes.

        "the base has long been a target of groups tied to X": no name stands between "groups" and the
        cue, so the actor named before (the base's owner) is not the subject. With a determiner the
        plural is a class the named actor belongs to: "Y, one of the groups backed by X"; after an
        umbrella noun it is what the named umbrella is made of: "Y, a network of groups backed by X".
        """
        if cue - 1 <= limit:
            return False
        if norms[cue - 1] in self.unnamed_plurals:
            return True  # "targets associated with X", "people affiliated with X": things, not a group
        if norms[cue - 1] not in self.part_plurals:
            return False
        j = cue - 2
        while (
            j > limit
            and cue - j <= 6
            and norms[j].isalpha()
            and norms[j] not in self.plural_determiners
            and norms[j] not in {"of", "for"}
        ):
            j -= 1
        if norms[j] in {"of", "for"} and j - 1 > limit and norms[j - 1] in self.umbrella:
            return False  # "X, a network of militia groups backed by Iran": the network's own groups
        return norms[j] not in self.plural_determiners

    def _inside_unnamed(self, doc: Doc, norms: list[str], subject: Mention, cue: int) -> bool:
        """Whether SUBJECT only places the unnamed noun that is the cue's subject: "the largest bloc
        inside X belongs to Y", "a unit within X is part of Y" (a preposition and a common noun before
        SUBJECT, and nothing but a verb between SUBJECT and the cue)."""
        if any(not doc[j].is_alpha or norms[j] in RELATIVES for j in range(subject.end, cue)):
            return False
        j = subject.start - 1
        while j > 0 and norms[j] in DETERMINERS:
            j -= 1
        return (
            j > 0
            and norms[j] in self.placing_preps
            and doc[j - 1].is_alpha
            and doc[j - 1].is_lower
            and norms[j - 1] not in self.list_quantifiers
        )

    def _unknown_appositive(
        self, doc: Doc, norms: list[str], cue: int, sent: Span, mentions: list[Mention]
    ) -> list[Entity]:
        """The group the reference data lacks whose appositive holds CUE ("X Brigade, a unit of",
        "X Brigade, a local force that is part of"), minted when its name says it is a group."""
        k = cue - 1
        while k > sent.start and cue - k <= 6 and doc[k].is_alpha and doc[k].is_lower:
            k -= 1
        if k <= sent.start or norms[k] != ",":
            return []
        name = self._unknown_group_ending(doc, k, mentions)
        return [Entity(span_text(name), "ArmedGroup")] if name is not None else []

    def _unnamed_relative(self, norms: list[str], cue: int, limit: int) -> bool:
        """Whether a relative clause holding CUE describes a bare plural, not the actor named before it:
        "trading fire in Syria with armed groups that Washington says are backed by Iran"."""
        r = next((r for r in range(cue - 1, limit, -1) if norms[r] in RELATIVES), None)
        return r is not None and self._unnamed_before(norms, r, limit)

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
                elif k and norms[k + 1] in RELATIVES:
                    # "one of the armed groups that make up Y": a relative clause of composing
                    made = find_phrases(norms, self.composing, k + 2, min(sent.end, k + 5))
                    if made and made[0][0] == k + 2:
                        hits.append((i, made[0][1], "partOf"))
            elif norm == "by":
                # "recruited, paid and commanded by": a list of participles, one of them of support
                k, said = i, []
                while k - 1 >= sent.start and (
                    norms[k - 1] in self.backing_participles or norms[k - 1] in LIST_WORDS
                ):
                    k -= 1
                    said.append(norms[k])
                while k < i and norms[k] in LIST_WORDS:
                    k += 1
                verbs = [v for v in said if v in self.backing_participles]
                if len(verbs) >= 2 and any(v in self.backing_core for v in verbs):
                    hits.append((k, i + 1, "backedBy"))
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
        after it ("both", "all") or a plural verb ("are", "were") follows it.
        """
        assert subject.actor is not None
        found = [subject.actor]
        if not subject.is_organization:
            return found
        norms = doc_norms(doc)
        after = subject.end + (1 if subject.end < len(doc) and norms[subject.end] == "," else 0)
        # "A and B are part of Y": a plural verb says the list is the subject, as "both" does
        if after >= len(doc) or norms[after] not in self.list_quantifiers | self.plural_verbs:
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

    def _whose(self, doc: Doc, sent: Span, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        """ "Y, in whose ranks the brigades of X are registered": X is part of Y."""
        norms = doc_norms(doc)
        orgs = [m for m in mentions if m.is_organization and not m.modifier and m.actor]
        out = []
        for s, e, _ in find_phrases(norms, self.whose_ranks, sent.start, sent.end):
            whole = next((m for m in orgs if s >= 1 and norms[s - 1] == "," and m.end == s - 1), None)
            part = next((m for m in orgs if e <= m.start <= e + 4 and not m.bracketed), None)
            if whole is None or part is None or whole.actor is None or part.actor is None:
                continue
            text = span_text(doc[s : part.end])
            read = evidence.read_by("relation.whose", (text,))
            out.append(Relation(part.actor, "partOf", whole.actor, read))
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
