"""Which stage of the event reader (a module under kg/extract/) applies each rule, for ``kg explain``.

The rule ids stay what they were in the graph (``kgo:rule``, and the mention IRIs minted from them):
a rule id names a phrasing, the stage says where its code is. ``kg explain`` prints both:
"stage attacks, rule attack.verb" is read in kg/extract/attacks.py (with its helpers attack_sites.py,
attack_actors.py and attack_refers.py: "attack.verb.refers-back" is decided in attack_refers.py).
"""

from __future__ import annotations

# (rule id or its prefix, stage), the first match wins
_STAGES = (
    ("attack.claim-follow-up", "discourse"),
    ("attack.outcome-follow-up", "discourse"),
    ("aggregate.", "discourse"),
    ("attack.summary-places", "areas"),  # the reader applies it after each sentence, with areas.SiteShapes
    ("attack.list-item", "listed"),
    ("attack.", "attacks"),
    ("interception", "interceptions"),
    ("deployment", "interceptions"),
    ("relation.", "relations"),
)


def stage_of(rule: str) -> str:
    """The stage (module of kg/extract/) whose code applies RULE, or "unknown"."""
    return next((stage for prefix, stage in _STAGES if rule.startswith(prefix)), "unknown")
