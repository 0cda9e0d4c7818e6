"""The store's tables: their definitions, their column names, and the check that a database has them.
The tables of records (events, quotes, mentions, places) take their columns from detente.record_columns."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import StoreSchema
from ..record_columns import (EVENT, EVENT_KEYS, EVENT_STORE, MENTION, MENTION_STORE, PLACE, PLACE_STORE, QUOTE,
                              QUOTE_STORE, UNKNOWN_NAME, UNKNOWN_NAME_STORE, Column)


def _create(table: str, columns: list[tuple[str, str]]) -> str:
    """CREATE TABLE for the record tables, whose columns come from detente.record_columns."""
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(f'{_quoted(n)} {t}' for n, t in columns)})"


def _quoted(name: str) -> str:
    return f'"{name}"' if name == "end" else name  # a keyword of SQL


def _record_columns(table: dict[str, Column], names: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(n, table[n].sql) for n in names]


SCHEMA = [
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, detente_version VARCHAR,
        model VARCHAR, dictionaries_hash VARCHAR, command VARCHAR, documents INTEGER, events INTEGER,
        errors INTEGER)""",
    """CREATE TABLE IF NOT EXISTS documents (
        doc_key VARCHAR PRIMARY KEY, doc_id VARCHAR, origin VARCHAR, date VARCHAR, title VARCHAR, url VARCHAR,
        source VARCHAR, text VARCHAR, sentences INTEGER, words INTEGER, run_id VARCHAR)""",
    _create("events", [*EVENT_KEYS, *_record_columns(EVENT, EVENT_STORE), ("record", "JSON")]),
    _create("quotes", [("doc_key", "VARCHAR"), *_record_columns(QUOTE, QUOTE_STORE)]),
    _create("mentions", [("doc_key", "VARCHAR"), ("mention_index", "INTEGER"),
                         *_record_columns(MENTION, MENTION_STORE)]),
    _create("places", [("doc_key", "VARCHAR"), ("place_index", "INTEGER"), *_record_columns(PLACE, PLACE_STORE)]),
    # added after the other tables: a store written before has none until it is opened for writing (an ingest
    # creates it), and its documents have no rows in it
    _create("unknown_names", [("doc_key", "VARCHAR"), ("name_index", "INTEGER"),
                              *_record_columns(UNKNOWN_NAME, UNKNOWN_NAME_STORE)]),
    """CREATE TABLE IF NOT EXISTS errors (
        origin VARCHAR, doc_id VARCHAR, reason VARCHAR, run_id VARCHAR, noted TIMESTAMP,
        PRIMARY KEY (origin, doc_id, reason))""",
]
# the tables an ingest writes
TABLES = ("documents", "events", "mentions", "quotes", "places", "unknown_names", "errors")
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
