#!/usr/bin/env python3
"""Quote extraction: detente against textacy's `direct_quotations` on tests/data/quotes.json.

The gold set is articles written for detente with every direct quote, reported clause and "according
to" annotated (speaker, speaker code, content). Both tools see the same spaCy parse. A predicted quote
counts when its content overlaps a gold quote's and its speaker is the gold speaker (same actor code,
or a shared word of the names as written: textacy gives only the words). textacy finds direct quotes
only, so the direct-quote rows compare like with like; it gives up on a document whose quote marks do
not pair up (a quote running over paragraphs), which counts as finding nothing there.

textacy is a benchmark dependency only: pip install "textacy>=0.13"
Usage: python bench/bench_quotes.py [--markdown docs/benchmarks.md]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_code import write_block  # noqa: E402

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "quotes.json"


def detente_quotes(coder, docs) -> dict[str, list[dict]]:
    from detente.records import CodedDocument, Document

    out = {}
    for r in coder.code_documents([Document(d["id"], d["text"], date=d.get("date")) for d in docs]):
        if isinstance(r, CodedDocument):
            out[r.document.id] = [{"start": q.start, "end": q.end, "direct": q.direct,
                                   "speaker_code": q.speaker.code if q.speaker else None,
                                   "speaker_text": q.speaker_text} for q in r.quotes]
    return out


def textacy_quotes(nlp, docs) -> dict[str, list[dict]]:
    from textacy.extract.triples import direct_quotations

    out = {}
    for d in docs:
        doc = nlp(d["text"])
        found = []
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # textacy bails out of a whole document with an unclosed (multi-paragraph) quote
            triples = []
        for q in triples:
            content = q.content
            found.append({"start": content.start_char, "end": content.end_char, "direct": True,
                          "speaker_code": None, "speaker_text": " ".join(t.text for t in q.speaker)})
        out[d["id"]] = found
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--markdown", help="write the table into this file, between its bench_quotes markers")
    args = ap.parse_args()
    from detente.coder import Coder
    from detente.evaluate import score_quotes

    docs = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    coder = Coder()
    ours = detente_quotes(coder, docs)
    rows = [("detente", "all quotes", score_quotes(docs, ours)),
            ("detente", "direct quotes", score_quotes(docs, ours, direct_only=True))]
    try:
        theirs = textacy_quotes(coder.nlp, docs)
    except ImportError:
        print("textacy is not installed (pip install 'textacy>=0.13'); detente rows only", file=sys.stderr)
    else:
        rows += [("textacy direct_quotations", "all quotes", score_quotes(docs, theirs)),
                 ("textacy direct_quotations", "direct quotes", score_quotes(docs, theirs, direct_only=True))]
    lines = ["| extractor | gold set | gold quotes | predicted | precision | recall |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for name, subset, s in rows:
        lines.append(f"| {name} | {subset} | {s['quotes']} | {s['predicted']} | {s['precision']:.3f} | "
                     f"{s['recall']:.3f} |")
    lines.append("")
    lines.append(f"Command: `python bench/bench_quotes.py`; gold: {len(docs)} articles written for detente "
                 "(tests/data/quotes.json); both extractors on the same spaCy parse.")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.markdown:
        write_block(Path(args.markdown), "bench_quotes", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
