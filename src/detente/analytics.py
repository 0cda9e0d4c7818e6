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
    """(Re)build the event_clusters table; returns the number of clusters.

    event_clusters has one row per event with its cluster and the fields the analytics need, so they
    read one table; `first` marks one mention per cluster (the earliest), which is what they count
    unless mentions are asked for."""
    if window_days < 0:
        raise ValueError("the window is a number of days, 0 or more")
    store.con.execute(f"""
        CREATE OR REPLACE TABLE event_clusters AS
        WITH e AS (
            SELECT ev.doc_key, ev.event_index, coalesce(ev.source_code, '') AS source_code,
                   coalesce(ev.target_code, '') AS target_code, substr(ev.cameo, 1, 3) AS base,
                   TRY_CAST(ev.date AS DATE) AS day, d.source AS outlet, ev.cameo, ev.cameo_root, ev.quad_class,
                   ev.goldstein
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
        ),
        c AS (
            SELECT *, md5(source_code || '|' || target_code || '|' || base || '|' || island::VARCHAR) AS cluster_id
            FROM n
        )
        SELECT doc_key, event_index, source_code, target_code, base, day, outlet, cluster_id, cameo, cameo_root,
               quad_class, goldstein,
               row_number() OVER (PARTITION BY cluster_id ORDER BY day, doc_key, event_index) = 1 AS first
        FROM c
    """)
    store.con.execute("""
        CREATE OR REPLACE VIEW clusters AS
        SELECT cluster_id, any_value(source_code) AS source_code, any_value(target_code) AS target_code,
               any_value(base) AS base, min(day) AS first_day, max(day) AS last_day, count(*) AS mentions,
               count(DISTINCT doc_key) AS documents, count(DISTINCT outlet) AS sources
        FROM event_clusters GROUP BY cluster_id
    """)
    return store.con.execute("SELECT count(*) FROM event_clusters WHERE first").fetchone()[0]


def _require_clusters(store: Store) -> None:
    exists = store.con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = "
                               "'event_clusters' AND column_name = 'first'").fetchone()[0]
    if not exists:
        raise ValueError("no event clusters in this store: ingest into it again (detente ingest ... --db FILE) "
                         "to build them")


def _counted(mentions: bool) -> str:
    """The rows of event_clusters that analytics count: one per cluster, or every mention."""
    return "TRUE" if mentions else "first"


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
    _require_clusters(store)
    rows = store.con.execute(f"""
        WITH x AS (
            SELECT day, source_code, target_code, cameo, quad_class, goldstein,
                   CASE WHEN starts_with(source_code, ?) AND starts_with(target_code, ?) THEN 'ab'
                        ELSE 'ba' END AS direction
            FROM event_clusters
            WHERE {_counted(mentions)} AND ((starts_with(source_code, ?) AND starts_with(target_code, ?))
               OR (starts_with(source_code, ?) AND starts_with(target_code, ?)))
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
    counterparts: tuple[str, ...] = ()  # dual track: (armed side, courted side); say-do: (counterpart,)
    counts: dict | None = None  # the event counts behind the flag
    score: float = 0.0  # strength, for ranking: the weaker of the two sides of the pattern


# Codes that make each side of a flag (CAMEO roots or codes), in one place.
AID_ROOTS = ("06", "07")  # material cooperation and aid
TALK_CODES = ("036", "039", "043", "044", "045", "046")  # meet, mediate, host or attend talks
TALK_ROOTS = ("05",)  # diplomatic cooperation
FIGHT_ROOTS = ("18", "19", "20")  # material conflict: assault, fight, mass violence
INTENT_ROOTS = ("03",)  # express intent to cooperate
CONTRARY_ROOTS = ("12", "13", "16", "17", "18", "19", "20")  # reject, threaten, reduce relations, coerce, force


def _in(column: str, values: tuple[str, ...]) -> str:
    """`column IN (...)` over constant code lists (never user input)."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


TALK = f"({_in('cameo', TALK_CODES)} OR {_in('cameo_root', TALK_ROOTS)})"


def flags(store: Store, window_days: int = 90, min_events: int = 1, limit: int = 50,
          evidence_per_part: int = 6, mentions: bool = False) -> list[Flag]:
    """(a) dual track: an actor aids one side of a conflict (material conflict between the two sides in the
    data) more than the other side, while mediating or cooperating diplomatically with the other side;
    (b) say-do gap: expressed intents to cooperate (03x) followed within `window_days` by a contrary act
    (12x, 13x, 16x-20x) toward the same counterpart. Actors are compared by country (the first three
    letters of the code). Each side of a pattern needs `min_events` events; flags are ranked by the weaker
    side and the `limit` strongest are returned.
    Counts are of event clusters (one event reported by many documents counts once) unless `mentions`."""
    _require_clusters(store)
    out = _dual_track(store, min_events, limit, mentions) + _say_do(store, window_days, min_events, limit, mentions)
    out.sort(key=lambda f: (-f.score, f.kind, f.actor, f.counterparts))
    out = out[:limit]
    _attach_evidence(store, out, window_days, evidence_per_part)
    return out


def _pairs_sql(mentions: bool) -> str:
    return f"""
        SELECT substr(source_code, 1, 3) AS a, substr(target_code, 1, 3) AS b,
               count(*) FILTER (WHERE {_in('cameo_root', AID_ROOTS)}) AS aid,
               count(*) FILTER (WHERE {TALK}) AS talk,
               count(*) FILTER (WHERE {_in('cameo_root', FIGHT_ROOTS)}) AS fight
        FROM event_clusters WHERE {_counted(mentions)} AND source_code <> '' AND target_code <> ''
          AND substr(source_code, 1, 3) <> substr(target_code, 1, 3)
        GROUP BY 1, 2"""


def _dual_track(store: Store, min_events: int, limit: int, mentions: bool = False) -> list[Flag]:
    rows = store.con.execute(f"""
        WITH p AS ({_pairs_sql(mentions)}),
             fight AS (SELECT least(a, b) AS a, greatest(a, b) AS b, sum(fight) AS n FROM p
                       GROUP BY 1, 2 HAVING sum(fight) >= ?),
             aid AS (SELECT a AS x, b AS side, aid FROM p WHERE aid >= ?),
             talk AS (SELECT a AS x, b AS side, talk FROM p WHERE talk >= ?)
        SELECT aid.x, aid.side, talk.side, aid.aid, talk.talk, fight.n, coalesce(other.aid, 0)
        FROM aid JOIN talk ON aid.x = talk.x AND aid.side <> talk.side
        JOIN fight ON fight.a = least(aid.side, talk.side) AND fight.b = greatest(aid.side, talk.side)
        LEFT JOIN p AS other ON other.a = aid.x AND other.b = talk.side
        WHERE aid.x NOT IN (aid.side, talk.side) AND aid.aid >= 2 * coalesce(other.aid, 0)
        ORDER BY least(aid.aid, talk.talk) DESC, fight.n DESC, 1, 2, 3 LIMIT ?""",
                             [min_events, min_events, min_events, limit]).fetchall()
    out = []
    for x, armed, courted, n_aid, n_talk, n_fight, n_aid_other in rows:
        out.append(Flag("dual-track", x, f"{x} aids {armed} ({_n(n_aid, 'event')}) while cooperating "
                                         f"diplomatically with {courted} ({_n(n_talk, 'event')}); {armed} and "
                                         f"{courted} are in material conflict ({_n(n_fight, 'event')})",
                        [], (armed, courted),
                        {"aid": n_aid, "diplomacy": n_talk, "conflict": n_fight, "aid_to_other_side": n_aid_other},
                        float(min(n_aid, n_talk))))
    return out


def _n(k: int, word: str) -> str:
    return f"{k} {word}" if k == 1 else f"{k} {word}s"


def _say_do_sql(window_days: int, mentions: bool = False) -> str:
    return f"""
        WITH i AS (SELECT substr(source_code, 1, 3) AS x, substr(target_code, 1, 3) AS y, day AS d
                   FROM event_clusters WHERE {_counted(mentions)} AND {_in('cameo_root', INTENT_ROOTS)}
                     AND source_code <> '' AND target_code <> ''),
             c AS (SELECT substr(source_code, 1, 3) AS x, substr(target_code, 1, 3) AS y, day AS d
                   FROM event_clusters WHERE {_counted(mentions)} AND {_in('cameo_root', CONTRARY_ROOTS)}
                     AND source_code <> '' AND target_code <> ''),
             followed AS (SELECT DISTINCT i.x, i.y, i.d FROM i JOIN c ON i.x = c.x AND i.y = c.y
                          AND c.d > i.d AND c.d <= i.d + {int(window_days)})
        SELECT f.x, f.y, count(*) AS followed,
               (SELECT count(*) FROM i WHERE i.x = f.x AND i.y = f.y) AS intents
        FROM followed f WHERE f.x <> f.y GROUP BY f.x, f.y"""


def _say_do(store: Store, window_days: int, min_events: int, limit: int, mentions: bool = False) -> list[Flag]:
    rows = store.con.execute(f"""
        SELECT * FROM ({_say_do_sql(window_days, mentions)}) WHERE followed >= ?
        ORDER BY followed DESC, 1, 2 LIMIT ?""", [min_events, limit]).fetchall()
    return [Flag("say-do", x, f"{x} expressed an intent to cooperate with {y} and acted against {y} within "
                              f"{window_days} days ({followed} of {_n(intents, 'intent')})", [], (y,),
                 {"intents_followed_by_contrary_act": followed, "intents": intents}, float(followed))
            for x, y, followed, intents in rows]


EVIDENCE_COLUMNS = ("doc_key", "event_index", "doc_id", "date", "source_code", "cameo", "quad_class", "goldstein",
                    "target_code", "trigger_text", "sentence")
EVIDENCE_KEYS = ("doc_key", "event_index", "doc_id", "date", "source", "cameo", "quad_class", "goldstein", "target",
                 "trigger", "sentence")


def _attach_evidence(store: Store, found: list[Flag], window_days: int, per_part: int) -> None:
    """The evidence events of every flag, in one query: for each part of each pattern the first
    `per_part` events by date."""
    import pyarrow as pa

    parts = []  # (flag number, part, x, y, roots/codes condition number)
    for n, f in enumerate(found):
        if f.kind == "dual-track":
            armed, courted = f.counterparts
            parts += [(n, 0, f.actor, armed), (n, 1, f.actor, courted), (n, 2, armed, courted),
                      (n, 3, courted, armed)]
        else:
            parts += [(n, 4, f.actor, f.counterparts[0]), (n, 5, f.actor, f.counterparts[0])]
    if not parts:
        return
    wanted = pa.table({"n": [p[0] for p in parts], "part": [p[1] for p in parts], "x": [p[2] for p in parts],
                       "y": [p[3] for p in parts]})
    cols = ", ".join(EVIDENCE_COLUMNS)
    window = int(window_days)
    con = store.con.cursor()
    con.register("flag_parts", wanted)
    try:
        rows = con.execute(f"""
            WITH sel AS (
                SELECT w.n, w.part, e.*, TRY_CAST(e.date AS DATE) AS d FROM flag_parts w JOIN events e
                  ON substr(e.source_code, 1, 3) = w.x AND substr(e.target_code, 1, 3) = w.y
                WHERE (w.part = 0 AND {_in('e.cameo_root', AID_ROOTS)})
                   OR (w.part = 1 AND ({_in('e.cameo', TALK_CODES)} OR {_in('e.cameo_root', TALK_ROOTS)}))
                   OR (w.part IN (2, 3) AND {_in('e.cameo_root', FIGHT_ROOTS)})
                   OR (w.part = 4 AND {_in('e.cameo_root', INTENT_ROOTS)})
                   OR (w.part = 5 AND {_in('e.cameo_root', CONTRARY_ROOTS)})),
            -- a say-do intent counts when a contrary act follows within the window, and the reverse
            ok AS (
                SELECT * FROM sel s WHERE s.part < 4
                   OR (s.part = 4 AND EXISTS (SELECT 1 FROM sel c WHERE c.n = s.n AND c.part = 5
                                              AND c.d > s.d AND c.d <= s.d + {window}))
                   OR (s.part = 5 AND EXISTS (SELECT 1 FROM sel i WHERE i.n = s.n AND i.part = 4
                                              AND s.d > i.d AND s.d <= i.d + {window})))
            SELECT n, part, {cols} FROM ok
            QUALIFY row_number() OVER (PARTITION BY n, part ORDER BY date, doc_id, sentence_index,
                                       event_index) <= ?
            ORDER BY n, part, date, doc_id, sentence_index, event_index""", [per_part]).fetchall()
    finally:
        con.unregister("flag_parts")
        con.close()
    for n, _part, *values in rows:
        found[n].evidence.append(dict(zip(EVIDENCE_KEYS, values)))


def actor_profile(store: Store, actor: str, by: str = "month", mentions: bool = False) -> dict:
    """An actor's counterparts (both directions), cooperation/conflict balance and top codes over time.
    The actor matches by code prefix ("TUR" matches "TURGOV"); event clusters are counted unless
    `mentions`."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    _require_clusters(store)
    counterparts = store.con.execute(f"""
        SELECT nullif(CASE WHEN starts_with(source_code, ?) THEN target_code ELSE source_code END, '') AS other,
               count(*) AS n, count(*) FILTER (WHERE quad_class IN (1, 2)) AS coop,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, round(avg(goldstein), 2)
        FROM event_clusters WHERE {_counted(mentions)} AND (starts_with(source_code, ?) OR starts_with(target_code, ?))
          AND NOT (starts_with(source_code, ?) AND starts_with(target_code, ?))
        GROUP BY other ORDER BY n DESC, other LIMIT 20""", [actor] * 5).fetchall()
    periods = store.con.execute(f"""
        SELECT strftime(date_trunc('{by}', day), '%Y-%m-%d') AS period, count(*),
               count(*) FILTER (WHERE quad_class IN (1, 2)), count(*) FILTER (WHERE quad_class IN (3, 4)),
               round(sum(goldstein), 1), mode(cameo)
        FROM event_clusters WHERE {_counted(mentions)} AND starts_with(source_code, ?)
        GROUP BY period ORDER BY period""", [actor]).fetchall()
    return {
        "actor": actor,
        "unit": "mentions" if mentions else "event clusters",
        "counterparts": [dict(zip(("counterpart", "events", "cooperation", "conflict", "goldstein_mean"), r))
                         for r in counterparts],
        "periods": [dict(zip(("period", "events", "cooperation", "conflict", "goldstein_sum", "top_code"), r))
                    for r in periods],
    }
