"""Relations as real outlets state them (issue 13 item 5): one class of phrasing per test.

Sentences are written for these tests, not taken from any article. Each names the rule (the
``relation.*`` name ``kg explain`` shows) that reads it.
"""

from __future__ import annotations

import pytest


def triples(extraction) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(r.subject.label, r.predicate, r.object.label) for r in extraction.relations}


# ---------------------------------------------------------------------- relation.office


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a country adjective before the title chooses the body
        (
            "Iraqi Prime Minister Haider al-Abadi visited Anbar on Tuesday.",
            ("Haider al-Abadi", "leaderOf", "Government of Iraq"),
        ),
        (
            "Syrian President Bashar al-Assad received the delegation.",
            ("Bashar al-Assad", "leaderOf", "Government of Syria"),
        ),
        (
            "Late on Monday US Secretary of State Rex Tillerson called his counterpart.",
            ("Rex Tillerson", "leaderOf", "US Department of State"),
        ),
        # an office that exists in one country only needs no country
        (
            "Defense Secretary Mark Esper told reporters the base was safe.",
            ("Mark Esper", "leaderOf", "US Department of Defense"),
        ),
        # a region names its own government
        (
            "Kurdistan Region Prime Minister Masrour Barzani called the attack cowardly.",
            ("Masrour Barzani", "leaderOf", "Kurdistan Regional Government"),
        ),
        # a possessive country, and a name after a comma
        (
            "Iran's supreme leader, Ali Khamenei, praised the fighters.",
            ("Ali Khamenei", "leaderOf", "Government of Iran"),
        ),
        # "the country's": the country named last, here through a city in it
        (
            "Two rockets fell near Baghdad airport. The country's prime minister, Adel Abdul Mahdi, "
            "ordered an inquiry.",
            ("Adel Abdul Mahdi", "leaderOf", "Government of Iraq"),
        ),
        # the title after the name
        (
            "Hossein Amir-Abdollahian, the Iranian foreign minister, denied any role.",
            ("Hossein Amir-Abdollahian", "leaderOf", "Iranian Ministry of Foreign Affairs"),
        ),
        # "of" a country after the title
        (
            "The President of Iraq Barham Salih condemned the strike.",
            ("Barham Salih", "leaderOf", "Government of Iraq"),
        ),
        # a person the reference data does not know is minted
        (
            "Iraqi Defense Minister Samir Haddad inspected the border posts.",
            ("Samir Haddad", "leaderOf", "Iraqi Ministry of Defense"),
        ),
    ],
)
def test_an_office_title_ties_its_holder_to_the_body(read, sentence, expected) -> None:  # type: ignore[no-untyped-def]
    found = read(sentence).relations
    assert expected in triples(read(sentence))
    assert next(r for r in found if r.subject.label == expected[0]).evidence.rule == "relation.office"


@pytest.mark.parametrize(
    "sentence",
    [
        "President Donald Trump ordered the strike.",  # the office of no named country
        "Iraqi Deputy Prime Minister Fuad Hussein met the envoy.",  # another office than the premier's
        "The Syrian foreign minister met the Iraqi prime minister on Sunday.",  # no names
        "Brig. Gen. Hossein Salami spoke at the ceremony.",  # a rank commands no institution
    ],
)
def test_no_office_without_a_holder_and_a_body(read, sentence) -> None:  # type: ignore[no-untyped-def]
    assert triples(read(sentence)) == set()


# ---------------------------------------------------------------------- relation.title, ranks


def test_ranks_and_services_between_a_title_and_a_name_are_passed(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(read("Pentagon Press Secretary Air Force Maj. Gen. Pat Ryder took questions on Friday."))
    assert ("Pat Ryder", "memberOf", "US Department of Defense") in found


def test_a_rank_before_a_name_is_no_part_of_the_name(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(read("Brig. Gen. Yahya Saree, a Houthi military spokesperson, read a statement."))
    assert found == {("Yahya Saree", "memberOf", "Houthis")}


def test_a_short_rank_ends_no_sentence(read) -> None:  # type: ignore[no-untyped-def]
    found = read("A CENTCOM spokesman, Lt. Col. Dana Marsh, said the base was hit.").relations
    assert [(r.subject.label, r.predicate) for r in found] == [("Dana Marsh", "memberOf")]
