"""What a build remembers beside the store so that the next one is short.

Everything here is a shortcut for something a build can recompute: delete ``<store>/kg-cache/``
and the next build is merely slower. Three caches:

- :class:`FileDigests`: the SHA-256 of each corpus file, by path, size and modification time (as
  git's index does), so an unchanged file is not read and hashed again;
- :class:`Accounts`: the attack accounts of each article graph, under the version (content hash and
  extractor) of the graph they were read from, and the incidents they were last grouped in, under
  the time the incidents graph was written (:mod:`kg.incidents` checks it against the store);
- :func:`load_state`: which article graphs are complete and what they were built from, under the
  same time, so that a rebuild of a large store need not read back a marker and a hash per graph.

A build sets a "stale" flag in the store before its first write and clears it after its last,
and then writes a new time on the incidents graph: the time matching and no flag set means the
store holds what the cache says, unless something other than ``kg build`` changed the article
graphs (then delete the cache directory, or run ``kg build --force``).

Files are replaced atomically (write, then rename); an unreadable cache counts as empty.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CACHE_DIR = "kg-cache"
_FORMAT = 1  # bump when a pickled layout changes: older caches are then ignored

# One attack account: event, type, target, article, earliest and latest date as proleptic
# Gregorian ordinals (0: not stated).
Row = tuple[str, str, str, str, int, int]


def cache_dir(store: Path) -> Path:
    return store / CACHE_DIR


def _load(path: Path) -> Any:
    try:
        with path.open("rb") as f:
            version, payload = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    return payload if version == _FORMAT else None


def _save(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    with part.open("wb") as f:
        pickle.dump((_FORMAT, payload), f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(part, path)


class FileDigests:
    """SHA-256 digests of files, recomputed only for files whose size or modification time changed."""

    def __init__(self, directory: Path | None) -> None:
        self.path = directory / "files.pickle" if directory else None
        loaded = _load(self.path) if self.path else None
        self.known: dict[str, tuple[int, int, str]] = loaded if isinstance(loaded, dict) else {}
        self.changed = False
        self.expected: dict[str, tuple[str, int, int]] = {}

    def digest(self, file: Path) -> str:
        """FILE's digest (raises OSError when it cannot be read)."""
        stat = file.stat()
        key = str(file)
        known = self.known.get(key)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        self.known[key] = (stat.st_size, stat.st_mtime_ns, digest)
        self.changed = True
        return digest

    def expect(self, key: str, file: Path) -> None:
        """FILE is read elsewhere (by a worker), its digest comes back under KEY (:meth:`learn`)."""
        if self.path is None:
            return
        try:
            stat = file.stat()
        except OSError:
            return
        self.expected[key] = (str(file), stat.st_size, stat.st_mtime_ns)

    def learn(self, key: str, digest: str) -> None:
        if (found := self.expected.pop(key, None)) is not None:
            self.known[found[0]] = (found[1], found[2], digest)
            self.changed = True

    def save(self) -> None:
        if self.path is not None and self.changed:
            _save(self.path, self.known)


def load_state(directory: Path, written_at: str) -> dict[str, tuple[str, str]] | None:
    """The state saved with WRITTEN_AT (graph -> content hash, extractor), or None."""
    loaded = _load(directory / "state.pickle")
    if isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == written_at and written_at:
        return dict(loaded[1])
    return None


def save_state(directory: Path, written_at: str, state: dict[str, tuple[str, str]]) -> None:
    if written_at:
        _save(directory / "state.pickle", (written_at, state))


@dataclass
class Accounts:
    """Per article graph: its version and attack accounts; and the incidents last written."""

    graphs: dict[str, tuple[str, list[Row]]] = field(default_factory=dict)
    written_at: str = ""  # the time on the incidents graph these incidents were written with
    incident_of: dict[str, str] = field(default_factory=dict)  # event -> incident
    label_of: dict[str, str] = field(default_factory=dict)  # incident -> label

    @classmethod
    def load(cls, directory: Path) -> Accounts:
        loaded = _load(directory / "accounts.pickle")
        return loaded if isinstance(loaded, cls) else cls()

    def save(self, directory: Path) -> None:
        _save(directory / "accounts.pickle", self)
