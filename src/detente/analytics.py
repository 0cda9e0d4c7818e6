"""Corpus analytics: dyad series, actor profiles and flags, shaped from the rows the store gives.

The store builds event clusters (the same event reported by several documents: same source, target and
3-digit CAMEO code on dates at most `window` days apart); analytics count clusters by default, every
mention on request. This module says what the figures mean (the code lists that make each side of a
flag, the summaries); the store's `analytics_queries` runs them.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import BadValue
from .settings import default
from .store import (AID, CONTRARY, EVIDENCE_COLUMNS, FIGHT, FIGHT_BACK, INTENT, PERIODS, TALK, FlagCodes,
                    StoreReader)

__all__ = ["PERIODS", "DyadRow", "Flag", "actor_profile", "dyad_series", "flags"]


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


def dyad_series(store: StoreReader, a: str, b: str, by: str = "month", mentions: bool = False) -> list[DyadRow]:
    """Both directions of a dyad over time. Actors match by code prefix ("TUR" matches "TURGOV")."""
    if by not in PERIODS:
        raise BadValue(f"by must be one of {', '.join(PERIODS)}, not {by!r}", setting="by")
    store.require_clusters()
    out = []
    for period, direction, n, q1, q2, q3, q4, gsum, gmean, codes in store.dyad_rows(a, b, by, mentions):
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
FLAG_CODES = FlagCodes(AID_ROOTS, TALK_CODES, TALK_ROOTS, FIGHT_ROOTS, INTENT_ROOTS, CONTRARY_ROOTS)
SINGLE_REPORT_SCORE = 0.5  # below any flag seen across documents (those score 1 or more)


def flags(store: StoreReader, window_days: int = default("say_do_window"), min_events: int = default("min_events"),
          limit: int = default("flag_limit"),
          evidence_per_part: int = 6, mentions: bool = False) -> list[Flag]:
    """(a) dual track: an actor aids one side of a conflict (material conflict between the two sides in the
    data) more than the other side, while mediating or cooperating diplomatically with the other side;
    (b) say-do gap: expressed intents to cooperate (03x) followed within `window_days` by a contrary act
    (12x, 13x, 16x-20x) toward the same counterpart. Actors are compared by country (the first three
    letters of the code). Each side of a pattern needs `min_events` events; flags are ranked by the weaker
    side and the `limit` strongest are returned. With `min_events` 1, a pattern told whole in one report
    (aid to one side while offering diplomacy to the other side of the conflict the report tells; an intent
    and a contrary act toward one counterpart) is a flag of the lowest strength.
    Counts are of event clusters (one event reported by many documents counts once) unless `mentions`."""
    store.require_clusters()
    out = _dual_track(store, min_events, limit, mentions) + _say_do(store, window_days, min_events, limit, mentions)
    if min_events <= 1:  # one report telling both sides of a pattern: a flag of the lowest strength
        out += _single_reports(store, limit, {(f.kind, f.actor, f.counterparts) for f in out})
    out.sort(key=lambda f: (-f.score, f.kind, f.actor, f.counterparts))
    out = out[:limit]
    _attach_evidence(store, out, window_days, evidence_per_part)
    return out


def _dual_track(store: StoreReader, min_events: int, limit: int, mentions: bool = False) -> list[Flag]:
    out = []
    for x, armed, courted, n_aid, n_talk, n_fight, n_aid_other in store.dual_track(FLAG_CODES, min_events, limit,
                                                                                    mentions):
        out.append(Flag("dual-track", x, f"{x} aids {armed} ({_n(n_aid, 'event')}) while cooperating "
                                         f"diplomatically with {courted} ({_n(n_talk, 'event')}); {armed} and "
                                         f"{courted} are in material conflict ({_n(n_fight, 'event')})",
                        [], (armed, courted),
                        {"aid": n_aid, "diplomacy": n_talk, "conflict": n_fight, "aid_to_other_side": n_aid_other},
                        float(min(n_aid, n_talk))))
    return out


def _single_reports(store: StoreReader, limit: int, known: set[tuple]) -> list[Flag]:
    """Patterns one report tells whole: an actor aiding one side of the conflict it reports while offering
    diplomacy to the other side, or expressing an intent to cooperate with a counterpart while acting
    against it. Scored below any pattern seen across documents."""
    out = []
    for x, armed, courted, reports in store.single_report_dual_track(FLAG_CODES, limit):
        if ("dual-track", x, (armed, courted)) not in known:
            out.append(Flag("dual-track", x, f"{x} aids {armed} while offering diplomacy to {courted}, the other side "
                                             f"of the conflict, told in {_n(reports, 'report')}",
                            [], (armed, courted), {"reports": reports}, SINGLE_REPORT_SCORE))
    for x, y, reports in store.single_report_say_do(FLAG_CODES, limit):
        if ("say-do", x, (y,)) not in known:
            out.append(Flag("say-do", x, f"{x} expressed an intent to cooperate with {y} and acted against {y} in "
                                         f"the same report (told in {_n(reports, 'report')})", [], (y,), {"reports": reports},
                            SINGLE_REPORT_SCORE))
    return out


def _n(k: int, word: str) -> str:
    return f"{k} {word}" if k == 1 else f"{k} {word}s"


def _say_do(store: StoreReader, window_days: int, min_events: int, limit: int, mentions: bool = False) -> list[Flag]:
    rows = store.say_do(FLAG_CODES, window_days, min_events, limit, mentions)
    return [Flag("say-do", x, f"{x} expressed an intent to cooperate with {y} and acted against {y} within "
                              f"{window_days} days ({followed} of {_n(intents, 'intent')})", [], (y,),
                 {"intents_followed_by_contrary_act": followed, "intents": intents}, float(followed))
            for x, y, followed, intents in rows]


# The keys of an evidence event: the store's EVIDENCE_COLUMNS, with actors and trigger named as in the API.
EVIDENCE_KEYS = {"source_code": "source", "target_code": "target", "trigger_text": "trigger"}


def _attach_evidence(store: StoreReader, found: list[Flag], window_days: int, per_part: int) -> None:
    """The evidence events of every flag, in one query: for each part of each pattern the first
    `per_part` events by date."""
    wanted = []  # (flag number, part, x, y)
    for n, f in enumerate(found):
        if f.kind == "dual-track":
            armed, courted = f.counterparts
            wanted += [(n, AID, f.actor, armed), (n, TALK, f.actor, courted), (n, FIGHT, armed, courted),
                       (n, FIGHT_BACK, courted, armed)]
        else:
            wanted += [(n, INTENT, f.actor, f.counterparts[0]), (n, CONTRARY, f.actor, f.counterparts[0])]
    keys = [EVIDENCE_KEYS.get(c, c) for c in EVIDENCE_COLUMNS]
    for n, _part, values in store.flag_evidence(FLAG_CODES, wanted, window_days, per_part):
        found[n].evidence.append(dict(zip(keys, values)))


def actor_profile(store: StoreReader, actor: str, by: str = "month", mentions: bool = False) -> dict:
    """An actor's counterparts (both directions), cooperation/conflict balance and top codes over time.
    The actor matches by code prefix ("TUR" matches "TURGOV"); event clusters are counted unless
    `mentions`."""
    if by not in PERIODS:
        raise BadValue(f"by must be one of {', '.join(PERIODS)}, not {by!r}", setting="by")
    store.require_clusters()
    counterparts = store.actor_counterparts(actor, mentions)
    periods = store.actor_periods(actor, by, mentions)
    return {
        "actor": actor,
        "unit": "mentions" if mentions else "event clusters",
        "counterparts": [dict(zip(("counterpart", "events", "cooperation", "conflict", "goldstein_mean"), r))
                         for r in counterparts],
        "periods": [dict(zip(("period", "events", "cooperation", "conflict", "goldstein_sum", "top_code"), r))
                    for r in periods],
    }
