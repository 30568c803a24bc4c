"""Background stays background (issue 13, class 3): counts split into lists, page furniture.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03.
"""

from __future__ import annotations

from tests.test_extract_phrasings import attacks


def test_a_breakdown_of_a_count_makes_no_attacks(read) -> None:  # type: ignore[no-untyped-def]
    found = read(
        "Since November, monitors have recorded 40 attacks on coalition bases in Syria.\n"
        "Here is how they were spread:\n"
        "• 25 attacks on Al-Tanf garrison.\n"
        "• One attack on Tell Baydar base.\n"
    )
    assert attacks(found) == []
    assert [a.count for a in found.aggregates] == [40]


def test_a_list_under_a_plain_header_still_makes_attacks(read) -> None:  # type: ignore[no-untyped-def]
    found = read("Attacks this week:\n• A drone struck Al-Tanf garrison on Monday.\n")
    assert len(attacks(found)) == 1
