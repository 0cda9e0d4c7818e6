"""Output formats for events: table, jsonl, csv, tsv (GDELT-like columns) and plover (PLOVER JSON records)."""
from __future__ import annotations

import csv
import json
from collections import Counter
from typing import IO, Iterable

from .record_columns import EVENT_FLAT, flat_row
from .records import Event

FORMATS = ("table", "jsonl", "csv", "tsv", "plover")

FLAT_COLUMNS = EVENT_FLAT  # GDELT-like flat columns, plus detente's provenance columns


def plover_record(e: Event, n: int) -> dict:
    return plover_from_dict(e.to_dict(), n)


def plover_from_dict(e: dict, n: int) -> dict:
    """A PLOVER record from an event record (`Event.to_dict()`, as stored)."""
    def actor(a):
        if a is None:
            return None
        return {"actorText": a["text"], "code": a["code"], "country": a["country"], "sector": a["sector"],
                "name": a.get("name")}

    return {
        "id": f"{e['doc_id']}-{e['sentence_index']}-{n}", "doc_id": e["doc_id"], "date": e.get("date"),
        "datePrecision": e.get("date_precision"),
        "event": e["plover"], "mode": e["plover_mode"], "actor": actor(e["source"]),
        "recipient": actor(e["target"]), "eventText": e["trigger"]["text"], "text": e["sentence"],
        "cameo": e["cameo"], "goldstein": e["goldstein"], "negated": e["negated"], "modality": e["modality"],
        "confidence": e["confidence"], "claimed": e["claimed"], "attribution": e.get("attribution"),
        "location": e.get("location"),
    }


class EventWriter:
    """Streams events to a text file in one format; `close()` writes what a format needs at the end."""

    def __init__(self, out: IO[str], fmt: str):
        if fmt not in FORMATS:
            from .errors import BadValue

            raise BadValue(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", setting="format")
        self.out, self.fmt, self.count = out, fmt, 0
        self._csv = None
        if fmt in ("csv", "tsv"):
            self._csv = csv.DictWriter(out, FLAT_COLUMNS, delimiter="," if fmt == "csv" else "\t",
                                       lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            self._csv.writeheader()
        self._rows: list[Event] = []

    def write(self, events: Iterable[Event]) -> None:
        for e in events:
            self.count += 1
            if self.fmt == "jsonl":
                self.out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
            elif self.fmt == "plover":
                self.out.write(json.dumps(plover_record(e, self.count), ensure_ascii=False) + "\n")
            elif self._csv is not None:
                self._csv.writerow(flat_row(e))
            else:
                self._rows.append(e)
                if len(self._rows) >= 200:
                    self._flush_table()

    def _flush_table(self) -> None:
        if self._rows:
            self.out.write(render_table(self._rows, header=self.count <= len(self._rows)))
            self._rows = []

    def close(self) -> None:
        if self.fmt == "table":
            self._flush_table()
        self.out.flush()


def _clip(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def render_table(events: list[Event], header: bool = True) -> str:
    cols = [("doc", 12), ("sent", 4), ("date", 10), ("source", 12), ("target", 12), ("cameo", 5), ("name", 30),
            ("gs", 5), ("quad", 4), ("claimed by", 10), ("place", 14), ("trigger", 22)]
    lines = []
    if header:
        lines.append("  ".join(name.ljust(w) for name, w in cols))
        lines.append("  ".join("-" * w for _, w in cols))
    for e in events:
        name = e.cameo_name + (" (negated)" if e.negated else "")
        attribution = e.attribution
        speaker = attribution.speaker if attribution is not None else None
        claimed = ((speaker.code if speaker else None) or (attribution.speaker_text if attribution else None)
                   or "?") if e.claimed else "-"
        vals = [e.doc_id, e.sentence_index, e.date or "-", e.source.code if e.source else "-",
                e.target.code if e.target else "-", e.cameo, name, f"{e.goldstein:+.1f}", e.quad_class, claimed,
                f"{e.location.name}, {e.location.country}" if e.location else "-", e.trigger.text]
        lines.append("  ".join(_clip(v, w).ljust(w) for v, (_, w) in zip(vals, cols)).rstrip())
    return "\n".join(lines) + "\n"


def dyad_summary(events: Iterable[Event]) -> str:
    """Per directed dyad: events, quad-class counts, Goldstein sum and mean, top codes."""
    rows: dict[tuple[str, str], list[Event]] = {}
    for e in events:
        key = (e.source.code if e.source else "-", e.target.code if e.target else "-")
        rows.setdefault(key, []).append(e)
    lines = [f"{'source':<10}{'target':<10}{'events':>7}{'q1':>4}{'q2':>4}{'q3':>4}{'q4':>4}"
             f"{'gs sum':>8}{'gs mean':>8}  top codes"]
    for (s, t), evs in sorted(rows.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        quads = Counter(e.quad_class for e in evs)
        gs = sum(e.goldstein for e in evs)
        top = ", ".join(f"{c}×{n}" for c, n in Counter(e.cameo for e in evs).most_common(3))
        lines.append(f"{s:<10}{t:<10}{len(evs):>7}" + "".join(f"{quads.get(q, 0):>4}" for q in (1, 2, 3, 4))
                     + f"{gs:>8.1f}{gs / len(evs):>8.2f}  {top}")
    return "\n".join(lines) + "\n"
