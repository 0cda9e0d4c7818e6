"""The queries behind the analytics (dyad series, actor profile, flags): rows out, shaping left to
`detente.analytics`.

They read `event_clusters` (one row per event, `first` marking one mention per cluster), so a count is of
event clusters unless `mentions` is asked for. User values (actor codes, windows, limits) are bound
parameters. What is formatted into SQL comes from fixed tables after a check: a period name (`PERIODS`),
`first` or `TRUE` for what is counted, the column list `EVIDENCE_COLUMNS`, and the constant CAMEO code
lists of `FlagCodes` (each checked to be 2 to 4 digits).
"""
from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, fields
from typing import Any, Iterable

from ..errors import BadValue
from ..settings import PERIODS as PERIOD_NAMES
from .clusters import require_clusters

PERIODS = {p: p for p in PERIOD_NAMES}  # names checked against this table before they reach SQL
CODE_RE = re.compile(r"\d{2,4}")

# The parts of a flag's evidence (the `part` of each wanted row of flag_evidence).
AID, TALK, FIGHT, FIGHT_BACK, INTENT, CONTRARY = range(6)
EVIDENCE_COLUMNS = ("doc_key", "event_index", "doc_id", "date", "source_code", "cameo", "quad_class", "goldstein",
                    "target_code", "trigger_text", "sentence")


@dataclass(frozen=True)
class FlagCodes:
    """The CAMEO roots and codes that make each side of a flag (constants of detente.analytics, formatted
    into SQL: each is checked to be 2 to 4 digits)."""

    aid_roots: tuple[str, ...]  # material cooperation and aid
    talk_codes: tuple[str, ...]  # meet, mediate, host or attend talks
    talk_roots: tuple[str, ...]  # diplomatic cooperation
    fight_roots: tuple[str, ...]  # material conflict
    intent_roots: tuple[str, ...]  # express intent to cooperate
    contrary_roots: tuple[str, ...]  # acts against an expressed intent

    def __post_init__(self) -> None:
        for f in fields(self):
            codes = getattr(self, f.name)
            if not codes or not all(isinstance(c, str) and CODE_RE.fullmatch(c) for c in codes):
                # internal: FlagCodes are constants of detente.analytics, not user input
                raise ValueError(f"{f.name}: CAMEO codes of 2 to 4 digits expected, got {codes!r}")

    def talk(self, prefix: str = "") -> str:
        return f"({in_list(prefix + 'cameo', self.talk_codes)} OR {in_list(prefix + 'cameo_root', self.talk_roots)})"


def in_list(column: str, values: tuple[str, ...]) -> str:
    """`column IN (...)` over a checked constant code list (never user input)."""
    if not all(CODE_RE.fullmatch(v) for v in values):
        # internal: a guard on the constants formatted into SQL, never user input
        raise ValueError(f"not CAMEO codes: {values!r}")
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def period(by: str) -> str:
    if by not in PERIODS:
        raise BadValue(f"by must be one of {', '.join(PERIODS)}, not {by!r}", setting="by")
    return PERIODS[by]


def counted(mentions: bool) -> str:
    """The rows of event_clusters that analytics count: one per cluster, or every mention."""
    return "TRUE" if mentions else "first"


class AnalyticsQueries:
    """The analytics' reads; mixed into StoreReader, whose `con` (a DuckDB connection or cursor) they use."""

    con: Any

    def clusters_built(self) -> bool:
        from .clusters import clusters_built

        return clusters_built(self.con)

    def require_clusters(self) -> None:
        """Raises NotAvailable (saying how to build them) when the store has no event clusters."""
        require_clusters(self.con)

    def dyad_rows(self, a: str, b: str, by: str = "month", mentions: bool = False) -> list[tuple]:
        """Both directions of a dyad per period: (period start or None, 'ab' or 'ba', count, q1, q2, q3, q4,
        Goldstein sum, Goldstein mean, the codes joined by commas). Actors match by code prefix."""
        rows = self.con.execute(f"""
            WITH x AS (
                SELECT day, source_code, target_code, cameo, quad_class, goldstein,
                       CASE WHEN starts_with(source_code, ?) AND starts_with(target_code, ?) THEN 'ab'
                            ELSE 'ba' END AS direction
                FROM event_clusters
                WHERE {counted(mentions)} AND ((starts_with(source_code, ?) AND starts_with(target_code, ?))
                   OR (starts_with(source_code, ?) AND starts_with(target_code, ?)))
            )
            SELECT strftime(date_trunc('{period(by)}', day), '%Y-%m-%d') AS period, direction, count(*),
                   count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
                   count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
                   sum(goldstein), avg(goldstein),
                   string_agg(cameo, ',' ORDER BY cameo)
            FROM x GROUP BY period, direction ORDER BY period, direction
        """, [a, b, a, b, b, a]).fetchall()
        return rows

    def actor_counterparts(self, actor: str, mentions: bool = False, limit: int = 20) -> list[tuple]:
        """An actor's counterparts in both directions, the most frequent first: (counterpart or None, count,
        cooperation, conflict, Goldstein mean rounded to 2). Events within the actor's own prefix are left out."""
        return self.con.execute(f"""
            SELECT nullif(CASE WHEN starts_with(source_code, ?) THEN target_code ELSE source_code END, '') AS other,
                   count(*) AS n, count(*) FILTER (WHERE quad_class IN (1, 2)) AS coop,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, round(avg(goldstein), 2)
            FROM event_clusters WHERE {counted(mentions)} AND (starts_with(source_code, ?) OR starts_with(target_code, ?))
              AND NOT (starts_with(source_code, ?) AND starts_with(target_code, ?))
            GROUP BY other ORDER BY n DESC, other LIMIT ?""", [actor] * 5 + [limit]).fetchall()

    def actor_periods(self, actor: str, by: str = "month", mentions: bool = False) -> list[tuple]:
        """The actor's events as source per period: (period start or None, count, cooperation, conflict,
        Goldstein sum rounded to 1, the commonest code)."""
        return self.con.execute(f"""
            SELECT strftime(date_trunc('{period(by)}', day), '%Y-%m-%d') AS period, count(*),
                   count(*) FILTER (WHERE quad_class IN (1, 2)), count(*) FILTER (WHERE quad_class IN (3, 4)),
                   round(sum(goldstein), 1), mode(cameo)
            FROM event_clusters WHERE {counted(mentions)} AND starts_with(source_code, ?)
            GROUP BY period ORDER BY period""", [actor]).fetchall()

    # ---- flags ---------------------------------------------------------------------------------
    @staticmethod
    def _pairs_sql(codes: FlagCodes, mentions: bool) -> str:
        """Aid, talk and fight counts per ordered pair of countries (the first three letters of the codes)."""
        return f"""
            SELECT substr(source_code, 1, 3) AS a, substr(target_code, 1, 3) AS b,
                   count(*) FILTER (WHERE {in_list('cameo_root', codes.aid_roots)}) AS aid,
                   count(*) FILTER (WHERE {codes.talk()}) AS talk,
                   count(*) FILTER (WHERE {in_list('cameo_root', codes.fight_roots)}) AS fight
            FROM event_clusters WHERE {counted(mentions)} AND source_code <> '' AND target_code <> ''
              AND substr(source_code, 1, 3) <> substr(target_code, 1, 3)
            GROUP BY 1, 2"""

    def dual_track(self, codes: FlagCodes, min_events: int = 1, limit: int = 50,
                   mentions: bool = False) -> list[tuple]:
        """Countries that aid one side of a conflict and talk with the other, the strongest first:
        (actor, armed side, courted side, aid events, talk events, fight events, aid to the courted side)."""
        return self.con.execute(f"""
            WITH p AS ({self._pairs_sql(codes, mentions)}),
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

    def single_report_dual_track(self, codes: FlagCodes, limit: int = 50) -> list[tuple]:
        """Countries that, in one report, aid one side of a conflict and offer diplomacy to the other, the
        latter aimed by the coder at the parties of the conflict the report tells (its target inferred,
        the armed side left out): (actor, armed side, courted side, reports)."""
        return self.con.execute(f"""
            WITH aid AS (SELECT DISTINCT doc_key, substr(source_code, 1, 3) AS x, substr(target_code, 1, 3) AS side
                         FROM events WHERE {in_list('cameo_root', codes.aid_roots)}
                           AND source_code IS NOT NULL AND target_code IS NOT NULL),
                 talk AS (SELECT DISTINCT doc_key, substr(source_code, 1, 3) AS x, substr(target_code, 1, 3) AS side
                          FROM events WHERE {codes.talk()} AND source_code IS NOT NULL AND target_code IS NOT NULL
                            AND json_extract_string(record, '$.target_inferred') = 'true')
            SELECT aid.x, aid.side, talk.side, count(DISTINCT aid.doc_key) AS reports
            FROM aid JOIN talk ON aid.doc_key = talk.doc_key AND aid.x = talk.x AND aid.side <> talk.side
            WHERE aid.x NOT IN (aid.side, talk.side)
            GROUP BY 1, 2, 3 ORDER BY reports DESC, 1, 2, 3 LIMIT ?""", [limit]).fetchall()

    def single_report_say_do(self, codes: FlagCodes, limit: int = 50) -> list[tuple]:
        """An intent to cooperate and a contrary act (a threat or a material act: not a verbal rejection)
        toward the same counterpart, both told by the report itself rather than claimed by a party ("offered
        talks but launched an offensive"): (actor, counterpart, reports)."""
        acts = tuple(r for r in codes.contrary_roots if r >= "13")
        return self.con.execute(f"""
            WITH i AS (SELECT DISTINCT doc_key, substr(source_code, 1, 3) AS x, substr(target_code, 1, 3) AS y
                       FROM events WHERE {in_list('cameo_root', codes.intent_roots)} AND NOT claimed
                         AND source_code IS NOT NULL AND target_code IS NOT NULL),
                 c AS (SELECT DISTINCT doc_key, substr(source_code, 1, 3) AS x, substr(target_code, 1, 3) AS y
                       FROM events WHERE {in_list('cameo_root', acts)} AND NOT claimed
                         AND source_code IS NOT NULL AND target_code IS NOT NULL)
            SELECT i.x, i.y, count(DISTINCT i.doc_key) AS reports FROM i JOIN c USING (doc_key, x, y)
            WHERE i.x <> i.y GROUP BY 1, 2 ORDER BY reports DESC, 1, 2 LIMIT ?""", [limit]).fetchall()

    def say_do(self, codes: FlagCodes, window_days: int = 90, min_events: int = 1, limit: int = 50,
               mentions: bool = False) -> list[tuple]:
        """Intents to cooperate followed within `window_days` by a contrary act toward the same counterpart,
        the most followed first: (actor, counterpart, intents followed, intents)."""
        return self.con.execute(f"""
            WITH i AS (SELECT substr(source_code, 1, 3) AS x, substr(target_code, 1, 3) AS y, day AS d
                       FROM event_clusters WHERE {counted(mentions)} AND {in_list('cameo_root', codes.intent_roots)}
                         AND source_code <> '' AND target_code <> ''),
                 c AS (SELECT substr(source_code, 1, 3) AS x, substr(target_code, 1, 3) AS y, day AS d
                       FROM event_clusters WHERE {counted(mentions)} AND {in_list('cameo_root', codes.contrary_roots)}
                         AND source_code <> '' AND target_code <> ''),
                 followed AS (SELECT DISTINCT i.x, i.y, i.d FROM i JOIN c ON i.x = c.x AND i.y = c.y
                              AND c.d > i.d AND c.d <= i.d + ?)
            SELECT * FROM (
                SELECT f.x, f.y, count(*) AS followed,
                       (SELECT count(*) FROM i WHERE i.x = f.x AND i.y = f.y) AS intents
                FROM followed f WHERE f.x <> f.y GROUP BY f.x, f.y)
            WHERE followed >= ? ORDER BY followed DESC, 1, 2 LIMIT ?""", [int(window_days), min_events, limit]).fetchall()

    def flag_evidence(self, codes: FlagCodes, wanted: Iterable[tuple[int, int, str, str]], window_days: int,
                      per_part: int) -> list[tuple[int, int, tuple]]:
        """The evidence events of many flags in one query. `wanted` holds (flag number, part, x, y): the events
        from country x to country y of that part (AID, TALK, FIGHT, FIGHT_BACK, INTENT, CONTRARY); an INTENT
        counts when a CONTRARY act of the same flag follows within `window_days`, and the reverse. Gives
        (flag number, part, values of EVIDENCE_COLUMNS), the first `per_part` of each part by date."""
        import pyarrow as pa

        wanted = list(wanted)
        if not wanted:
            return []
        table = pa.table({"n": [w[0] for w in wanted], "part": [w[1] for w in wanted],
                          "x": [w[2] for w in wanted], "y": [w[3] for w in wanted]})
        window = int(window_days)
        con = self.con  # a registered table is seen by this connection (or cursor) only
        con.register("flag_parts", table)
        try:
            rows = con.execute(f"""
                WITH sel AS (
                    SELECT w.n, w.part, e.*, TRY_CAST(e.date AS DATE) AS d FROM flag_parts w JOIN events e
                      ON substr(e.source_code, 1, 3) = w.x AND substr(e.target_code, 1, 3) = w.y
                    WHERE (w.part = {AID} AND {in_list('e.cameo_root', codes.aid_roots)})
                       OR (w.part = {TALK} AND {codes.talk('e.')})
                       OR (w.part IN ({FIGHT}, {FIGHT_BACK}) AND {in_list('e.cameo_root', codes.fight_roots)})
                       OR (w.part = {INTENT} AND {in_list('e.cameo_root', codes.intent_roots)})
                       OR (w.part = {CONTRARY} AND {in_list('e.cameo_root', codes.contrary_roots)})),
                -- a say-do intent counts when a contrary act follows within the window or is told in the
                -- same report, and the reverse
                ok AS (
                    SELECT * FROM sel s WHERE s.part < {INTENT}
                       OR (s.part = {INTENT} AND EXISTS (SELECT 1 FROM sel c WHERE c.n = s.n AND c.part = {CONTRARY}
                                                         AND (c.d > s.d AND c.d <= s.d + ? OR c.doc_key = s.doc_key)))
                       OR (s.part = {CONTRARY} AND EXISTS (SELECT 1 FROM sel i WHERE i.n = s.n AND i.part = {INTENT}
                                                           AND (s.d > i.d AND s.d <= i.d + ? OR i.doc_key = s.doc_key))))
                SELECT n, part, {', '.join(EVIDENCE_COLUMNS)} FROM ok
                QUALIFY row_number() OVER (PARTITION BY n, part ORDER BY date, doc_id, sentence_index,
                                           event_index) <= ?
                ORDER BY n, part, date, doc_id, sentence_index, event_index""",
                               [window, window, per_part]).fetchall()
        finally:
            with contextlib.suppress(Exception):  # must not hide the error that ended the query (and its transaction)
                con.unregister("flag_parts")
        return [(n, part, tuple(values)) for n, part, *values in rows]
