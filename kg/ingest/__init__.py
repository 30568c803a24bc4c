"""Files and folders to articles: plain text, HTML and JSON Lines, page furniture removed.

No spaCy and no rdflib here: an :class:`Article` is plain data. Problems with one file are
reported as :class:`~kg.errors.ArticleError` values in the stream, so a batch goes on past them.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import IO, NamedTuple

from kg.errors import ArticleError
from kg.ingest.furniture import strip_furniture
from kg.ingest.pubdate import find_page_date, guess_title, record_date, take_store_date
from kg.ingest.readers import DEFAULT_READER, read_html
from kg.namespaces import article_id, file_slug

MAX_BYTES = 5_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True)
class Article:
    """One source document, its cleaned text and what is known about where it came from."""

    id: str  # from the file's path under the folder built (see source), or a JSON Lines record's id
    text: str
    source: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_basis: str | None = None  # "metadata", "dateline" or None
    outlet: str | None = None
    legacy_id: str | None = None  # the id kg gave it before ids came from paths, where different


class Input(NamedTuple):
    """One file to read and its NAME: the path relative to the folder given (a file given: its name).

    The name is what the article's id and ``source`` come from, so ``a/report.txt`` and
    ``b/report.txt`` are two articles, and ``source`` still ends with the file name.
    """

    path: Path
    name: str


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every article file under PATHS (folders walked in sorted order, hidden files skipped)."""
    for found in iter_inputs(paths):
        yield found.path


def iter_inputs(paths: Iterable[Path]) -> Iterator[Input]:
    """Every article file under PATHS with its name relative to the folder it was found under."""
    seen: set[str] = set()  # a file given twice (itself and in its folder) is one article, once
    for path in paths:
        found = (
            (
                Input(file, file.relative_to(path).as_posix() if file != path else path.name)
                for file in _walk(path)
            )
            if path.is_dir()
            else [Input(path, path.name)]
        )
        for item in found:
            key = os.path.abspath(item.path)
            if key not in seen:
                seen.add(key)
                yield item


def _walk(folder: Path) -> Iterator[Path]:
    """The article files under FOLDER, depth first, names in sorted order: the order of
    ``sorted(folder.rglob("*"))``, without building and sorting a Path per file (100k files: 3 s).
    Symbolic links to folders are not followed, as rglob does not."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        yield folder  # read_file reports why it cannot be listed; the other folders are walked
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif os.path.splitext(entry.name)[1].lower() in SUFFIXES and _is_file(entry):
            yield Path(entry.path)


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Whether ENTRY is a file, or a link that should be one (a loop, reported by read_file)."""
    try:
        return entry.is_file()
    except OSError:
        return True


def load_articles(
    paths: Iterable[Path], html_reader: str = DEFAULT_READER
) -> Iterator[Article | ArticleError]:
    """Articles from files and folders; an unreadable file yields an ArticleError naming it."""
    for path in iter_files(paths):
        try:
            yield from read_file(path, html_reader=html_reader)
        except ArticleError as err:
            yield err


def read_file(
    path: Path, name: str | None = None, html_reader: str = DEFAULT_READER
) -> Iterator[Article | ArticleError]:
    """The article(s) in one file: one for text and HTML, one per line for JSON Lines.

    NAME (default: the file's name) is the path relative to the folder built (:class:`Input`).
    HTML_READER: which of :data:`kg.ingest.readers.READERS` reads HTML pages and HTML records.

    Whatever goes wrong with the file (permissions, a symbolic link loop, a date out of range) is
    an ArticleError naming it, raised or, for one record of a JSON Lines file, yielded.
    """
    try:
        yield from _read_file(path, name or path.name, html_reader)
    except ArticleError:
        raise
    except OSError as err:
        raise ArticleError(f"{path}: cannot be read ({_os_reason(err)})") from err
    except Exception as err:  # one file's failure must not end a batch
        raise ArticleError(f"{path}: cannot be read ({type(err).__name__}: {err})") from err


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "a symbolic link that loops; remove the link or point it at a file"
    if isinstance(err, PermissionError):
        return "permission denied; make it readable (chmod a+r) or leave it out"
    if isinstance(err, IsADirectoryError):
        return "a folder that cannot be listed or read"
    return err.strerror or str(err)


def _read_file(path: Path, name: str, html_reader: str) -> Iterator[Article | ArticleError]:
    if not path.exists():
        if path.is_symlink():
            path.stat()  # raises the reason: a loop, or a link to nothing
        raise ArticleError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise ArticleError(f"{path}: the file is empty")
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:  # a feed: streamed, the limit is per record
        yield from _read_jsonl(path, name, html_reader)
        return
    if size > MAX_BYTES:
        raise ArticleError(
            f"{path}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit for one article;"
            " split it or remove it"
        )
    raw = path.read_bytes()
    text = _decode(path, raw)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:1] == "<"):
        page = read_html(text, html_reader)
        yield make_article(
            name,
            page.text,
            source=name,
            raw=raw,
            title=page.title,
            url=page.url,
            published=page.published,
            outlet=page.outlet,
            legacy=path.name,
        )
    else:
        yield make_article(name, text, source=name, raw=raw, legacy=path.name)


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise ArticleError(
            f"{path}: looks like a binary file, not an article; kg reads .txt, .html and .jsonl"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(
            f"{path}: not valid UTF-8 (byte {err.start}); re-save the file as UTF-8"
            " (for example: iconv -f windows-1252 -t utf-8)"
        ) from err


def _read_jsonl(path: Path, name: str, html_reader: str) -> Iterator[Article | ArticleError]:
    """The records of a JSON Lines feed, read a line at a time: a feed of any size is fine, and
    each problem (bad JSON, bad UTF-8, a record over MAX_BYTES) is that line's alone. Records end
    at ``\n`` only, as JSON Lines says: U+2028 and the like are text inside a record."""
    with path.open("rb") as feed:
        if b"\x00" in feed.read(8192):
            raise ArticleError(
                f"{path}: looks like a binary file, not an article; kg reads .txt, .html and .jsonl"
            )
        feed.seek(0)
        for number, data in enumerate(_lines(feed), start=1):
            yield from _jsonl_line(path, name, number, data, html_reader)


def _lines(feed: IO[bytes]) -> Iterator[bytes]:
    """FEED's lines split at ``\n`` only; a line over MAX_BYTES is cut short and ends with an
    extra byte so that the caller knows (the rest of it is skipped, not read into memory)."""
    while True:
        line = feed.readline(MAX_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := feed.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def _jsonl_line(
    path: Path, name: str, number: int, data: bytes, html_reader: str
) -> Iterator[Article | ArticleError]:
    where = f"{path}:{number}"
    if len(data) > MAX_BYTES:
        yield ArticleError(f"{where}: the record is over the {MAX_BYTES:,}-byte limit for one article")
        return
    try:
        line = data.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
    except UnicodeDecodeError as err:
        yield ArticleError(f"{where}: not valid UTF-8 (byte {err.start}); re-save the feed as UTF-8")
        return
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        yield ArticleError(f"{where}: not valid JSON ({err.msg}, column {err.colno})")
        return
    except RecursionError:
        yield ArticleError(f"{where}: JSON nested too deeply to read; flatten the record")
        return
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        yield ArticleError(f'{where}: each line needs a non-empty "text" string')
        return
    try:
        yield _record(path, name, number, line, record, html_reader)
    except ArticleError as err:  # this record only: the feed's other lines are read
        yield ArticleError(f"{where}: {str(err).removeprefix(f'{name}#{number}: ')}")
    except Exception as err:  # one record's failure must not end the feed
        yield ArticleError(f"{where}: cannot be read ({type(err).__name__}: {err})")


def _record(
    path: Path, name: str, number: int, line: str, record: dict[str, object], html_reader: str
) -> Article:
    body = str(record["text"])
    if body.lstrip().startswith("<"):
        body = read_html(body, html_reader).text
    given = str(record.get("id") or "")
    # a record without an id is named after its line of the feed, the feed named by its path
    ident = given or f"{PurePosixPath(name).with_suffix('')}-{number}"
    return make_article(
        ident,
        body,
        source=f"{name}#{number}",
        legacy=given or f"{path.stem}-{number}",
        raw=line.encode(),
        title=_opt_str(record.get("title")),
        url=_opt_str(record.get("url")),
        published=record_date(record),
        outlet=_opt_str(record.get("outlet")),
    )


def _opt_str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def make_article(
    ident: str,
    text: str,
    *,
    source: str,
    raw: bytes | None = None,
    title: str | None = None,
    url: str | None = None,
    published: date | None = None,
    outlet: str | None = None,
    legacy: str | None = None,
) -> Article:
    """Clean TEXT and find what metadata does not give (title, publication date).

    LEGACY: the name kg took the id from before ids came from paths (to replace old graphs).
    """
    text, stored = take_store_date(text)  # the page store's date marker is no part of the page
    cleaned = strip_furniture(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not cleaned.strip():
        raise ArticleError(f"{source}: no article text left once page furniture is removed")
    basis = "metadata" if published else None
    if published is None and (found := find_page_date(cleaned, title=title, url=url, stored=stored)):
        published, basis = found.value, found.basis
    digest = hashlib.sha256(raw if raw is not None else text.encode()).hexdigest()
    return Article(
        id=article_id(ident),
        legacy_id=file_slug(legacy)
        if legacy is not None and file_slug(legacy) != article_id(ident)
        else None,
        text=cleaned,
        source=source,
        content_hash=digest,
        title=title or guess_title(cleaned),
        url=url,
        published=published,
        published_basis=basis,
        outlet=outlet,
    )
