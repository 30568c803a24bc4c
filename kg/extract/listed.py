"""Attacks told as the items of a list under one attack sentence: a communique's "the mujahideen targeted,
on Thursday, the following bases:" and then "1. The base of X, with two drones." -- one attack per item,
on the day and by the actors of the sentence above, with the item's own weapon.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.extract.arguments import _WEAPON_KIND
from kg.extract.coreference import copy_event
from kg.extract.lexicon import doc_norms
from kg.extract.mentions import Mention
from kg.extract.model import Event, Evidence
from kg.extract.places import _as_place, _landmark, _split_sites, _unique
from kg.extract.state import _State

# "1.", "2)", "(3)": the number of an item, alone on its line or before the item's text
_NUMBERED = re.compile(r"^\(?\d{1,2}[.)](?:\s|$)")


def numbered(text: str) -> bool:
    """Whether TEXT opens with the number of a list item ("1. The base of X ...", "2)")."""
    return bool(_NUMBERED.match(text))


def number_only(text: str) -> bool:
    """Whether TEXT is only an item's number, the item's text following as a sentence of its own."""
    return numbered(text) and len(text.split()) == 1


def listed_below(evidence_base: Evidence, places: list[Mention], base: Event, state: _State) -> bool:
    """ "X targeted, on Thursday, the following bases:": an attack sentence that names no place but
    ends at a colon introduces the places hit, listed below; it is kept as the items' header."""
    if places or not evidence_base.text.endswith(":"):
        return False
    state.list_header = base
    state.list_attacks = True
    return True


def item_attacks(
    doc: Doc, sent: Span, mentions: list[Mention], evidence: Evidence, state: _State
) -> list[Event]:
    """The attacks of an item with no attack word ("2. The base of Harir, with a drone."): one per site
    it names, of the header's kind unless the item names its own weapon."""
    header = state.list_header
    if header is None or not state.list_attacks:
        return []
    norms = doc_norms(doc)
    sites = _unique([m for m in mentions if m.is_site and not m.modifier])
    sites = sites[:1] + [m for m in sites[1:] if not _landmark(norms, m)]
    if not sites:
        return []
    areas = [m for m in mentions if m.is_area and not m.modifier and _as_place(doc, m)]
    weapons = [m for m in mentions if m.label == "WEAPON"]
    weapon = weapons[0].ref.iri.rsplit("#", 1)[-1] if weapons else header.weapon
    made = []
    for site, locations in _split_sites(sites, areas):
        event = copy_event(header)
        event.weapon = weapon
        event.kind = _WEAPON_KIND.get(weapon or "", header.kind)
        event.targets = [e for e in [site.place] if e]
        event.locations = [e for m in locations if (e := m.place)]
        words = [f"site: {site.text}"] + [f"weapon: {m.text}" for m in weapons[:1]]
        event.evidence = [evidence.read_by("attack.list-item", tuple(words))]
        made.append(event)
    state.events.extend(made)
    return made


def lend_header(event: Event, header: Event) -> None:
    """An item's attack that names no day or weapon of its own has the header's."""
    told = header.date is not None and header.date.basis != "inferredFromPublication"
    if told and (event.date is None or event.date.basis == "inferredFromPublication"):
        event.date = header.date
    if event.weapon is None and header.weapon is not None:
        event.weapon = header.weapon
        event.kind = header.kind if event.kind == "Attack" else event.kind
