"""Relation phrasings of issue 13 (session 6): one class of phrasing per test.

Sentences are written for these tests, not taken from any article.
"""

from __future__ import annotations

import pytest


def triples(extraction) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(r.subject.label, r.predicate, r.object.label) for r in extraction.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plural "Iran-backed" noun followed by "including" and a list: each group listed is backed
        (
            "The depots served Iranian-backed factions, including Harakat al-Nujaba and Kata'ib Hezbollah, "
            "a US official said.",
            {
                ("Harakat Hezbollah al-Nujaba", "backedBy", "Iran"),
                ("Kata'ib Hezbollah", "backedBy", "Iran"),
            },
        ),
        # a list of groups, then a counted plural appositive: each group of the list is backed
        (
            "Jets bombed Kata'ib Sayyid al-Shuhada and Harakat al-Nujaba, two Iran-backed militias, at dawn.",
            {
                ("Kata'ib Sayyid al-Shuhada", "backedBy", "Iran"),
                ("Harakat Hezbollah al-Nujaba", "backedBy", "Iran"),
            },
        ),
    ],
)
def test_a_backed_plural_describes_each_group_of_a_list(read, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected <= triples(read(text))


def test_a_singular_backed_appositive_describes_only_the_last_group(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(
        read("Jets bombed Harakat al-Nujaba and Kata'ib Hezbollah, an Iran-backed militia, at dawn.")
    )
    assert ("Kata'ib Hezbollah", "backedBy", "Iran") in found
    assert ("Harakat Hezbollah al-Nujaba", "backedBy", "Iran") not in found


@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        # a noun placed inside a group by a preposition is the subject, not the group
        (
            "The biggest faction inside the PMF belongs to the Badr Organization, officials say.",
            ("Popular Mobilization Forces", "memberOf", "Badr Organization"),
        ),
        (
            "A unit within Kata'ib Hezbollah is backed by the Quds Force.",
            ("Kata'ib Hezbollah", "backedBy", "Quds Force"),
        ),
    ],
)
def test_a_group_that_only_places_the_subject_noun_is_no_subject(read, text, unexpected) -> None:  # type: ignore[no-untyped-def]
    assert unexpected not in triples(read(text))
