"""The JSON schemas of the API's answers, for /openapi.json: derived from the records and their columns
(detente.record_columns), not written out again."""
from __future__ import annotations

from ..record_columns import (EVENT, EVENT_API, EVENT_KEYS, MENTION, MENTION_API, PLACE, PLACE_API, QUOTE,
                              QUOTE_API, columns_schema, record_schema)
from ..records import Actor, Event, PlaceMention


def _ok(schema: dict, description: str) -> dict:
    return {200: {"description": description, "content": {"application/json": {"schema": schema}}}}


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


_QUOTE_ROW = {"type": "object", "properties": {
    name: columns_schema(QUOTE, (column,))["properties"][column] for name, column in QUOTE_API}}
_EVENT_RECORD = record_schema(Event)

EVENT_LIST = _ok({"type": "object", "properties": {
    "total": {"type": "integer"}, "page": {"type": "integer"}, "page_size": {"type": "integer"},
    "events": _array(columns_schema(EVENT, EVENT_API, dict(EVENT_KEYS)))}}, "The page of events")
DOCUMENT = _ok({"type": "object", "properties": {
    "document": {"type": "object"},
    "events": _array(_EVENT_RECORD),
    "mentions": _array(columns_schema(MENTION, MENTION_API)),
    "quotes": _array(_QUOTE_ROW),
    "places": _array(columns_schema(PLACE, PLACE_API))}}, "The document, its event records and what it names")
CODED = _ok({"type": "object", "properties": {
    "text": {"type": "string"},
    "events": _array(_EVENT_RECORD),
    "mentions": _array(record_schema(Actor)),
    "quotes": _array(_QUOTE_ROW),
    "places": _array(record_schema(PlaceMention))}}, "The text's event records, actor mentions, quotes and places")
