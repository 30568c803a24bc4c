"""Shared fixtures: the real extraction pipeline, built once per session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from kg.extract import Extractor, load_extractor
from kg.extract.model import Extraction
from kg.ingest import make_article


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/data/expected/* from the code"
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return load_extractor()


Read = Callable[..., Extraction]


@pytest.fixture(scope="session")
def read(extractor: Extractor) -> Read:
    """Extract from TEXT as an article published on PUBLISHED (a Saturday, 2024-02-03, by default)."""

    def _read(text: str, published: date | None = date(2024, 2, 3)) -> Extraction:
        article = make_article("test-article.txt", text, source="test-article.txt", published=published)
        return extractor.extract(article)

    return _read
