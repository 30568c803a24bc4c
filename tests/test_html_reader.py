"""kg build --html-reader: kg's own HTML rules (the default) or trafilatura and htmldate (kg[html]).

The trafilatura tests skip where the extra is not installed (CI installs .[test,dask]); the error
for asking for it without it, and the rebuild a change of reader causes, are tested everywhere.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import data_fingerprint
from kg.cli import cli
from kg.errors import KgError
from kg.ingest import Article, read_file
from kg.ingest.readers import check_reader

# A page written for these tests: a menu, a cookie banner, a byline, the story, a related list.
PAGE = """<!DOCTYPE html><html><head><title>Drones target an airbase near Erbil | Test Courier</title>
<meta property="og:site_name" content="Test Courier">
<meta property="article:published_time" content="2023-10-18T08:00:00Z"></head><body>
<div class="cookie-banner">We use cookies to improve this site. <button>Accept</button></div>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Drones target an airbase near Erbil</h1>
<p>By a staff writer</p>
<p>Two drones were launched at an airbase near Erbil early on Wednesday, officials of the
regional government said, adding that one drone was shot down before it reached the base.</p>
<p>A group calling itself the Lantern Front said in a statement that its fighters had launched the
drones, and that further strikes would follow if foreign forces stayed in the region.</p>
<p>No casualties were reported, and the airport's flights were not interrupted, a spokesman for
the airport said in the afternoon.</p></article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Rockets fall near a port city</a></li>
</ul></aside><footer>Copyright Test Courier</footer></body></html>
"""


def _read(tmp_path: Path, reader: str) -> Article:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_file(path, html_reader=reader)
    assert isinstance(article, Article)
    return article


@pytest.mark.skipif(importlib.util.find_spec("trafilatura") is None, reason="pip install 'kg[html]'")
def test_trafilatura_keeps_the_story_and_its_headline_and_drops_the_furniture(tmp_path: Path) -> None:
    article = _read(tmp_path, "trafilatura")
    assert article.text.startswith("Drones target an airbase near Erbil\n")
    assert "shot down before it reached the base" in article.text
    assert "further strikes would follow" in article.text
    for furniture in ("cookies", "Sport", "Rockets fall near a port city", "Copyright"):
        assert furniture not in article.text
    assert (article.published, article.published_basis) == (date(2023, 10, 18), "metadata")
    assert article.outlet == "Test Courier"


@pytest.mark.skipif(importlib.util.find_spec("trafilatura") is None, reason="pip install 'kg[html]'")
def test_a_page_too_short_for_trafilatura_is_read_by_kgs_own_rules(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text("<html><body><p>Drones hit a base near Erbil.</p></body></html>", encoding="utf-8")
    [article] = read_file(path, html_reader="trafilatura")
    assert isinstance(article, Article)
    assert "Drones hit a base near Erbil." in article.text


def test_the_builtin_reader_reads_the_same_story(tmp_path: Path) -> None:
    article = _read(tmp_path, "builtin")
    assert "shot down before it reached the base" in article.text
    assert "cookies" not in article.text
    assert article.published == date(2023, 10, 18)


def test_asking_for_trafilatura_without_it_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "trafilatura" else real(name)
    )
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    args = ["build", "-q", "--html-reader", "trafilatura", "--store", str(tmp_path / "s"), str(tmp_path)]
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: --html-reader trafilatura needs trafilatura and htmldate: pip install 'kg[html]'\n",
    )
    assert not (tmp_path / "s").exists()


def test_an_unknown_reader_is_refused() -> None:
    with pytest.raises(KgError, match="unknown HTML reader 'lxml'"):
        check_reader("lxml")


def test_another_reader_rebuilds_every_article_and_the_default_keeps_older_stores() -> None:
    assert data_fingerprint("trafilatura") != data_fingerprint()
    assert data_fingerprint("builtin") == data_fingerprint()
