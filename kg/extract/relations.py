"""Relations between actors: backed by, part of, member of, affiliated with, commander of, leader of.

Patterns, each with its own rule name (shown by ``kg explain``):
- ``relation.suffix``: "Iran-backed Kata'ib Hezbollah" (the hyphenated modifier names the backer);
- ``relation.cue``: "X, a network ... backed by Iran and affiliated with the IRGC" (the subject is the
  nearest actor before the cue that is not itself the object of an earlier cue);
- ``relation.possessive``: "the IRGC's elite Quds Force", "the PMF's (PMF) Harakat al-Nujaba";
- ``relation.title``: "al-Nujaba commander Mushtaq al-Saeedi", "Qasem Soleimani, head of the Quds Force",
  "the head of the Quds Force, Qasem Soleimani", "Akram al-Kaabi, Nujaba's secretary-general",
  "the group's spokesman, Y" (a person the gazetteer does not know is minted from the name);
- ``relation.umbrella``: "X, an umbrella of groups including Y and Z";
- ``relation.compound``: "the IRGC-Quds Force" (two organizations joined by a hyphen: the second is a unit
  of the first);
- ``relation.part-noun``: "Kata'ib Hezbollah (KH), the largest IRI component".
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.extract.lexicon import Lexicon, Phrase, doc_norms, find_phrases, span_text
from kg.extract.mentions import _CAPITALIZED, Mention, capitalized_name, find_mentions, sentence_evidence
from kg.extract.model import Entity, Evidence, Relation
from kg.reference import ORGANIZATION_KINDS

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_SKIPPABLE = frozenset({"the", "a", "an", "its", "their", "his"})
_CLAUSE_WORDS = frozenset(
    {"that", "which", "who", "includes", "include", "including", "such", "and", ",", ";"}
)
_RELATIVE = frozenset({"who", "whom"})
# how a relative clause gives its person a title: "who is also the", "whom X described as the"
_ADVERBS = frozenset({"also", "now", "still", "currently", "once", "formerly", "then", "later"})
_COPULAS = frozenset({"is", "was", "as", "became", "becomes", "remains", "remained", "been", "be"})
_LIST_WORDS = frozenset({"and", ","})
_DETERMINERS = frozenset({"the", "a", "an"})
# "receives most of its funding from": how much of what is received
_SHARES = frozenset({"most", "much", "some", "part", "bulk", "all", "of"})


@dataclass(frozen=True)
class _Title:
    start: int
    end: int
    predicate: str
    text: str


class RelationReader:
    """Reads actor relations from a parsed article."""

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
        self.titles: list[tuple[str, tuple[Phrase, ...]]] = [
            ("commanderOf", ph("relation", "commander")),
            ("leaderOf", ph("relation", "leader")),
            ("memberOf", ph("relation", "member")),
        ]
        self.modifiers = w("relation", "title_modifiers")
        self.particles = w("relation", "name_particles")
        self.umbrella = w("relation", "umbrella")
        self.including = ph("relation", "including")
        self.anaphors = ph("claim", "anaphors")
        self.receive = w("relation", "receive_verbs")
        self.support = w("relation", "support_nouns")
        self.banners = w("relation", "banner_nouns")
        self.part_nouns = w("relation", "part_nouns")
        self.part_plurals = w("relation", "part_plurals")
        self.list_quantifiers = w("relation", "list_quantifiers")
        self.open_triggers = self.receive | {"one", "under"}
        self.group_nouns = w("relation", "group_nouns")

    def read(self, doc: Doc) -> list[Relation]:
        """Relations of one article, one per (subject, relation, object), first sentence kept."""
        every = [m for m in find_mentions(doc) if not m.dateline]
        mentions = [m for m in every if m.label in {"ACTOR", "STATE"}]
        # "Iranian-backed militias": a demonym with a suffix names its state
        suffixed = [m for m in every if m.label in {"ACTOR", "STATE", "DEMONYM"}]
        groups = [m for m in mentions if m.is_group and not m.modifier]
        people = [m for m in mentions if m.is_person]
        heads = _compound_heads(doc, mentions)
        # mentions are in document order: a sentence's mentions are a slice, found by bisection
        starts, suffixed_starts = [m.start for m in mentions], [m.start for m in suffixed]
        norms = doc_norms(doc)
        open_cues = [i for i, norm in enumerate(norms) if norm in self.open_triggers]
        found: list[Relation] = []
        # subjects of the sentence just read, for a "They are ..." opening the next one
        previous: tuple[int, list[Entity]] = (-1, [])
        for sent in doc.sents:
            inside = mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            if len(inside) < 1:
                continue
            evidence = sentence_evidence(sent)
            last_group = next((m.actor for m in reversed(groups) if m.start < sent.start), None)
            they = previous[1] if previous[0] == sent.start else []
            triggers = open_cues[bisect_left(open_cues, sent.start) : bisect_left(open_cues, sent.end)]
            here = self._suffix(
                doc,
                suffixed[bisect_left(suffixed_starts, sent.start) : bisect_left(suffixed_starts, sent.end)],
                evidence,
            )
            here += self._compounds(doc, inside, heads, evidence)
            here += self._cues(doc, sent, inside, heads, evidence, they, triggers, mentions)
            here += self._possessive(doc, inside, heads, evidence)
            here += self._led_by(doc, sent, inside, evidence)
            here += self._titles(doc, sent, inside, heads, evidence, last_group, people)
            here += self._umbrella(doc, sent, inside, evidence)
            here += self._part_nouns(doc, sent, inside, evidence)
            previous = (sent.end, _subjects(here))
            found += here
        unique: dict[tuple[str, str, str], Relation] = {}
        for relation in found:
            key = (relation.subject.key, relation.predicate, relation.object.key)
            if key[0] != key[2]:
                unique.setdefault(key, relation)
        return list(unique.values())

    # ------------------------------------------------------------------ patterns

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
                and not {doc[j].norm_ for j in range(m.end + 2, n.start)} & _CLAUSE_WORDS
            ]
            if after and after[0].actor:
                text = doc[m.start : after[0].end].text
                out.append(
                    Relation(after[0].actor, predicate, m.actor, evidence.read_by("relation.suffix", (text,)))
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

    def _appositive_owner(self, doc: Doc, m: Mention, mentions: list[Mention]) -> Mention | None:
        """The group that "[, the] Iran-backed militia" describes: the organization right before the comma."""
        if m.end + 2 >= len(doc) or doc[m.end + 2].norm_ not in self.group_nouns:
            return None
        j = m.start - 1
        while j > 0 and (doc[j].norm_ in _SKIPPABLE or doc[j].norm_ in self.modifiers):
            j -= 1
        if doc[j].norm_ != ",":
            return None
        return next((n for n in mentions if n.end == j and n.is_organization and not n.modifier), None)

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
                ),
                None,
            )
            subjects = self._conjuncts(doc, subject, mentions) if subject is not None else []
            if subject is None and norms[sent.start] == "they" and s - sent.start <= 8:
                subjects = they
            for actor in subjects:
                if predicate == "partOf" and not (_is_org(actor) and obj.is_organization):
                    continue
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
                and all(norms[j] in _SKIPPABLE or norms[j] in self.modifiers for j in range(e, m.start))
            ),
            None,
        )
        if obj is not None and obj.possessor:  # "backed by Iran's Quds Force": the Quds Force
            j = self._skip(doc, obj.end + 1)
            obj = next((m for m in mentions if m.start == j and m.is_organization), obj)
        return heads.get(obj.start, obj) if obj is not None else None

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
                    or norms[k] in _LIST_WORDS
                    or norms[k] in _SKIPPABLE
                    or norms[k] in _SHARES
                ):
                    k += 1
                if k < sent.end and norms[k] == "from" and any(norms[j] in self.support for j in range(i, k)):
                    hits.append((i, k + 1, "backedBy"))
            elif norm == "one" and norms[i + 1 : i + 3] == ["of", "the"]:
                k = next(
                    (k for k in range(i + 3, min(sent.end - 1, i + 6)) if norms[k] in self.part_plurals), 0
                )
                if k and norms[k + 1] in {"of", "in", "within"}:
                    hits.append((i, k + 2, "partOf"))
            elif norm == "under":
                start = i + 2 if i + 1 < sent.end and norms[i + 1] in _DETERMINERS else i + 1
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
            if not between or any(w not in _LIST_WORDS for w in between) or not m.is_organization:
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

    def _led_by(self, doc: Doc, sent: Span, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        """ "Harakat al-Nujaba, a smaller group led by Akram al-Kaabi": the person after the cue leads."""
        norms = doc_norms(doc)
        out = []
        for predicate, phrases in self.inverse_cues:
            for s, e, _ in find_phrases(norms, phrases, sent.start, sent.end):
                person = self._person_at(doc, self._skip(doc, e), mentions, [])
                org = next(
                    (
                        m
                        for m in reversed(mentions)
                        if m.end <= s and s - m.end <= 12 and m.is_organization and not m.modifier
                    ),
                    None,
                )
                if person is None or org is None or org.actor is None:
                    continue
                text = f"{org.text} … {doc[s:e].text} {person.label}"
                out.append(
                    Relation(person, predicate, org.actor, evidence.read_by("relation.led-by", (text,)))
                )
        return out

    def _possessive(
        self, doc: Doc, mentions: list[Mention], heads: dict[int, Mention], evidence: Evidence
    ) -> list[Relation]:
        out = []
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

    def _titles(
        self,
        doc: Doc,
        sent: Span,
        mentions: list[Mention],
        heads: dict[int, Mention],
        evidence: Evidence,
        last_group: Entity | None,
        people: list[Mention],
    ) -> list[Relation]:
        norms = doc_norms(doc)
        titles = [
            _Title(s, e, predicate, span_text(doc[s:e]))
            for predicate, phrases in self.titles
            for s, e, _ in find_phrases(norms, phrases, sent.start, sent.end)
        ]
        titles = _longest(titles)
        orgs = [m for m in mentions if m.is_organization and not m.modifier and not m.bracketed]
        out = []
        for title in titles:
            org: Entity | None = None
            person: Entity | None = None
            predicate = title.predicate
            # ORG ... TITLE PERSON  /  ORG's TITLE, PERSON
            before = [
                m
                for m in orgs
                if m.end <= title.start
                and (
                    self._skip(doc, m.end, title.start) == title.start
                    # "the Quds Force, whose commander Esmail Qaani"
                    or norms[m.end : title.start] in ([",", "whose"], [",", "whose", "then"])
                )
            ]
            if before:
                org = before[-1].actor
            elif (
                title.start >= 2
                and norms[title.start - 1] in _POSSESSIVE
                and find_phrases(norms, self.anaphors, max(sent.start, title.start - 4), title.start - 1)
            ):
                org = last_group
            elif title.start > sent.start and norms[title.start - 1] in {"its", "their"}:
                # "Harakat al-Nujaba ... lost its commander X": the group the sentence is about
                earlier = [m for m in orgs if m.end <= title.start]
                org = earlier[0].actor if earlier else last_group
            after = title.end + (1 if title.end < sent.end and norms[title.end] == "," else 0)
            person = self._person_at(doc, after, mentions, people)
            # PERSON, [the] TITLE of [the ORG's] ORG  /  PERSON, ORG's TITLE
            if person is None:
                j = title.start - 1
                while j > sent.start and (
                    norms[j] in _SKIPPABLE
                    or norms[j] in self.modifiers
                    or norms[j] in _POSSESSIVE
                    or any(m.start <= j < m.end for m in orgs)
                ):
                    if any(m.start <= j < m.end for m in orgs) and org is None:
                        org = next(m.actor for m in orgs if m.start <= j < m.end)
                    j -= 1
                if norms[j] != ",":  # "X, who is also the TITLE", "X, whom officials described as the TITLE"
                    j = _relative_comma(norms, j, sent.start)
                if norms[j] == "," and j > sent.start:
                    person = self._person_ending(doc, j, sent.start, mentions, people)
            # "head of the Quds Force", "a leader in Kataib Hezbollah" (not "a commander in Iraq")
            if org is None and title.end < sent.end and norms[title.end] in {"of", "in", "within"}:
                chain = self._skip(doc, title.end + 1)
                unit = False
                while True:
                    nxt = heads.get(chain) or next((m for m in orgs if m.start == chain), None)
                    if nxt is None or (norms[title.end] != "of" and nxt.ref.actor_kind == "State"):
                        break
                    org, unit = nxt.actor, nxt.possessor
                    if not nxt.possessor:
                        break
                    chain = self._skip(doc, nxt.end + 1)
                if unit and predicate == "leaderOf":
                    predicate = "commanderOf"  # "head of Kataib Hezbollah's drone unit": a unit of the group
                if org is not None and person is None:
                    end = next((m.end for m in orgs if m.actor == org), title.end)
                    if end < sent.end and norms[end] == ",":
                        person = self._person_at(doc, end + 1, mentions, people)
            if org is None or person is None:
                continue
            out.append(Relation(person, predicate, org, evidence.read_by("relation.title", (title.text,))))
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
            while (
                j > sent.start and whole.start - j <= 4 and norms[j] not in _DETERMINERS and doc[j].is_alpha
            ):
                j -= 1
            if norms[j] not in _DETERMINERS or norms[j - 1] != ",":
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

    def _skip(self, doc: Doc, start: int, limit: int | None = None) -> int:
        """The first token at or after START that is not a possessive, a modifier or a bracketed alias."""
        end = len(doc) if limit is None else limit
        j = start
        while j < end:
            norm = doc[j].norm_
            if norm in _POSSESSIVE or norm in self.modifiers or norm in _SKIPPABLE:
                j += 1
            elif norm == "(":
                close = next((k for k in range(j + 1, min(end, j + 10)) if doc[k].norm_ == ")"), None)
                if close is None:
                    break
                j = close + 1
            else:
                break
        return j

    def _person_at(
        self, doc: Doc, start: int, mentions: list[Mention], people: list[Mention]
    ) -> Entity | None:
        known = next((m for m in mentions if m.start == start and m.is_person), None)
        if known is not None:
            return known.actor
        if any(m.start <= start < m.end for m in mentions):
            return None
        name = capitalized_name(doc, start, particles=self.particles, max_tokens=6)
        return _named_person(name, people) if name is not None else None

    def _person_ending(
        self, doc: Doc, comma: int, sent_start: int, mentions: list[Mention], people: list[Mention]
    ) -> Entity | None:
        """The person whose name ends at COMMA: known to the gazetteer, named before, or minted."""
        known = next((m for m in mentions if m.end == comma and m.is_person), None)
        if known is not None:
            return known.actor
        if any(m.start < comma <= m.end for m in mentions):
            return None
        start = comma
        while start > sent_start and (
            _CAPITALIZED.match(doc[start - 1].text) or doc[start - 1].lower_ in self.particles
        ):
            start -= 1
        while start < comma and not _CAPITALIZED.match(doc[start].text):
            start += 1
        name = capitalized_name(doc, start, particles=self.particles, max_tokens=6)
        if name is None or name.end != comma:
            return None
        return _named_person(name, people)


def _named_person(name: Span, people: list[Mention]) -> Entity | None:
    """A person named by NAME: one named before by full name ("Al-Amiri" after "Hadi al-Amiri"), or new."""
    text = name.text.lower()
    earlier = next(
        (
            m.actor
            for m in reversed(people)
            if m.start < name.start and m.ref.label.lower().endswith(" " + text)
        ),
        None,
    )
    if earlier is not None:
        return earlier
    if len([t for t in name if t.is_alpha]) >= 2 and not _is_common(name):
        return Entity(name.text, "Person")
    return None


def _relative_comma(norms: list[str], j: int, sent_start: int) -> int:
    """The comma before "who"/"whom" of a relative clause ending at J that gives its person a title.

    J is the word before the title's determiner; the clause must end in a copula or "as" ("who is also",
    "whom officials described as"), else J itself (the clause says something else: "who met the head of").
    """
    k = j
    while k > sent_start and norms[k] in _ADVERBS:
        k -= 1
    if norms[k] not in _COPULAS:
        return j
    for r in range(k, max(sent_start, k - 8), -1):
        if norms[r] == ",":
            return j
        if norms[r] in _RELATIVE and r - 1 > sent_start and norms[r - 1] == ",":
            return r - 1
    return j


def _compound_heads(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
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


def _subjects(relations: list[Relation]) -> list[Entity]:
    """The organizations a sentence made subjects of, for a "they" in the next one."""
    found: list[Entity] = []
    for relation in relations:
        if _is_org(relation.subject) and relation.subject not in found:
            found.append(relation.subject)
    return found


def _is_org(entity: Entity) -> bool:
    return entity.kind in ORGANIZATION_KINDS


def _is_common(name: Span) -> bool:
    """Capitalized words that are not a person's name (a title, a weekday, a place)."""
    return bool(name[0].ent_type_) or name[0].lower_ in {
        "the",
        "on",
        "in",
        "at",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
    }


def _longest(titles: list[_Title]) -> list[_Title]:
    kept: list[_Title] = []
    for title in sorted(titles, key=lambda t: (t.start, -(t.end - t.start))):
        if not any(k.start <= title.start < k.end for k in kept):
            kept.append(title)
    return kept
