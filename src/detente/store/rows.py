"""Coded documents as the store's rows: Arrow tables a batch at a time (what worker processes write as
Parquet, and what the store loads in one transaction). No database here."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Iterable

from ..records import CodedDocument, Event, Skipped
from .schema import table_columns


def doc_key(text: str) -> str:
    """A document's key: the SHA-256 of its text, so a document is stored once however often it is read."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def event_row(key: str, index: int, e: Event) -> tuple:
    s, t, loc = e.source, e.target, e.location or {}
    speaker = ((e.attribution or {}).get("speaker") or {}).get("code")
    return (key, index, e.doc_id, e.sentence_index, e.sentence, e.trigger.text, e.trigger.start, e.trigger.end,
            s.code if s else None, s.country if s else None, s.sector if s else None, s.text if s else None,
            t.code if t else None, t.country if t else None, t.sector if t else None, t.text if t else None,
            e.cameo, e.cameo_root, e.quad_class, e.goldstein, e.plover, e.plover_mode, e.negated, e.modality,
            e.date, e.date_precision, e.date_source, e.confidence, e.claimed, speaker, loc.get("name"),
            loc.get("country"), loc.get("geonameid"), loc.get("lat"), loc.get("lon"),
            json.dumps(e.to_dict(), ensure_ascii=False))


def batch_tables(coded: Iterable[CodedDocument], skipped: Iterable[Skipped], run_id: str) -> dict[str, Any]:
    """The rows of a batch as Arrow tables (None where a table gets no rows)."""
    import pyarrow as pa

    docs, events, quotes, mentions, places = [], [], [], [], []
    for r in coded:
        d = r.document
        key = doc_key(d.text)
        docs.append((key, d.id, d.origin, d.date, d.title, d.url, d.source, d.text, r.sentences, r.words, run_id))
        events += [event_row(key, i, e) for i, e in enumerate(r.events)]
        quotes += [(key, q.index, q.speaker.code if q.speaker else None, q.speaker_text, q.cue, q.text,
                    q.start, q.end, q.direct, q.speaker.start if q.speaker else None,
                    q.speaker.end if q.speaker else None) for q in r.quotes]
        mentions += [(key, i, a.start, a.end, a.text, a.code, a.country, a.sector, a.name)
                     for i, a in enumerate(r.mentions)]
        places += [(key, i, p["start"], p["end"], p["text"], p["name"], p["geonameid"], p["lat"], p["lon"],
                    p["country"], p["admin1"], p["feature"]) for i, p in enumerate(r.places)]
    errors = [(s.origin or s.doc_id, s.doc_id, s.reason, run_id, dt.datetime.now()) for s in skipped]
    out: dict[str, Any] = {}
    for table, rows in (("documents", docs), ("events", events), ("mentions", mentions), ("quotes", quotes),
                        ("places", places), ("errors", errors)):
        names = table_columns()[table]
        out[table] = pa.table({n: [row[k] for row in rows] for k, n in enumerate(names)}) if rows else None
    return out
