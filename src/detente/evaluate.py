"""Scoring coded events against gold records in the PLOVER gold-standard (GSR) format.

Metrics (micro, over gold records), as the PLOVER GSR scorer defines them:
  category  - some event coded for the record's sentence has the gold category
  source    - ... and its source matches one of the gold sources
  triple    - ... and its target matches one of the gold targets (when the gold names any)
  precision - share of all coded events whose category is the gold category of their sentence
An actor matches a gold code when its country, or the start of its code, equals it.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import InputError
from .records import Document, Event

# PLOVER 0.5b1 categories by CAMEO root, as used in the GSR (08 splits into CONCEDE and RETREAT).
ROOT_CATEGORY = {
    "02": "DEMAND", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "FIGHT", "20": "FIGHT",
}
RETREAT_BASES = {"084", "085", "086", "087"}
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VAT"}


def gsr_category(cameo: str | None) -> str | None:
    code = str(cameo or "")
    if len(code) < 2:
        return None
    if code[:2] == "08":
        return "RETREAT" if code[:3] in RETREAT_BASES else "CONCEDE"
    return ROOT_CATEGORY.get(code[:2])


@dataclass
class GoldRecord:
    id: str
    text: str
    date: str | None
    category: str
    sources: list[str]
    targets: list[str]
    raw: dict = field(repr=False, default_factory=dict)


def read_json_file(path: str | Path) -> Any:
    """The JSON value in a file; InputError when the file cannot be read or is not JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:  # json.JSONDecodeError is a ValueError
        raise InputError(f"cannot read gold records from {path}: {err}") from None


def load_gold(path: str | Path) -> list[GoldRecord]:
    data = read_json_file(path)
    out = []
    for r in data:
        if r.get("event") in (None, "DOCUMENT"):
            continue

        def codes(side: Any) -> list[str]:
            if not isinstance(side, list):
                return []
            return [LEGACY_CODES.get(a.get("code"), a.get("code")) for a in side if a.get("code")]

        out.append(GoldRecord(str(r["id"]), r.get("text", ""), r.get("date"), r["event"],
                              codes(r.get("source")), codes(r.get("target")), r))
    return out


def gold_documents(gold: list[GoldRecord]) -> list[Document]:
    return [Document(id=g.id, text=g.text, date=g.date, origin=g.id) for g in gold]


def actor_matches(actor: dict | None, codes: list[str]) -> bool:
    if not codes:
        return True
    if not isinstance(actor, dict):
        return False
    country, code = actor.get("country") or "", actor.get("code") or ""
    return any(c and (country == c or code.startswith(c)) for c in codes)


def score(gold: list[GoldRecord], events: Iterable[Event | dict]) -> dict[str, Any]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        d = e.to_dict() if isinstance(e, Event) else e
        by_doc[str(d.get("doc_id"))].append(d)
    hits: Counter = Counter()
    per_cat: dict[str, Counter] = defaultdict(Counter)
    coded = matched = 0
    misses = []
    for g in gold:
        evs = by_doc.get(g.id, [])
        coded += len(evs)
        same = [e for e in evs if gsr_category(e.get("cameo")) == g.category]
        matched += len(same)
        with_src = [e for e in same if actor_matches(e.get("source"), g.sources)]
        with_tgt = [e for e in with_src if actor_matches(e.get("target"), g.targets)]
        got = {"category": bool(same), "source": bool(with_src), "triple": bool(with_tgt)}
        per_cat[g.category]["n"] += 1
        for k, v in got.items():
            hits[k] += v
            per_cat[g.category][k] += v
        if not got["triple"]:
            misses.append({
                "id": g.id, "text": g.text, "gold": f"{'/'.join(g.sources) or '-'} {g.category} {'/'.join(g.targets) or '-'}",
                "failed": "category" if not same else "source" if not with_src else "target",
                "coded": [f"{(e.get('source') or {}).get('code', '-')} {e.get('cameo')} "
                          f"{(e.get('target') or {}).get('code', '-')} [{(e.get('trigger') or {}).get('text', '')}]"
                          for e in evs],
            })
    n = len(gold) or 1
    result: dict[str, Any] = {k: round(hits[k] / n, 4) for k in ("category", "source", "triple")}
    result["precision"] = round(matched / coded, 4) if coded else 0.0
    result["records"] = len(gold)
    result["events"] = coded
    result["per_category"] = {c: dict(v) for c, v in sorted(per_cat.items())}
    result["misses"] = misses
    return result


def render_report(result: dict[str, Any], show_misses: bool = True) -> str:
    lines = [f"{'category':<12}{'n':>4}{'cat':>6}{'src':>6}{'triple':>8}"]
    for cat, c in result["per_category"].items():
        lines.append(f"{cat:<12}{c['n']:>4}{c.get('category', 0):>6}{c.get('source', 0):>6}{c.get('triple', 0):>8}")
    lines.append(f"records={result['records']} events={result['events']} category={result['category']} "
                 f"source={result['source']} triple={result['triple']} precision={result['precision']}")
    if show_misses and result["misses"]:
        lines.append("")
        lines.append(f"misses ({len(result['misses'])}):")
        for m in result["misses"]:
            lines.append(f"- {m['id']}  gold: {m['gold']}  failed: {m['failed']}")
            lines.append(f"  {m['text'].strip()}")
            lines.append(f"  coded: {'; '.join(m['coded']) or 'nothing'}")
    return "\n".join(lines) + "\n"


# ---- quotes ----------------------------------------------------------------------------------------
def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_speaker(pred: dict, gold: dict) -> bool:
    """By actor code when both have one, else by a shared word of the names as written."""
    if pred.get("speaker_code") and gold.get("speaker_code") and pred["speaker_code"] == gold["speaker_code"]:
        return True
    words = lambda s: {w.strip(".,'\"").lower() for w in (s or "").split() if len(w) > 2}  # noqa: E731
    return bool(words(pred.get("speaker_text")) & words(gold.get("speaker")))


def score_quotes(gold_docs: list[dict], predicted: dict[str, list[dict]], direct_only: bool = False) -> dict:
    """Precision and recall of quote extraction: a predicted quote is right when its content span overlaps
    a gold quote's and its speaker is the gold speaker. `predicted` maps doc id to quotes with
    `start`, `end`, `speaker_code`, `speaker_text` (and `direct`)."""
    n_pred = n_gold = right_pred = found_gold = 0
    for doc in gold_docs:
        text = doc["text"]
        golds = []
        for g in doc["quotes"]:
            if direct_only and not g.get("direct"):
                continue
            start = text.find(g["content"])
            golds.append({**g, "span": (start, start + len(g["content"]))})
        preds = [p for p in predicted.get(doc["id"], []) if not direct_only or p.get("direct")]
        n_pred += len(preds)
        n_gold += len(golds)
        right_pred += sum(1 for p in preds
                          if any(_overlaps((p["start"], p["end"]), g["span"]) and _same_speaker(p, g) for g in golds))
        found_gold += sum(1 for g in golds
                          if any(_overlaps((p["start"], p["end"]), g["span"]) and _same_speaker(p, g) for p in preds))
    return {"quotes": n_gold, "predicted": n_pred,
            "precision": round(right_pred / n_pred, 4) if n_pred else 0.0,
            "recall": round(found_gold / n_gold, 4) if n_gold else 0.0}
