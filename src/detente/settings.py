"""Defaults shared by the command line and the HTTP API, in one table: each setting's name, default and
meaning. `detente --help` texts, the API's parameters and the README's table of settings all read it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


PERIODS = ("day", "week", "month", "year")  # what analytics count by


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS = {s.name: s for s in (
    Setting("period", "month", "the period analytics count by: day, week, month or year"),
    Setting("cluster_window", 1, "days apart within which the same event reported by several documents is one "
                                 "event cluster"),
    Setting("say_do_window", 90, "days within which a contrary act following an intent makes a say-do gap"),
    Setting("min_events", 1, "events each side of a flag's pattern needs"),
    Setting("flag_limit", 50, "the strongest flags given"),
    Setting("page_size", 50, "rows per page of an API list"),
    Setting("max_page_size", 500, "the largest page an API client may ask for"),
    Setting("network_limit", 150, "the heaviest dyads a network shows"),
    Setting("actors_limit", 20, "actor completions given"),
    Setting("unknown_limit", 50, "names that resolved to no actor listed, the most frequent first"),
    Setting("query_timeout", 5.0, "seconds an API query may run before it is stopped"),
    Setting("max_body", 1_000_000, "the largest request body (bytes) POST /api/code takes"),
    Setting("code_timeout", 30.0, "seconds POST /api/code may code a text before it answers 503"),
    Setting("code_workers", 2, "texts POST /api/code codes at once (four times as many wait; more are refused "
                               "with 503)"),
    Setting("max_chars", 1_000_000, "documents longer than this many characters are skipped"),
    Setting("ingest_batch", 256, "documents written per transaction when ingesting"),
    Setting("memory_limit", "256MB", "the memory the database may use while ingesting; the rest goes to disk"),
    Setting("poll_every", "15m", "how often the feed watcher polls its feeds"),
    Setting("fetch_timeout", 10.0, "seconds per request of the feed watcher"),
    Setting("fetch_retries", 3, "attempts per request of the feed watcher, with backoff"),
)}


def default(name: str) -> Any:
    return SETTINGS[name].default
