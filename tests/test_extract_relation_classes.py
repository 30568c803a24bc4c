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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the Iranian state's own name for the supreme leader's office, an honorific before the name
        (
            "The Leader of the Islamic Revolution, Ayatollah Seyyed Ali Khamenei, received the families.",
            ("Ali Khamenei", "leaderOf", "Government of Iran"),
        ),
        # the US president leads the state itself
        ("US President Joe Biden signed the order on Friday.", ("Joe Biden", "leaderOf", "United States")),
        # "whose TITLE is PERSON"
        (
            "Kata'ib Sayyid al-Shuhada, whose secretary-general is Abu Alaa al-Walai, denied a role.",
            ("Abu Alaa al-Walai", "leaderOf", "Kata'ib Sayyid al-Shuhada"),
        ),
        # an organization's bracketed alias between the title's organization and the person
        (
            "Crowds mourned the deputy chief of Iraq's Popular Mobilization Forces (Hashd), Hajj Abu Mahdi "
            "al-Muhandis, in Karbala.",
            ("Abu Mahdi al-Muhandis", "commanderOf", "Popular Mobilization Forces"),
        ),
        # the head of an office of a government is one of its officials, not a commander
        (
            "Jotiar Adil, head of the KRG's department of information, condemned the rockets.",
            ("Jotiar Adil", "memberOf", "Kurdistan Regional Government"),
        ),
        # "the commission": the organization named before whose name ends in that noun
        (
            "Deputies debated the Popular Mobilization Commission budget. The commission is chaired by "
            "Falih al-Fayyadh.",
            ("Falih al-Fayyadh", "leaderOf", "Popular Mobilization Forces"),
        ),
        (
            "Deputies debated the Popular Mobilization Commission budget. Abu Fadak al-Mohammedawi, the chief "
            "of staff of the commission, attended.",
            ("Abu Fadak al-Mohammedawi", "commanderOf", "Popular Mobilization Forces"),
        ),
        # "who" after an appositive "a veteran of ORG" describes the person of the appositive
        (
            "Abu Mahdi al-Muhandis, a veteran of the Badr Corps who founded Kataib Hezbollah, was killed.",
            ("Abu Mahdi al-Muhandis", "leaderOf", "Kata'ib Hezbollah"),
        ),
    ],
)
def test_titles_and_offices(read, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(read(text))


def test_a_list_after_an_umbrella_of_backed_groups_is_the_umbrellas(read) -> None:  # type: ignore[no-untyped-def]
    found = triples(
        read(
            "The Islamic Resistance in Iraq is a banner for Iran-backed factions including Kataib Hezbollah."
        )
    )
    assert ("Kata'ib Hezbollah", "memberOf", "Islamic Resistance in Iraq") in found
    assert ("Kata'ib Hezbollah", "backedBy", "Iran") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bracketed acronym between the group and its "US-backed" appositive; a "-led" word inside it
        (
            "Rebels clashed with the Syrian Democratic Forces (SDF), the US-backed Arab-led alliance that "
            "holds the dam.",
            ("Syrian Democratic Forces", "backedBy", "United States"),
        ),
        (
            "Kataib Hezbollah (KH), an Iran-backed Iraqi militia, denied it.",
            ("Kata'ib Hezbollah", "backedBy", "Iran"),
        ),
        # "its X news agency": X, named after "its", is part of the group
        (
            "Islamic State claimed the bombing through its Amaq news agency on Sunday.",
            ("Amaq", "partOf", "Islamic State"),
        ),
    ],
)
def test_appositives_and_own_parts(read, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(read(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a group's units, then "of" and the whole
        (
            "US jets bombed the depots of the Harakat al-Nujaba brigades of the PMF on Sunday.",
            ("Harakat Hezbollah al-Nujaba", "partOf", "Popular Mobilization Forces"),
        ),
        # "The directorate, part of Y": the subject is the Directorate named before
        (
            "Erbil's Counter-Terrorism Directorate reported the drone. The directorate, part of the Kurdistan "
            "Region Security Council, said the airport was shut.",
            ("Directorate General of Counter Terrorism", "partOf", "Kurdistan Region Security Council"),
        ),
    ],
)
def test_units_and_named_heads(read, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in triples(read(text))


def test_a_persons_possessive_before_an_armed_group_names_its_leader(read) -> None:  # type: ignore[no-untyped-def]
    assert ("Hadi al-Amiri", "leaderOf", "Badr Organization") in triples(
        read("Hadi al-Amiri's Badr Organization won the most seats in Diyala.")
    )
    # a government body is not the possessor's to lead
    assert not {t for t in triples(read("Lloyd Austin's Pentagon issued a statement.")) if t[1] == "leaderOf"}
