"""Which article ids a build has handed out, and the graphs older kg gave the same articles.

An article's id comes from its path under the folder built (:func:`kg.namespaces.article_id`).
Older kg took it from the file's name alone, so ``a/report.txt`` was ``report.txt``; the next
build gives it its own graph and drops the old one, but only when that old graph was made from the
same bytes (another file may merely have had the same name; ``--prune`` handles the rest).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.namespaces import Minter


@dataclass
class Identities:
    """The ids one build has met (id -> the input that has it) and their articles' old graphs."""

    minter: Minter
    failed: list[str]  # where a second input with a taken id is reported (BuildReport.failed)
    sources: dict[str, str] = field(default_factory=dict)
    legacy: dict[str, str] = field(default_factory=dict)  # id -> the graph under its old id

    def claim(self, ident: str, source: str) -> bool:
        """Whether SOURCE may have IDENT: no other input of this build has it (else it is reported)."""
        first = self.sources.setdefault(ident, source)
        if first != source:
            self.failed.append(
                f"{source}: has the id {ident!r}, as {first} does; only the first was built (give "
                "the records different ids)"
            )
        return first == source

    def remember_old(self, ident: str, old: str | None) -> None:
        """The article IDENT had the id OLD in stores built by older kg (None or IDENT: the same)."""
        if old is not None and old != ident:
            self.legacy[ident] = str(self.minter.graph(old))

    def superseded(
        self,
        state: dict[str, tuple[str, str]],
        built: dict[str, str],
        kept: list[str],
    ) -> list[str]:
        """The old graphs to drop: made from the same bytes as an article of KEPT (built or
        skipped ids) now has under its own id, and neither built nor kept by this build.

        STATE: graph -> (content hash, extractor) before the build; BUILT: graph -> content hash.
        """
        current = {**{g: d for g, (d, _) in state.items()}, **built}
        keep = set(built) | {str(self.minter.graph(ident)) for ident in kept}
        system = str(self.minter.graph("_"))
        out = set()
        for ident in kept:
            old = self.legacy.get(ident)
            if (
                old is not None
                and old in state
                and old not in keep
                and not old.startswith(system)
                and state[old][0] == current.get(str(self.minter.graph(ident)))
            ):
                out.add(old)
        return sorted(out)
