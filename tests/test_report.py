"""kg report: one self-contained HTML file with the map, the timeline and the actor network."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Store
from test_views import load_fixture

from kg.cli import cli
from kg.views.queries import VIEW_QUERIES, query_text, view_results
from kg.views.report import build_report


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_fixture(tmp_path_factory.mktemp("report") / "store")


class Resources(HTMLParser):
    """The URLs an HTML page loads by itself (scripts, styles, images, frames), and its inline script."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.scripts: dict[str, str] = {}
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and values.get("src"):
            self.loaded.append(values["src"] or "")
        if tag == "link" and values.get("href") and values.get("rel") != "alternate":
            self.loaded.append(values["href"] or "")
        if tag == "script":
            self._script = values.get("id") or "inline"
            self.scripts[self._script] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts[self._script] += data


def test_report_is_written_and_loads_nothing_from_elsewhere(store: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli,
        ["report", "--store", str(store), "-o", str(output), "--title", "Test <report>"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {output}: 4 attacks at 3 places, 6 actors, 4 links\n"
    page = Resources()
    page.feed(output.read_text(encoding="utf-8"))
    assert page.loaded == []  # no <script src>, <link href>, <img src>: everything is inline
    assert "<title>Test &lt;report&gt;</title>" in output.read_text(encoding="utf-8")
    assert "function initMap" in page.scripts["inline"]
    # the only URL in the script is the SVG namespace: it fetches nothing by itself
    assert set(re.findall(r"https?://[^\s\"')]+", page.scripts["inline"])) == {"http://www.w3.org/2000/svg"}


def test_report_carries_the_same_results_as_the_queries(store: Path) -> None:
    oxi = Store.read_only(str(store))
    report = build_report(oxi, title="t")
    page = Resources()
    page.feed(report.html)
    config = json.loads(page.scripts["kg-views-config"])
    names = {n for group in VIEW_QUERIES.values() for n in group}
    assert config["results"] == view_results(oxi)
    assert set(config["queries"]) == names
    assert config["queries"]["views-attacks"] == query_text("views-attacks")
    assert config["outlines"]["type"] == "FeatureCollection"
    assert config["links"] == "iri"
    assert report.counts == {"attacks": 4, "places": 3, "actors": 6, "links": 4}


def test_report_shows_each_view_with_its_queries(store: Path) -> None:
    html = build_report(Store.read_only(str(store))).html
    for view, names in VIEW_QUERIES.items():
        assert f'<div class="view-canvas" data-view="{view}"></div>' in html
        for name in names:
            assert f"<summary><code>{name}.rq</code></summary>" in html


def test_text_that_closes_a_script_cannot_end_the_inline_script(tmp_path: Path) -> None:
    path = tmp_path / "store"
    oxi = Store(str(path))
    oxi.update(
        "PREFIX kgo: <https://w3id.org/conflict-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "INSERT DATA { GRAPH <https://w3id.org/conflict-kg/data/graph/x> { "
        "<https://w3id.org/conflict-kg/data/event/x> a kgo:Attack ; kgo:claimKind kgo:x ; "
        'kgo:source <https://w3id.org/conflict-kg/data/article/x> ; rdfs:label "</script><script>alert(1)" } }'
    )
    html = build_report(oxi).html
    assert html.count("</script>") == 2  # the config and the script, nothing from the data


def test_report_needs_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["report", "--store", str(tmp_path / "none"), "-o", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'none'}: no kg store here")


def test_report_output_directory_must_exist(store: Path, tmp_path: Path) -> None:
    output = tmp_path / "missing" / "r.html"
    result = CliRunner().invoke(cli, ["report", "--store", str(store), "-o", str(output)])
    assert result.exit_code == 2
    assert f"{output.parent} is not a directory" in result.stderr
