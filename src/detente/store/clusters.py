"""Event clusters across documents: the same event reported by several documents.

A cluster joins events with the same source, target and 3-digit CAMEO code on dates no more than
`window_days` apart. `event_clusters` has one row per event with its cluster and the fields the
analytics read, so they read one table; `first` marks one mention per cluster (the earliest), which is
what they count unless mentions are asked for. The `clusters` view gives GDELT-like counts per cluster
(mentions, documents, sources). The window is a bound parameter.
"""
from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from ..errors import BadValue, NotAvailable

if TYPE_CHECKING:
    from .database import StoreWriter

EVENT_CLUSTERS = """
    CREATE OR REPLACE TABLE event_clusters AS
    WITH e AS (
        SELECT ev.doc_key, ev.event_index, coalesce(ev.source_code, '') AS source_code,
               coalesce(ev.target_code, '') AS target_code, substr(ev.cameo, 1, 3) AS base,
               TRY_CAST(ev.date AS DATE) AS day, d.source AS outlet, ev.cameo, ev.cameo_root, ev.quad_class,
               ev.goldstein
        FROM events ev JOIN documents d USING (doc_key)
    ),
    g AS (
        SELECT *, CASE WHEN day IS NULL OR day - lag(day) OVER w > ? THEN 1 ELSE 0 END AS fresh
        FROM e WINDOW w AS (PARTITION BY source_code, target_code, base ORDER BY day, doc_key, event_index)
    ),
    n AS (
        SELECT *, sum(fresh) OVER (PARTITION BY source_code, target_code, base ORDER BY day, doc_key,
                                   event_index ROWS UNBOUNDED PRECEDING) AS island
        FROM g
    ),
    c AS (
        SELECT *, md5(source_code || '|' || target_code || '|' || base || '|' || island::VARCHAR) AS cluster_id
        FROM n
    )
    SELECT doc_key, event_index, source_code, target_code, base, day, outlet, cluster_id, cameo, cameo_root,
           quad_class, goldstein,
           row_number() OVER (PARTITION BY cluster_id ORDER BY day, doc_key, event_index) = 1 AS first
    FROM c
"""
CLUSTERS_VIEW = """
    CREATE OR REPLACE VIEW clusters AS
    SELECT cluster_id, any_value(source_code) AS source_code, any_value(target_code) AS target_code,
           any_value(base) AS base, min(day) AS first_day, max(day) AS last_day, count(*) AS mentions,
           count(DISTINCT doc_key) AS documents, count(DISTINCT outlet) AS sources
    FROM event_clusters GROUP BY cluster_id
"""
NO_CLUSTERS = ("no event clusters in this store: ingest into it again to build them (an ingest with no new "
               "documents builds them too)")


def check_window(window_days: int) -> int:
    """The clustering window, checked: a number of days, 0 or more."""
    if window_days < 0:
        raise BadValue(f"the clustering window is a number of days, 0 or more, not {window_days}",
                       setting="window_days")
    return window_days


def build_clusters(store: "StoreWriter", window_days: int = 1) -> int:
    """(Re)build the event_clusters table and the clusters view of a writable store; returns the number
    of clusters."""
    check_window(window_days)
    # one transaction: a reader in a snapshot sees the old clusters or the new ones, never none
    store.con.execute("BEGIN TRANSACTION")
    try:
        store.con.execute(EVENT_CLUSTERS, [int(window_days)])
        store.con.execute(CLUSTERS_VIEW)
        store.con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            store.con.execute("ROLLBACK")
        raise
    return store.con.execute("SELECT count(*) FROM event_clusters WHERE first").fetchone()[0]


def clusters_built(con: Any) -> bool:
    """Whether event_clusters exists in the shape the analytics read (with its `first` column)."""
    return con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'event_clusters' "
                       "AND column_name = 'first'").fetchone()[0] > 0


def require_clusters(con: Any) -> None:
    if not clusters_built(con):
        raise NotAvailable(NO_CLUSTERS)
