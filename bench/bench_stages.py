#!/usr/bin/env python3
"""Cost of detente's stages after parsing, as a share of spaCy's parse time, in one process.

The corpus is parsed once with nlp.pipe (timed: the baseline); the parsed documents are then coded
three times: events only (dates, quotes and places off), with everything on, and each of dates,
quotes and places alone on top of the events, so the overhead of attribution, dates and places is
(all on - events only) / parse time; each coding run is repeated three times, interleaved, and the
fastest is kept. The gazetteer is loaded before timing (a one-off start-up cost,
reported separately).

Usage:
  python bench/bench_stages.py [--docs 400] [--input corpus.jsonl] [--markdown docs/benchmarks.md]
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_code import build_corpus, load_docs, write_block  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", help="JSONL corpus (default: bundled samples repeated)")
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--markdown", help="write the table into this file, between its bench_stages markers")
    args = ap.parse_args()

    from detente.coder import Coder, CoderOptions
    from detente.gazetteer import Gazetteer

    docs = load_docs(args.input or build_corpus(args.docs))
    t0 = time.perf_counter()
    Gazetteer.load()
    gazetteer_seconds = time.perf_counter() - t0
    variants = {
        "events only": CoderOptions(dates=False, quotes=False, places=False),
        "+ dates": CoderOptions(dates=True, quotes=False, places=False),
        "+ quotes and attribution": CoderOptions(dates=False, quotes=True, places=False),
        "+ places": CoderOptions(dates=False, quotes=False, places=True),
        "all on": CoderOptions(),
    }
    base = Coder(variants["events only"])
    coders = {name: Coder(opts, nlp=base.nlp) for name, opts in variants.items()}
    t0 = time.perf_counter()
    parsed = list(base.nlp.pipe([d.text for d in docs], batch_size=64))
    parse_seconds = time.perf_counter() - t0
    times = {name: float("inf") for name in coders}
    for _ in range(3):  # interleaved repeats; the fastest of each is reported (the machine is shared)
        for name, coder in coders.items():
            coder.code_parsed(docs[0], parsed[0])  # warm-up (lazy tables)
            t0 = time.perf_counter()
            for d, p in zip(docs, parsed):
                coder.code_parsed(d, p)
            times[name] = min(times[name], time.perf_counter() - t0)
    events_only = times["events only"]
    lines = [
        "| stage | seconds | share of parse time |",
        "| --- | ---: | ---: |",
        f"| spaCy parse (nlp.pipe) | {parse_seconds:.2f} | 1.00 |",
        f"| events only | {events_only:.2f} | {events_only / parse_seconds:.3f} |",
    ]
    for name in ("+ dates", "+ quotes and attribution", "+ places"):
        extra = times[name] - events_only
        lines.append(f"| {name} (over events only) | {extra:.2f} | {extra / parse_seconds:.3f} |")
    extra = times["all on"] - events_only
    lines.append(f"| attribution, coreference, dates and places together | {extra:.2f} | "
                 f"{extra / parse_seconds:.3f} |")
    lines.append("")
    command = "python bench/bench_stages.py" + (f" --input {args.input}" if args.input else f" --docs {args.docs}")
    lines.append(f"Command: `{command}`; {len(docs)} documents; machine: {platform.machine()}, Python "
                 f"{platform.python_version()}. The gazetteer's one-off load took {gazetteer_seconds:.2f} s "
                 "and is not in the table. Coreference of names and roles runs inside event coding.")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.markdown:
        write_block(Path(args.markdown), "bench_stages", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
