#!/usr/bin/env python3
"""`detente dyad`, `detente actor` and `detente flags` on a store of synthetic events (1,000,000 by default).

The store comes from bench/make_store.py (seeded; made once and reused with --db). Each command runs as
a user runs it, a fresh `detente` process, and the wall time includes start-up; the fastest of --repeat
runs is kept. The baseline, measured in the same run, is a fresh process that opens the same store and
scans the events table once (`SELECT count(*), sum(goldstein) FROM events`): the ratio says how many
such scans each answer costs.

Usage: python bench/bench_analytics.py [--events 1000000] [--db /tmp/detente-1m.duckdb] [--markdown docs/benchmarks.md]
"""
from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from bench_code import write_block  # noqa: E402
import make_store  # noqa: E402

SCAN = ("import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
        "print(con.execute('SELECT count(*), sum(goldstein) FROM events').fetchone())")


def timed(cmd: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/detente-1m.duckdb", help="store to use (made when missing)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--markdown")
    args = ap.parse_args()
    make_store.ensure(args.db, args.events)
    detente = shutil.which("detente") or "detente"
    runs = [
        ("baseline: one scan of the events table", [sys.executable, "-c", SCAN, args.db]),
        ("detente dyad TUR UKR --by month", [detente, "dyad", "TUR", "UKR", "--db", args.db, "--by", "month"]),
        ("detente dyad RUS UKR --by week --mentions",
         [detente, "dyad", "RUS", "UKR", "--db", args.db, "--by", "week", "--mentions"]),
        ("detente actor TUR --by month", [detente, "actor", "TUR", "--db", args.db]),
        ("detente flags (50 strongest)", [detente, "flags", "--db", args.db]),
        ("detente flags --min-events 20 --window 30", [detente, "flags", "--db", args.db, "--min-events", "20",
                                                       "--window", "30"]),
    ]
    rows = []
    for label, cmd in runs:
        seconds = timed(cmd, args.repeat)
        rows.append((label, seconds))
        print(f"{label}: {seconds:.2f} s", file=sys.stderr)
    base = rows[0][1]
    events = subprocess.run([sys.executable, "-c", SCAN, args.db], capture_output=True, text=True,
                            check=True).stdout.strip()
    lines = ["| command | seconds (wall, fresh process) | × baseline scan |", "| --- | ---: | ---: |"]
    lines += [f"| {label} | {s:.2f} | {s / base:.1f} |" for label, s in rows]
    lines.append("")
    lines.append(f"Command: `python bench/bench_analytics.py --events {args.events}`; store: {events.split(',')[0][1:]} "
                 f"synthetic events (bench/make_store.py, seed 11) with event clusters built; fastest of "
                 f"{args.repeat} runs; machine: {platform.machine()}, Python {platform.python_version()}. "
                 f"Wall times include process start-up (Python, DuckDB).")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.markdown:
        write_block(Path(args.markdown), "bench_analytics", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
