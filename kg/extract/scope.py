"""The last stage of the event reader: events placed only outside the theatre are left out.

kg reports the attacks of one theatre (Iraq, Syria and the Jordanian border: ``[scope] theatre`` in
lexicons/extraction.toml). Articles about it also tell of attacks elsewhere, Houthi missiles in the Red
Sea, the 7 October attack on Israel, strikes on Gaza, as background or comparison; those are kept out
of the graph, as annotators of this conflict's reporting keep them out of their tables. Only a place
the reference data knows can put an event outside: a town kg met for the first time might be anywhere.
"""

from __future__ import annotations

from kg.extract.lexicon import cue_words
from kg.extract.model import Event
from kg.extract.places import _ancestors
from kg.namespaces import REFERENCE

_THEATRE = frozenset(str(REFERENCE[slug]) for slug in cue_words("scope", "theatre"))
_DEPLOYED = frozenset(str(REFERENCE[slug]) for slug in cue_words("scope", "deployed_states"))


def in_theatre(event: Event) -> bool:
    """Whether EVENT may lie in the theatre: it names no place, a place in it, or a place kg cannot locate."""
    places = [*event.targets, *event.locations]
    if not places:
        # "the Oct. 7 attack on Israel": a state attacked, no place named, is its own country
        states = [a for a in event.target_actors if a.kind == "State" and a.iri]
        return (
            not states
            or len(states) < len(event.target_actors)
            or any(a.iri in _DEPLOYED or _may_lie_in_theatre(a.iri) for a in states)
        )
    return any(_may_lie_in_theatre(p.iri) for p in places)


def _may_lie_in_theatre(iri: str | None) -> bool:
    return iri is None or iri in _THEATRE or bool(_ancestors(iri) & _THEATRE)


def within_theatre(events: list[Event]) -> list[Event]:
    return [e for e in events if in_theatre(e)]
