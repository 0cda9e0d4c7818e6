"""Coded documents as the store's rows: Arrow tables a batch at a time (what worker processes write as
Parquet, and what the store loads in one transaction). No database here."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Iterable

from ..record_columns import (EVENT, EVENT_STORE, MENTION, MENTION_STORE, PLACE, PLACE_STORE, QUOTE, QUOTE_STORE,
                              UNKNOWN_NAME, UNKNOWN_NAME_STORE, values)
from ..records import CodedDocument, Event, Skipped
from .schema import table_columns


def doc_key(text: str) -> str:
    """A document's key: the SHA-256 of its text, so a document is stored once however often it is read."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def event_row(key: str, index: int, e: Event) -> tuple:
    """An event as a row of the events table: its keys, the EVENT_STORE columns and its JSON record."""
    return (key, index, *values(EVENT, EVENT_STORE, e), json.dumps(e.to_dict(), ensure_ascii=False))


def batch_tables(coded: Iterable[CodedDocument], skipped: Iterable[Skipped], run_id: str) -> dict[str, Any]:
    """The rows of a batch as Arrow tables (None where a table gets no rows)."""
    import pyarrow as pa

    docs, events, quotes, mentions, places, unknown = [], [], [], [], [], []
    for r in coded:
        d = r.document
        key = doc_key(d.text)
        docs.append((key, d.id, d.origin, d.date, d.title, d.url, d.source, d.text, r.sentences, r.words, run_id))
        events += [event_row(key, i, e) for i, e in enumerate(r.events)]
        quotes += [(key, *values(QUOTE, QUOTE_STORE, q)) for q in r.quotes]
        mentions += [(key, i, *values(MENTION, MENTION_STORE, a)) for i, a in enumerate(r.mentions)]
        places += [(key, i, *values(PLACE, PLACE_STORE, p)) for i, p in enumerate(r.places)]
        unknown += [(key, i, *values(UNKNOWN_NAME, UNKNOWN_NAME_STORE, u)) for i, u in enumerate(r.unknown_names)]
    errors = [(s.origin or s.doc_id, s.doc_id, s.reason, run_id, dt.datetime.now()) for s in skipped]
    out: dict[str, Any] = {}
    for table, rows in (("documents", docs), ("events", events), ("mentions", mentions), ("quotes", quotes),
                        ("places", places), ("unknown_names", unknown), ("errors", errors)):
        names = table_columns()[table]
        out[table] = pa.table({n: [row[k] for row in rows] for k, n in enumerate(names)}) if rows else None
    return out
