"""What earlier sentences of an article tell later ones: the state the reader's stages pass along."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.extract.mentions import Mention
from kg.extract.model import Aggregate, Entity, Event, EventDate
from kg.extract.timelines import Heading
from kg.extract.timex import TimeExpr


@dataclass
class _State:
    """What earlier sentences of the article tell later ones."""

    pub: date | None
    groups: list[tuple[int, Entity]]  # (token index, armed group) in reading order, for "the group"
    events: list[Event] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)
    prev_date: date | None = None
    sites: list[tuple[int, Mention]] = field(default_factory=list)  # named sites in reading order
    last_sentence_events: list[Event] = field(default_factory=list)
    previous_claimants: set[str] = field(default_factory=set)  # who claimed the last sentence's attacks
    list_header: Event | None = None  # "Attacks claimed by X:": who the list items below are by
    list_attacks: bool = False  # the header is one attack told with no place: each item is a place it hit
    scene: EventDate | None = None  # the day the sentence before, with no attack, set ("on Nov. 20")
    numbered: bool = False  # the last sentence was only an item's number ("1."): this one is the item
    previous_event: Event | None = None  # the last attack of the sentence before, for "the fighters also"
    heading: Heading | None = None  # the date that opens this sentence's timeline line
    aggregates_seen: int = 0  # aggregates told before the last sentence that is no list item
    placed_near: set[int] = field(default_factory=set)  # ids of attacks on "a base near X": X only places it
    breakdown: bool = False  # the list items below split a count of attacks told above them
    # "Washington blamed KH for the attack and struck ...": a blame the blamer's own strike cannot take
    blame_elsewhere: tuple[list[Entity], list[Entity]] | None = None
    year_headings: list[tuple[int, int]] = field(default_factory=list)  # (offset, year): "Attacks in 2021"
    year_pub: date | None = None  # under a heading of an earlier year: what year-less days count from
    years: list[tuple[int, int]] = field(default_factory=list)  # (offset, year) of every year the text names
    told_year: int | None = None  # the last year named before this sentence, for "December of that year"
    clock_day: date | None = None  # a live page headed by clock times: the day its undated entries tell

    def pub_for(self, expr: TimeExpr) -> date | None:
        """The page date EXPR resolves against: under "List of attacks in 2021", "20 February" is of 2021."""
        if expr.that_year and self.told_year is not None:
            return date(self.told_year, 12, 31)
        return self.year_pub if expr.year_less and self.year_pub is not None else self.pub

    def enter(self, offset: int) -> None:
        """The sentence at OFFSET is read: the year heading above it, if any, is of an earlier year."""
        years = [y for at, y in self.year_headings if at <= offset]
        year = years[-1] if years else None
        early = year is not None and (self.pub is None or year < self.pub.year)
        self.year_pub = date(year, 12, 31) if early and year is not None else None
        told = [y for at, y in self.years if at < offset]
        self.told_year = told[-1] if told else None

    def site_before(self, index: int, kind: str | None) -> Mention | None:
        found = None
        for position, mention in self.sites:
            if position < index and kind in (None, mention.ref.place_kind):
                found = mention
        return found

    def group_before(self, index: int) -> Entity | None:
        found = None
        for position, entity in self.groups:
            if position < index:
                found = entity
        return found
