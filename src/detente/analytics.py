"""Corpus analytics over the store: event clusters across documents and dyad series.

A cluster is the same event reported by several documents: same source, target and 3-digit CAMEO
code, on dates no more than `window` days apart. Clusters carry GDELT-like counts (mentions,
documents, sources) and analytics count clusters by default, mentions on request.
"""
from __future__ import annotations

from dataclasses import dataclass

from .store import Store

PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def build_clusters(store: Store, window_days: int = 1) -> int:
    """(Re)build the event_clusters table; returns the number of clusters."""
    if window_days < 0:
        raise ValueError("the window is a number of days, 0 or more")
    store.con.execute(f"""
        CREATE OR REPLACE TABLE event_clusters AS
        WITH e AS (
            SELECT ev.doc_key, ev.event_index, coalesce(ev.source_code, '') AS source_code,
                   coalesce(ev.target_code, '') AS target_code, substr(ev.cameo, 1, 3) AS base,
                   TRY_CAST(ev.date AS DATE) AS day, d.source AS outlet
            FROM events ev JOIN documents d USING (doc_key)
        ),
        g AS (
            SELECT *, CASE WHEN day IS NULL OR day - lag(day) OVER w > {int(window_days)} THEN 1 ELSE 0 END AS fresh
            FROM e WINDOW w AS (PARTITION BY source_code, target_code, base ORDER BY day, doc_key, event_index)
        ),
        n AS (
            SELECT *, sum(fresh) OVER (PARTITION BY source_code, target_code, base ORDER BY day, doc_key,
                                       event_index ROWS UNBOUNDED PRECEDING) AS island
            FROM g
        )
        SELECT doc_key, event_index, source_code, target_code, base, day, outlet,
               md5(source_code || '|' || target_code || '|' || base || '|' || island::VARCHAR) AS cluster_id
        FROM n
    """)
    store.con.execute("""
        CREATE OR REPLACE VIEW clusters AS
        SELECT cluster_id, any_value(source_code) AS source_code, any_value(target_code) AS target_code,
               any_value(base) AS base, min(day) AS first_day, max(day) AS last_day, count(*) AS mentions,
               count(DISTINCT doc_key) AS documents, count(DISTINCT outlet) AS sources
        FROM event_clusters GROUP BY cluster_id
    """)
    return store.con.execute("SELECT count(DISTINCT cluster_id) FROM event_clusters").fetchone()[0]


@dataclass
class DyadRow:
    period: str
    source: str
    target: str
    count: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_sum: float
    goldstein_mean: float
    top_codes: str


def dyad_series(store: Store, a: str, b: str, by: str = "month", mentions: bool = False) -> list[DyadRow]:
    """Both directions of a dyad over time. Actors match by code prefix ("TUR" matches "TURGOV")."""
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
    exists = store.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = "
                               "'event_clusters'").fetchone()[0]
    if not exists:
        raise ValueError("no event clusters in this store yet: run detente dedupe --db FILE first")
    # One row per cluster (the earliest mention) unless mentions are asked for.
    pick = "" if mentions else "QUALIFY row_number() OVER (PARTITION BY c.cluster_id ORDER BY c.day, c.doc_key) = 1"
    rows = store.con.execute(f"""
        WITH x AS (
            SELECT c.cluster_id, c.day, ev.source_code, ev.target_code, ev.cameo, ev.quad_class, ev.goldstein,
                   CASE WHEN starts_with(ev.source_code, ?) AND starts_with(ev.target_code, ?) THEN 'ab'
                        ELSE 'ba' END AS direction
            FROM event_clusters c JOIN events ev USING (doc_key, event_index)
            WHERE (starts_with(ev.source_code, ?) AND starts_with(ev.target_code, ?))
               OR (starts_with(ev.source_code, ?) AND starts_with(ev.target_code, ?))
            {pick}
        )
        SELECT strftime(date_trunc('{by}', day), '%Y-%m-%d') AS period, direction, count(*),
               count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
               count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
               sum(goldstein), avg(goldstein),
               string_agg(cameo, ',' ORDER BY cameo)
        FROM x GROUP BY period, direction ORDER BY period, direction
    """, [a, b, a, b, b, a]).fetchall()
    out = []
    for period, direction, n, q1, q2, q3, q4, gsum, gmean, codes in rows:
        counts: dict[str, int] = {}
        for c in (codes or "").split(","):
            counts[c] = counts.get(c, 0) + 1
        top = ", ".join(f"{c}×{k}" for c, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        src, tgt = (a, b) if direction == "ab" else (b, a)
        out.append(DyadRow(period or "undated", src, tgt, n, q1, q2, q3, q4, round(gsum or 0.0, 2),
                           round(gmean or 0.0, 2), top))
    return out
