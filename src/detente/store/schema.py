"""The store's tables: their definitions, their column names, and the check that a database has them."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import StoreSchema

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
TABLES = ("documents", "events", "mentions", "quotes", "places", "errors")  # the tables an ingest writes
KEYED_TABLES = ("documents", "errors")  # rows already stored (same key) are ignored, not written twice
SERVED_TABLES = ("documents", "events", "mentions", "quotes", "places")  # what `detente serve` needs


def create_tables(con: Any) -> None:
    for statement in SCHEMA:
        con.execute(statement)


def describe(con: Any, table: str) -> list[str]:
    """The column names of a table (`table` is one of TABLES, never user input)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    return [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]


@lru_cache(maxsize=1)
def table_columns() -> dict[str, list[str]]:
    """Column names of each table, read from the schema itself."""
    import duckdb

    con = duckdb.connect()
    create_tables(con)
    names = {t: describe(con, t) for t in TABLES}
    con.close()
    return names


def check_columns(con: Any, path: str) -> None:
    """A store written by another version of detente, with other columns, is refused, not mixed."""
    for table, expected in table_columns().items():
        found = describe(con, table)
        if found != expected:
            raise StoreSchema(f"{path} was written by another version of detente: table {table} has "
                              f"columns {', '.join(found)}; expected {', '.join(expected)}. Ingest into a "
                              "new database file.")


def relations(con: Any) -> set[str]:
    """The names of the tables and views in the database."""
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def has_relation(con: Any, name: str) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                       [name]).fetchone()[0] > 0
