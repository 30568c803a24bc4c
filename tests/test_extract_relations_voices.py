"""Relations as outlets of other voices write them (issue 13 item 5): spellings, unnamed plurals, minted units.

Sentences are written for these tests, not taken from any article.
"""

from __future__ import annotations


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
