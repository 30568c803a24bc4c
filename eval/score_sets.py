"""Score kg on the real dev corpus halves and on every regression set, one summary line each.

    .venv/bin/python eval/score_sets.py tune check       # the two halves of ../shared/corpus/dev
    .venv/bin/python eval/score_sets.py regress          # seeds, examples, heldout..heldout11
    .venv/bin/python eval/score_sets.py tune --errors    # also what is missed, spurious or matched with a
                                                         # wrong date/perpetrator/type (tune half only!)

The check half's errors are never printed: reading them would turn it into a second tune half (the
same for heldout12, the blind check of the rules tuned on heldout11).
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from field_errors import field_errors

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "gold"
DATA = ROOT / "tests" / "data"
KG = str(Path(sys.executable).parent / "kg")
RAW = argparse.RawDescriptionHelpFormatter
SPLIT = tomllib.loads((ROOT / "eval" / "dev_split.toml").read_text())
# sets scored only by their summary line: reading their errors would make them tuning sets
# (heldout12 is the blind check of the session-6 round that tuned on heldout11)
BLIND = frozenset({"check", "heldout12"})


def _subset(prefixes: list[str], work: Path) -> tuple[Path, Path, Path]:
    """Copy one half of the dev corpus and its gold rows into `work`."""
    articles = work / "articles"
    articles.mkdir()
    keep = set()
    for path in sorted((SHARED / "corpus" / "dev").iterdir()):
        if any(path.name.startswith(p + "_") for p in prefixes):
            shutil.copy(path, articles / path.name)
            keep.add(path.name)
    gold = []
    for name in ("dev_events.csv", "dev_relations.csv"):
        with (GOLD / name).open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            rows = [r for r in reader if r["file"] in keep]
            fields = reader.fieldnames or []
        out = work / name
        with out.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        gold.append(out)
    return articles, gold[0], gold[1]


def _sets(name: str, work: Path) -> tuple[Path, Path, Path | None, list[str]]:
    aliases = ["--aliases", str(GOLD / "dev_aliases.csv")]
    if name in ("tune", "check"):
        articles, events, relations = _subset(SPLIT[name], work)
        return articles, events, relations, aliases
    if name == "dev":
        return SHARED / "corpus" / "dev", GOLD / "dev_events.csv", GOLD / "dev_relations.csv", aliases
    if name == "seeds":
        return SHARED / "corpus" / "seeds", GOLD / "seeds_events.csv", GOLD / "seeds_relations.csv", []
    if name == "examples":
        gold = DATA / "gold"
        return (
            ROOT / "examples" / "articles",
            gold / "examples_events.csv",
            gold / "examples_relations.csv",
            [],
        )
    where = DATA / name
    relations = where / "gold_relations.csv"
    # heldout8-12 gold use the dev set's canonical names (tests/data/gold-notes-heldout8.md)
    extra = aliases if name in ("heldout8", "heldout9", "heldout10", "heldout11", "heldout12") else []
    return where, where / "gold_events.csv", relations if relations.exists() else None, extra


def query(what: str) -> str:
    return str(ROOT / "queries" / f"{what}.rq")


def score(name: str, errors: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        articles, events, relations, extra = _sets(name, work)
        store = work / "store"
        subprocess.run(
            [KG, "build", "--quiet", "--store", str(store), str(articles)], check=True, capture_output=True
        )
        args = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold-events", str(events)]
        for what, gold in (("events", events), ("relations", relations)):
            if gold is None:
                continue
            out = work / f"{what}.csv"
            with out.open("wb") as f:
                subprocess.run(
                    [
                        KG,
                        "query",
                        "--store",
                        str(store),
                        "--format",
                        "csv",
                        str(ROOT / "queries" / f"{what}.rq"),
                    ],
                    check=True,
                    stdout=f,
                )
            args += [f"--{what}", str(out)]
        if relations is not None:
            args += ["--gold-relations", str(relations)]
        result = subprocess.run(args + extra, capture_output=True, text=True, check=False)
        lines = result.stdout.strip().splitlines()
        if not errors or name in BLIND:
            return lines[-1]
        aliases = Path(extra[1]) if extra else None
        wrong = field_errors(SHARED / "eval" / "score.py", events, work / "events.csv", aliases)
        return "\n".join(lines[:-1] + wrong + lines[-1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=RAW)
    parser.add_argument("sets", nargs="+", help="tune, check, dev, seeds, examples, heldout*, regress")
    parser.add_argument("--errors", action="store_true", help="missed / spurious lines (not for check)")
    options = parser.parse_args()
    names: list[str] = []
    for name in options.sets:
        if name == "regress":
            names += ["seeds", "examples", "heldout", "heldout2", "heldout3"]
            names += [f"heldout{i}" for i in range(4, 12)]
        else:
            names.append(name)
    for name in names:
        print(f"{name:10} {score(name, options.errors)}", flush=True)


if __name__ == "__main__":
    main()
