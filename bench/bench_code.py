#!/usr/bin/env python3
"""Throughput and memory of `detente code` against spaCy's own nlp.pipe on the same texts.

Each mode runs in its own process (so peak memory is its own) over the same JSONL corpus:
  spacy     nlp.pipe over the texts, nothing else (the practical limit: parsing)
  detente   Coder.code_documents in one process
  workers2  the same spread over 2 worker processes (as `detente code --workers 2`)
Times exclude start-up in the parent (loading the model, dictionaries and gazetteer); the workers
mode includes its workers' start-up. Each mode runs --repeat times, interleaved, and its fastest run
counts (the machines are shared and noisy).
Figures are reported as ratios against the spaCy baseline measured in the same run.

Usage:
  python bench/bench_code.py                      # bundled samples repeated to --docs documents
  python bench/bench_code.py --input corpus.jsonl --markdown docs/benchmarks.md
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def load_docs(path: str):
    from detente.reader import read_path

    return [d for d in read_path(Path(path)) if hasattr(d, "text")]


def run_mode(mode: str, path: str) -> dict:
    docs = load_docs(path)
    if mode == "spacy":
        from detente.nlp import load_model

        nlp = load_model()
        t0 = time.perf_counter()
        sents = words = 0
        for doc in nlp.pipe([d.text for d in docs], batch_size=64):
            sents += sum(1 for _ in doc.sents)
            words += sum(1 for t in doc if not t.is_punct and not t.is_space)
        seconds = time.perf_counter() - t0
        events = 0
    else:
        from detente.coder import Coder, CoderOptions
        from detente.records import CodedDocument

        options = CoderOptions()
        if mode == "detente":
            coder = Coder(options)
            coder.code_text(docs[0].text, date=docs[0].date)  # start-up (gazetteer, date tables), like the model load
            t0 = time.perf_counter()
            results = coder.code_documents(docs)
        else:
            from detente.workers import code_parallel

            t0 = time.perf_counter()
            results = code_parallel(docs, options, 2)
        sents = words = events = 0
        for r in results:  # streamed, as `detente code` writes them out: nothing is kept
            if isinstance(r, CodedDocument):
                sents, words, events = sents + r.sentences, words + r.words, events + len(r.events)
        seconds = time.perf_counter() - t0
    return {"mode": mode, "docs": len(docs), "sentences": sents, "words": words, "events": events,
            "seconds": round(seconds, 3), "peak_mb": peak_mb()}


def build_corpus(n_docs: int) -> str:
    from detente.demo import sample_documents

    samples = [d for d in sample_documents() if hasattr(d, "text")]
    fh = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    for i in range(n_docs):
        d = samples[i % len(samples)]
        fh.write(json.dumps({"id": f"{d.id}-{i}", "text": d.text, "date": d.date}) + "\n")
    fh.close()
    return fh.name


def markdown(rows: list[dict], command: str) -> str:
    base = next(r for r in rows if r["mode"] == "spacy")
    one = next(r for r in rows if r["mode"] == "detente")
    lines = [
        "| mode | docs/s | sentences/s | words/s | events | seconds | vs spaCy nlp.pipe | vs 1 worker | peak memory (MB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        s = r["seconds"] or 1e-9
        lines.append(
            f"| {r['mode']} | {r['docs'] / s:.1f} | {r['sentences'] / s:.1f} | {r['words'] / s:.0f} | {r['events']} "
            f"| {r['seconds']:.2f} | {base['seconds'] / s:.2f} | {one['seconds'] / s:.2f} | {r['peak_mb']:.0f} |")
    lines.append("")
    lines.append(f"Command: `{command}`; machine: {platform.machine()}, {os.cpu_count()} cores, "
                 f"Python {platform.python_version()}. Ratios are throughput relative to the row named, "
                 "measured in the same run; peak memory is the largest resident set of the process "
                 "or any of its worker processes.")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", help="JSONL corpus (default: bundled samples repeated)")
    ap.add_argument("--docs", type=int, default=400, help="documents when building the default corpus")
    ap.add_argument("--markdown", help="write the table into this file, replacing the block between markers")
    ap.add_argument("--repeat", type=int, default=2, help="interleaved runs of each mode; the fastest counts")
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.input)))
        return 0
    path = args.input or build_corpus(args.docs)
    best: dict[str, dict] = {}
    for _ in range(max(args.repeat, 1)):  # interleaved repeats; the fastest run of each mode counts
        for mode in ("spacy", "detente", "workers2"):
            out = subprocess.run([sys.executable, __file__, "--mode", mode, "--input", path],
                                 capture_output=True, text=True, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            print(json.dumps(row), file=sys.stderr)
            if mode not in best or row["seconds"] < best[mode]["seconds"]:
                best[mode] = row
    rows = [best[m] for m in ("spacy", "detente", "workers2")]
    command = "python bench/bench_code.py" + (f" --input {args.input}" if args.input else f" --docs {args.docs}")
    command += f" --repeat {args.repeat}"
    table = markdown(rows, command)
    print(table)
    if args.markdown:
        write_block(Path(args.markdown), "bench_code", table)
    return 0


def write_block(target: Path, name: str, table: str) -> None:
    """Replace the text between <!-- NAME:start --> and <!-- NAME:end --> in a Markdown file (or append)."""
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{table}{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text + ("\n" if text else "") + block + "\n"
    target.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
