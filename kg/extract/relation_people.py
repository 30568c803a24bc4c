"""A person's role in an organization: commander of, leader of, member of.

Rules, each named in the evidence (``kg explain``):
- ``relation.title``: "al-Nujaba commander Mushtaq al-Saeedi", "Qasem Soleimani, head of the Quds Force",
  "the head of the Quds Force, Qasem Soleimani", "Akram al-Kaabi, Nujaba's secretary-general",
  "the group's spokesman, Y" (a person the gazetteer does not know is minted from the name);
- ``relation.led-by``: "Harakat al-Nujaba, a smaller group led by Akram al-Kaabi";
- ``relation.leads``: "Hadi al-Amiri, who heads the Badr Organization", "X oversaw the group's operations",
  "Qais al-Khazali's Asa'ib Ahl al-Haq".
Ranks between a title and a name are passed ("Air Force Maj. Gen. X"); a rank alone is no title.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.extract.lexicon import doc_norms, find_phrases, span_text
from kg.extract.mentions import _CAPITALIZED, Mention, capitalized_name
from kg.extract.model import Entity, Evidence, Relation
from kg.extract.relation_words import (
    ADVERBS,
    COPULAS,
    DETERMINERS,
    POSSESSIVE,
    QUOTES,
    RELATIVE,
    SKIPPABLE,
    RelationWords,
)


@dataclass(frozen=True)
class _Title:
    start: int
    end: int
    predicate: str
    text: str


class PersonRules(RelationWords):
    """The rules that give a person a role in an organization."""

    def _led_by(
        self, doc: Doc, sent: Span, mentions: list[Mention], evidence: Evidence, named_orgs: list[Mention]
    ) -> list[Relation]:
        """ "Harakat al-Nujaba, a smaller group led by Akram al-Kaabi": the person after the cue leads;
        "The commission is chaired by X": the Commission named before (NAMED_ORGS: the article's)."""
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
                if org is None and s - sent.start <= 5:
                    org = self._named_by_head(doc, sent.start, named_orgs)
                if person is None or org is None or org.actor is None:
                    continue
                text = f"{org.text} … {doc[s:e].text} {person.label}"
                out.append(
                    Relation(person, predicate, org.actor, evidence.read_by("relation.led-by", (text,)))
                )
        return out

    def _short_body(self, norms: list[str], start: int, limit: int) -> Entity | None:
        """The body a lower-case word right before a title names ("coalition spokesman")."""
        j = start - 1
        while j > limit and norms[j] in self.modifiers:
            j -= 1
        return self.short_bodies.get(norms[j]) if j >= limit else None

    def _leads(
        self, doc: Doc, sent: Span, mentions: list[Mention], people: list[Mention], evidence: Evidence
    ) -> list[Relation]:
        """ "Hadi al-Amiri, who heads the Badr Organization", "Qais al-Khazali leads Asaib Ahl al-Haq"."""
        norms = doc_norms(doc)
        out = []
        for i in range(sent.start + 1, sent.end - 1):
            predicate = self.leads.get(norms[i]) or self.oversees.get(norms[i])
            if predicate is None:
                continue
            j = self._skip(doc, i + 1, sent.end)
            org = next((m for m in mentions if m.start == j and m.is_organization and not m.modifier), None)
            if org is None or org.actor is None:
                continue
            if norms[i] not in self.leads and not self._operations_of(doc, org, sent.end):
                continue  # "ran the checkpoint", "directed Kataib Hezbollah to": no command of a group
            k = i - 1
            while k > sent.start and norms[k] in ADVERBS:
                k -= 1
            if norms[k] in RELATIVE and k - 1 > sent.start and norms[k - 1] == ",":
                person = self._person_ending(doc, k - 1, sent.start, mentions, people)
            elif norms[k] in RELATIVE and (comma := self._appositive_comma(doc, norms, k, sent, mentions)):
                # "X, a veteran of the Badr Corps who founded Y": the clause describes the appositive's X
                person = self._person_ending(doc, comma, sent.start, mentions, people)
                person = person or self._before_appositive(doc, norms, comma, sent.start, mentions, people)
            elif norms[k] == "," and norms[i] not in self.leads:
                # "The commander, X, oversaw the group's operations": the name the appositive closes
                person = next((m.actor for m in mentions if m.end == k and m.is_person), None)
            else:
                person = next((m.actor for m in mentions if m.end == k + 1 and m.is_person), None)
            if person is not None:
                text = f"{person.label} … {doc[i].text} {org.text}"
                out.append(
                    Relation(person, predicate, org.actor, evidence.read_by("relation.leads", (text,)))
                )
        return out

    def _appositive_comma(
        self, doc: Doc, norms: list[str], who: int, sent: Span, mentions: list[Mention]
    ) -> int | None:
        """The comma that opens the appositive "a veteran of ORG" right before "who" at WHO, if any."""
        org = next((m for m in mentions if m.end == who and m.is_organization), None)
        if org is None:
            return None
        j = org.start - 1
        while j > sent.start and norms[j] in DETERMINERS:
            j -= 1
        if norms[j] != "of":
            return None
        k = j - 1
        while k > sent.start and j - k <= 4 and doc[k].is_alpha and doc[k].is_lower:
            k -= 1
        if k == j - 1 or norms[k] != "," or norms[k + 1] not in DETERMINERS:
            return None
        return k

    def _possessive_leader(self, doc: Doc, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        """ "Qais al-Khazali's Asa'ib Ahl al-Haq": an armed group owned by a person's possessive is the
        group he leads (not a government body: "Biden's Pentagon" is not his to lead)."""
        out = []
        for m in mentions:
            if not (m.is_person and m.possessor and m.actor is not None):
                continue
            j = self._skip(doc, m.end + 1)
            group = next((n for n in mentions if n.start == j and not n.modifier), None)
            if group is None or group.actor is None or group.actor.kind != "ArmedGroup":
                continue
            text = span_text(doc[m.start : group.end])
            out.append(
                Relation(m.actor, "leaderOf", group.actor, evidence.read_by("relation.leads", (text,)))
            )
        return out

    def _operations_of(self, doc: Doc, org: Mention, end: int) -> bool:
        """Whether ORG's own operations follow ORG: "Kataib Hezbollah's operations in Syria"."""
        if not org.possessor:
            return False
        k = org.end + 1
        while k < min(end, org.end + 4) and doc[k].is_alpha and doc[k].norm_ not in self.operations:
            k += 1
        return k < end and doc[k].norm_ in self.operations

    def _titles(
        self,
        doc: Doc,
        sent: Span,
        mentions: list[Mention],
        heads: dict[int, Mention],
        evidence: Evidence,
        last_group: Entity | None,
        people: list[Mention],
        named_orgs: list[Mention],
    ) -> list[Relation]:
        """NAMED_ORGS: the organizations of the article, for "the commission" after a title."""
        norms = doc_norms(doc)
        titles = [
            _Title(s, e, predicate, span_text(doc[s:e]))
            for predicate, phrases in self.titles
            for s, e, _ in find_phrases(norms, phrases, sent.start, sent.end)
        ]
        titles = _coordinated(_longest(titles), norms)
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
            short = self._short_body(norms, title.start, sent.start)
            if before:
                org = before[-1].actor
            elif short is not None:  # "coalition spokesman Col. X": a body named by a common noun
                org = short
            elif (
                title.start >= 2
                and norms[title.start - 1] in POSSESSIVE
                and find_phrases(norms, self.anaphors, max(sent.start, title.start - 4), title.start - 1)
            ):
                org = last_group
            elif title.start > sent.start and norms[title.start - 1] in {"its", "their"}:
                # "Harakat al-Nujaba ... lost its commander X": the group the sentence is about
                earlier = [m for m in orgs if m.end <= title.start]
                org = earlier[0].actor if earlier else last_group
            after = title.end + (1 if title.end < sent.end and norms[title.end] == "," else 0)
            if norms[title.start - 1] == "whose" and after < sent.end and norms[after] in COPULAS:
                after += 1  # "X, whose secretary-general is Y"
            person = self._person_at(doc, after, mentions, people)
            # PERSON, [the] TITLE of [the ORG's] ORG  /  PERSON, ORG's TITLE
            if person is None:
                j = title.start - 1
                while j > sent.start and (
                    norms[j] in SKIPPABLE
                    or norms[j] in self.modifiers
                    or norms[j] in POSSESSIVE
                    or any(m.start <= j < m.end for m in orgs)
                ):
                    if any(m.start <= j < m.end for m in orgs) and org is None:
                        org = next(m.actor for m in orgs if m.start <= j < m.end)
                    j -= 1
                walked = j
                if norms[j] != ",":  # "X, who is also the TITLE", "X, whom officials described as the TITLE"
                    j = _relative_comma(norms, j, sent.start)
                if norms[j] == "," and j > sent.start:
                    person = self._person_ending(doc, j, sent.start, mentions, people)
                if person is None and j != walked and norms[j] == ",":
                    # "X, the founder of Y, who was also the TITLE": the clause follows X's appositive
                    person = self._before_appositive(doc, norms, j, sent.start, mentions, people)
                elif (
                    person is None
                    and (norms[j] in COPULAS or norms[j] in self.role_verbs)
                    and j - 1 > sent.start
                ):
                    # "X is a senior Y finance official": the person the copula follows; "X has been the
                    # secretary-general of Y", "X serves as the PMF's chief of staff", "X was appointed head"
                    k = j
                    while k - 1 > sent.start and norms[k - 1] in self.role_auxiliaries:
                        k -= 1
                    person = self._person_ending(doc, k, sent.start, mentions, people)
                elif person is None and norms[j] == "and" and norms[j - 1] == ",":
                    # "X, the deputy commander of Y, an umbrella of ..., and the founder of Z"
                    person = self._appositive_bearer(norms, j, sent.start, people)
            # "head of the Quds Force", "a leader in Kataib Hezbollah" (not "a commander in Iraq")
            # "a spokesman for Kataib Hezbollah", "deputy chief of Iraq's paramilitary Hashd"
            if org is None and title.end < sent.end and norms[title.end] in {"of", "in", "within", "for"}:
                chain = self._skip(doc, title.end + 1)
                unit = False
                end = title.end
                group = find_phrases(norms, self.anaphors, title.end + 1, min(sent.end, title.end + 4))
                if group and group[0][0] == title.end + 1 and last_group is not None:
                    # "X, a spokesman for the group": the group named last before
                    org, end = last_group, group[0][1]
                elif (named := self._named_by_head(doc, title.end + 1, named_orgs)) is not None:
                    # "X, the deputy chairman of the commission": the Commission named before
                    org, end = named.actor, title.end + 3
                while True:
                    state = next((m for m in mentions if m.start == chain and m.label == "STATE"), None)
                    if state is not None and state.possessor:
                        chain = self._skip(doc, state.end + 1)  # the state's own organization
                    nxt = heads.get(chain) or next((m for m in orgs if m.start == chain), None)
                    if nxt is None and unit:
                        # "head of the Guards' overseas arm, the Quds Force": the arm the appositive names
                        nxt = self._owned_appositive(doc, chain, orgs)
                        unit = nxt is None
                        if nxt is not None and nxt.actor is not None:
                            org, end = nxt.actor, nxt.end
                        break
                    if nxt is None or (norms[title.end] != "of" and nxt.ref.actor_kind == "State"):
                        break
                    org, unit, end = nxt.actor, nxt.possessor, nxt.end
                    if not nxt.possessor:
                        break
                    chain = self._skip(doc, nxt.end + 1)
                if unit and org is not None and org.kind == "GovernmentBody":
                    predicate = "memberOf"  # "head of the KRG's media office": an official of the government
                elif unit and predicate == "leaderOf":
                    predicate = "commanderOf"  # "head of Kataib Hezbollah's drone unit": a unit of the group
                end = self._skip(doc, end, sent.end) if end < sent.end and norms[end] == "(" else end
                if org is not None and person is None and end < sent.end and norms[end] == ",":
                    person = self._person_at(doc, end + 1, mentions, people)
            if org is None or person is None:
                continue
            out.append(Relation(person, predicate, org, evidence.read_by("relation.title", (title.text,))))
        return out

    def _appositive_bearer(
        self, norms: list[str], j: int, sent_start: int, people: list[Mention]
    ) -> Entity | None:
        """The person whose appositives a last one joined by ", and" at J continues: the last person of
        the sentence before J whose name an appositive opening with a determiner follows."""
        bearer = next(
            (
                m
                for m in reversed(people)
                if sent_start <= m.start
                and m.end + 1 < j
                and j - m.end <= 30
                and norms[m.end] == ","
                and norms[m.end + 1] in DETERMINERS
            ),
            None,
        )
        return bearer.actor if bearer is not None else None

    def _before_appositive(
        self,
        doc: Doc,
        norms: list[str],
        comma: int,
        sent_start: int,
        mentions: list[Mention],
        people: list[Mention],
    ) -> Entity | None:
        """The person named before the appositive that ends at COMMA ("X, the founder of Y,")."""
        k = comma - 1
        while k > sent_start and norms[k] != ",":
            k -= 1
        if norms[k] != "," or k + 1 >= comma or norms[k + 1] not in DETERMINERS:
            return None
        return self._person_ending(doc, k, sent_start, mentions, people)

    def _person_at(
        self, doc: Doc, start: int, mentions: list[Mention], people: list[Mention]
    ) -> Entity | None:
        """The person named at START, past ranks and services ("Air Force Maj. Gen. X")."""
        start = self._past_ranks(doc, start, len(doc))
        known = next((m for m in mentions if m.start == start and m.is_person), None)
        if known is not None:
            return known.actor
        if any(m.start <= start < m.end for m in mentions):
            return None
        name = self._name_at(doc, start, mentions)
        if name is None:
            return None
        rest = self._after_nickname(doc, name.end, mentions)
        if rest is not None:  # 'Wissam "Abu Baqir" al-Saadi': the name without the nickname
            return _named_person(name, people, f"{span_text(name)} {span_text(rest)}")
        return _named_person(name, people)

    def _after_nickname(self, doc: Doc, end: int, mentions: list[Mention]) -> Span | None:
        """The rest of a name after a nickname in quotes at END ('Wissam "Abu Baqir" al-Saadi')."""
        norms = doc_norms(doc)
        if end >= len(doc) or norms[end] not in QUOTES:
            return None
        close = next((k for k in range(end + 1, min(len(doc), end + 6)) if norms[k] in QUOTES), None)
        if close is None or close == end + 1:
            return None
        k = close + 1
        while k < len(doc) and norms[k] in self.particles:
            k += 1
        rest = self._name_at(doc, k, mentions) if k < len(doc) and _CAPITALIZED.match(doc[k].text) else None
        if rest is None:
            return None
        return doc[close + 1 : rest.end]

    def _name_at(self, doc: Doc, start: int, mentions: list[Mention]) -> Span | None:
        """The capitalized name at START, up to where the name stops: before a weekday, a verb of
        saying or another entity ("X Tuesday denied", "Y Kataib Hezbollah's spokesman")."""
        name = capitalized_name(doc, start, particles=self.particles, max_tokens=6)
        if name is None:
            return None
        norms = doc_norms(doc)
        end = next(
            (
                j
                for j in range(name.start + 1, name.end)
                if norms[j] in self.name_stops or any(m.start == j for m in mentions)
            ),
            name.end,
        )
        while end > name.start and norms[end - 1] in self.particles:
            end -= 1
        return doc[name.start : end] if end > name.start else None

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
        start = self._past_ranks(doc, start, comma)
        name = capitalized_name(doc, start, particles=self.particles, max_tokens=6)
        if name is None or name.end != comma:
            return None
        return _named_person(name, people)

    def _past_ranks(self, doc: Doc, start: int, end: int) -> int:
        """START moved past the ranks that open a name: "Brig. Gen. X" is X."""
        norms = doc_norms(doc)
        j = start
        while j < end and (norms[j] in self.ranks or (norms[j] == "." and j > start)):
            j += 1  # the tokenizer splits some abbreviations: "Maj" "."
        return j


def _named_person(name: Span, people: list[Mention], label: str | None = None) -> Entity | None:
    """A person named by NAME: one named before by full name ("Al-Amiri" after "Hadi al-Amiri"), or new
    (LABEL: the name as written without what the span holds besides, such as a nickname)."""
    text = (label or name.text).lower()
    surname = _surname(text) if " " not in text.strip() else ""
    earlier = next(
        (
            m.actor
            for m in reversed(people)
            if m.start < name.start
            and (
                m.ref.label.lower().endswith(" " + text)
                # "Hamidawi" after "Ahmad al-Hamidawi": the surname without its article
                or (surname and surname in {_surname(m.ref.label), _surname(m.text)})
            )
        ),
        None,
    )
    if earlier is not None:
        return earlier
    words = label.split() if label else [t.text for t in name if t.is_alpha]
    if len(words) >= 2 and not _is_common(name):
        return Entity(label or name.text, "Person")
    return None


def _surname(name: str) -> str:
    """The last word of NAME without its Arabic article: "al-Hamidawi", "Hamidawi" -> "hamidawi"."""
    last = name.split()[-1].lower() if name.split() else ""
    for article in ("al-", "el-", "al\u2019", "al'"):
        if last.startswith(article):
            return last[len(article) :]
    return last


def _relative_comma(norms: list[str], j: int, sent_start: int) -> int:
    """The comma before "who"/"whom" of a relative clause ending at J that gives its person a title.

    J is the word before the title's determiner; the clause must end in a copula or "as" ("who is also",
    "whom officials described as"), else J itself (the clause says something else: "who met the head of").
    A copula right after a comma is the verb of a name the comma closes ("X, was also the").
    """
    k = j
    while k > sent_start and norms[k] in ADVERBS:
        k -= 1
    if norms[k] not in COPULAS:
        return j
    if k - 1 > sent_start and norms[k - 1] == ",":
        return k - 1  # "Its founder, X, was also the deputy chief of Y": the appositive's name is the subject
    for r in range(k, max(sent_start, k - 8), -1):
        if norms[r] == ",":
            return j
        if norms[r] in RELATIVE and r - 1 > sent_start and norms[r - 1] == ",":
            return r - 1
    return j


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


def _coordinated(titles: list[_Title], norms: list[str]) -> list[_Title]:
    """ "the founder and leader of Y": two titles joined by "and" are one, the last one's relation.

    The first alone names no organization and the second alone no person; together they name both.
    """
    out: list[_Title] = []
    for title in titles:
        last = out[-1] if out else None
        if last is not None and title.start == last.end + 1 and norms[last.end] == "and":
            text = f"{last.text} and {title.text}"
            out[-1] = _Title(last.start, title.end, title.predicate, text)
        else:
            out.append(title)
    return out
