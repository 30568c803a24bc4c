"""Where kg's data files live: the only module that knows the default paths.

In a source checkout the ontology, shapes, queries and lexicons sit at the top of the repository;
in an installed wheel they are mapped under ``kg/_data`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The directory of one kind of data file: ``ontology``, ``shapes``, ``queries`` or ``lexicons``."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def ontology_files() -> list[Path]:
    """The ontology and its controlled vocabularies (no reference data)."""
    root = data_dir("ontology")
    return [root / "kg.ttl", root / "vocab.ttl"]


def reference_files() -> list[Path]:
    """The curated gazetteer of actors and places."""
    return sorted((data_dir("ontology") / "reference").glob("*.ttl"))


def shapes_dir() -> Path:
    return data_dir("shapes")


def queries_dir() -> Path:
    return data_dir("queries")


def lexicon_file(name: str) -> Path:
    return data_dir("lexicons") / name
