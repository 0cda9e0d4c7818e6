#!/usr/bin/env python3
"""`detente ingest` (coding + DuckDB store) against `detente code` (coding only) on a synthetic corpus.

The corpus comes from bench/make_corpus.py (varied articles from templates, seeded). Each mode runs in
its own process, reading the same JSON lines file; peak memory is the process's largest resident set.
Ingesting half the corpus as well shows whether memory stays flat as the corpus grows.

Usage: python bench/bench_ingest.py --docs 20000 [--markdown docs/benchmarks.md]
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from bench_code import write_block  # noqa: E402


def run_mode(mode: str, path: str, db: str | None) -> dict:
    from detente.coder import Coder
    from detente.reader import read_inputs
    from detente.records import CodedDocument

    coder = Coder()
    coder.code_text("Iran criticized Iraq on Monday.", date="2024-01-01")  # start-up excluded
    t0 = time.perf_counter()
    if mode == "code":
        docs = events = 0
        for r in coder.code_documents(read_inputs([path])):
            if isinstance(r, CodedDocument):
                docs, events = docs + 1, events + len(r.events)
    else:
        from detente.ingest import ingest
        from detente.store import INGEST_MEMORY_LIMIT, Store

        with Store(db, memory_limit=INGEST_MEMORY_LIMIT) as store:  # as detente ingest opens it
            report = ingest(read_inputs([path]), store, coder.options)
        docs, events = report.stored, report.events
    seconds = time.perf_counter() - t0
    return {"mode": mode, "docs": docs, "events": events, "seconds": round(seconds, 2),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--markdown")
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.input, args.db)))
        return 0
    work = Path(tempfile.mkdtemp(prefix="detente-bench-"))
    full, half = work / "corpus.jsonl", work / "half.jsonl"
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--docs", str(args.docs), "--out", str(full)],
                   check=True)
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--docs", str(args.docs // 2), "--out",
                    str(half)], check=True)
    rows = []
    for mode, path, label in (("code", full, "detente code"), ("ingest", full, "detente ingest"),
                              ("ingest", half, "detente ingest, half the corpus")):
        db = work / f"{mode}-{path.stem}.duckdb"
        out = subprocess.run([sys.executable, __file__, "--mode", mode, "--input", str(path), "--db", str(db)],
                             capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        row["label"] = label
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    code = rows[0]
    lines = ["| run | documents | events | seconds | docs/s | vs detente code | peak memory (MB) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        rate = r["docs"] / r["seconds"] if r["seconds"] else 0.0
        ratio = rate / (code["docs"] / code["seconds"]) if code["seconds"] else 0.0
        lines.append(f"| {r['label']} | {r['docs']} | {r['events']} | {r['seconds']:.1f} | {rate:.1f} | "
                     f"{ratio:.2f} | {r['peak_mb']} |")
    lines.append("")
    lines.append(f"Command: `python bench/bench_ingest.py --docs {args.docs}`; machine: {platform.machine()}, "
                 f"Python {platform.python_version()}; one process each; start-up excluded.")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.markdown:
        write_block(Path(args.markdown), "bench_ingest", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
