"""Score, date and time the HTML pages of the scored sets with each HTML reader (kg build --html-reader).

    .venv/bin/python bench/bench_html_reader.py                  # every set that has HTML pages
    .venv/bin/python bench/bench_html_reader.py heldout8 --repeat 50

For each set, only its HTML pages are built, once per reader, and scored against the set's gold rows
for those files (summary per set, then per page). Then, per page and reader: the publication date
the reader's metadata gives, the date the article ends up with (kg's text rules fill in where the
metadata gives none) and the time to read the page (ms, best of --repeat). The dev corpus and the
seeds hold stored text copies only: they are listed with their count of HTML pages (none so far).
trafilatura is left out, with a note, when it is not installed (pip install 'kg[html]').
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

import score_sets  # noqa: E402  (eval/ is not a package)

from kg.ingest import HTML_SUFFIXES, Article, read_file  # noqa: E402
from kg.ingest.html import html_to_text  # noqa: E402
from kg.ingest.pubdate import find_page_date  # noqa: E402
from kg.ingest.readers import READERS, read_html  # noqa: E402

KG = str(Path(sys.executable).parent / "kg")
SETS = ["dev", "seeds", "examples", *(f"heldout{n}" for n in ("", 2, 3, 4, 5, 6, 7, 8))]


def _pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in HTML_SUFFIXES)


def _keep_rows(rows_of: Path, files: set[str], out: Path, column: str) -> Path:
    """The rows of ROWS_OF whose COLUMN (a gold "file", a system "source" path) names one of FILES."""
    with rows_of.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = [r for r in reader if r[column].rsplit("/", 1)[-1] in files]
        fields = reader.fieldnames or []
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return out


def _score(work: Path, system: dict[str, Path], gold: dict[str, Path], extra: list[str]) -> dict[str, dict]:
    args = [sys.executable, str(score_sets.SHARED / "eval" / "score.py"), "--json"]
    args += ["--events", str(system["events"]), "--gold-events", str(gold["events"])]
    if "relations" in gold:
        args += ["--relations", str(system["relations"]), "--gold-relations", str(gold["relations"])]
    out = subprocess.run(args + extra, capture_output=True, text=True, check=False).stdout
    return json.loads(out[: out.rindex("\n", 0, len(out.rstrip()))])


def _line(result: dict[str, dict]) -> str:
    ev = result["events"]
    text = f"events F1 {ev['f1']:.2f} (P {ev['precision']:.2f} R {ev['recall']:.2f}, gold {ev['gold']})"
    text += f" date {ev['date_acc']:.2f} perp {ev['perpetrator_acc']:.2f}"
    if "relations" in result:
        rel = result["relations"]
        text += f"; relations F1 {rel['f1']:.2f} (P {rel['precision']:.2f} R {rel['recall']:.2f},"
        text += f" gold {rel['gold']})"
    return text


def score_set(name: str, reader: str, pages: list[Path], work: Path) -> list[str]:
    _, events, relations, extra = score_sets._sets(name, work)
    folder = work / "pages"
    folder.mkdir()
    for page in pages:
        shutil.copy(page, folder / page.name)
    store = work / "store"
    subprocess.run(
        [KG, "build", "--quiet", "--html-reader", reader, "--store", str(store), str(folder)],
        check=True,
        capture_output=True,
    )
    system: dict[str, Path] = {}
    for what in ("events", "relations"):
        system[what] = work / f"system_{what}.csv"
        with system[what].open("wb") as f:
            query = ["query", "--store", str(store), "--format", "csv", score_sets.query(what)]
            subprocess.run([KG, *query], check=True, stdout=f)
    lines = []
    for files, label in [({p.name for p in pages}, name), *(({p.name}, f"  {p.name}") for p in pages)]:
        gold = {"events": _keep_rows(events, files, work / "gold_events.csv", "file")}
        if relations is not None:
            gold["relations"] = _keep_rows(relations, files, work / "gold_relations.csv", "file")
        # score.py counts every system event as spurious somewhere: only this page's are given
        mine = {
            what: _keep_rows(path, files, work / f"mine_{what}.csv", "source")
            for what, path in system.items()
        }
        lines.append(f"{label:46} {reader:11} {_line(_score(work, mine, gold, extra))}")
    return lines


def read_times(page: Path, reader: str, repeat: int) -> tuple[Article, float]:
    best = float("inf")
    article = None
    for _ in range(repeat):
        started = time.perf_counter()
        [article] = read_file(page, html_reader=reader)
        best = min(best, time.perf_counter() - started)
    assert isinstance(article, Article)
    return article, best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sets", nargs="*", default=SETS)
    parser.add_argument("--repeat", type=int, default=20, help="reads per page and reader (best is kept)")
    options = parser.parse_args()
    readers = [r for r in READERS if r == "builtin" or importlib.util.find_spec(r)]
    if len(readers) < len(READERS):
        print("trafilatura is not installed (pip install 'kg[html]'): builtin reader only")
    found: dict[str, list[Path]] = {}
    for name in options.sets:
        with tempfile.TemporaryDirectory() as tmp:
            folder = score_sets._sets(name, Path(tmp))[0]
            found[name] = _pages(folder)
        if not found[name]:
            print(f"{name:10} no HTML pages (stored text copies only)")
    print("\n## Scores (only the HTML pages built, gold rows of those files)")
    for name, pages in found.items():
        for reader in readers if pages else []:
            with tempfile.TemporaryDirectory() as tmp:
                print("\n".join(score_set(name, reader, pages, Path(tmp))), flush=True)
    print("\n## Dates and time per page")
    print(f"{'page':46} {'reader':11} {'meta date':10} {'article date':12} {'basis':8} {'text-only':10}   ms")
    for pages in found.values():
        for page in pages:
            markup = page.read_text(encoding="utf-8-sig")
            # what kg's text rules alone find, on kg's own reading of the page
            own = find_page_date(html_to_text(markup).text)
            for reader in readers:
                article, ms = read_times(page, reader, options.repeat)
                meta = read_html(markup, reader).published
                print(
                    f"{page.name:46} {reader:11} {meta or '-'!s:10} {article.published or '-'!s:12} "
                    f"{article.published_basis or '-':8} {own.value if own else '-'!s:10} {ms:6.2f}"
                )


if __name__ == "__main__":
    main()
