"""The columns of each record, defined once. Every tabular view of a record is a selection of them:
the flat row of `detente code --format csv|tsv`, the store's tables, the lists the HTTP API answers with;
and the API's JSON schemas come from the records' typed fields (`records.py`).

A column has a name, a DuckDB type and how it is read from the record; `flat` says how a flat row writes
it when not as the plain value (flat rows write None as "" and booleans as true/false).
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import Any, Callable

from .records import Actor, Attribution, Event, Location, PlaceMention, Quote, Trigger, UnknownName


@dataclass(frozen=True)
class Column:
    name: str
    sql: str
    get: Callable[[Any], Any]
    flat: Callable[[Any], Any] | None = None


def _table(*columns: Column) -> dict[str, Column]:
    return {c.name: c for c in columns}


def _actor(side: str, attr: str) -> Callable[[Event], Any]:
    def get(e: Event) -> Any:
        actor = getattr(e, side)
        return getattr(actor, attr) if actor is not None else None
    return get


def _place(attr: str) -> Callable[[Event], Any]:
    return lambda e: getattr(e.location, attr) if e.location is not None else None


def _speaker_code(e: Event) -> str | None:
    speaker = e.attribution.speaker if e.attribution is not None else None
    return speaker.code if speaker is not None else None


# ---- events ----------------------------------------------------------------------------------------
EVENT = _table(
    Column("doc_id", "VARCHAR", lambda e: e.doc_id),
    Column("sentence_index", "INTEGER", lambda e: e.sentence_index),
    Column("sentence", "VARCHAR", lambda e: e.sentence, flat=lambda e: " ".join(e.sentence.split())),
    Column("trigger_text", "VARCHAR", lambda e: e.trigger.text),
    Column("trigger", "VARCHAR", lambda e: e.trigger.text),
    Column("trigger_start", "INTEGER", lambda e: e.trigger.start),
    Column("trigger_end", "INTEGER", lambda e: e.trigger.end),
    *(Column(f"{side}_{attr}", "VARCHAR", _actor(side, attr)) for side in ("source", "target")
      for attr in ("code", "name", "country", "sector", "text")),
    Column("cameo", "VARCHAR", lambda e: e.cameo),
    Column("cameo_name", "VARCHAR", lambda e: e.cameo_name),
    Column("cameo_base", "VARCHAR", lambda e: e.cameo[:3]),
    Column("cameo_root", "VARCHAR", lambda e: e.cameo_root),
    Column("quad_class", "INTEGER", lambda e: e.quad_class),
    Column("goldstein", "DOUBLE", lambda e: e.goldstein),
    Column("plover", "VARCHAR", lambda e: e.plover),
    Column("plover_mode", "VARCHAR", lambda e: e.plover_mode),
    Column("negated", "BOOLEAN", lambda e: e.negated),
    Column("modality", "VARCHAR", lambda e: e.modality),
    Column("date", "VARCHAR", lambda e: e.date),
    Column("date_precision", "VARCHAR", lambda e: e.date_precision),
    Column("date_source", "VARCHAR", lambda e: e.date_source),
    Column("confidence", "DOUBLE", lambda e: e.confidence),
    Column("claimed", "BOOLEAN", lambda e: e.claimed),
    Column("speaker_code", "VARCHAR", _speaker_code),  # the speaker of the quote or clause the event is in
    Column("claimed_by", "VARCHAR", lambda e: _speaker_code(e) if e.claimed else None),
    Column("place", "VARCHAR", _place("name")),
    Column("place_country", "VARCHAR", _place("country")),
    Column("place_geonameid", "BIGINT", _place("geonameid")),
    Column("place_lat", "DOUBLE", _place("lat")),
    Column("place_lon", "DOUBLE", _place("lon")),
)
# The store's events table: these columns between the row's keys (doc_key, event_index) and the JSON record.
EVENT_STORE = ("doc_id", "sentence_index", "sentence", "trigger_text", "trigger_start", "trigger_end",
               "source_code", "source_country", "source_sector", "source_text", "target_code", "target_country",
               "target_sector", "target_text", "cameo", "cameo_root", "quad_class", "goldstein", "plover",
               "plover_mode", "negated", "modality", "date", "date_precision", "date_source", "confidence",
               "claimed", "speaker_code", "place", "place_country", "place_geonameid", "place_lat", "place_lon")
# GDELT-like flat columns, plus detente's provenance columns (detente code --format csv|tsv).
EVENT_FLAT = ("doc_id", "sentence_index", "date", "date_precision", "date_source", "source_code", "source_name",
              "source_country", "source_text", "target_code", "target_name", "target_country", "target_text", "cameo",
              "cameo_base", "cameo_root", "quad_class", "goldstein", "plover", "plover_mode", "negated", "modality",
              "confidence", "claimed", "claimed_by", "place", "place_country", "place_geonameid", "place_lat",
              "place_lon", "trigger", "trigger_start", "trigger_end", "sentence")
# What GET /api/events lists of each event: stored columns (with the row's keys) and the CAMEO name.
EVENT_API = ("doc_key", "event_index", "doc_id", "date", "source_code", "source_text", "target_code", "target_text",
             "cameo", "cameo_name", "quad_class", "goldstein", "plover", "negated", "modality", "trigger_text",
             "trigger_start", "trigger_end", "sentence", "claimed", "speaker_code", "place")
EVENT_KEYS = (("doc_key", "VARCHAR"), ("event_index", "INTEGER"))

# ---- quotes, mentions, places -------------------------------------------------------------------------
QUOTE = _table(
    Column("quote_index", "INTEGER", lambda q: q.index),
    Column("speaker_code", "VARCHAR", lambda q: q.speaker.code if q.speaker else None),
    Column("speaker_text", "VARCHAR", lambda q: q.speaker_text),
    Column("cue", "VARCHAR", lambda q: q.cue),
    Column("content", "VARCHAR", lambda q: q.text),
    Column("content_start", "INTEGER", lambda q: q.start),
    Column("content_end", "INTEGER", lambda q: q.end),
    Column("direct", "BOOLEAN", lambda q: q.direct),
    Column("speaker_start", "INTEGER", lambda q: q.speaker.start if q.speaker else None),
    Column("speaker_end", "INTEGER", lambda q: q.speaker.end if q.speaker else None),
)
QUOTE_STORE = ("quote_index", "speaker_code", "speaker_text", "cue", "content", "content_start", "content_end",
               "direct", "speaker_start", "speaker_end")
# A quote as the API gives it (stored, or of a text coded on request): (name in the answer, column).
QUOTE_API = (("quote_index", "quote_index"), ("speaker_code", "speaker_code"), ("speaker_text", "speaker_text"),
             ("speaker_start", "speaker_start"), ("speaker_end", "speaker_end"), ("cue", "cue"),
             ("content", "content"), ("start", "content_start"), ("end", "content_end"), ("direct", "direct"))

MENTION = _table(*(Column(name, sql, (lambda n: lambda a: getattr(a, n))(name)) for name, sql in (
    ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"), ("code", "VARCHAR"), ("country", "VARCHAR"),
    ("sector", "VARCHAR"), ("name", "VARCHAR"))))
MENTION_STORE = ("start", "end", "text", "code", "country", "sector", "name")
MENTION_API = ("start", "end", "text", "code", "name")

PLACE = _table(*(Column(name, sql, (lambda n: lambda p: getattr(p, n))(name)) for name, sql in (
    ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"), ("name", "VARCHAR"), ("geonameid", "BIGINT"),
    ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("country", "VARCHAR"), ("admin1", "VARCHAR"), ("feature", "VARCHAR"),
    ("precision", "VARCHAR"))))
PLACE_STORE = ("start", "end", "text", "name", "geonameid", "lat", "lon", "country", "admin1", "feature")
PLACE_API = ("start", "end", "text", "name", "country", "feature", "lat", "lon")

UNKNOWN_NAME = _table(*(Column(name, sql, (lambda n: lambda u: getattr(u, n))(name)) for name, sql in (
    ("text", "VARCHAR"), ("name", "VARCHAR"), ("kind", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
    ("sentence_index", "INTEGER"), ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"))))
UNKNOWN_NAME_STORE = ("text", "name", "kind", "start", "end", "sentence_index", "sentence_start", "sentence_end")


# ---- views -----------------------------------------------------------------------------------------
def values(table: dict[str, Column], names: tuple[str, ...], record: Any) -> tuple:
    """A record's values for these columns, in order."""
    return tuple(table[n].get(record) for n in names)


def flat_row(e: Event) -> dict[str, Any]:
    """An event as a flat row: EVENT_FLAT columns, None written as "" and booleans as true/false."""
    row = {}
    for name in EVENT_FLAT:
        column = EVENT[name]
        value = column.flat(e) if column.flat is not None else column.get(e)
        row[name] = "" if value is None else str(value).lower() if isinstance(value, bool) else value
    return row


def quote_answer(q: Quote) -> dict[str, Any]:
    """A quote as the API gives it (QUOTE_API)."""
    return {name: QUOTE[column].get(q) for name, column in QUOTE_API}


def mention_answer(a: Actor) -> dict[str, Any]:
    return {name: MENTION[name].get(a) for name in MENTION_API}


def place_answer(p: PlaceMention) -> dict[str, Any]:
    return {name: PLACE[name].get(p) for name in PLACE_API}


# ---- JSON schemas ------------------------------------------------------------------------------------
SQL_JSON = {"VARCHAR": "string", "INTEGER": "integer", "BIGINT": "integer", "DOUBLE": "number",
            "BOOLEAN": "boolean", "JSON": "object"}
PY_JSON = {str: "string", int: "integer", float: "number", bool: "boolean"}


def columns_schema(table: dict[str, Column], names: tuple[str, ...], extra: dict[str, str] | None = None) -> dict:
    """The JSON schema of a row of these columns (any value may be null); `extra` types the names that are
    not columns of the record (a row's keys)."""
    props = {}
    for n in names:
        sql = table[n].sql if n in table else (extra or {})[n]
        props[n] = {"type": [SQL_JSON[sql], "null"]}
    return {"type": "object", "properties": props}


def record_schema(cls: type) -> dict:
    """The JSON schema of a record's `to_dict()` form, from its typed fields."""
    hints = typing.get_type_hints(cls)
    props = {}
    for f in dataclasses.fields(cls):
        props[f.name] = _type_schema(hints[f.name])
    if cls is Quote:  # the content is written as {text, start, end}; the cue's token index stays inside
        props = {k: v for k, v in props.items() if k not in ("text", "start", "end", "cue_index")}
        props["content"] = {"type": "object", "properties": {"text": {"type": "string"},
                                                             "start": {"type": "integer"},
                                                             "end": {"type": "integer"}}}
    return {"type": "object", "title": cls.__name__, "properties": props}


def _type_schema(hint: Any) -> dict:
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        schema = _type_schema(inner[0]) if len(inner) == 1 else {}
        return {"anyOf": [schema, {"type": "null"}]}
    if hint in PY_JSON:
        return {"type": PY_JSON[hint]}
    if dataclasses.is_dataclass(hint):
        return record_schema(hint)
    return {}


RECORDS = (Event, Actor, Trigger, Attribution, Location, Quote, PlaceMention, UnknownName)
