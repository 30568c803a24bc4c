"""Each stage of the event reader on its own (kg/extract/events.py lists the stages in order).

The sentences are written for these tests. Articles are dated Saturday 2024-02-03.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from extract_support import labels
from spacy.tokens import Doc, Span

from kg.errors import OntologyError
from kg.extract import Extractor
from kg.extract.arguments import _number, _outcome, _perpetrators, _target_actors
from kg.extract.attacks import _attack
from kg.extract.claims import _attribution, _claimants
from kg.extract.clauses import _clauses, _frames
from kg.extract.coreference import _told_before, merge_events
from kg.extract.cues import Cues
from kg.extract.dating import _dated, _times
from kg.extract.discourse import _aggregate, _follow_up
from kg.extract.interceptions import _interception
from kg.extract.lexicon import cue_numbers, cue_words, make_doc
from kg.extract.mentions import Mention, find_mentions, sentence_evidence
from kg.extract.model import Event, EventDate
from kg.extract.places import _as_place, _landmark
from kg.extract.stages import stage_of
from kg.extract.state import _State
from kg.extract.timex import undated

SATURDAY = date(2024, 2, 3)
EXTRACT = Path(__file__).resolve().parent.parent / "kg" / "extract"


@pytest.fixture(scope="module")
def lex(extractor: Extractor) -> Cues:
    return extractor.events.cues


def parse(extractor: Extractor, text: str) -> tuple[Doc, Span, list[Mention]]:
    doc = extractor.nlp(make_doc(extractor.nlp, text))
    return doc, next(iter(doc.sents)), [m for m in find_mentions(doc) if not m.dateline]


def state() -> _State:
    return _State(pub=SATURDAY, groups=[])


# ---------------------------------------------------------------------- clauses


def test_clauses_cut_at_while_and_frames_split_at_an_attack_with_its_own_target(
    extractor: Extractor, lex: Cues
) -> None:
    doc, sent, mentions = parse(
        extractor, "Rockets hit Ain al-Asad air base, while a drone struck Harir air base."
    )
    assert len(_clauses(lex, doc, sent)) == 2
    doc, sent, mentions = parse(
        extractor,
        "Militants launched drone attacks on Harir air base and a rocket attack on Ain al-Asad air base.",
    )
    (clause,) = _clauses(lex, doc, sent)
    frames = [f for f in _frames(lex, doc, clause, mentions) if f.kind == "attack"]
    assert len(frames) == 2
    assert [m.text for m in frames[1].mentions if m.is_site] == ["Ain al-Asad air base"]


# ---------------------------------------------------------------------- places and arguments


def test_places_a_state_is_a_place_after_in_and_a_landmark_after_near(extractor: Extractor) -> None:
    doc, _, mentions = parse(
        extractor, "Rockets fell near Baghdad airport, by the homes of U.S. citizens in Iraq."
    )
    by_text = {m.text: m for m in mentions}
    assert _as_place(doc, by_text["Iraq"]) and not _as_place(doc, by_text["U.S."])
    assert _landmark([t.norm_ for t in doc], by_text["Baghdad airport"])


def test_arguments_subject_of_the_verb_target_and_toll(extractor: Extractor, lex: Cues) -> None:
    doc, sent, mentions = parse(
        extractor, "US warplanes struck Kata'ib Hezbollah in western Iraq, killing three fighters."
    )
    (clause,) = _clauses(lex, doc, sent)
    (frame,) = _frames(lex, doc, clause, mentions)
    assert labels(_perpetrators(lex, doc, frame)) == ["United States"]
    assert labels(_target_actors(lex, doc, frame)) == ["Kata'ib Hezbollah"]
    outcomes, killed, _ = _outcome(lex, doc, sent.start, sent.end)
    assert "casualties" in outcomes and killed == 3
    assert _number("twelve") == 12 and _number("a") is None


def test_attacks_a_frame_becomes_one_event_per_site(extractor: Extractor, lex: Cues) -> None:
    doc, sent, mentions = parse(extractor, "Drones targeted Harir air base and Erbil air base on Thursday.")
    (clause,) = _clauses(lex, doc, sent)
    (frame,) = _frames(lex, doc, clause, mentions)
    read = state()
    made = _attack(lex, doc, frame, _times(lex, doc, sent), [], [], [], [], sentence_evidence(sent), read, [])
    assert [labels(e.targets) for e in made] == [["Harir Air Base"], ["Erbil International Airport"]]
    assert {e.kind for e in made} == {"DroneAttack"} and read.events == made


# ---------------------------------------------------------------------- dating


def test_dating_the_attack_day_not_the_day_it_was_told(extractor: Extractor, lex: Cues) -> None:
    doc, sent, mentions = parse(
        extractor, "Officials said on Friday that rockets hit Ain al-Asad air base on Thursday."
    )
    (clause,) = _clauses(lex, doc, sent)
    (frame,) = _frames(lex, doc, clause, mentions)
    when, reported = _dated(lex, frame, _times(lex, doc, sent), state())
    assert when is not None and when.value == "2024-02-01" and not reported


# ---------------------------------------------------------------------- claims and discourse


def test_claims_the_claimant_and_the_blamed(extractor: Extractor, lex: Cues) -> None:
    doc, sent, mentions = parse(extractor, "Kata'ib Hezbollah claimed the drone attack on Harir air base.")
    claimants, words, _ = _claimants(lex, doc, sent, mentions, state())
    assert labels(claimants) == ["Kata'ib Hezbollah"] and words == ["claimed"]
    doc, sent, mentions = parse(extractor, "The Pentagon blamed the strike on Kata'ib Hezbollah.")
    accused, speakers = _attribution(lex, doc, sent, mentions)
    assert labels(accused) == ["Kata'ib Hezbollah"] and labels(speakers) == ["US Department of Defense"]


def test_discourse_a_count_and_a_toll_told_after_the_attack(extractor: Extractor, lex: Cues) -> None:
    doc, sent, mentions = parse(extractor, "The group has carried out more than 150 attacks on US forces.")
    read = state()
    (clause,) = _clauses(lex, doc, sent)
    assert _aggregate(lex, doc, sent, clause, mentions, sentence_evidence(sent), read, [])
    assert [a.count for a in read.aggregates] == [150]
    doc, sent, _ = parse(extractor, "No casualties were reported.")
    before = Event(kind="RocketAttack", evidence=[])
    _follow_up(lex, doc, sent, [before], sentence_evidence(sent), read)
    assert before.outcomes == {"noCasualties"}


def test_interceptions_stop_the_attack_just_told(extractor: Extractor, lex: Cues) -> None:
    doc, sent, mentions = parse(extractor, "Air defenses shot down a drone over Erbil air base.")
    (clause,) = _clauses(lex, doc, sent)
    (frame,) = _frames(lex, doc, clause, mentions)
    read = state()
    _interception(lex, doc, frame, _times(lex, doc, sent), sentence_evidence(sent), read, [])
    attack, interception = read.events
    assert attack.kind == "DroneAttack" and "intercepted" in attack.outcomes
    assert interception.kind == "Interception" and interception.intercepts is attack


# ---------------------------------------------------------------------- coreference


def test_coreference_two_accounts_of_one_attack_merge(read) -> None:  # type: ignore[no-untyped-def]
    extraction = read(
        "Rockets hit Ain al-Asad air base on Thursday. The rocket attack on Ain al-Asad air base caused no damage."
    )
    (event,) = [e for e in extraction.events if e.kind != "Interception"]
    assert len(event.evidence) == 2
    assert merge_events([]) == []


def test_coreference_a_later_claim_is_of_the_attack_told_before(extractor: Extractor) -> None:
    site = [m.place for m in find_mentions(parse(extractor, "Harir air base")[0]) if m.is_site]
    thursday = date(2024, 2, 1)
    day = EventDate("2024-02-01", "day", thursday, thursday, "resolved", "Thursday")
    earlier = Event(kind="DroneAttack", evidence=[], targets=site, date=day, weapon="drone")  # type: ignore[arg-type]
    claim = Event(kind="DroneAttack", evidence=[], targets=site, date=undated(SATURDAY))  # type: ignore[arg-type]
    assert _told_before(claim, [earlier]) is earlier


# ---------------------------------------------------------------------- stages


def test_every_rule_id_of_the_reader_names_a_stage_module() -> None:
    rules = set()
    for path in EXTRACT.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "read_by"
                and isinstance(node.args[0], ast.Constant)
            ):
                rules.add(node.args[0].value)
    rules |= {"attack.verb", "attack.noun+verb.refers-back", "attack.noun.place-of-told"}
    assert len(rules) > 10
    for rule in rules:
        assert (EXTRACT / f"{stage_of(rule)}.py").exists(), rule
    assert stage_of("attack.claim-follow-up") == "discourse" and stage_of("attack.kill") == "attacks"


def test_the_stages_word_lists_are_read_folded_from_the_lexicon() -> None:
    assert {"northern", "south-west"} <= cue_words("places", "directions")
    assert "'s" in cue_words("actors", "subject_fillers")  # the typographic "’s" folds to it
    assert cue_numbers("counts", "numbers")["twelve"] == 12
    with pytest.raises(OntologyError):
        cue_words("places", "no-such-list")
