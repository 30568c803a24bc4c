"""The matched events whose date, perpetrator, type or weapon differ from the gold, one line each.

The shared scorer (../shared/eval/score.py) counts these in its accuracy figures but names only missed
and spurious events; a field error is as much a wrong answer to a researcher's query, so
`eval/score_sets.py --errors` prints these lines too. The pairing below is the scorer's own (its
functions are imported, not copied), so a line here is exactly one point lost in its summary.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_shared_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def field_errors(scorer: Path, gold_events: Path, events: Path, aliases: Path | None) -> list[str]:
    s = load_scorer(scorer)
    extra: dict[str, list[str]] = {}
    if aliases is not None:
        for row in s.read_csv(aliases):
            extra.setdefault(row["canonical"], []).append(row["alias"])
    names = s.Names(extra)
    gold, system = s.read_csv(gold_events), s.read_csv(events)
    lines: list[str] = []
    for file in sorted({g["file"] for g in gold}):
        gs = [g for g in gold if g["file"] == file]
        ss = s.for_file(system, file)
        pairs = []
        for i, g in enumerate(gs):
            wanted = g["target_place"] or g["location"]
            for j, e in enumerate(ss):
                places = s.cells(e.get("target", "")) + s.cells(e.get("location", ""))
                if s.place_key(wanted) and not any(s.same_place(wanted, p) for p in places):
                    continue
                if not s.dates_match(g["date"], e.get("date", "")):
                    continue
                if not s.types_compatible(g["event_type"], e.get("type", ""), g["weapon"]):
                    continue
                same_type = s.kind(e.get("type", "")) == g["event_type"]
                quality = same_type + s.date_exact(g["date"], e.get("date", ""))
                pairs.append((-quality, i, j))
        used_g: set[int] = set()
        used_s: set[int] = set()
        for _, i, j in sorted(pairs):
            if i in used_g or j in used_s:
                continue
            used_g.add(i)
            used_s.add(j)
            lines += _differences(s, names, file, gs[i], ss[j])
    return lines


def _differences(s: ModuleType, names: object, file: str, g: dict[str, str], e: dict[str, str]) -> list[str]:
    place = g["target_place"] or g["location"]
    head = f"{file}: {g['event_type']} {place}:"
    out = []
    if s.kind(e.get("type", "")) != g["event_type"]:
        out.append(f"wrong type      {head} gold {g['event_type']}, kg {e.get('type', '')}")
    if not s.date_exact(g["date"], e.get("date", "")):
        out.append(f"wrong date      {head} gold {g['date'] or '(none)'}, kg {e.get('date', '') or '(none)'}")
    perps = s.cells(e.get("perpetrator", ""))
    right = any(names.same_actor(g["perpetrator"], p) for p in perps) if g["perpetrator"] else not perps  # type: ignore[attr-defined]
    if not right:
        got = e.get("perpetrator", "") or "(none)"
        out.append(f"wrong perp      {head} gold {g['perpetrator'] or '(none)'}, kg {got}")
    known = g["weapon"] and g["weapon"] != "unknown"
    if known and s.weapon(e.get("weapon", "") or e.get("type", "")) != g["weapon"]:
        out.append(f"wrong weapon    {head} gold {g['weapon']}, kg {e.get('weapon', '') or '(none)'}")
    return out
