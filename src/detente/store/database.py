"""`Store`: the open database file; `StoreWriter`: everything that writes to it.

Documents are keyed by a hash of their text, so a document is stored once however often it is read.
A batch of documents is written with its events, mentions, quotes and places in one transaction: a run
killed at any moment leaves whole documents or none, and a rerun stores what is missing. A `Store` reads
and writes over its own connection; `reader()` gives a reader over a cursor of its own, for a thread or a
request, and `writer()` a writer over a cursor of its own, for a thread that ingests while others read
(`detente serve --watch`): DuckDB gives each cursor its own transactions, so a reader in a snapshot sees
whole batches or none. Table names formatted into SQL come from `schema.TABLES`.

Opening a file that another process holds, that is not a DuckDB database or is damaged, or that cannot be
written raises the matching `StoreError` (see `failures`).
"""
from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any, Iterable

from ..errors import StoreCorrupt, StoreError, StoreMissing, StoreOpenError, StoreSchema
from ..records import CodedDocument, Skipped
from ..settings import default
from .clusters import build_clusters
from .export import export_events
from .failures import store_failure
from .reading import StoreReader
from .rows import batch_tables
from .schema import KEYED_TABLES, SERVED_TABLES, TABLES, check_columns, create_tables, relations

INGEST_MEMORY_LIMIT = default("memory_limit")  # DuckDB's buffer pool while ingesting (detente ingest --memory-limit)


class StoreWriter(StoreReader):
    """The store's writes (and reads) over `con`, a DuckDB connection or cursor of a writable store."""

    def __init__(self, con: Any, path: str = ""):
        super().__init__(con)
        self.path = path

    def __enter__(self) -> "StoreWriter":
        return self

    # ---- writing ---------------------------------------------------------------------------------
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
        """Arrow tables, or Parquet files (paths) written by a worker, in one transaction; keys already
        stored are ignored."""
        unknown = set(tables) - set(TABLES)
        if unknown:  # internal: the tables come from batch_tables or a worker, never from the user
            raise ValueError(f"not tables of the store: {', '.join(sorted(unknown))}")
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
        except BaseException:
            with contextlib.suppress(Exception):  # a failed ROLLBACK must not hide why the transaction ended
                self.con.execute("ROLLBACK")
            raise

    def build_clusters(self, window_days: int = 1) -> int:
        """(Re)build the event clusters (see `clusters`); returns the number of clusters."""
        return build_clusters(self, window_days)

    # ---- files -----------------------------------------------------------------------------------
    def export(self, out: str | Path, fmt: str) -> Path:
        """Events to Parquet (a folder partitioned by year and month), CSV, JSON lines (the event records)
        or PLOVER records."""
        return export_events(self.con, out, fmt)


class Store(StoreWriter):
    def __init__(self, path: str | Path, read_only: bool = False, memory_limit: str | None = None):
        """`memory_limit` ("256MB") caps DuckDB's buffer pool: what it holds beyond that goes to disk, so
        an ingest's memory stays flat however large the store grows. Read-only, the file must exist and hold
        a detente store's tables."""
        import duckdb  # loaded only by commands that use a store

        if read_only and not Path(path).exists():
            raise StoreMissing(f"no database at {path}: give the path of a store made by an ingest")
        if Path(path).is_dir():
            raise StoreCorrupt(f"{path} is a folder, not a DuckDB database: give the path of a store file")
        # No extension is ever downloaded (DuckDB would fetch one to read, say, a SQLite file given as a store).
        config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False,
                  **({"memory_limit": memory_limit} if memory_limit else {})}
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=config)
        except (duckdb.Error, OSError) as err:
            raise (store_failure(err, path) or StoreOpenError(f"cannot open {path}: {err}")) from None
        super().__init__(con, str(path))
        try:
            self._check(read_only)
        except StoreError:
            con.close()
            raise
        except (duckdb.Error, OSError) as err:
            con.close()
            failure = store_failure(err, path)
            if failure is None:
                raise
            raise failure from None

    def _check(self, read_only: bool) -> None:
        """A writable store gets its tables (and must have their columns); a store opened for reading must
        have the tables that are read."""
        if not read_only:
            create_tables(self.con)
            check_columns(self.con, self.path)
            return
        missing = set(SERVED_TABLES) - relations(self.con)
        if missing:
            raise StoreSchema(f"{self.path} is not a detente store (no {', '.join(sorted(missing))} table): give "
                              "the path of a store made by an ingest")

    def __enter__(self) -> "Store":
        return self

    def reader(self) -> StoreReader:
        """A reader over a cursor of its own (close it when done; `interrupt()` stops its query alone)."""
        return StoreReader(self.con.cursor())

    def writer(self) -> StoreWriter:
        """A writer over a cursor of its own, for a thread that writes while others read (close it when done)."""
        return StoreWriter(self.con.cursor(), self.path)
