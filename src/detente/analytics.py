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


@dataclass
class Flag:
    kind: str  # dual-track or say-do
    actor: str
    summary: str
    evidence: list[dict]


def _evidence(store: Store, where: str, params: list) -> list[dict]:
    rows = store.con.execute(f"""
        SELECT doc_key, event_index, doc_id, date, source_code, cameo, quad_class, goldstein, target_code,
               trigger_text, sentence FROM events
        WHERE {where} ORDER BY date, doc_id, sentence_index LIMIT 20""", params).fetchall()
    keys = ("doc_key", "event_index", "doc_id", "date", "source", "cameo", "quad_class", "goldstein", "target",
            "trigger", "sentence")
    return [dict(zip(keys, r)) for r in rows]


def flags(store: Store, window_days: int = 90) -> list[Flag]:
    """(a) dual track: an actor arms or aids one side of a conflict (material conflict between the two
    sides in the data) while mediating or cooperating diplomatically with the other; (b) say-do gap: an
    expressed intent to cooperate (03x) followed within `window_days` by a contrary act (12x, 13x, 16x-20x)
    toward the same counterpart. Actors are compared by country (the first three letters of the code)."""
    out: list[Flag] = []
    base = "substr(source_code, 1, 3)"
    dual = store.con.execute(f"""
        WITH c AS (SELECT DISTINCT substr(source_code, 1, 3) AS a, substr(target_code, 1, 3) AS b FROM events
                   WHERE cameo_root IN ('18', '19', '20') AND source_code IS NOT NULL AND target_code IS NOT NULL
                     AND substr(source_code, 1, 3) <> substr(target_code, 1, 3)),
             aid AS (SELECT DISTINCT {base} AS x, substr(target_code, 1, 3) AS side FROM events
                     WHERE cameo_root IN ('06', '07') AND target_code IS NOT NULL),
             talk AS (SELECT DISTINCT {base} AS x, substr(target_code, 1, 3) AS side FROM events
                      WHERE (cameo IN ('039', '045', '043', '044', '046', '036') OR cameo_root IN ('05'))
                        AND target_code IS NOT NULL)
        SELECT DISTINCT aid.x, aid.side, talk.side FROM aid JOIN talk ON aid.x = talk.x
        JOIN c ON (c.a = aid.side AND c.b = talk.side) OR (c.a = talk.side AND c.b = aid.side)
        WHERE aid.x NOT IN (aid.side, talk.side) ORDER BY 1, 2, 3""").fetchall()
    for x, armed, courted in dual:
        ev = _evidence(store, f"{base} = ? AND substr(target_code, 1, 3) = ? AND cameo_root IN ('06', '07')",
                       [x, armed])
        ev += _evidence(store, f"{base} = ? AND substr(target_code, 1, 3) = ? AND (cameo IN ('039', '045', "
                               "'043', '044', '046', '036') OR cameo_root = '05')", [x, courted])
        ev += _evidence(store, "cameo_root IN ('18', '19', '20') AND ((substr(source_code, 1, 3) = ? AND "
                               "substr(target_code, 1, 3) = ?) OR (substr(source_code, 1, 3) = ? AND "
                               "substr(target_code, 1, 3) = ?))", [armed, courted, courted, armed])
        out.append(Flag("dual-track", x, f"{x} aids {armed} while cooperating diplomatically with {courted}; "
                                         f"{armed} and {courted} are in material conflict", ev))
    gaps = store.con.execute(f"""
        WITH i AS (SELECT {base} AS x, substr(target_code, 1, 3) AS y, TRY_CAST(date AS DATE) AS d, doc_key,
                          event_index FROM events WHERE cameo_root = '03' AND target_code IS NOT NULL),
             c AS (SELECT {base} AS x, substr(target_code, 1, 3) AS y, TRY_CAST(date AS DATE) AS d FROM events
                   WHERE cameo_root IN ('12', '13', '16', '17', '18', '19', '20') AND target_code IS NOT NULL)
        SELECT DISTINCT i.x, i.y FROM i JOIN c ON i.x = c.x AND i.y = c.y
        WHERE c.d > i.d AND c.d - i.d <= {int(window_days)} ORDER BY 1, 2""").fetchall()
    for x, y in gaps:
        ev = _evidence(store, f"{base} = ? AND substr(target_code, 1, 3) = ? AND cameo_root IN "
                              "('03', '12', '13', '16', '17', '18', '19', '20')", [x, y])
        out.append(Flag("say-do", x, f"{x} expressed an intent to cooperate with {y}, then acted against "
                                     f"{y} within {window_days} days", ev))
    return out


def actor_profile(store: Store, actor: str, by: str = "month") -> dict:
    """An actor's counterparts (both directions), cooperation/conflict balance and top codes over time.
    The actor matches by code prefix ("TUR" matches "TURGOV")."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    counterparts = store.con.execute("""
        SELECT CASE WHEN starts_with(source_code, ?) THEN target_code ELSE source_code END AS other,
               count(*) AS n, count(*) FILTER (WHERE quad_class IN (1, 2)) AS coop,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, round(avg(goldstein), 2)
        FROM events WHERE (starts_with(source_code, ?) OR starts_with(target_code, ?))
          AND NOT (starts_with(source_code, ?) AND starts_with(coalesce(target_code, ''), ?))
        GROUP BY other ORDER BY n DESC, other LIMIT 20""", [actor] * 5).fetchall()
    periods = store.con.execute(f"""
        SELECT strftime(date_trunc('{by}', TRY_CAST(date AS DATE)), '%Y-%m-%d') AS period, count(*),
               count(*) FILTER (WHERE quad_class IN (1, 2)), count(*) FILTER (WHERE quad_class IN (3, 4)),
               round(sum(goldstein), 1), mode(cameo)
        FROM events WHERE starts_with(source_code, ?) GROUP BY period ORDER BY period""", [actor]).fetchall()
    return {
        "actor": actor,
        "counterparts": [dict(zip(("counterpart", "events", "cooperation", "conflict", "goldstein_mean"), r))
                         for r in counterparts],
        "periods": [dict(zip(("period", "events", "cooperation", "conflict", "goldstein_sum", "top_code"), r))
                    for r in periods],
    }
