"""spaCy entity-ruler patterns generated from the reference data and the weapon vocabulary.

Labels: ACTOR, PLACE, STATE (a state that is also a country: Iraq, Iran), DEMONYM (a hidden
label such as "American", standing for its state), WEAPON. The pattern id is the entity IRI.
Short labels written in capitals (PMF, IRGC, U.S.) match case-sensitively, everything else
through the folded NORM, with hyphen and apostrophe variants generated here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kg.extract.lexicon import Tokenize, fold
from kg.reference import RefEntity, reference_entities, weapon_concepts

Pattern = dict[str, Any]

# An aircraft or missile type: "F-15", "F-15E", "AC-130", "MQ-9"; articles count them ("two F-15s")
_DESIGNATOR = re.compile(r"^[A-Z]{1,3}-\d{1,3}[A-Z]?$")


def _is_acronym(label: str) -> bool:
    """Labels matched case-sensitively.

    >>> [_is_acronym(x) for x in ("PMF", "U.S.", "Hashd", "IRGC-QF", "CJTF-OIR")]
    [True, True, False, True, True]
    """
    letters = re.sub(r"[.\-]", "", label)
    return letters.isupper() and letters.isalpha() and len(letters) <= 8 and " " not in label


def variants(label: str) -> set[str]:
    """Spellings of LABEL that articles use interchangeably.

    >>> sorted(variants("Kata'ib al-Imam"))
    ["kata'ib al imam", "kata'ib al-imam", 'kataib al imam', 'kataib al-imam']
    """
    forms = {fold(label)}
    forms |= {f.replace("-", " ") for f in forms}
    forms |= {f.replace("'", "") for f in forms}
    return {re.sub(r"\s+", " ", f).strip() for f in forms}


def _with_plurals(labels: set[str]) -> set[str]:
    """LABELS and the plural of each type designator among them.

    >>> sorted(_with_plurals({"F-15E", "AC-130", "drone"}))
    ['AC-130', 'AC-130s', 'F-15E', 'F-15Es', 'drone']
    """
    return labels | {f"{text}s" for text in labels if _DESIGNATOR.match(text)}


def _label_for(entity: RefEntity) -> str:
    if entity.actor_kind == "State" and entity.place_kind:
        return "STATE"
    if entity.actor_kind:
        return "ACTOR"
    if entity.place_kind:
        return "PLACE"
    return "WEAPON"


def entity_patterns(tokenize: Tokenize) -> Iterator[Pattern]:
    """Every pattern, in a stable order: ``{"label", "id", "pattern", "match"}``.

    ``match`` is "exact" (the text as written: one-word names, acronyms, demonyms) or "folded"
    (lower case, no diacritics, straight apostrophes: multi-word names and their variants).
    """
    for entity in (*reference_entities(), *weapon_concepts()):
        label = _label_for(entity)
        for text in sorted(_with_plurals({entity.label, *entity.alt_labels})):
            if len(tokenize(text)) == 1 and not _is_acronym(text):
                # one-word names match as written or in capitals only: the town of Hit is not "hit"
                # (a label written in lower case, "drones", is a common noun: it may open a sentence)
                forms = {text, text.upper()} | ({text.capitalize()} if text.islower() else set())
                for form in sorted(forms):
                    yield {"label": label, "id": entity.iri, "pattern": form, "match": "exact"}
            elif _is_acronym(text):
                yield {"label": label, "id": entity.iri, "pattern": text, "match": "exact"}
            else:
                # spaCy keeps "U.S." one token but splits a lower-case "u.s.": such labels keep their case too
                cased = {text} if "." in text else set()
                for form in sorted(variants(text) | cased):
                    yield {"label": label, "id": entity.iri, "pattern": form, "match": "folded"}
        for text in entity.hidden_labels:
            yield {"label": "DEMONYM", "id": entity.iri, "pattern": text, "match": "exact"}
