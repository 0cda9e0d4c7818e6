#!/usr/bin/env python3
"""Do two versions of detente code the same events? Byte-for-byte comparison of everything the coder
gives for each document (events as `detente code --format jsonl` writes them, quotes, actor mentions,
places, skipped documents) between this checkout and a git revision.

The revision is checked out into a temporary git worktree and run with its own source
(PYTHONPATH=<worktree>/src), in the same environment; both runs code the same inputs. By default the
inputs are the bundled sample articles and the documents of tests/data/validation.json; add more
(.jsonl, .txt, folders, or PLOVER-GSR .json gold files, whose sentences are coded as documents).

Usage:
  python bench/compare_events.py [--base HEAD] [INPUT ...]
  python bench/compare_events.py --base main ../shared/data/realnews-dev/articles.jsonl

Exit status 0 when every output is identical, 1 otherwise (the first differences are printed).
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [ROOT / "src/detente/data/samples/articles.jsonl", ROOT / "tests/data/validation.json"]


def as_documents(path: Path, folder: Path) -> Path:
    """A gold file (a JSON list of PLOVER-GSR records) as JSON lines of documents; others unchanged."""
    if path.suffix != ".json":
        return path
    records = json.loads(path.read_text(encoding="utf-8"))
    out = folder / (path.stem + ".docs.jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for r in records:
            if r.get("text") and r.get("event") not in (None, "DOCUMENT"):
                fh.write(json.dumps({"id": r["id"], "text": r["text"], "date": r.get("date")}) + "\n")
    return out


# Run by each version's own Python: one JSON line per output record, tagged by kind.
DUMP = """
import json, sys
from detente.coder import Coder
from detente.reader import read_inputs
from detente.records import Skipped

def line(kind, doc, value):
    print(kind, doc, json.dumps(value, ensure_ascii=False, sort_keys=True))

for r in Coder().code_documents(read_inputs([sys.argv[1]])):
    if isinstance(r, Skipped):
        line("skipped", r.doc_id, r.reason)
        continue
    doc = r.document.id
    line("document", doc, [r.sentences, r.words])
    for e in r.events:
        line("event", doc, e.to_dict())
    for q in r.quotes:
        line("quote", doc, q.to_dict())
    for a in r.mentions:
        line("mention", doc, a.to_dict())
    for p in r.places:
        line("place", doc, p.to_dict() if hasattr(p, "to_dict") else dict(p))
"""


def run(src: Path, path: Path) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    done = subprocess.run([sys.executable, "-c", DUMP, str(path)], capture_output=True, text=True, env=env,
                          cwd=str(src.parent))
    if done.returncode != 0:
        raise SystemExit(f"coding {path} failed ({src}): {done.stderr[-2000:]}")
    return done.stdout.splitlines()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path, help="more inputs to code (default: samples + validation)")
    ap.add_argument("--base", default="HEAD", help="git revision to compare with (default HEAD)")
    ap.add_argument("--show", type=int, default=10, help="differing lines to show per input (default 10)")
    args = ap.parse_args()

    inputs = DEFAULT_INPUTS + [p.resolve() for p in args.inputs]
    with tempfile.TemporaryDirectory(prefix="detente-compare-") as tmp:
        tmp_path = Path(tmp)
        base = tmp_path / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base), args.base],
                       check=True, capture_output=True)
        try:
            differ = 0
            for path in inputs:
                docs = as_documents(path, tmp_path)
                new, old = run(ROOT / "src", docs), run(base / "src", docs)
                kinds = {k: sum(1 for x in new if x.startswith(k + " ")) for k in
                         ("document", "event", "quote", "mention", "place", "skipped")}
                same = new == old
                print(f"{'same' if same else 'DIFFERENT'}: {path.name}: "
                      + ", ".join(f"{n} {k}" for k, n in kinds.items()) + f" here; {len(old)} lines at {args.base}")
                if not same:
                    differ += 1
                    diff = [d for d in difflib.unified_diff(old, new, args.base, "here", n=0, lineterm="")
                            if d[:1] in "+-" and d[:3] not in ("+++", "---")]
                    for line in diff[:args.show]:
                        print("   ", line[:300])
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], capture_output=True)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
