"""What the stages pass each other: one context per document, filled stage by stage, and the typed
records between them. A stage reads the fields named in its `requires` and sets those in its
`assigns` (pipeline/stage.py checks that every field is set before it is read)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..actor_dictionary import Match
from ..records import Actor, Document, Event, PlaceMention, Quote, UnknownName
from .actor_mentions import History

# Fields a new context holds before any stage runs.
GIVEN = ("document", "doc", "day")


@dataclass
class RawEvent:
    """An event as the grammar reads it from a clause: trigger tokens, actors and a code, before it
    becomes records (one per actor pair)."""

    trigger: list[Token]
    sources: list[Actor]
    targets: list[Actor]
    code: str
    pattern: str
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.9
    reciprocal: bool = False  # "accused each other": the sources act on one another


@dataclass
class SentenceEvents:
    """The events the grammar read in one sentence."""

    index: int
    sent: Span
    events: list[RawEvent]


@dataclass
class ActorPair:
    """One (source, target) pair of a raw event: what becomes one event record."""

    sentence: SentenceEvents
    raw: RawEvent
    source: Actor | None
    target: Actor | None
    confidence: float
    siblings: int  # pairs made from the same raw event


@dataclass(frozen=True)
class SentenceContext:
    """What the grammar reads while it codes one sentence: the sentence and the document's actor
    matches, date and mention history."""

    sent: Span
    matches: dict[int, Match]
    day: dt.date | None
    history: History


@dataclass
class DocContext:
    """One document on its way through the pipeline."""

    document: Document
    doc: Doc
    day: dt.date | None
    sentences: list[Span] = field(default_factory=list)  # actor_mentions
    matches: dict[int, Match] = field(default_factory=dict)  # actor_mentions: token index -> dictionary match
    history: History | None = None  # actor_mentions
    sentence_events: list[SentenceEvents] = field(default_factory=list)  # clause_events
    pairs: list[ActorPair] = field(default_factory=list)  # pairs, then countries
    events: list[Event] = field(default_factory=list)  # event_records, then dates, places, attribution
    triggers: list[list[Token]] = field(default_factory=list)  # event_records: each event's trigger tokens
    places: list[PlaceMention] = field(default_factory=list)  # places
    quotes: list[Quote] = field(default_factory=list)  # attribution
    mentions: list[Actor] = field(default_factory=list)  # mentions
    unknown_names: list[UnknownName] = field(default_factory=list)  # unknown_names

    def sentence(self, sent: Span) -> SentenceContext:
        return SentenceContext(sent, self.matches, self.day, self.history)
