"""Errors a user can fix. The CLI turns each into a one-line message and a non-zero exit."""

from __future__ import annotations


class KgError(Exception):
    """Base for errors a user can fix (bad input, bad configuration)."""


class ArticleError(KgError):
    """An input article cannot be read: empty, binary, undecodable, too large."""


class StoreError(KgError):
    """The store cannot be opened or written."""


class QueryError(KgError):
    """A SPARQL query is malformed or cannot be run."""


class OntologyError(KgError):
    """An ontology, shapes or reference data file is unusable."""
