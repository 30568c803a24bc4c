"""Ingest: text, HTML and JSON Lines to clean articles, furniture removed, publication dates found."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.errors import ArticleError
from kg.ingest import MAX_BYTES, Article, load_articles, make_article, read_file
from kg.ingest.pubdate import find_publication_date

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def test_html_page_keeps_the_article_and_drops_menus_sidebars_and_comments() -> None:
    [article] = list(read_file(EXAMPLES / "zagros-daily-harir.html"))
    assert not isinstance(article, ArticleError)
    assert "was hit by an explosive-laden drone" in article.text
    for furniture in ("Home", "Related", "Drone downed over Erbil airport", "Drones again!", "Copyright"):
        assert furniture not in article.text
    assert article.published == date(2024, 1, 25) and article.published_basis == "metadata"
    assert article.outlet == "Zagros Daily"
    assert article.url == "https://zagros-daily.example/news/2024/01/25/harir-drone"


def test_text_furniture_after_the_body_is_cut() -> None:
    body = "Rockets hit the base. " * 30
    article = make_article(
        "a.txt",
        f"Title of the story\n\n{body}\n\nComments\n\nGreat!\n\nThe Latest\n\nOther news",
        source="a.txt",
    )
    assert "Great!" not in article.text and "Other news" not in article.text
    assert article.text.rstrip().endswith("Rockets hit the base.")


def test_a_furniture_word_above_the_body_does_not_swallow_the_article() -> None:
    article = make_article(
        "a.txt", "Latest\n\nRockets hit the base on Friday, officials said.\n", source="a.txt"
    )
    assert "Rockets hit the base" in article.text


def test_the_title_is_not_a_navigation_line() -> None:
    text = (
        "Skip to main content\nHome | World | Middle East | Opinion | Video\n"
        "Rockets hit a base in western Iraq on Friday\n\nRockets hit the base on Friday, officials said.\n"
    )
    assert make_article("a.txt", text, source="a.txt").title == "Rockets hit a base in western Iraq on Friday"


def test_a_render_date_above_the_headline_is_not_the_publication_date() -> None:
    text = (
        "• Monday, 2 December 2024\nlogo\n\nRockets hit a base in western Iraq\n\nDaily News March 3, 2024\n"
    )
    assert find_publication_date(text) == date(2024, 3, 3)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Drones hit base in Syria\n\n22-10-2023\nOutlet\n", date(2023, 10, 22)),
        ("Drones hit base in Syria\nPublished: 5 March 2024\n", date(2024, 3, 5)),
        ("Drones hit base in Syria\n2024-01-12 08:41\n", date(2024, 1, 12)),
        ("Drones hit base in Syria\n\nNo date anywhere in this header.\n", None),
    ],
)
def test_publication_dates_in_headers(header: str, expected: date | None) -> None:
    assert find_publication_date(header) == expected


def test_json_lines_records_carry_their_metadata() -> None:
    records = [r for r in read_file(EXAMPLES / "feed.jsonl") if not isinstance(r, ArticleError)]
    assert [r.id for r in records] == ["feed-0001", "feed-0002", "feed-0003"]
    assert records[0].published == date(2023, 12, 8) and records[0].outlet == "Example News Agency"
    assert records[0].source == "feed.jsonl#1"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01binary", "looks like a binary file"),
        ("caf\xe9".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_unreadable_files_are_errors_that_name_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [error] = list(load_articles([path]))
    assert isinstance(error, ArticleError)
    assert str(error).startswith(f"{path}: {message}")


def test_oversized_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 1))
    [error] = list(load_articles([path]))
    assert isinstance(error, ArticleError) and "over the" in str(error)


def test_a_folder_is_read_in_sorted_order_skipping_hidden_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", ".hidden.txt", "notes.csv"):
        (tmp_path / name).write_text("Rockets hit the base on Friday.\n")
    assert [a.id for a in load_articles([tmp_path]) if not isinstance(a, ArticleError)] == ["a.txt", "b.txt"]


def test_a_jsonl_record_ends_only_at_a_newline(tmp_path: Path) -> None:
    """U+2028 is text inside a JSON string, not a line break (issue 14)."""
    path = tmp_path / "feed.jsonl"
    text = "On May 5, 2024, two rockets struck\u2028Harir Air Base.\u2029A second paragraph.\x85End."
    path.write_text(json.dumps({"id": "one", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = list(read_file(path))
    assert [type(i).__name__ for i in items] == ["Article"]


def test_a_feed_over_the_article_limit_is_read_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    record = {"text": "On May 5, 2024, two rockets struck Harir Air Base. " * 40}
    line = json.dumps(record) + "\n"
    with path.open("w", encoding="utf-8") as feed:
        for number in range(MAX_BYTES // len(line) + 10):
            feed.write(json.dumps({**record, "id": f"r{number}"}) + "\n")
        feed.write(json.dumps({"id": "huge", "text": "x " * MAX_BYTES}) + "\n")
    with path.open("ab") as feed:
        feed.write(b'{"id": "latin", "text": "caf\xe9"}\n')
        feed.write(json.dumps({"id": "last", "text": "Drones struck Ain al-Asad Air Base."}).encode() + b"\n")
    assert path.stat().st_size > MAX_BYTES
    items = list(read_file(path))
    errors = [str(i) for i in items if isinstance(i, ArticleError)]
    assert len(errors) == 2 and "limit" in errors[0]
    assert [i.id for i in items if isinstance(i, Article)][-1] == "last"
