"""Relations read from a hyphenated modifier: "Iran-backed Kata'ib Hezbollah", "the IRGC-linked X".

Rule ``relation.suffix`` (named in the evidence, ``kg explain``): the modifier names the backer (or the
actor the group is linked to) of the group it describes: the group after it ("Iran-backed Iraqi militia
X"), the group of an appositive or a copula before it ("X, an Iran-backed militia", "X is an Iran-backed
militia", "X - an Iran-backed militia -"), or the umbrella it qualifies ("X, an umbrella of Iran-backed
militias"). A group the reference data lacks is minted when its name says it is one ("Liwa ...").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.lexicon import span_text
from kg.extract.mentions import Mention, capitalized_name
from kg.extract.model import Entity, Evidence, Relation
from kg.extract.relation_words import (
    APPOSITION,
    CLAUSE_WORDS,
    COPULAS,
    SKIPPABLE,
    RelationWords,
)
from kg.reference import RefEntity, by_iri


class SuffixRules(RelationWords):
    """The rule that reads "Iran-backed" and "IRGC-linked" as relations of the group described."""

    def _suffix(self, doc: Doc, mentions: list[Mention], evidence: Evidence) -> list[Relation]:
        out = []
        for m in mentions:
            predicate = self.suffix.get(m.modifier or "")
            if predicate is not None and m.actor is None and (state := self._capital_state(m)) is not None:
                m = replace(m, ref=state)  # "Tehran-backed": the capital stands for the state
            if predicate is None or m.actor is None:
                continue
            if predicate == "affiliatedWith" and not m.is_organization:
                continue  # "Iran-aligned": a stance towards a state, not an affiliation
            for n in self._included(doc, m, mentions):  # "Iran-backed groups, including X and Y"
                if n.actor is not None:
                    text = doc[m.start : n.end].text
                    out.append(
                        Relation(n.actor, predicate, m.actor, evidence.read_by("relation.suffix", (text,)))
                    )
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
                # "X and Y, two Iran-backed militias": a plural describes each group of the list
                owners = self._listed_before(doc, owner, mentions) if self._plural(doc, m, mentions) else []
                for n in [*owners, owner]:
                    if n.actor is not None:
                        text = doc[n.start : m.end + 3].text
                        out.append(
                            Relation(
                                n.actor, predicate, m.actor, evidence.read_by("relation.suffix", (text,))
                            )
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
            j = self._umbrella_of(doc, m)
            if j:
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

    def _capital_state(self, m: Mention) -> RefEntity | None:
        """The state whose capital M names ("Tehran" in "Tehran-backed"), from [relation] capital_states."""
        state = self.capital_states.get(m.ref.iri.rsplit("/", 1)[-1])
        return by_iri().get(f"{m.ref.iri.rsplit('/', 1)[0]}/{state}") if state else None

    def _noun_end(self, doc: Doc, m: Mention, mentions: list[Mention]) -> int | None:
        """The end of the words "Iran-backed" opens when a group noun ends them ("Iran-backed militia
        groups"), else None."""
        k, last = m.end + 2, None
        while k < len(doc) and k - m.end < 7 and self._describes(doc, k, mentions):
            if self._group_noun(doc, k):
                last = k + 1
            elif last is not None:
                break
            k += 1
        return last

    def _plural(self, doc: Doc, m: Mention, mentions: list[Mention]) -> bool:
        """Whether the group noun after "Iran-backed" is a plural: "militias", "militia groups"."""
        end = self._noun_end(doc, m, mentions)
        return end is not None and doc[end - 1].norm_ not in self.group_nouns

    def _included(self, doc: Doc, m: Mention, mentions: list[Mention]) -> list[Mention]:
        """The groups a list names right after "Iran-backed militias, including" (or "such as"); not
        after an umbrella ("a banner for Iran-backed factions including X": X is read as the banner's)."""
        end = self._noun_end(doc, m, mentions)
        if end is None or not self._plural(doc, m, mentions) or self._umbrella_of(doc, m):
            return []
        k = end + (1 if end < len(doc) and doc[end].norm_ == "," else 0)
        cue = next((p for p in self.including if [t.norm_ for t in doc[k : k + len(p)]] == list(p)), None)
        if cue is None:
            return []
        return self._listed_after(doc, k + len(cue), mentions)

    def _listed_after(self, doc: Doc, start: int, mentions: list[Mention]) -> list[Mention]:
        """The organizations of a list that opens at START: "X, Y and Z"."""
        found: list[Mention] = []
        j = start
        while True:
            n = next((n for n in mentions if n.start == j and n.is_organization and not n.modifier), None)
            if n is None:
                return found
            found.append(n)
            j = n.end
            if j < len(doc) and doc[j].norm_ == ",":
                j += 1
            if j < len(doc) and doc[j].norm_ in {"and", "or"}:
                j += 1
            if j == n.end:
                return found

    def _listed_before(self, doc: Doc, last: Mention, mentions: list[Mention]) -> list[Mention]:
        """The organizations listed before LAST and joined to it: "X, Y and LAST"."""
        found: list[Mention] = []
        j = last.start
        while j > 0 and doc[j - 1].norm_ in {",", "and"}:
            k = j - 1 - (1 if j > 1 and doc[j - 1].norm_ == "and" and doc[j - 2].norm_ == "," else 0)
            n = next((n for n in mentions if n.end == k and n.is_organization and not n.modifier), None)
            if n is None:
                break
            found.insert(0, n)
            j = n.start
        return found

    def _umbrella_of(self, doc: Doc, m: Mention) -> int:
        """The "of" or "for" of "an umbrella of Iran-backed militias" before M, else 0."""
        j = m.start - 1
        while j > 0 and doc[j].norm_ not in {"of", "for"} and m.start - j <= 3:
            j -= 1
        return j if j > 0 and doc[j].norm_ in {"of", "for"} and doc[j - 1].norm_ in self.umbrella else 0

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
        if doc[j - 1].norm_ == ")":  # "the Syrian Democratic Forces (SDF), the US-backed force"
            j = next((k for k in range(j - 2, max(0, j - 10), -1) if doc[k].norm_ == "("), j)
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
        while j > 0 and (doc[j].norm_ in SKIPPABLE or doc[j].norm_ in self.modifiers or _superlative(doc, j)):
            j -= 1
        if j > 0 and doc[j].norm_ in self.list_counts and self._plural(doc, m, mentions):
            j -= 1  # "X and Y, two Iran-backed militias"
        if j > 1 and doc[j].norm_ == "of" and doc[j - 1].norm_ == "one":
            j -= 2  # "X, one of the Iran-backed factions"
        if doc[j].norm_ not in APPOSITION and doc[j].norm_ not in COPULAS:
            return None
        return j

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


def _superlative(doc: Doc, j: int) -> bool:
    """ "X, one of the most powerful Iran-backed factions", "the strongest": a ranking adjective."""
    norm = doc[j].norm_
    return (
        norm in {"most", "more", "best", "biggest"}
        or (norm.endswith("est") and len(norm) > 4)
        or (j > 0 and doc[j - 1].norm_ == "most")
    )
