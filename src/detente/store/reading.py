"""Reading the store: `StoreReader` over one DuckDB connection or cursor.

The web serves each request through a reader on a cursor of its own (`Store.reader()`), which it can
interrupt when the request runs out of time; a `Store` is itself a reader over its own connection. User
values reach SQL only as bound parameters. What is formatted into SQL comes from fixed tables after a
check: the conditions of `EventFilter` and `DocumentFilter` (fixed clauses), a network level's column
expressions (`NETWORK_LEVELS`), the table names of `schema.TABLES`, and what `AnalyticsQueries` says.
"""
from __future__ import annotations

import contextlib
import json
from typing import Any, Iterable, Iterator

from ..errors import BadValue
from ..record_columns import EVENT_API, EVENT_KEYS, EVENT_STORE, MENTION_API, PLACE_API, QUOTE_API
from ..records import UNKNOWN_NAME_KINDS
from .analytics_queries import AnalyticsQueries
from .filters import DocumentFilter, EventFilter
from .schema import TABLES, has_relation, relations

# What the event list reads: the API's event columns that are stored (the CAMEO name is looked up, not stored).
EVENT_FIELDS = tuple(c for c in EVENT_API if c in EVENT_STORE or c in dict(EVENT_KEYS))
DOCUMENT_FIELDS = ("doc_key", "doc_id", "date", "title", "url", "source", "text")
LISTED_DOCUMENT_FIELDS = ("doc_key", "doc_id", "date", "title", "source", "url", "head", "events")
MENTION_FIELDS = MENTION_API
QUOTE_KEYS = tuple(name for name, _ in QUOTE_API)
PLACE_FIELDS = PLACE_API
CLUSTER_FIELDS = ("id", "mentions", "documents", "sources")
# What `unknown_names` gives of each name, and its orders (fixed clauses, chosen by name).
UNKNOWN_NAME_FIELDS = ("name", "kind", "mentions", "documents", "spellings", "doc_id", "doc_key", "date", "sentence")
UNKNOWN_NAME_ORDERS = {"mentions": "mentions DESC, documents DESC, name",
                       "documents": "documents DESC, mentions DESC, name"}
NETWORK_LEVELS = {"actor": ("source_code", "target_code"),
                  "country": ("substr(source_code, 1, 3)", "substr(target_code, 1, 3)")}


def _columns(names: Iterable[str]) -> str:
    """A SELECT list of record columns (names from detente.record_columns, never user input)."""
    return ", ".join(f'"{n}"' if n == "end" else n for n in names)


class StoreReader(AnalyticsQueries):
    """The store's reads over `con`, a DuckDB connection or cursor (read-only or not)."""

    def __init__(self, con: Any):
        self.con = con

    def interrupt(self) -> None:
        """Stop the query running on this reader's connection (from another thread)."""
        self.con.interrupt()

    def close(self) -> None:
        self.con.close()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator["StoreReader"]:
        """Reads inside one transaction: they all see the store as it was when it began, whatever is written
        meanwhile through other cursors (an ingest in another thread)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self
        finally:
            with contextlib.suppress(Exception):  # an interrupted query has ended the transaction already
                self.con.execute("ROLLBACK")

    def __enter__(self) -> "StoreReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- counts ----------------------------------------------------------------------------------
    def relations(self) -> set[str]:
        """The tables and views in the store."""
        return relations(self.con)

    def counts(self) -> dict[str, int]:
        """Rows per table (of those the store has: one written by an earlier version may lack a table that
        was added later until it is opened for writing)."""
        present = relations(self.con)
        return {table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in (*TABLES, "runs") if table in present}

    def health(self) -> dict[str, int]:
        """Documents and events stored."""
        documents = self.con.execute("SELECT count(*) FROM documents").fetchone()[0]
        events = self.con.execute("SELECT count(*) FROM events").fetchone()[0]
        return {"documents": documents, "events": events}

    def doc_keys(self) -> set[str]:
        """The keys of every stored document."""
        return {row[0] for row in self.con.execute("SELECT doc_key FROM documents").fetchall()}

    def known_urls(self) -> set[str]:
        """The URLs of the stored documents."""
        return {row[0] for row in self.con.execute("SELECT url FROM documents WHERE url IS NOT NULL").fetchall()}

    def failed_urls(self) -> set[str]:
        """Pages that failed for good: the doc_id (the URL) of errors whose reason is an HTTP 4xx answer other
        than 429 (too many requests). Timeouts and 5xx answers are not among them: they may work next time."""
        return {row[0] for row in self.con.execute(
            "SELECT doc_id FROM errors WHERE reason LIKE '%HTTP 4%' AND reason NOT LIKE '%HTTP 429%'").fetchall()}

    # ---- events and documents --------------------------------------------------------------------
    def count_events(self, f: EventFilter = EventFilter()) -> int:
        where, params = f.where()
        return self.con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]

    def events(self, f: EventFilter = EventFilter(), limit: int = 50, offset: int = 0) -> list[dict]:
        """Events (EVENT_FIELDS), newest first, then by document and position."""
        where, params = f.where()
        rows = self.con.execute(f"""
            SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE {where}
            ORDER BY date DESC NULLS LAST, doc_id, doc_key, event_index LIMIT ? OFFSET ?""",
                                [*params, limit, offset]).fetchall()
        return [dict(zip(EVENT_FIELDS, row)) for row in rows]

    def count_documents(self, f: DocumentFilter = DocumentFilter()) -> int:
        where, params = f.where()
        return self.con.execute(f"SELECT count(*) FROM documents WHERE {where}", params).fetchone()[0]

    def documents(self, f: DocumentFilter = DocumentFilter(), limit: int = 50, offset: int = 0,
                  head_chars: int = 300) -> list[dict]:
        """Documents (LISTED_DOCUMENT_FIELDS: `head` is the first `head_chars` characters of the text, `events`
        the number of its events), newest first."""
        where, params = f.where()
        rows = self.con.execute(f"""
            WITH page AS (
                SELECT doc_key, doc_id, date, title, source, url, substr(text, 1, ?) AS head
                FROM documents WHERE {where}
                ORDER BY date DESC NULLS LAST, doc_id, doc_key LIMIT ? OFFSET ?)
            SELECT page.*, (SELECT count(*) FROM events e WHERE e.doc_key = page.doc_key) AS n
            FROM page ORDER BY date DESC NULLS LAST, doc_id, doc_key""",
                                [head_chars, *params, limit, offset]).fetchall()
        return [dict(zip(LISTED_DOCUMENT_FIELDS, row)) for row in rows]

    # ---- one document ----------------------------------------------------------------------------
    def document(self, key: str) -> dict | None:
        """A stored document (DOCUMENT_FIELDS) with its events (the stored records, each with its
        `event_index` and, when clusters are built, its `cluster` counts), mentions, quotes and places;
        None when no document has this key."""
        row = self.con.execute(f"SELECT {', '.join(DOCUMENT_FIELDS)} FROM documents WHERE doc_key = ?",
                               [key]).fetchone()
        if row is None:
            return None
        clusters = self.event_clusters(key)
        events = []
        for index, event in self.event_records(key):
            event["event_index"] = index
            if index in clusters:
                event["cluster"] = clusters[index]
            events.append(event)
        return {"document": dict(zip(DOCUMENT_FIELDS, row)), "events": events, "mentions": self.mentions(key),
                "quotes": self.quotes(key), "places": self.places(key)}

    def event_records(self, key: str) -> list[tuple[int, dict]]:
        """A document's event records (as `detente code --format jsonl` writes them) with their index."""
        return [(index, json.loads(record)) for index, record in self.con.execute(
            "SELECT event_index, record FROM events WHERE doc_key = ? ORDER BY event_index", [key]).fetchall()]

    def event_clusters(self, key: str) -> dict[int, dict]:
        """The cluster of each event of a document, with its counts (CLUSTER_FIELDS), by event index; empty when
        the store has no clusters."""
        if not (has_relation(self.con, "clusters") and has_relation(self.con, "event_clusters")):
            return {}
        ids = dict(self.con.execute("SELECT event_index, cluster_id FROM event_clusters WHERE doc_key = ?",
                                    [key]).fetchall())
        counts = self.clusters(ids.values()) if ids else {}
        return {index: counts[cid] for index, cid in ids.items() if cid in counts}

    def clusters(self, ids: Iterable[str]) -> dict[str, dict]:
        """Clusters by id, with their counts (CLUSTER_FIELDS)."""
        # A list parameter keeps the filter inside the view's scan (a join or IN subquery aggregates all clusters).
        rows = self.con.execute("SELECT cluster_id, mentions, documents, sources FROM clusters "
                                "WHERE list_contains(?, cluster_id)", [sorted(set(ids))]).fetchall()
        return {row[0]: dict(zip(CLUSTER_FIELDS, row)) for row in rows}

    def mentions(self, key: str) -> list[dict]:
        """A document's actor mentions (MENTION_FIELDS) in text order."""
        return [dict(zip(MENTION_FIELDS, r)) for r in self.con.execute(
            f"SELECT {_columns(MENTION_FIELDS)} FROM mentions WHERE doc_key = ? ORDER BY start, mention_index",
            [key]).fetchall()]

    def quotes(self, key: str) -> list[dict]:
        """A document's quotes (QUOTE_KEYS: `content`, `start` and `end` are the quoted text and its span)."""
        return [dict(zip(QUOTE_KEYS, r)) for r in self.con.execute(
            f"SELECT {_columns(c for _, c in QUOTE_API)} FROM quotes WHERE doc_key = ? ORDER BY quote_index",
            [key]).fetchall()]

    def places(self, key: str) -> list[dict]:
        """A document's place mentions (PLACE_FIELDS) in text order."""
        return [dict(zip(PLACE_FIELDS, r)) for r in self.con.execute(
            f"SELECT {_columns(PLACE_FIELDS)} FROM places WHERE doc_key = ? ORDER BY start, place_index",
            [key]).fetchall()]

    # ---- actors and networks ---------------------------------------------------------------------
    def actors(self, q: str | None, limit: int = 20) -> list[dict]:
        """Completion: actor codes starting with q (case-insensitive) and codes whose dictionary name contains
        q, the most frequent first, each with a name and its number of events (as source or target)."""
        text = (q or "").lower()
        prefix = (q or "").upper()
        rows = self.con.execute("""
            WITH named AS (
                SELECT code, arg_max(name, n) AS name FROM (
                    SELECT code, name, count(*) AS n FROM mentions
                    WHERE code IS NOT NULL AND name IS NOT NULL AND contains(lower(name), ?) GROUP BY code, name)
                GROUP BY code),
            ev AS (
                SELECT code, count(*) AS n FROM (SELECT source_code AS code FROM events
                                                 UNION ALL SELECT target_code FROM events)
                WHERE starts_with(code, ?) OR code IN (SELECT code FROM named) GROUP BY code),
            hits AS (SELECT code FROM ev UNION SELECT code FROM named)
            SELECT hits.code, named.name, coalesce(ev.n, 0) AS n
            FROM hits LEFT JOIN ev USING (code) LEFT JOIN named USING (code)
            ORDER BY n DESC, hits.code LIMIT ?""", [text, prefix, limit]).fetchall()
        unnamed = [code for code, name, _ in rows if name is None]
        names: dict[str, str] = {}
        if unnamed:
            names = dict(self.con.execute("""
                SELECT code, arg_max(name, n) FROM (
                    SELECT code, name, count(*) AS n FROM mentions
                    WHERE name IS NOT NULL AND code IN (SELECT unnest(?)) GROUP BY code, name)
                GROUP BY code""", [unnamed]).fetchall())
        return [{"code": code, "name": name or names.get(code), "events": n} for code, name, n in rows]

    def collects_unknown_names(self) -> bool:
        """Whether the store has the table of unknown names (a store written by an earlier version of detente
        has none until it is opened for writing; its documents then have no rows in it)."""
        return has_relation(self.con, "unknown_names")

    def unknown_names(self, limit: int = 50, min_count: int = 1, kind: str | None = None,
                      sort: str = "mentions") -> list[dict]:
        """The proper names that resolved to no actor (see pipeline/unknown_names.py), the most frequent
        first (`sort`: by mentions or by documents): each with its kind (the most frequent of its mentions,
        a labelled one before "other"), its numbers of mentions and documents, the spellings it was written
        with, and an example: the sentence of one mention, in the newest document that names it
        (UNKNOWN_NAME_FIELDS). Names of fewer than `min_count` mentions are left out; `kind` keeps the names
        of that kind. Empty when the store has no table of unknown names."""
        if sort not in UNKNOWN_NAME_ORDERS:
            raise BadValue(f"sort must be one of {', '.join(UNKNOWN_NAME_ORDERS)}, not {sort!r}", setting="sort")
        if kind is not None and kind not in UNKNOWN_NAME_KINDS:
            raise BadValue(f"kind must be one of {', '.join(UNKNOWN_NAME_KINDS)}, not {kind!r}", setting="kind")
        if not self.collects_unknown_names():
            return []
        order = UNKNOWN_NAME_ORDERS[sort]
        rows = self.con.execute(f"""
            WITH kinds AS (
                SELECT name, kind, row_number() OVER (PARTITION BY name ORDER BY kind = 'other', n DESC, kind) AS r
                FROM (SELECT name, kind, count(*) AS n FROM unknown_names GROUP BY name, kind)),
            names AS (
                SELECT u.name, k.kind, count(*) AS mentions, count(DISTINCT u.doc_key) AS documents,
                       list(DISTINCT u.text ORDER BY u.text) AS spellings
                FROM unknown_names u JOIN kinds k ON k.name = u.name AND k.r = 1
                WHERE ? IS NULL OR k.kind = ?
                GROUP BY u.name, k.kind HAVING count(*) >= ?
                ORDER BY {order} LIMIT ?),
            examples AS (
                SELECT u.name, d.doc_id, d.doc_key, d.date,
                       substr(d.text, u.sentence_start + 1, u.sentence_end - u.sentence_start) AS sentence,
                       row_number() OVER (PARTITION BY u.name
                                          ORDER BY d.date DESC NULLS LAST, d.doc_id, d.doc_key, u.start) AS r
                FROM unknown_names u JOIN documents d ON d.doc_key = u.doc_key
                WHERE u.name IN (SELECT name FROM names))
            SELECT names.name, names.kind, names.mentions, names.documents, names.spellings,
                   e.doc_id, e.doc_key, e.date, e.sentence
            FROM names LEFT JOIN examples e ON e.name = names.name AND e.r = 1
            ORDER BY {order}""", [kind, kind, max(min_count, 1), max(limit, 0)]).fetchall()
        return [dict(zip(UNKNOWN_NAME_FIELDS, row)) for row in rows]

    def network(self, start: str | None = None, end: str | None = None, min_count: int = 1, limit: int = 150,
                level: str = "actor") -> list[tuple]:
        """The heaviest directed dyads of a period, the heaviest first: (source, target, events, Goldstein mean,
        the source's and the target's events with another actor over all dyads). At the country level actors
        are merged by country (the first three letters of their codes)."""
        if level not in NETWORK_LEVELS:
            raise BadValue(f"level must be one of {', '.join(NETWORK_LEVELS)}, not {level!r}", setting="level")
        src, tgt = NETWORK_LEVELS[level]
        clauses = ["source_code IS NOT NULL", "target_code IS NOT NULL", f"{src} <> {tgt}"]
        params: list = []
        if start:
            clauses.append("date >= ?")
            params.append(start)
        if end:
            clauses.append("date <= ?")
            params.append(end)
        return self.con.execute(f"""
            WITH d AS (
                SELECT {src} AS s, {tgt} AS t, count(*) AS n, avg(goldstein) AS g FROM events
                WHERE {' AND '.join(clauses)} GROUP BY s, t),
            top AS (SELECT * FROM d WHERE n >= ? ORDER BY n DESC, s, t LIMIT ?),
            totals AS (
                SELECT code, sum(n) AS total FROM (SELECT s AS code, n FROM d UNION ALL SELECT t AS code, n FROM d)
                WHERE code IN (SELECT s FROM top UNION SELECT t FROM top) GROUP BY code)
            SELECT top.s, top.t, top.n, top.g, ts.total, tt.total
            FROM top JOIN totals ts ON ts.code = top.s JOIN totals tt ON tt.code = top.t
            ORDER BY top.n DESC, top.s, top.t""", [*params, min_count, limit]).fetchall()
