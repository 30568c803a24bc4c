"""Relations as outlets of other voices write them (issue 13 item 5): spellings, unnamed plurals, minted units.

Sentences are written for these tests, not taken from any article.
"""

from __future__ import annotations

import pytest


def triples(extraction) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(r.subject.label, r.predicate, r.object.label) for r in extraction.relations}


def test_centcom_written_as_a_word_is_the_command(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(read("Centcom spokesman Maj. Dana Whitfield said two launchers were destroyed."))
    assert ("Dana Whitfield", "memberOf", "US Central Command") in found


def test_a_military_council_of_the_sdf_is_known(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(
        read("Snipers of the Deir ez-Zor Military Council, which is part of the SDF, held the bridge.")
    )
    assert ("Deir ez-Zor Military Council", "partOf", "Syrian Democratic Forces") in found


def test_things_and_people_before_a_cue_are_not_the_actor_named_before(read) -> None:  # type: ignore[no-untyped-def]
    text = (
        "U.S. forces hit 30 sites associated with the Quds Force on Friday. "
        "The Pentagon said four people affiliated with Kataib Hezbollah were wounded."
    )
    found = triples(read(text))
    assert not any(p == "affiliatedWith" for _, p, _ in found), found


def test_a_relative_clause_on_unnamed_groups_is_not_about_the_state_before(read) -> None:  # type: ignore[no-untyped-def]
    text = "Troops stationed in Syria exchanged fire with militias that officials say are funded by Iran."
    assert triples(read(text)) == set()


def test_a_numbered_unit_the_gazetteer_lacks_is_minted_from_its_appositive(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(read("The 52nd Brigade, a largely Turkmen unit of the PMF, manned the checkpoint."))
    assert ("52nd Brigade", "partOf", "Popular Mobilization Forces") in found


@pytest.mark.parametrize(
    ("sentence", "expected", "rule"),
    [
        # a part noun after a possessive, named by its appositive: the title is of the part
        (
            "Mourners carried the coffin of Qasem Soleimani, the head of the IRGC's foreign wing, the Quds Force.",
            ("Qasem Soleimani", "leaderOf", "Quds Force"),
            "relation.title",
        ),
        (
            "Mourners carried the coffin of Qasem Soleimani, the head of the IRGC's foreign wing, the Quds Force.",
            ("Quds Force", "partOf", "Islamic Revolutionary Guard Corps"),
            "relation.possessive",
        ),
        # "whose" is the possessive of the organization named before it
        (
            "Sanctions target the Revolutionary Guards, whose Quds Force funds the militias.",
            ("Quds Force", "partOf", "Islamic Revolutionary Guard Corps"),
            "relation.possessive",
        ),
        # "one of the groups that make up Y"
        (
            "Kataib Sayyid al-Shuhada, one of the militias that form the Islamic Resistance in Iraq, denied it.",
            ("Kata'ib Sayyid al-Shuhada", "partOf", "Islamic Resistance in Iraq"),
            "relation.cue",
        ),
        # a last appositive title joined by ", and" after another appositive
        (
            "Hadi al-Amiri, the chairman of the Fatah Alliance, a bloc in parliament, and the leader of the "
            "Badr Organization, spoke.",
            ("Hadi al-Amiri", "leaderOf", "Badr Organization"),
            "relation.title",
        ),
        # the possessor of a client noun backs the group a copula or an appositive describes
        (
            "Harakat al-Nujaba is the most outspoken of Iran's Iraqi proxies.",
            ("Harakat Hezbollah al-Nujaba", "backedBy", "Iran"),
            "relation.client",
        ),
        (
            "Kataib Hezbollah, one of the Quds Force's closest clients, stayed silent.",
            ("Kata'ib Hezbollah", "backedBy", "Quds Force"),
            "relation.client",
        ),
        # running a group's own operations is commanding it
        (
            "The slain officer, Abu Baqir al-Saadi, ran Kataib Hezbollah's drone operations near the border.",
            ("Abu Baqir al-Saadi", "commanderOf", "Kata'ib Hezbollah"),
            "relation.leads",
        ),
        # a dotted state and its suffix written as one word do not hide the whole of "part of"
        (
            "The Deir ez-Zor Military Council is part of the U.S.-backed SDF.",
            ("Deir ez-Zor Military Council", "partOf", "Syrian Democratic Forces"),
            "relation.cue",
        ),
    ],
)
def test_relations_in_other_voices(read, sentence, expected, rule) -> None:  # type: ignore[no-untyped-def]
    found = read(sentence).relations
    hit = next((r for r in found if (r.subject.label, r.predicate, r.object.label) == expected), None)
    assert hit is not None, triples(read(sentence))
    assert hit.evidence.rule == rule


def test_directing_a_group_to_act_is_no_command(read) -> None:  # type: ignore[no-untyped-def]
    assert triples(read("The court said Abu Baqir al-Saadi directed Kataib Hezbollah to stop.")) == set()


def test_striking_a_state_s_proxies_backs_nobody(read) -> None:  # type: ignore[no-untyped-def]
    assert triples(read("U.S. forces struck Iran's proxies in Iraq on Friday.")) == set()
