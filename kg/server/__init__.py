"""``kg serve``: a SPARQL 1.1 endpoint, descriptions, entity pages and a query page for the store."""

from __future__ import annotations

from kg.server.app import View, create_app
from kg.server.config import ServerConfig

__all__ = ["ServerConfig", "View", "create_app"]
