"""Extraction throughput on one core: articles/s and tokens/s over the sample corpus.

    python bench/bench_extract.py [--repeat 50] [PATHS...]

Reads the articles once, then times `Extractor.extract` (tokenize, sentences, entity ruler,
event and relation rules) and, for comparison, spaCy's tokenizer alone over the same texts.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.errors import ArticleError
from kg.extract import load_extractor
from kg.ingest import Article, load_articles

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "examples" / "articles"])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    articles = [a for a in load_articles(args.paths) if isinstance(a, Article)]
    skipped = [a for a in load_articles(args.paths) if isinstance(a, ArticleError)]
    started = time.perf_counter()
    extractor = load_extractor()
    setup = time.perf_counter() - started
    tokens = sum(len(extractor.nlp.make_doc(a.text)) for a in articles)

    started = time.perf_counter()
    for _ in range(args.repeat):
        for article in articles:
            extractor.nlp.make_doc(article.text)
    tokenizer = time.perf_counter() - started

    started = time.perf_counter()
    events = 0
    for _ in range(args.repeat):
        for article in articles:
            events += len(extractor.extract(article).events)
    full = time.perf_counter() - started

    n = len(articles) * args.repeat
    print(f"corpus: {len(articles)} articles ({len(skipped)} unreadable), {tokens:,} tokens, x{args.repeat}")
    print(f"pipeline setup (patterns from the gazetteer): {setup:.2f} s")
    print(f"extraction: {n / full:,.0f} articles/s, {tokens * args.repeat / full:,.0f} tokens/s on one core")
    print(
        f"tokenizer alone: {n / tokenizer:,.0f} articles/s, {tokens * args.repeat / tokenizer:,.0f} tokens/s"
    )
    print(f"extraction / tokenizer time: {full / tokenizer:.1f}x; events per pass: {events // args.repeat}")


if __name__ == "__main__":
    main()
