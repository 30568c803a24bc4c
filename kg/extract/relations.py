"""Relations between actors: backed by, part of, member of, affiliated with, commander of, leader of.

Patterns, each with its own rule name (shown by ``kg explain``):
- ``relation.suffix``: "Iran-backed Kata'ib Hezbollah" (the hyphenated modifier names the backer);
- ``relation.cue``: "X, a network ... backed by Iran and affiliated with the IRGC" (the subject is the
  nearest actor before the cue that is not itself the object of an earlier cue);
- ``relation.possessive``: "the IRGC's elite Quds Force", "the PMF's (PMF) Harakat al-Nujaba";
- ``relation.title``: "al-Nujaba commander Mushtaq al-Saeedi", "Qasem Soleimani, head of the Quds Force",
  "the head of the Quds Force, Qasem Soleimani", "Akram al-Kaabi, Nujaba's secretary-general",
  "the group's spokesman, Y" (a person the gazetteer does not know is minted from the name);
- ``relation.umbrella``: "X, an umbrella of groups including Y and Z".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.extract.lexicon import Lexicon, Phrase, doc_norms, find_phrases, span_text
from kg.extract.mentions import Mention, capitalized_name, find_mentions, sentence_evidence
from kg.extract.model import Entity, Evidence, Relation

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_SKIPPABLE = frozenset({"the", "a", "an", "its", "their", "his"})
_RECEIVE = frozenset({"receives", "received", "receive", "receiving", "gets", "got", "obtains"})
_CLAUSE_WORDS = frozenset(
    {"that", "which", "who", "includes", "include", "including", "such", "and", ",", ";"}
)


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
        self.support_nouns = w("relation", "support_nouns")
        self.group_nouns = w("relation", "group_nouns")

    def read(self, doc: Doc) -> list[Relation]:
        """Relations of one article, one per (subject, relation, object), first sentence kept."""
        every = [m for m in find_mentions(doc) if not m.dateline]
        mentions = [m for m in every if m.label in {"ACTOR", "STATE"}]
        # "Iranian-backed militias": a demonym with a suffix names its state
        suffixed = [m for m in every if m.label in {"ACTOR", "STATE", "DEMONYM"}]
        groups = [m for m in mentions if m.is_group and not m.modifier]
        found: list[Relation] = []
        for sent in doc.sents:
            inside = [m for m in mentions if sent.start <= m.start < sent.end]
            if len(inside) < 1:
                continue
            evidence = sentence_evidence(sent)
            last_group = next((m.actor for m in reversed(groups) if m.start < sent.start), None)
            found += self._suffix(doc, [m for m in suffixed if sent.start <= m.start < sent.end], evidence)
            found += self._cues(doc, sent, inside, evidence, mentions)
            found += self._possessive(doc, inside, evidence)
            found += self._led_by(doc, sent, inside, evidence)
            found += self._titles(doc, sent, inside, evidence, last_group)
            found += self._umbrella(doc, sent, inside, evidence)
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
            j = m.start - 1
            while j > 0 and doc[j].norm_ != "of" and m.start - j <= 3:
                j -= 1
            if doc[j].norm_ == "of" and doc[j - 1].norm_ in self.umbrella:
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

    def _support_from(self, norms: list[str], sent: Span) -> list[tuple[int, int, str]]:
        """ "receives money and weapons from", "received training from": a backedBy cue of any length."""
        hits: list[tuple[int, int, str]] = []
        if _RECEIVE.isdisjoint(norms[sent.start : sent.end]):
            return hits
        for i in range(sent.start, sent.end):
            if norms[i] not in _RECEIVE:
                continue
            j = i + 1
            while j < min(sent.end, i + 8) and norms[j] in self.support_nouns:
                j += 1
            if j > i + 1 and j < sent.end and norms[j] == "from":
                hits.append((i, j + 1, "backedBy"))
        return hits

    def _cues(
        self, doc: Doc, sent: Span, mentions: list[Mention], evidence: Evidence, every: list[Mention]
    ) -> list[Relation]:
        norms = doc_norms(doc)
        hits = sorted(
            [
                (s, e, predicate)
                for predicate, phrases in self.cues
                for s, e, _ in find_phrases(norms, phrases, sent.start, sent.end)
            ]
            + self._support_from(norms, sent)
        )
        objects: set[int] = set()
        out = []
        for s, e, predicate in hits:
            obj = next(
                (
                    m
                    for m in mentions
                    if e <= m.start <= e + 3
                    and not m.modifier
                    and m.actor
                    and all(norms[j] in _SKIPPABLE or norms[j] in self.modifiers for j in range(e, m.start))
                ),
                None,
            )
            if obj is not None and obj.possessor:  # "backed by Iran's Quds Force": the Quds Force
                j = self._skip(doc, obj.end + 1)
                obj = next((m for m in mentions if m.start == j and m.is_organization), obj)
            if obj is None:  # "another member of the front": the front named before
                obj = self._described(doc, e, every)
            if obj is None or obj.actor is None:
                continue
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
                ),
                None,
            )
            if subject is None or subject.actor is None:
                continue
            if predicate == "partOf" and not (subject.is_organization and obj.is_organization):
                continue
            if predicate == "backedBy" and subject.is_person:
                continue
            text = f"{subject.text} … {span_text(doc[s:e])} {obj.text}"
            out.append(
                Relation(subject.actor, predicate, obj.actor, evidence.read_by("relation.cue", (text,)))
            )
        return out

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
                person = self._person_at(doc, self._skip(doc, e), mentions)
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

    def _possessive(self, doc: Doc, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        out = []
        for m in mentions:
            if not (m.possessor and m.is_organization and m.actor) or m.modifier:
                continue
            j = self._skip(doc, m.end + 1)
            owned = next((n for n in mentions if n.start == j and n.is_organization and n.actor), None)
            if owned is not None and owned.actor is not None:
                text = span_text(doc[m.start : owned.end])
                out.append(
                    Relation(owned.actor, "partOf", m.actor, evidence.read_by("relation.possessive", (text,)))
                )
        return out

    def _titles(
        self, doc: Doc, sent: Span, mentions: list[Mention], evidence: Evidence, last_group: Entity | None
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
            person = self._person_at(doc, after, mentions)
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
                if norms[j] == ",":
                    person = self._person_ending(doc, j, mentions)
            # "head of the Quds Force", "a leader in Kataib Hezbollah" (not "a commander in Iraq")
            if org is None and title.end < sent.end and norms[title.end] in {"of", "in", "within"}:
                chain = self._skip(doc, title.end + 1)
                while True:
                    nxt = next((m for m in orgs if m.start == chain), None)
                    if nxt is None or (norms[title.end] != "of" and nxt.ref.actor_kind == "State"):
                        break
                    org = nxt.actor
                    if not nxt.possessor:
                        break
                    chain = self._skip(doc, nxt.end + 1)
                if org is not None and person is None:
                    end = next((m.end for m in orgs if m.actor == org), title.end)
                    if end < sent.end and norms[end] == ",":
                        person = self._person_at(doc, end + 1, mentions)
            if org is None or person is None:
                continue
            out.append(
                Relation(person, title.predicate, org, evidence.read_by("relation.title", (title.text,)))
            )
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

    def _person_at(self, doc: Doc, start: int, mentions: list[Mention]) -> Entity | None:
        known = next((m for m in mentions if m.start == start and m.is_person), None)
        if known is not None:
            return known.actor
        if any(m.start <= start < m.end for m in mentions):
            return None
        name = capitalized_name(doc, start, particles=self.particles, max_tokens=6)
        if name is not None and len([t for t in name if t.is_alpha]) >= 2 and not _is_common(name):
            return Entity(name.text, "Person")
        return None

    def _person_ending(self, doc: Doc, comma: int, mentions: list[Mention]) -> Entity | None:
        known = next((m for m in mentions if m.end == comma and m.is_person), None)
        return known.actor if known is not None else None


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
