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

With --whole, whole processes instead, start-up included, each timed from outside as a user would time
it (each mode in its own process, --repeat interleaved runs, the median counts):
  pipe-full      a plain script: load en_core_web_sm with all its components, nlp.pipe over the texts
  code           `detente code --format jsonl INPUT` (the coder's pipeline: no NER, attribute lookup)
  code-full      the same with --full-pipeline (every component of the model)
  code-workers2  `detente code --workers 2`
peak memory is the largest resident set of the process or any of its workers. --whole also times each
component of both spaCy pipelines over the corpus in one process (their cost per component).

Usage:
  python bench/bench_code.py                      # bundled samples repeated to --docs documents
  python bench/bench_code.py --input corpus.jsonl --markdown docs/benchmarks.md
  python bench/make_corpus.py --docs 1000 --out /tmp/news1k.jsonl
  python bench/bench_code.py --whole --input /tmp/news1k.jsonl --repeat 3 --markdown docs/benchmarks.md
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
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


PIPE_SCRIPT = """
import json, sys
from detente.nlp import load_model
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
nlp = load_model()
tokens = 0
for doc in nlp.pipe(texts, batch_size=64):
    tokens += len(doc)
"""
WHOLE_MODES = ("pipe-full", "code", "code-full", "code-workers2")


def whole_command(mode: str, path: str) -> list[str]:
    if mode == "pipe-full":
        return [sys.executable, "-c", PIPE_SCRIPT, path]
    extra = {"code": [], "code-full": ["--full-pipeline"], "code-workers2": ["--workers", "2"]}[mode]
    return [sys.executable, "-m", "detente", "code", "--format", "jsonl", "-o", os.devnull, *extra, path]


def run_whole(mode: str, path: str) -> dict:
    """One whole process: wall-clock seconds and the peak resident set of it or any of its workers."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(whole_command(mode, path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        raise SystemExit(f"{mode} failed: {err[-2000:]}")
    return {"mode": mode, "seconds": round(seconds, 3), "peak_mb": round(usage.ru_maxrss / 1024, 1)}


def component_costs(path: str) -> list[dict]:
    """Seconds each component of the full model and of the coder's pipeline takes over the corpus (one
    process, components run one after another over all documents, batches of 64)."""
    from detente.nlp import coder_model, load_model

    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
    rows = []
    for label, nlp in (("full model", load_model()), ("coder", coder_model())):
        t0 = time.perf_counter()
        docs = [nlp.make_doc(t) for t in texts]
        costs = [("tokenizer", time.perf_counter() - t0)]
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            docs = list(proc.pipe(docs, batch_size=64))
            costs.append((name, time.perf_counter() - t0))
        total = sum(c for _, c in costs)
        rows += [{"pipeline": label, "component": name, "seconds": round(c, 3), "share": c / total}
                 for name, c in costs]
    return rows


def whole_markdown(runs: dict[str, list[dict]], costs: list[dict], docs: int, command: str) -> str:
    med = {m: statistics.median(r["seconds"] for r in rs) for m, rs in runs.items()}
    base, one = med["pipe-full"], med["code"]
    lines = [f"Whole processes, start-up included, {docs} documents; median of {len(runs['code'])} interleaved runs.",
             "",
             "| process | seconds (median) | runs | vs nlp.pipe, full model | vs detente code | peak memory (MB) |",
             "| --- | ---: | --- | ---: | ---: | ---: |"]
    for m in WHOLE_MODES:
        rs = runs[m]
        each = ", ".join(f"{r['seconds']:.2f}" for r in rs)
        lines.append(f"| {m} | {med[m]:.2f} | {each} | {base / med[m]:.2f} "
                     f"| {one / med[m]:.2f} | {max(r['peak_mb'] for r in rs):.0f} |")
    lines += ["", "Cost of each component over the same documents (one process, no start-up):", "",
              "| pipeline | component | seconds | share |", "| --- | --- | ---: | ---: |"]
    lines += [f"| {c['pipeline']} | {c['component']} | {c['seconds']:.2f} | {c['share']:.0%} |" for c in costs]
    lines += ["", f"Command: `{command}`; machine: {platform.machine()}, {os.cpu_count()} cores, "
                  f"Python {platform.python_version()}. Ratios are speed relative to the column named (its median "
                  "seconds over this row's), measured in the same run. Peak memory is the largest resident set of "
                  "the process or any one of its workers."]
    return "\n".join(lines) + "\n"


def main_whole(args) -> int:
    path = args.input
    if not path:
        raise SystemExit("--whole needs --input (bench/make_corpus.py writes one)")
    docs = sum(1 for line in open(path, encoding="utf-8") if line.strip())
    runs: dict[str, list[dict]] = {m: [] for m in WHOLE_MODES}
    for _ in range(max(args.repeat, 1)):  # interleaved: a slow spell of the machine hits every mode
        for mode in WHOLE_MODES:
            row = run_whole(mode, path)
            print(json.dumps(row), file=sys.stderr)
            runs[mode].append(row)
    costs = component_costs(path)
    command = f"python bench/bench_code.py --whole --input {path} --repeat {args.repeat}"
    table = whole_markdown(runs, costs, docs, command)
    print(table)
    if args.markdown:
        write_block(Path(args.markdown), "bench_code_whole", table)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", help="JSONL corpus (default: bundled samples repeated)")
    ap.add_argument("--docs", type=int, default=400, help="documents when building the default corpus")
    ap.add_argument("--markdown", help="write the table into this file, replacing the block between markers")
    ap.add_argument("--repeat", type=int, default=2, help="interleaved runs of each mode; the fastest counts")
    ap.add_argument("--whole", action="store_true",
                    help="time whole processes (start-up included) and each spaCy component; median of --repeat")
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.whole:
        return main_whole(args)
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
