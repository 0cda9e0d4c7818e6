"""Commands that code text: code, eval, quotes, and the lookups actors and codes, and demo."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys

from ..errors import BadValue, InputError
from .common import _check_date, _check_outputs, _coder_options, _report_skip
from .exits import EXIT_OK, EXIT_SKIPPED

def cmd_code(args) -> int:
    from ..engine import make_engine
    from ..formats import EventWriter
    from ..reader import read_inputs
    from ..records import Skipped

    _check_date(args.date)
    _check_outputs(args, "output", "skipped")
    paths = list(args.paths)
    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            raise BadValue("no input (give PATH or pipe text to stdin); see detente code --help")
        paths = ["-"]
    fmt = args.format or ("table" if sys.stdout.isatty() and not args.output else "jsonl")
    options = _coder_options(args)
    docs = read_inputs(paths, stdin=sys.stdin.buffer if sys.stdin else None, date=args.date, doc_id=args.doc_id)
    engine = make_engine(options, workers=args.workers)
    results = (r for batch in engine.batches(docs, size=1) for r in batch.results)  # each as soon as coded
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    skipped_out = open(args.skipped, "w", encoding="utf-8") if args.skipped else None
    n_docs = n_events = n_skipped = 0
    writer = EventWriter(out, fmt)
    try:
        for r in results:
            if isinstance(r, Skipped):
                n_skipped += 1
                _report_skip(r, skipped_out)
                continue
            n_docs += 1
            n_events += len(r.events)
            writer.write(r.events)
        writer.close()
    finally:
        engine.close()
        if args.output:
            out.close()
        if skipped_out is not None:
            skipped_out.close()
    print(f"detente: coded {n_docs} document(s), {n_events} event(s); skipped {n_skipped}", file=sys.stderr)
    return EXIT_SKIPPED if n_skipped else EXIT_OK


def cmd_eval(args) -> int:
    from ..coder import Coder
    from ..evaluate import gold_documents, load_gold, render_report, score
    from ..evaluate_news import (articles_beside, is_news_gold, load_gold_file, load_news_gold, render_news_report,
                                score_news)
    from ..reader import read_inputs
    from ..records import CodedDocument

    _check_outputs(args, "events")
    data = load_gold_file(args.gold)
    news = is_news_gold(data)
    if news:
        articles = args.articles or str(articles_beside(args.gold))
        if not os.path.exists(articles):
            raise InputError(f"no reports for {args.gold}: {articles} does not exist (give them with --articles)")
        docs = read_inputs([articles])
    else:
        gold = load_gold(args.gold)
        docs = gold_documents(gold)
    coder = Coder(_coder_options(args))
    events = []
    for r in coder.code_documents(docs):
        if isinstance(r, CodedDocument):
            events.extend(r.events)
        else:
            print(f"detente: {r.message()}", file=sys.stderr)
    if args.events:
        with open(args.events, "w", encoding="utf-8") as fh:
            for e in events:
                fh.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    result = score_news(load_news_gold(data), events) if news else score(gold, events)
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        render = render_news_report if news else render_report
        print(render(result, show_misses=not args.no_misses), end="")
    return EXIT_OK


def cmd_actors(args) -> int:
    from ..actor_dictionary import ActorDictionary

    if args.unknown:
        from .analysis import cmd_unknown_names

        return cmd_unknown_names(args)
    if not args.names:
        raise BadValue("give names to look up, or --unknown --db STORE to list the names of a store that resolved "
                       "to no actor")
    _check_date(args.date)
    day = dt.date.fromisoformat(args.date) if args.date else None
    d = ActorDictionary.default(args.actors or ())
    rows = [r for name in args.names for r in (d.describe(name, day) or [{"text": name, "code": None}])]
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False, default=str))
        return EXIT_OK
    for r in rows:
        if r.get("code") is None:
            print(f"{r['text']}: not in the dictionaries")
            continue
        extra = ""
        if r.get("kind") == "person":
            state = "in office" if r.get("in_office") else "not in office on that date; nearest role"
            extra = f"  {r.get('title')} {r.get('start') or '?'}..{r.get('end') or 'now'} ({state})"
        print(f"{r['text']}: {r['code']}  [{r.get('kind')}] {r.get('name', '')}{extra}")
    return EXIT_OK


def cmd_codes(args) -> int:
    from ..cameo import cameo_table

    for info in cameo_table():
        if args.codes and not any(info.code.startswith(c) for c in args.codes):
            continue
        print(f"{info.code:<5} {info.goldstein:+5.1f}  q{info.quad_class}  {info.plover or '-':<10} {info.name}")
    return EXIT_OK


def cmd_demo(args) -> int:
    from ..coder import Coder
    from ..demo import sample_documents
    from ..formats import EventWriter, dyad_summary
    from ..records import CodedDocument

    coder = Coder()
    events = []
    for r in coder.code_documents(sample_documents()):
        if isinstance(r, CodedDocument):
            events.extend(r.events)
        else:
            print(f"detente: {r.message()}", file=sys.stderr)
    writer = EventWriter(sys.stdout, args.format)
    writer.write(events)
    writer.close()
    if args.format == "table":
        print()
        print("Per-dyad summary (source -> target):")
        print(dyad_summary(events), end="")
    print(f"detente demo: {len(events)} events from the bundled sample articles ({coder.model_name})",
          file=sys.stderr)
    return EXIT_OK


def cmd_quotes(args) -> int:
    from ..coder import Coder
    from ..reader import read_inputs
    from ..records import Skipped

    _check_date(args.date)
    coder = Coder(_coder_options(args))
    docs = read_inputs(args.paths, stdin=sys.stdin.buffer if sys.stdin else None, date=args.date,
                       doc_id=args.doc_id)
    skipped = 0
    for r in coder.code_documents(docs):
        if isinstance(r, Skipped):
            skipped += 1
            _report_skip(r, None)
            continue
        for q in r.quotes:
            print(json.dumps({"doc_id": r.document.id, **q.to_dict()}, ensure_ascii=False))
    return EXIT_SKIPPED if skipped else EXIT_OK
