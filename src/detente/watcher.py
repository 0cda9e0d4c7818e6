"""Watching feeds: `watch_file` for `detente watch` (a process of its own that opens the store for each
poll), `FeedWatcher` inside the process that owns the store (`detente serve --watch`).

DuckDB lets one process write a database file. A server that watches feeds is that process: a thread of
its own polls the feeds every `every` seconds and ingests new articles through a writer cursor of its own
(`Store.writer()`), while the server's requests read snapshots through theirs. The engine (one Coder, also
the one POST /api/code uses) is built once, in the watcher's thread, at its first poll.

A poll that fails (a feed down, a store error) is logged and the next poll comes as usual; stopping the
watcher ends the poll in progress after the document being coded (what was coded is stored; the rest is
fetched again at the next poll).
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from .errors import DetenteError, StoreLocked
from .settings import default

if TYPE_CHECKING:
    from .engine import Engine
    from .store import Store

log = logging.getLogger("detente.watch")


@dataclass(frozen=True)
class WatchSettings:
    """What a serving process watches, and how (the defaults are those of `detente watch`)."""

    feeds: tuple[str, ...]
    every: float = 900.0  # seconds between polls (settings: poll_every)
    fetch_timeout: float = default("fetch_timeout")
    retries: int = default("fetch_retries")
    backoff: float = 1.0
    memory_limit: str = default("memory_limit")


@dataclass
class WatchStatus:
    """What the watcher has done, for /api/health."""

    feeds: int
    polls: int = 0
    last_poll: str | None = None  # when the last poll ended (ISO time)
    last_counts: dict[str, int] = field(default_factory=dict)
    last_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"feeds": self.feeds, "polls": self.polls, "last_poll": self.last_poll,
                "last_counts": dict(self.last_counts), "last_error": self.last_error}


class FeedWatcher:
    """A thread that polls `settings.feeds` into `store`, with the engine `make_engine()` builds (once)."""

    def __init__(self, store: "Store", settings: WatchSettings, make_engine: Callable[[], "Engine"],
                 report: Callable[[str], None] = lambda s: None):
        self.store, self.settings, self._make_engine, self.report = store, settings, make_engine, report
        self._engine: "Engine | None" = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.status = WatchStatus(feeds=len(settings.feeds))

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="detente-watch", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> bool:
        """Ask the watcher to stop and wait up to `timeout` seconds; whether it has stopped."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            self._stop.wait(self.settings.every)

    def poll_once(self) -> dict[str, int] | None:
        """One pass over the feeds; the counts, or None when the poll failed (logged)."""
        from .feeds import poll

        with self._lock:  # one poll at a time, whoever asks
            s = self.settings
            try:
                if self._engine is None:
                    self._engine = self._make_engine()
                with self.store.writer() as writer:
                    counts = poll(list(s.feeds), writer, self._engine, timeout=s.fetch_timeout, retries=s.retries,
                                  backoff=s.backoff, log=self.report, stop=self._stop)
            except DetenteError as err:
                return self._failed(str(err))
            except Exception as err:  # noqa: BLE001 - the watcher goes on; the traceback is logged
                log.exception("feed poll failed")
                return self._failed(f"{type(err).__name__}: {err}")
            self.status.polls += 1
            self.status.last_poll = dt.datetime.now().isoformat(timespec="seconds")
            self.status.last_counts = counts
            self.status.last_error = None
            self.report(summary(counts))
            return counts

    def _failed(self, message: str) -> None:
        self.status.polls += 1
        self.status.last_poll = dt.datetime.now().isoformat(timespec="seconds")
        self.status.last_error = message
        self.report(f"poll failed, trying again at the next one: {message}")
        return None

    def close(self) -> None:
        self.stop()
        if self._engine is not None:
            self._engine.close()


def summary(counts: dict[str, int]) -> str:
    """One line on a poll's counts."""
    return (f"{counts['feeds']} feed(s) read, {counts['feeds_failed']} failed; {counts['new']} new article(s), "
            f"{counts['failed']} could not be fetched")


def watch_file(path: str, settings: WatchSettings, engine: "Engine", once: bool = False,
               report: Callable[[str], None] = lambda s: None, sleep: Callable[[float], None] = time.sleep) -> None:
    """Poll the feeds into the store at `path` every `settings.every` seconds (once with `once`), with one
    engine for every poll. The store is opened for each poll and closed between polls, so that the read
    commands can open it meanwhile. Held by another process at the first poll (or with `once`), the store
    raises StoreLocked; at a later poll, that poll is reported and the next one comes as usual."""
    from .feeds import poll
    from .store import Store

    first = True
    while True:
        try:
            with Store(path, memory_limit=settings.memory_limit) as store:
                counts = poll(list(settings.feeds), store, engine, timeout=settings.fetch_timeout,
                              retries=settings.retries, backoff=settings.backoff, log=report)
            report(summary(counts))
        except StoreLocked as err:
            if first or once:
                raise
            report(f"not polled: {err}; trying again at the next poll")
        first = False
        if once:
            return
        sleep(settings.every)
