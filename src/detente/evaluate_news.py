"""Scoring coded events against sentence-level gold records of real news reports.

The gold is a JSON list of records `{doc, sentence, source, target, cameo, claimed_by}` (`target` and
`claimed_by` may be null): one record per event a careful CAMEO coder finds in a sentence of a report.
The reports themselves are JSON lines (`id`, `text`, `date`, ...), by default `articles.jsonl` next to
the gold file.

Matching, level by level:
- an event belongs to a gold record's sentence when the two texts overlap: one contains the other once
  quotes and spaces are normalised, or their word sets have a Jaccard index of 0.6 or more;
- triple: same CAMEO root, and source and target match (a gold target of null accepts any target);
  source: same root and source; root: same root; category: same PLOVER category;
- actors match on a key: a country's three letters, IGO<XXX> -> XXX (EUR, UNO, NAT), NGO... -> NGO; a gold
  "IGO" accepts any IGO code; an event actor whose country matches the key matches too;
- events and gold records of a document are paired one to one, the strictest level first (on a tie, the
  earlier gold record, then the earlier event).
Recall at a level is the share of gold records paired at that level or a stricter one; precision the share
of the documents' events so paired. Claimed-by agreement is over the records paired at the source level
or stricter: the event's speaker (its attribution) has the gold `claimed_by` key, or both have none.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .evaluate import ROOT_CATEGORY, read_json_file
from .records import Event

LEVELS = ("triple", "source", "root", "category")
# PLOVER categories by CAMEO root for this gold (08 is CONCEDE throughout).
NEWS_CATEGORY = {**ROOT_CATEGORY, "01": "STATEMENT", "08": "CONCEDE"}
QUOTE_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class NewsGold:
    doc: str
    sentence: str
    source: str | None
    target: str | None
    cameo: str
    claimed_by: str | None = None


def is_news_gold(data: Any) -> bool:
    """Is this parsed gold file in the sentence-level news format (rather than PLOVER GSR records)?"""
    return isinstance(data, list) and bool(data) and all(
        isinstance(r, dict) and {"doc", "sentence", "cameo"} <= set(r) for r in data)


def load_news_gold(data: list[dict]) -> list[NewsGold]:
    return [NewsGold(str(r["doc"]), str(r["sentence"]), r.get("source"), r.get("target"), str(r["cameo"]),
                     r.get("claimed_by")) for r in data]


def articles_beside(gold_path: str | Path) -> Path:
    """Where the reports of a gold file are by default: articles.jsonl in its folder."""
    return Path(gold_path).with_name("articles.jsonl")


# ---- matching ------------------------------------------------------------------------------------
def _clean(text: str | None) -> str:
    return " ".join((text or "").translate(QUOTE_MARKS).split()).strip('"').strip()


def same_sentence(a: str | None, b: str | None) -> bool:
    a, b = _clean(a), _clean(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = set(WORD_RE.findall(a.lower())), set(WORD_RE.findall(b.lower()))
    return len(wa & wb) / max(1, len(wa | wb)) >= 0.6


def actor_key(code: str | None) -> str | None:
    code = (code or "").upper()
    if not code:
        return None
    if code.startswith("IGO"):
        return code[3:6] or "IGO"
    if code.startswith("NGO"):
        return "NGO"
    return code[:3]


def _key_of(actor: dict | None) -> str | None:
    return actor_key(actor.get("code") or actor.get("country")) if isinstance(actor, dict) else None


def _fits(actor: dict | None, gold: str | None, target: bool = False) -> bool:
    if target and not gold:
        return True  # the gold names no target: any will do
    found = _key_of(actor)
    if found is None:
        return False
    wanted = actor_key(gold)
    if wanted == "IGO":
        return (actor.get("code") or "").upper().startswith("IGO")
    country = (actor.get("country") or "").upper()
    return found == wanted or (bool(country) and country[:3] == wanted)


def match_level(event: dict, gold: NewsGold) -> int | None:
    """0 triple, 1 source, 2 root, 3 category, None: no match."""
    root, gold_root = str(event.get("cameo") or "")[:2], gold.cameo[:2]
    if root == gold_root:
        if not _fits(event.get("source"), gold.source):
            return 2
        return 0 if _fits(event.get("target"), gold.target, target=True) else 1
    category = NEWS_CATEGORY.get(root)
    return 3 if category and category == NEWS_CATEGORY.get(gold_root) else None


def _speaker(event: dict) -> str | None:
    attribution = event.get("attribution")
    speaker = attribution.get("speaker") if isinstance(attribution, dict) else None
    return _key_of(speaker) if speaker else None


# ---- scoring -------------------------------------------------------------------------------------
def score_news(gold: list[NewsGold], events: Iterable[Event | dict]) -> dict[str, Any]:
    """The figures, a per-root table, and per report the records missed (not paired as a triple) and the
    events paired with nothing."""
    evs = [e.to_dict() if isinstance(e, Event) else e for e in events]
    gold_docs: dict[str, list[int]] = defaultdict(list)
    event_docs: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        gold_docs[g.doc].append(i)
    for j, e in enumerate(evs):
        event_docs[str(e.get("doc_id"))].append(j)
    paired: dict[int, tuple[int, int]] = {}  # gold index -> (level, event index)
    used: dict[int, int] = {}  # event index -> level
    for doc, gis in gold_docs.items():
        options = sorted((level, i, j) for i in gis for j in event_docs.get(doc, ())
                         if same_sentence(evs[j].get("sentence"), gold[i].sentence)
                         for level in [match_level(evs[j], gold[i])] if level is not None)
        for level, i, j in options:
            if i not in paired and j not in used:
                paired[i], used[j] = (level, j), level
    scored = [j for doc in gold_docs for j in event_docs.get(doc, ())]
    out: dict[str, Any] = {"gold": len(gold), "events": len(scored)}
    for k, name in enumerate(LEVELS):
        out[f"recall_{name}"] = round(sum(1 for lv, _ in paired.values() if lv <= k) / max(1, len(gold)), 4)
        out[f"precision_{name}"] = round(sum(1 for lv in used.values() if lv <= k) / max(1, len(scored)), 4)
    for name in ("triple", "root"):
        p, r = out[f"precision_{name}"], out[f"recall_{name}"]
        out[f"f1_{name}"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    agree = checked = 0
    for i, (level, j) in paired.items():
        if level <= 1:
            checked += 1
            wanted, said = gold[i].claimed_by, _speaker(evs[j])
            agree += (actor_key(wanted) == said) if wanted else (said is None)
    out["claimed_agreement"] = round(agree / max(1, checked), 4)
    per_root: dict[str, Counter] = defaultdict(Counter)
    for i, g in enumerate(gold):
        row = per_root[g.cameo[:2]]
        row["gold"] += 1
        row["root"] += i in paired and paired[i][0] <= 2
        row["triple"] += i in paired and paired[i][0] == 0
    for j in scored:
        if j not in used:
            per_root[str(evs[j].get("cameo"))[:2]]["unpaired"] += 1
    out["per_root"] = {root: dict(row) for root, row in sorted(per_root.items())}
    reports: dict[str, dict[str, list]] = defaultdict(lambda: {"missed": [], "unpaired": []})
    for i, g in enumerate(gold):
        if i not in paired or paired[i][0] > 0:
            near = evs[paired[i][1]] if i in paired else None
            reports[g.doc]["missed"].append({"gold": _triple(g.source, g.cameo, g.target), "sentence": _clean(g.sentence),
                                             "paired": _event_triple(near) if near else None})
    for j in scored:
        if j not in used:
            e = evs[j]
            reports[str(e.get("doc_id"))]["unpaired"].append(
                {"event": _event_triple(e), "trigger": (e.get("trigger") or {}).get("text"),
                 "sentence": _clean(e.get("sentence"))})
    out["reports"] = dict(sorted(reports.items()))
    return out


def _triple(source: str | None, cameo: str, target: str | None) -> str:
    return f"{source or '-'} {cameo} {target or '-'}"


def _event_triple(e: dict) -> str:
    return _triple((e.get("source") or {}).get("code"), str(e.get("cameo")), (e.get("target") or {}).get("code"))


def render_news_report(result: dict[str, Any], show_misses: bool = True) -> str:
    lines = [f"{'root':<6}{'gold':>6}{'root':>6}{'triple':>8}{'unpaired':>10}"]
    for root, row in result["per_root"].items():
        lines.append(f"{root:<6}{row.get('gold', 0):>6}{row.get('root', 0):>6}{row.get('triple', 0):>8}"
                     f"{row.get('unpaired', 0):>10}")
    lines.append("")
    for name in LEVELS:
        lines.append(f"{name:<9} precision {result[f'precision_{name}']:.4f}  recall {result[f'recall_{name}']:.4f}"
                     + (f"  F1 {result[f'f1_{name}']:.4f}" if f"f1_{name}" in result else ""))
    lines.append(f"gold={result['gold']} events={result['events']} claimed_by agreement="
                 f"{result['claimed_agreement']:.4f}")
    if show_misses:
        for doc, report in result["reports"].items():
            lines.append("")
            lines.append(f"{doc}: {len(report['missed'])} missed, {len(report['unpaired'])} unpaired")
            for m in report["missed"]:
                got = f"  (paired: {m['paired']})" if m["paired"] else ""
                lines.append(f"  MISS {m['gold']}{got} | {m['sentence'][:150]}")
            for u in report["unpaired"]:
                lines.append(f"  EXTRA {u['event']} [{u['trigger']}] | {u['sentence'][:150]}")
    return "\n".join(lines) + "\n"


def load_gold_file(path: str | Path) -> Any:
    return read_json_file(path)
