"""Typed records passed between pipeline stages and written out: each defined once, here.

`to_dict()` gives a record's JSON form (the event record contract: keep field names stable, add freely);
`detente.record_columns` derives the flat rows (CSV/TSV), the store's columns and the API's columns and
schema from these records. Records also read like mappings (`event.location["country"]`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any


class FieldAccess:
    """Read a record's fields by name, as in a mapping: `actor["code"]`, `location.get("lat")`."""

    __slots__ = ()

    def __getitem__(self, name: str) -> Any:
        if name in self.__dataclass_fields__:  # type: ignore[attr-defined]
            return getattr(self, name)
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name) if name in self.__dataclass_fields__ else default  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Actor(FieldAccess):
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
class Trigger(FieldAccess):
    """The words that triggered an event: text and character span in the document."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Attribution(FieldAccess):
    """Whose claim an event is: the speaker of the quote or reported clause it sits in."""

    speaker: Actor | None
    speaker_text: str | None
    cue: str | None  # the verb of saying ("said", "according to")
    quote_index: int  # the quote's index among the document's quotes

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker.to_dict() if self.speaker else None, "speaker_text": self.speaker_text,
                "cue": self.cue, "quote_index": self.quote_index}


@dataclass(frozen=True)
class PlaceMention(FieldAccess):
    """A place named in a document, with what the gazetteer knows of it."""

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None
    feature: str  # country, city, region
    precision: str  # country, city, region

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name,
                "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon, "country": self.country,
                "admin1": self.admin1, "feature": self.feature, "precision": self.precision}


@dataclass(frozen=True)
class Location(FieldAccess):
    """Where an event happened: a place named in its own clause, and the preposition that attaches it
    ("in", "near"; None for a town acted on, "shelled Kharkiv")."""

    text: str
    start: int
    end: int
    preposition: str | None
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    feature: str
    precision: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "preposition": self.preposition,
                "name": self.name, "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon,
                "country": self.country, "admin1": self.admin1, "feature": self.feature,
                "precision": self.precision}


@dataclass(frozen=True)
class Quote(FieldAccess):
    """A direct quote, reported clause ("Lavrov said that ...") or "according to" phrase, with its speaker."""

    index: int
    speaker: Actor | None
    speaker_text: str | None
    cue: str | None
    text: str  # the content
    start: int
    end: int
    direct: bool
    cue_index: int | None = None  # the cue verb's token index in the document

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "speaker": self.speaker.to_dict() if self.speaker else None,
                "speaker_text": self.speaker_text, "cue": self.cue,
                "content": {"text": self.text, "start": self.start, "end": self.end}, "direct": self.direct}


UNKNOWN_NAME_KINDS = ("person", "organisation", "group", "place", "other")


@dataclass(frozen=True)
class UnknownName(FieldAccess):
    """A proper name no actor resolved: none of its words is a dictionary string or a name the document
    defined for itself, the gazetteer knows no place of that name, and its noun phrase codes as no actor
    with a country or a dictionary name. Listed so that users can extend their dictionaries."""

    text: str  # as written
    name: str  # the fullest form the document gives ("Marantz" after "Ilvo Marantz" is "Ilvo Marantz")
    kind: str  # one of UNKNOWN_NAME_KINDS: a hint from the parser's entity labels
    start: int  # character span in the document text
    end: int
    sentence_index: int
    sentence_start: int  # the sentence's character span in the document text
    sentence_end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "kind": self.kind, "start": self.start, "end": self.end,
                "sentence_index": self.sentence_index, "sentence_start": self.sentence_start,
                "sentence_end": self.sentence_end}


@dataclass
class Event(FieldAccess):
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
    date_source: str | None = None  # explicit or relative (an expression in its clause), reported, document
    date_text: str | None = None  # the date expression as written
    claimed: bool = False  # inside a quote or reported clause: a party's claim, not the reporter's statement
    attribution: Attribution | None = None
    location: Location | None = None
    target_inferred: bool = False  # the target is a party of the conflict the document reports, not named

    def to_dict(self) -> dict[str, Any]:
        # field by field: dataclasses.asdict deep-copies every value and is slow on the ingest path
        d = {name: getattr(self, name) for name in _event_fields()}
        for name in ("trigger", "source", "target", "attribution", "location"):
            value = d[name]
            d[name] = value.to_dict() if value is not None else None
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
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[Actor] = field(default_factory=list)  # every actor mention resolved, in text order
    places: list[PlaceMention] = field(default_factory=list)
    unknown_names: list[UnknownName] = field(default_factory=list)  # proper names no actor resolved, in text order
