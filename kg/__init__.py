"""kg: turn news articles about armed conflict into a knowledge graph you can query, check and merge."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
