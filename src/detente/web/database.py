"""The store a server reads, and the per-request query runner.

A server opens its store once. Read-only (`detente serve`), several servers may share one file; owned for
writing (`detente serve --watch`), the server is the one process that writes it, through its feed watcher's
cursor. Either way each request reads through a cursor of its own, inside one transaction (a snapshot:
what an ingest commits meanwhile is not half seen), under a time limit (the cursor is interrupted and the
request answered 503). A DuckDB error of a query is the store's (`store.failures`: damaged, not writable),
or a bug left to the app's guard."""
from __future__ import annotations

import contextlib
import threading
from typing import Any, Callable

from ..errors import DetenteError, QueryTimeout
from ..store.failures import is_duckdb_error, store_failure


class Database:
    """The store and the per-request query runner with its time limit."""

    def __init__(self, db_path: str, query_timeout: float, writable: bool = False, memory_limit: str | None = None):
        import duckdb

        from ..store import Store

        self.path = db_path
        self.writable = writable
        self.store = Store(db_path, read_only=not writable, memory_limit=memory_limit if writable else None)
        self.timeout = query_timeout
        self.interrupted = duckdb.InterruptException

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """fn(cursor, *args) on a cursor of its own, in a snapshot, interrupted when it runs longer than the
        time limit."""
        reader = self.store.reader()
        expired = threading.Event()

        def stop() -> None:
            expired.set()
            with contextlib.suppress(Exception):  # the query may have ended (and its cursor closed) meanwhile
                reader.interrupt()

        timer = threading.Timer(self.timeout, stop)
        timer.daemon = True
        timer.start()
        try:
            with reader.snapshot():
                return fn(reader.con, *args)
        except Exception as err:
            if expired.is_set() or isinstance(err, self.interrupted):
                raise QueryTimeout(f"the query took longer than {self.timeout:g} s and was stopped; "
                                   "narrow it down (a shorter period, more filters)") from None
            if isinstance(err, DetenteError) or not is_duckdb_error(err):
                raise
            failure = store_failure(err, self.path)
            if failure is None:
                raise
            raise failure from None
        finally:
            timer.cancel()
            reader.close()

    def close(self) -> None:
        self.store.close()
