"""What the text says did not happen: a claim a fact-check calls false, a site "not" hit, a platform's
one-letter name that claims nothing.

Sentences are written for these tests. Articles are dated Saturday 2024-02-03.
"""

from __future__ import annotations

import pytest
from extract_support import attacks, labels


@pytest.mark.parametrize(
    "text",
    [
        "A viral post claims that drones struck the US base at al-Tanf on Friday. The claim is false.",
        "Social media posts claimed that rockets hit Ain al-Asad on Friday, but the army said no attack took place.",
        "A video shared on X claims to show Iranian drones striking al-Tanf on Friday. The claim is false.",
    ],
)
def test_a_claim_the_text_calls_false_is_no_attack(read, text: str) -> None:  # type: ignore[no-untyped-def]
    assert attacks(read(text)) == []


def test_a_one_letter_name_claims_nothing(read) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read("A post on X claims that drones struck the US base at al-Tanf on Friday."))
    assert event.claimants == []


@pytest.mark.parametrize(
    "text",
    [
        "Rockets hit the Conoco gas field on Friday, not the al-Omar oil field as first reported.",
        "Rockets hit the Conoco gas field on Friday rather than the al-Omar oil field.",
    ],
)
def test_a_site_not_hit_is_no_target(read, text: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = attacks(read(text))
    assert labels(event.targets) == ["Mission Support Site Conoco"]
