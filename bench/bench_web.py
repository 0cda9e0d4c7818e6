#!/usr/bin/env python3
"""Response times of `detente serve` on a store of synthetic events (1,000,000 by default).

The store comes from bench/make_store.py (seeded; made once and reused with --db). The server runs as a
user runs it (`detente serve`, its own process); each request is sent --repeat times over HTTP after one
warm-up and the median is kept. The baseline, measured in the same run, is `/api/health`, which counts
the documents and events: the ratio says how many such requests each answer costs.

Targets: dyad series and network under 300 ms, the article page (its HTML and its API call) under 200 ms.

Usage: python bench/bench_web.py [--events 1000000] [--db /tmp/detente-1m.duckdb] [--markdown docs/benchmarks.md]
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from bench_code import write_block  # noqa: E402
import make_store  # noqa: E402


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read()


def timed(url: str, repeat: int) -> float:
    get(url)  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        get(url)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/detente-1m.duckdb", help="store to use (made when missing)")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--markdown")
    args = ap.parse_args()
    make_store.ensure(args.db, args.events)
    detente = shutil.which("detente") or "detente"
    server = subprocess.Popen([detente, "serve", "--db", args.db], stderr=subprocess.PIPE, text=True)
    try:
        base = None
        deadline = time.time() + 60
        while base is None and time.time() < deadline:
            line = server.stderr.readline()
            found = re.search(r"http://[\d.]+:\d+/", line or "")
            if found:
                base = found.group(0)
            elif not line and server.poll() is not None:
                raise SystemExit("detente serve stopped before printing its URL")
        if base is None:
            raise SystemExit("detente serve did not print its URL")
        for _ in range(100):
            try:
                get(base + "api/health")
                break
            except OSError:
                time.sleep(0.1)
        docs = json.loads(get(base + "api/documents?actor=TUR&page_size=1"))["documents"]
        key = docs[0]["doc_key"]
        requests = [
            ("baseline: /api/health (counts documents and events)", "api/health"),
            ("dyad series TUR–UKR by month", "api/dyad?a=TUR&b=UKR&by=month"),
            ("dyad series RUS–UKR by week, mentions", "api/dyad?a=RUS&b=UKR&by=week&mentions=true"),
            ("network, all years, 150 heaviest edges", "api/network?limit=150"),
            ("network, 2024, min count 5", "api/network?start=2024-01-01&end=2024-12-31&min_count=5"),
            ("network of countries, all years", "api/network?level=country"),
            ("article page: HTML", f"article/{key}"),
            ("article page: its API call (text, events, mentions, quotes, places)", f"api/documents/{key}"),
            ("actor completion 'tu'", "api/actors?q=tu"),
            ("events TUR→UKR 2024, page 1", "api/events?source=TUR&target=UKR&start=2024-01-01&end=2024-12-31"),
            ("documents search 'drone'", "api/documents?q=drone"),
            ("flags (50 strongest)", "api/flags"),
        ]
        rows = []
        for label, path in requests:
            seconds = timed(base + path, args.repeat)
            rows.append((label, path, seconds))
            print(f"{label}: {seconds * 1000:.0f} ms", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=10)
    baseline = rows[0][2]
    lines = ["| request | median ms | × baseline |", "| --- | ---: | ---: |"]
    lines += [f"| {label} (`/{path.replace(key, '{doc_key}')}`) | {s * 1000:.0f} | {s / baseline:.1f} |"
              for label, path, s in rows]
    lines.append("")
    lines.append(f"Command: `python bench/bench_web.py --events {args.events}`; {args.repeat} requests each after a "
                 f"warm-up, over HTTP to `detente serve` on the same machine; machine: {platform.machine()}, "
                 f"Python {platform.python_version()}.")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.markdown:
        write_block(Path(args.markdown), "bench_web", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
