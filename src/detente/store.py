"""The corpus store: an embedded DuckDB database of documents, events, actor mentions, quotes, places,
errors and runs.

Documents are keyed by a hash of their text, so a document is stored once however often it is read.
A batch of documents is written with its events and quotes in one transaction: a run killed at any
moment leaves whole documents or none, and a rerun stores what is missing.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .errors import DetenteError
from .records import CodedDocument, Event, Skipped

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, detente_version VARCHAR,
        model VARCHAR, dictionaries_hash VARCHAR, command VARCHAR, documents INTEGER, events INTEGER,
        errors INTEGER)""",
    """CREATE TABLE IF NOT EXISTS documents (
        doc_key VARCHAR PRIMARY KEY, doc_id VARCHAR, origin VARCHAR, date VARCHAR, title VARCHAR, url VARCHAR,
        source VARCHAR, text VARCHAR, sentences INTEGER, words INTEGER, run_id VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS events (
        doc_key VARCHAR, event_index INTEGER, doc_id VARCHAR, sentence_index INTEGER, sentence VARCHAR,
        trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
        source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_text VARCHAR,
        target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_text VARCHAR,
        cameo VARCHAR, cameo_root VARCHAR, quad_class INTEGER, goldstein DOUBLE, plover VARCHAR,
        plover_mode VARCHAR, negated BOOLEAN, modality VARCHAR, date VARCHAR, date_precision VARCHAR,
        date_source VARCHAR, confidence DOUBLE, claimed BOOLEAN, speaker_code VARCHAR, place VARCHAR,
        place_country VARCHAR, place_geonameid BIGINT, place_lat DOUBLE, place_lon DOUBLE, record JSON)""",
    """CREATE TABLE IF NOT EXISTS quotes (
        doc_key VARCHAR, quote_index INTEGER, speaker_code VARCHAR, speaker_text VARCHAR, cue VARCHAR,
        content VARCHAR, content_start INTEGER, content_end INTEGER, direct BOOLEAN, speaker_start INTEGER,
        speaker_end INTEGER)""",
    """CREATE TABLE IF NOT EXISTS mentions (
        doc_key VARCHAR, mention_index INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, code VARCHAR,
        country VARCHAR, sector VARCHAR, name VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS places (
        doc_key VARCHAR, place_index INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, name VARCHAR,
        geonameid BIGINT, lat DOUBLE, lon DOUBLE, country VARCHAR, admin1 VARCHAR, feature VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS errors (
        origin VARCHAR, doc_id VARCHAR, reason VARCHAR, run_id VARCHAR, noted TIMESTAMP,
        PRIMARY KEY (origin, doc_id, reason))""",
]
EXPORT_FORMATS = ("parquet", "csv", "jsonl", "plover")
TABLES = ("documents", "events", "mentions", "quotes", "places", "errors")
KEYED_TABLES = ("documents", "errors")
INGEST_MEMORY_LIMIT = "256MB"  # DuckDB's buffer pool while ingesting (detente ingest --memory-limit)


def doc_key(text: str) -> str:
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


@lru_cache(maxsize=1)
def table_columns() -> dict[str, list[str]]:
    """Column names of each table, read from the schema itself."""
    import duckdb

    con = duckdb.connect()
    for statement in SCHEMA:
        con.execute(statement)
    names = {t: [c[0] for c in con.execute(f"DESCRIBE {t}").fetchall()]
             for t in TABLES}
    con.close()
    return names


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


class Store:
    def __init__(self, path: str | Path, read_only: bool = False, memory_limit: str | None = None):
        """`memory_limit` ("256MB") caps DuckDB's buffer pool: what it holds beyond that goes to disk, so
        an ingest's memory stays flat however large the store grows."""
        import duckdb  # loaded only by commands that use a store

        if read_only and not Path(path).exists():
            raise DetenteError(f"no database at {path}")
        self.path = str(path)
        config = {"memory_limit": memory_limit} if memory_limit else {}
        try:
            self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        except (duckdb.InvalidInputException, duckdb.ParserException) as err:
            raise DetenteError(f"cannot open {path}: {err}") from None
        if not read_only:
            for statement in SCHEMA:
                self.con.execute(statement)
            self._check_columns()

    def _check_columns(self) -> None:
        """A store written by another version of detente, with other columns, is refused, not mixed."""
        for table, expected in table_columns().items():
            found = [c[0] for c in self.con.execute(f"DESCRIBE {table}").fetchall()]
            if found != expected:
                self.con.close()
                raise DetenteError(f"{self.path} was written by another version of detente: table {table} has "
                                   f"columns {', '.join(found)}; expected {', '.join(expected)}. Ingest into a "
                                   "new database file.")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------------
    def known_keys(self) -> set[str]:
        return {row[0] for row in self.con.execute("SELECT doc_key FROM documents").fetchall()}

    def start_run(self, run_id: str, version: str, model: str, dictionaries_hash: str, command: str) -> None:
        self.con.execute("INSERT INTO runs VALUES (?, ?, NULL, ?, ?, ?, ?, 0, 0, 0)",
                         [run_id, dt.datetime.now(), version, model, dictionaries_hash, command])

    def finish_run(self, run_id: str, documents: int, events: int, errors: int) -> None:
        self.con.execute("UPDATE runs SET finished = ?, documents = ?, events = ?, errors = ? WHERE run_id = ?",
                         [dt.datetime.now(), documents, events, errors, run_id])

    def write_batch(self, coded: Iterable[CodedDocument], skipped: Iterable[Skipped], run_id: str) -> None:
        """Documents with their events and quotes, and the skipped documents, in one transaction."""
        self.write_tables(batch_tables(coded, skipped, run_id))

    def write_tables(self, tables: dict[str, Any]) -> None:
        """Arrow tables (or anything DuckDB scans: Parquet paths as read_parquet) in one transaction;
        keys already stored are ignored."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, data in tables.items():
                if data is None:
                    continue
                # Documents (and errors) have keys and are ignored when stored already; the rows of a
                # document (events, mentions, quotes, places) come only with a document new to the store,
                # so they need no key of their own (an index per table would grow with the corpus).
                verb = "INSERT OR IGNORE" if table in KEYED_TABLES else "INSERT"
                if isinstance(data, str):  # a Parquet file written by a worker
                    self.con.execute(f"{verb} INTO {table} SELECT * FROM read_parquet(?)", [data])
                    continue
                self.con.register("incoming_batch", data)
                try:
                    self.con.execute(f"{verb} INTO {table} SELECT * FROM incoming_batch")
                finally:
                    with contextlib.suppress(Exception):  # must not hide the error that ended the transaction
                        self.con.unregister("incoming_batch")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    # ---- reading -------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in (*TABLES, "runs")}

    def export(self, out: str | Path, fmt: str) -> Path:
        """Events to Parquet (a folder partitioned by year and month), CSV, JSON lines (the event records)
        or PLOVER records."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        out = Path(out)
        columns = "* EXCLUDE (record)"
        if fmt == "parquet":
            out.mkdir(parents=True, exist_ok=True)
            query = (f"SELECT {columns}, coalesce(substr(date, 1, 4), 'unknown') AS year, "
                     f"coalesce(substr(date, 6, 2), 'unknown') AS month FROM events")
            self.con.execute(f"COPY ({query}) TO '{_quote(out)}' "
                             "(FORMAT PARQUET, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)")
        elif fmt == "csv":
            self.con.execute(f"COPY (SELECT {columns} FROM events ORDER BY doc_key, event_index) "
                             f"TO '{_quote(out)}' (HEADER, DELIMITER ',')")
        elif fmt == "jsonl":
            rows = self.con.execute("SELECT record FROM events ORDER BY doc_key, event_index").fetchall()
            with open(out, "w", encoding="utf-8") as fh:
                for (record,) in rows:
                    fh.write(record + "\n")
        else:
            from .formats import plover_from_dict

            rows = self.con.execute("SELECT record FROM events ORDER BY doc_key, event_index").fetchall()
            with open(out, "w", encoding="utf-8") as fh:
                for n, (record,) in enumerate(rows, 1):
                    fh.write(json.dumps(plover_from_dict(json.loads(record), n), ensure_ascii=False) + "\n")
        return out


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
