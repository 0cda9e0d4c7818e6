"""Typed records passed between pipeline stages and written out by the CLI.

The field names of `Event.to_dict()` are the event record contract: keep them stable, add freely.
"""
from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Actor:
    """An actor as resolved from a mention: `code` is a CAMEO actor code (`RUSGOV`, `TUR`, `IGONAT`)."""

    text: str
    code: str
    country: str | None
    sector: str | None
    start: int
    end: int
    name: str | None = None  # canonical name from the dictionary, when one matched

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "country": self.country, "sector": self.sector,
                "start": self.start, "end": self.end, "name": self.name}


@dataclass(frozen=True)
class Trigger:
    """The words that triggered an event: text and character span in the document."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Event:
    doc_id: str
    sentence_index: int
    sentence: str
    trigger: Trigger
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_name: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None
    plover_mode: str | None
    negated: bool = False
    modality: str = "asserted"
    date: str | None = None  # when it happened: ISO date, the first day of the period
    confidence: float = 1.0
    pattern: str = ""  # the lexicon pattern (or grammar rule) that produced the code
    date_precision: str | None = None  # day, week, month or year
    date_source: str | None = None  # explicit (in the event's clause), reported (the report's date), document
    date_text: str | None = None  # the date expression as written
    claimed: bool = False  # inside a quote or reported clause: a party's claim, not the reporter's statement
    attribution: dict[str, Any] | None = None  # {speaker, speaker_text, cue, quote_index}
    location: dict[str, Any] | None = None  # a place in the event's own clause (places.Place fields + span)

    def to_dict(self) -> dict[str, Any]:
        # field by field: dataclasses.asdict deep-copies every value and is slow on the ingest path
        d = {name: getattr(self, name) for name in _event_fields()}
        d["source"] = self.source.to_dict() if self.source else None
        d["target"] = self.target.to_dict() if self.target else None
        d["trigger"] = self.trigger.to_dict()
        for name in ("attribution", "location"):
            if d[name] is not None:
                d[name] = copy.deepcopy(d[name])
        return d


@lru_cache(maxsize=1)
def _event_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Event))


@dataclass(frozen=True)
class Document:
    """One input document. `origin` says where it came from (file and line) for messages."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class Skipped:
    """A document (or input line) that could not be coded, and why. Never dropped silently."""

    doc_id: str
    origin: str
    reason: str

    def message(self) -> str:
        where = f" ({self.origin})" if self.origin and self.origin != self.doc_id else ""
        return f"skipped {self.doc_id}{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CodedDocument:
    document: Document
    events: list[Event] = field(default_factory=list)
    sentences: int = 0
    words: int = 0
    quotes: list = field(default_factory=list)  # attribution.Quote records of the document
    mentions: list[Actor] = field(default_factory=list)  # every actor mention resolved, in text order
    places: list[dict[str, Any]] = field(default_factory=list)  # place mentions: span + gazetteer fields
