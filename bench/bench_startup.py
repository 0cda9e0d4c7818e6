#!/usr/bin/env python3
"""Start-up of the command line, whole processes: `detente code` on one sentence against spaCy loading
its pipeline and parsing the same sentence, and `detente --help` and `detente codes`.

Each case is a fresh process, timed from start to exit (interpreter start-up included). The cases run in
turn, `--repeat` rounds of all of them (interleaved, so a slow moment of the shared machine falls on
every case alike; each round in a shuffled order, the same for every run), and the median of each is
reported with its difference from and ratio to the baseline of the same run:

- `spaCy load + parse` (the baseline): `import spacy`, load the pipeline detente loads, parse the sentence;
- `detente code, warm cache`: the compiled-data cache (detente/cache.py) filled by an earlier run;
- `detente code, cold cache`: an empty cache folder each time (the dictionaries, lexicon and gazetteer
  are built from their files and written to it);
- `detente code, no cache`: DETENTE_NO_CACHE=1 (built every time, nothing written);
- `detente --help`, `detente codes`;
- `python -c pass`: the interpreter alone, for scale.

The detente cases run this checkout's code (its `src` comes first on PYTHONPATH) through `python -m
detente`, or through the `detente` console script with `--script`. `--against SRC` adds the code cases for
another checkout's `src` (e.g. the code before a change) in the same rounds, with that checkout's cache
settings (the user's environment, without DETENTE_CACHE_DIR and DETENTE_NO_CACHE).

Targets (issue 13): `detente code` on one sentence at most 0.5 s more than the baseline; `detente --help`
at most 0.3 s.

Usage:
  python bench/bench_startup.py [--repeat 9] [--script] [--against ../main/src [--label before]]
                                [--markdown docs/benchmarks.md]
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_code import write_block  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "Blinken met Wang Yi in Beijing on Monday."
DATE = "2024-06-01"
BASELINE = "spaCy load + parse"


def model_package() -> str:
    """The spaCy pipeline package detente loads by default (the first of its list that is installed)."""
    import importlib.util

    sys.path.insert(0, str(ROOT / "src"))
    from detente.nlp import MODEL_PACKAGES

    for pkg in MODEL_PACKAGES:
        if importlib.util.find_spec(pkg) is not None:
            return pkg
    raise SystemExit("no spaCy English pipeline is installed")


def run(cmd: list[str], env: dict[str, str], stdin: str | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin.encode() if stdin is not None else None, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}:\n{proc.stderr.decode()[-2000:]}")
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=9, help="rounds of all cases (default 9); medians reported")
    ap.add_argument("--script", action="store_true",
                    help="run the `detente` console script found on PATH instead of `python -m detente`")
    ap.add_argument("--against", metavar="SRC", help="also time the code cases with this checkout's src folder")
    ap.add_argument("--label", help="what to call the --against checkout in the table (default: its path)")
    ap.add_argument("--markdown", help="write the table into this file, between its bench_startup markers")
    args = ap.parse_args()

    pkg = model_package()
    if args.script:
        script = shutil.which("detente")
        if script is None:
            raise SystemExit("no `detente` console script on PATH")
        detente = [script]
    else:
        detente = [sys.executable, "-m", "detente"]
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    warm_dir, cold_root = work / "warm", work / "cold"

    def env_for(src: Path, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DETENTE_CACHE_DIR", "DETENTE_NO_CACHE")}
        env["PYTHONPATH"] = os.pathsep.join([str(src)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        env.update(extra)
        return env

    code = detente + ["code", "--date", DATE, "--format", "jsonl"]
    baseline = [sys.executable, "-c", f"import spacy; nlp = spacy.load({pkg!r}); nlp({SENTENCE!r})"]
    cold_runs = iter(range(10 ** 6))
    this = ROOT / "src"
    cases: dict[str, tuple] = {BASELINE: (baseline, lambda: env_for(this), None)}
    cases["detente code, warm cache"] = (code, lambda: env_for(this, DETENTE_CACHE_DIR=str(warm_dir)), SENTENCE)
    cases["detente code, cold cache"] = (
        code, lambda: env_for(this, DETENTE_CACHE_DIR=str(cold_root / str(next(cold_runs)))), SENTENCE)
    cases["detente code, no cache"] = (code, lambda: env_for(this, DETENTE_NO_CACHE="1"), SENTENCE)
    cases["detente --help"] = (detente + ["--help"], lambda: env_for(this), None)
    cases["detente codes"] = (detente + ["codes"], lambda: env_for(this), None)
    if args.against:  # another checkout: its own cache settings, whatever they are
        other = Path(args.against).resolve()
        label = args.label or args.against
        cases[f"detente code ({label})"] = (code, lambda: env_for(other), SENTENCE)
        cases[f"detente --help ({label})"] = (detente + ["--help"], lambda: env_for(other), None)
        cases[f"detente codes ({label})"] = (detente + ["codes"], lambda: env_for(other), None)
    cases["python -c pass"] = ([sys.executable, "-c", "pass"], lambda: env_for(this), None)

    run(code, env_for(this, DETENTE_CACHE_DIR=str(warm_dir)), SENTENCE)  # fills the warm cache
    times: dict[str, list[float]] = {name: [] for name in cases}
    try:
        order = list(cases)
        shuffle = random.Random(13).shuffle
        for r in range(args.repeat):
            shuffle(order)  # each round in another order: no case always follows the same one
            for name in order:
                cmd, env, stdin = cases[name]
                times[name].append(run(cmd, env(), stdin))
            print(f"round {r + 1}/{args.repeat} done", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = statistics.median(times[BASELINE])
    lines = ["| process | median (s) | fastest (s) | minus baseline (s) | vs baseline |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for name, values in times.items():
        med = statistics.median(values)
        lines.append(f"| {name if name != BASELINE else name + ' (baseline)'} | {med:.2f} | {min(values):.2f} | "
                     f"{med - base:+.2f} | {med / base:.2f} |")
    how = f"`{' '.join(Path(detente[0]).name if i == 0 else a for i, a in enumerate(detente))}`"
    flags = f"{' --script' if args.script else ''}{' --against SRC' if args.against else ''}"
    note = (f"\nCommand: `python bench/bench_startup.py --repeat {args.repeat}{flags}`; detente run as {how}; "
            f"the sentence: \"{SENTENCE}\" (`--date {DATE}`); baseline: `spacy.load({pkg!r})` and one parse; "
            f"medians of {args.repeat} interleaved rounds (shuffled order), each a fresh process; machine: "
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.\n")
    table = "\n".join(lines) + "\n" + note
    print(table)
    if args.markdown:
        write_block(Path(args.markdown), "bench_startup", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
