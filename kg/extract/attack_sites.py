"""Stage 2 (attacks.py): where the attack of one frame struck: its named sites (one event each) and
the areas that place it, with what only says where (a landmark, a launch point, a motive, a bearing,
the speakers' seat) left out. The rules on a single mention are in places.py.

attacks._attack asks sites_and_areas; it makes one event per site, or per finest area without one.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.clauses import _Frame
from kg.extract.cues import Cues
from kg.extract.lexicon import doc_norms
from kg.extract.mentions import Mention, find_mentions
from kg.extract.places import (
    _SITE_NOUNS,
    _after_word,
    _ancestors,
    _as_place,
    _bearing_of,
    _damaged_part,
    _landmark,
    _motive_before,
    _motive_start,
    _site_anaphor,
    _time_anchor,
    _unique,
)
from kg.extract.state import _State
from kg.extract.told import launch_point


def sites_and_areas(
    lex: Cues, doc: Doc, frame: _Frame, state: _State
) -> tuple[list[Mention], list[Mention], bool]:
    """The sites and the areas FRAME struck, and whether its first site only places an unnamed one
    ("a military base near Baghdad airport")."""
    norms = doc_norms(doc)
    # "... in retaliation for the war on the Gaza Strip": places of the motive are not the attack's
    motive = _motive_start(norms, frame)
    before_a, before_b = _motive_before(norms, frame)
    mentions = [m for m in frame.mentions if m.start < motive and not before_a <= m.start < before_b]
    sites = _unique([m for m in mentions if m.is_site and not m.modifier])
    # "missiles fired from the direction of the al-Tanf area": whence, not what was hit
    sites = [m for m in sites if not _after_word(norms, m, {"from"})]
    # "hit the Conoco gas field, not al-Omar", "rather than the embassy": a site the text says was not hit
    areas_denied = [m for m in mentions if _denied(norms, m)]
    sites = [m for m in sites if m not in areas_denied]
    # "the Victory Base Complex near Baghdad airport": a second site after "near" only says where
    landmarks = [m for m in sites[1:] if _landmark(norms, m)]
    sites = [m for m in sites if m not in landmarks]
    # "rockets hit the Green Zone, causing damage to the US Embassy compound": a part of an area hit, too
    hit_first = min(
        (m for m in mentions if (m.is_site or m.is_area) and not m.modifier),
        key=lambda m: m.start,
        default=None,
    )
    sites = [m for m in sites if hit_first is None or not _damaged_part(norms, m, hit_first)]
    # "a military base near Baghdad airport": the named site only places an unnamed one, which a
    # retelling in the next sentence may name ("the attack ... hit a base known as Camp Victory")
    placed_near = bool(sites) and _landmark(norms, sites[0]) and norms[sites[0].start - 2] in _SITE_NOUNS
    # "the US Embassy in Baghdad's Green Zone": a site that holds another named site only says where
    holders = {a for m in sites for a in _ancestors(m.ref.iri)}
    sites = [m for m in sites if m.ref.iri not in holders and not _time_anchor(norms, m)]
    if not sites:
        sites = _site_anaphor(lex, doc, frame, state)
    areas = [
        m for m in mentions if m.is_area and not m.modifier and _as_place(doc, m) and m not in areas_denied
    ]
    if not sites and not areas:  # "in the east of the country": the country named last
        areas = lex.site_shapes.country_referred(doc, *frame.owned, find_mentions(doc))
    # "bombers flown from the United States struck ... in Iraq": whence, not where
    areas = [m for m in areas if not _after_word(norms, m, {"from"})]
    # "the rocket was launched by militias from the area on the bank of the Euphrates": where from
    launched = [t.index for t in frame.triggers if norms[t.index] in lex.weak_verbs]
    areas = [m for m in areas if not (launched and launch_point(lex, norms, launched[0], m.start))]
    # "in Jurf al-Sakhar, south of Baghdad": a town given as a bearing of another only says where it is
    bearings = [m for m in areas if _bearing_of(doc, m, areas)]
    areas = [m for m in areas if m not in bearings]
    # "officials of the regional government in Erbil said ... killed in Koya": the speakers' seat
    said = [j for j in range(frame.clause[0], frame.triggers[0].index) if norms[j] in lex.reporting]
    if said and any(m.start > said[-1] for m in areas):
        areas = [m for m in areas if m.start > said[-1]]
    return sites, areas, placed_near


def _denied(norms: list[str], m: Mention) -> bool:
    """Whether a comma and "not" (or "rather than", "instead of") stand right before M, past "the"."""
    j = m.start - 1
    if j > 0 and norms[j] == "the":
        j -= 1
    if j >= 1 and norms[j] == "not" and norms[j - 1] == ",":
        return True
    return j >= 1 and norms[j - 1 : j + 1] in (["rather", "than"], ["instead", "of"])
