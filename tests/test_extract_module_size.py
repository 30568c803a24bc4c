"""The reader stays a chain of small stages (issue 13): a newcomer finds where a phrasing is read
by opening one short module, so no module under kg/extract/ may grow past 600 lines."""

from pathlib import Path

import pytest

EXTRACT = Path(__file__).resolve().parent.parent / "kg" / "extract"
LIMIT = 600


@pytest.mark.parametrize("module", sorted(EXTRACT.glob("*.py")), ids=lambda p: p.name)
def test_extract_module_is_under_the_limit(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= LIMIT, f"{module.name} has {lines} lines: split it into stages (limit {LIMIT})"
