"""Command line: parses arguments, calls the library, prints. The only module that prints or exits.

Errors are mapped in one place, `main`: a `DetenteError` is printed as `detente: error: <message>` on
stderr and the command exits with the error's `exit_code` (2 for a bad value given by the user, 1 for
other failures). An error about a setting names the setting's flag (`FLAGS`)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from . import __version__
from .errors import EXIT_ERROR, EXIT_USAGE, BadValue, DetenteError, InputError
from .settings import PERIODS, default
from .formats import FORMATS
from .store import INGEST_MEMORY_LIMIT

EXIT_OK, EXIT_SKIPPED = 0, 3  # and EXIT_ERROR (1), EXIT_USAGE (2) from detente.errors

# The flag of each library setting an error can name (`DetenteError.setting`).
FLAGS = {"by": "--by", "date": "--date", "engine": "--engine", "format": "--format", "interval": "--every",
         "port": "--port", "window_days": "--window"}

EPILOG = """exit status: 0 all documents coded; 3 some documents skipped (each reported on stderr
and in --skipped FILE); 1 error; 2 usage error."""


def _coder_options(args):
    from .coder import CoderOptions

    return CoderOptions(model=args.model, actor_files=tuple(args.actors or ()),
                        lexicon_files=tuple(args.lexicon or ()), max_chars=args.max_chars)


def _add_coder_args(p: argparse.ArgumentParser) -> None:
    from .coder import DEFAULT_MAX_CHARS

    p.add_argument("--actors", action="append", metavar="FILE",
                   help="extra actor dictionary (YAML), layered over the built-ins; repeatable")
    p.add_argument("--lexicon", action="append", metavar="FILE",
                   help="extra verb/noun lexicon (YAML), layered over the built-ins; repeatable")
    p.add_argument("--model", default=None, help="spaCy pipeline package (default: en_core_web_sm)")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                   help=f"skip documents longer than this many characters (default {DEFAULT_MAX_CHARS:,})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="detente", description="Offline political event coder (CAMEO/PLOVER).",
                                     epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"detente {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("code", help="code documents into events",
                       description="Code .txt, .jsonl, .json files, folders or stdin into events. "
                                   "Example: detente code article.txt --date 2024-09-06 --format jsonl",
                       epilog=EPILOG)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; '-' (or nothing, when piped) reads stdin")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: table on a terminal, jsonl otherwise)")
    p.add_argument("--date", help="document date (YYYY-MM-DD) for .txt and stdin, and for documents without one")
    p.add_argument("--id", dest="doc_id", help="document id for a single .txt file or stdin")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("-o", "--output", help="write events to this file instead of stdout")
    p.add_argument("--skipped", metavar="FILE", help="also write skipped documents as JSON lines to FILE")
    _add_coder_args(p)

    p = sub.add_parser("eval", help="score against gold records (PLOVER GSR, or sentence-level records of news "
                                    "reports)",
                       description="PLOVER GSR records carry their sentences; sentence-level news gold "
                                   "({doc, sentence, source, target, cameo, claimed_by}) is scored on the reports "
                                   "in --articles (default: articles.jsonl next to the gold file), with precision, "
                                   "recall and F1 at triple, source, root and category level, per root, and the "
                                   "misses and unpaired events of each report. "
                                   "Example: detente eval ../shared/data/plover-gsr/dev.json (or "
                                   "../shared/data/realnews-dev/gold.json)")
    p.add_argument("gold", help="gold records (a JSON list: PLOVER GSR records or sentence-level news records)")
    p.add_argument("--articles", metavar="FILE",
                   help="the reports of sentence-level gold (JSON lines: id, text, date); default: "
                        "articles.jsonl next to the gold file")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--no-misses", action="store_true", help="do not list the missed records")
    p.add_argument("--events", metavar="FILE", help="also write the coded events as JSON lines to FILE")
    _add_coder_args(p)

    p = sub.add_parser("actors", help="show how a name codes on a date",
                       description='Example: detente actors "Lavrov" --date 2024-09-06')
    p.add_argument("names", nargs="+", help="names, places or agent nouns to look up")
    p.add_argument("--date", help="date (YYYY-MM-DD); default today")
    p.add_argument("--actors", action="append", metavar="FILE", help="extra actor dictionary (YAML)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("codes", help="show CAMEO codes with Goldstein value, quad class and PLOVER category",
                       description="Example: detente codes 072 111")
    p.add_argument("codes", nargs="*", help="CAMEO codes or prefixes (default: all)")

    p = sub.add_parser("ingest", help="code a corpus into an embedded DuckDB store (idempotent, resumable)",
                       description="Reads folders, files and globs of .txt, .jsonl, .json and .csv (also .gz); "
                                   "a document is keyed by a hash of its text, so a rerun stores only what is "
                                   "missing. Example: detente ingest 'corpus/*.jsonl.gz' --db corpus.duckdb",
                       epilog=EPILOG)
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders or globs")
    p.add_argument("--db", required=True, help="DuckDB database file (created if missing)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--batch", type=int, default=default("ingest_batch"),
                   help=f"documents written per transaction (default {default('ingest_batch')})")
    p.add_argument("--date", help="date for documents without one (YYYY-MM-DD)")
    p.add_argument("--id-column", default="id", help="CSV column with the document id")
    p.add_argument("--text-column", default="text", help="CSV column with the text")
    p.add_argument("--date-column", default="date", help="CSV column with the date")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes, or a Dask cluster (pip install 'detente[dask]')")
    p.add_argument("--scheduler", help="Dask scheduler address (default: start a local cluster of --workers)")
    p.add_argument("--window", type=int, default=default("cluster_window"),
                   help="days apart within which the same event from several documents is one cluster (default 1)")
    p.add_argument("--progress", choices=("auto", "bar", "lines", "none"), default="auto",
                   help="a progress bar on a terminal, lines otherwise (default auto)")
    p.add_argument("--memory-limit", default=INGEST_MEMORY_LIMIT,
                   help=f"memory for the database while ingesting; the rest goes to disk (default {INGEST_MEMORY_LIMIT})")
    _add_coder_args(p)

    p = sub.add_parser("watch", help="poll RSS/Atom feeds and ingest new articles into a store",
                       description="Feeds that are down, slow or malformed are logged and retried at the next "
                                   "poll. Example: detente watch https://example.org/rss.xml --db corpus.duckdb "
                                   "--every 15m")
    p.add_argument("feeds", nargs="+", metavar="FEED_URL")
    p.add_argument("--db", required=True, help="DuckDB database file (created if missing)")
    p.add_argument("--every", default=default("poll_every"),
                   help=f"poll interval: 30s, 15m, 2h (default {default('poll_every')})")
    p.add_argument("--once", action="store_true", help="poll once and stop")
    p.add_argument("--timeout", type=float, default=default("fetch_timeout"),
                   help=f"seconds per request (default {default('fetch_timeout'):g})")
    p.add_argument("--retries", type=int, default=default("fetch_retries"),
                   help=f"attempts per request, with backoff (default {default('fetch_retries')})")
    _add_coder_args(p)

    p = sub.add_parser("dyad", help="both directions of a dyad over time, from a store",
                       description="Counts by quad class, Goldstein sum and mean, top codes; event clusters "
                                   "(one per event reported by several documents) unless --mentions. "
                                   "Example: detente dyad TUR UKR --db corpus.duckdb --by month")
    p.add_argument("a", help="actor code or prefix (TUR matches TURGOV)")
    p.add_argument("b", help="actor code or prefix")
    p.add_argument("--db", required=True, help="DuckDB database file")
    p.add_argument("--by", choices=PERIODS, default=default("period"))
    p.add_argument("--mentions", action="store_true", help="count every mention, not event clusters")
    p.add_argument("--csv", action="store_true", help="print CSV")
    p.add_argument("--plot", metavar="FILE", help="also draw a PNG chart of both directions to FILE")

    p = sub.add_parser("actor", help="an actor's counterparts, cooperation/conflict balance and codes over time",
                       description="Example: detente actor TUR --db corpus.duckdb --by month")
    p.add_argument("actor", help="actor code or prefix (TUR matches TURGOV)")
    p.add_argument("--db", required=True, help="DuckDB database file")
    p.add_argument("--by", choices=PERIODS, default=default("period"))
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--csv", action="store_true", help="print CSV: counterparts, then periods (a 'table' column)")
    p.add_argument("--mentions", action="store_true", help="count every mention, not event clusters")
    p.add_argument("--plot", metavar="FILE", help="also draw a PNG chart to FILE")

    p = sub.add_parser("flags", help="dual-track behaviour and say-do gaps in a store, with evidence",
                       description="Example: detente flags --db corpus.duckdb --window 90")
    p.add_argument("--db", required=True, help="DuckDB database file")
    p.add_argument("--window", type=int, default=default("say_do_window"),
                   help=f"days for say-do gaps (default {default('say_do_window')})")
    p.add_argument("--min-events", type=int, default=default("min_events"),
                   help="events each side of a pattern needs (default 1; raise it on large corpora)")
    p.add_argument("--limit", type=int, default=default("flag_limit"),
                   help=f"the strongest flags shown (default {default('flag_limit')})")
    p.add_argument("--mentions", action="store_true", help="count every mention, not event clusters")
    p.add_argument("--json", action="store_true", help="print JSON lines")
    p.add_argument("--csv", action="store_true", help="print CSV: one row per evidence event of each flag")
    p.add_argument("--plot", metavar="FILE", help="also draw a PNG time line of the flags' evidence to FILE")

    p = sub.add_parser("export", help="export a store's events as Parquet, CSV, JSON lines or PLOVER records",
                       description="Parquet is a folder partitioned by year and month. "
                                   "Example: detente export --db corpus.duckdb --format parquet --out events/")
    p.add_argument("--db", required=True, help="DuckDB database file")
    p.add_argument("--format", choices=("parquet", "csv", "jsonl", "plover"), default="parquet")
    p.add_argument("--out", required=True, help="output folder (parquet) or file (csv, jsonl, plover)")

    p = sub.add_parser("quotes", help="list the quotes and reported speech of documents, with speakers",
                       description="One JSON line per quote: doc_id, index, speaker, speaker_text, cue, content "
                                   "{text, start, end}, direct. Example: detente quotes article.txt")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; '-' reads stdin")
    p.add_argument("--date", help="document date (YYYY-MM-DD) for .txt and stdin")
    p.add_argument("--id", dest="doc_id", help="document id for a single .txt file or stdin")
    _add_coder_args(p)

    p = sub.add_parser("serve", help="serve a store read-only over HTTP: a JSON API and web pages",
                       description="Opens the store read-only and serves the API under /api (description at "
                                   "/openapi.json) and the pages of the web interface; prints the URL. "
                                   "Example: detente serve --db corpus.duckdb --port 8080")
    p.add_argument("--db", required=True, help="DuckDB database file")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=0, help="port (default 0: a free port)")
    p.add_argument("--timeout", type=float, default=default("query_timeout"),
                   help=f"seconds a query may run before it is stopped (default {default('query_timeout'):g})")

    p = sub.add_parser("demo", help="code the bundled sample articles and print events and a dyad summary",
                       description="Example: detente demo")
    p.add_argument("--format", choices=FORMATS, default="table")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except DetenteError as err:
        print(error_message(err), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def error_message(err: DetenteError) -> str:
    """`detente: error: <message>`, naming the flag of the setting the error is about (as argparse does)."""
    flag = FLAGS.get(err.setting or "")
    return f"detente: error: {f'argument {flag}: ' if flag else ''}{err}"


def _check_date(value: str | None) -> None:
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise BadValue(f"{value!r} is not a date (YYYY-MM-DD)", setting="date") from None


def _report_skip(skip, skipped_out) -> None:
    print(f"detente: {skip.message()}", file=sys.stderr)
    if skipped_out is not None:
        skipped_out.write(json.dumps(skip.to_dict(), ensure_ascii=False) + "\n")


def cmd_code(args) -> int:
    from .engine import make_engine
    from .formats import EventWriter
    from .reader import read_inputs
    from .records import Skipped

    _check_date(args.date)
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
    from .coder import Coder
    from .evaluate import gold_documents, load_gold, render_report, score
    from .evaluate_news import (articles_beside, is_news_gold, load_gold_file, load_news_gold, render_news_report,
                                score_news)
    from .reader import read_inputs
    from .records import CodedDocument

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
    from .actor_dictionary import ActorDictionary

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
    from .cameo import cameo_table

    for info in cameo_table():
        if args.codes and not any(info.code.startswith(c) for c in args.codes):
            continue
        print(f"{info.code:<5} {info.goldstein:+5.1f}  q{info.quad_class}  {info.plover or '-':<10} {info.name}")
    return EXIT_OK


def cmd_demo(args) -> int:
    from .coder import Coder
    from .demo import sample_documents
    from .formats import EventWriter, dyad_summary
    from .records import CodedDocument

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
    from .coder import Coder
    from .reader import read_inputs
    from .records import Skipped

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


def cmd_ingest(args) -> int:
    from contextlib import closing

    from .console import IngestProgress
    from .engine import make_engine
    from .ingest import ingest
    from .reader import CsvColumns, read_inputs
    from .store import Store

    _check_date(args.date)
    columns = CsvColumns(args.id_column, args.text_column, args.date_column)
    docs = read_inputs(args.sources, date=args.date, csv_columns=columns)

    with Store(args.db, memory_limit=args.memory_limit) as store, IngestProgress(args.progress) as progress, \
            closing(make_engine(_coder_options(args), args.workers, args.engine, args.scheduler)) as engine:
        report = ingest(docs, store, engine, batch_size=max(args.batch, 1),
                        command=" ".join(["detente", "ingest", *sys.argv[2:]]), progress=progress.update,
                        window_days=args.window)
        counts = store.counts()
    print(f"detente ingest: run {report.run_id}: read {report.read}, stored {report.stored}, "
          f"already stored {report.already_stored}, errors {report.errors}; the store holds "
          f"{counts['documents']} documents, {counts['events']} events in {report.clusters} clusters, "
          f"{counts['errors']} errors", file=sys.stderr)
    return EXIT_SKIPPED if report.errors else EXIT_OK


def cmd_watch(args) -> int:
    import time
    from contextlib import closing

    from .engine import make_engine
    from .feeds import parse_interval, poll
    from .store import Store

    every = parse_interval(args.every)

    def log(message: str) -> None:
        print(f"detente watch: {message}", file=sys.stderr, flush=True)

    with closing(make_engine(_coder_options(args))) as engine:  # one coder for every poll, built on first use
        while True:
            with Store(args.db, memory_limit=INGEST_MEMORY_LIMIT) as store:
                counts = poll(args.feeds, store, engine, timeout=args.timeout, retries=args.retries, log=log)
            log(f"{counts['feeds']} feed(s) read, {counts['feeds_failed']} failed; {counts['new']} new article(s), "
                f"{counts['failed']} could not be fetched")
            if args.once:
                return EXIT_OK
            time.sleep(every)


def cmd_dyad(args) -> int:
    from .analytics import dyad_series
    from .store import Store

    with Store(args.db, read_only=True) as store:
        rows = dyad_series(store, args.a, args.b, args.by, args.mentions)
    unit = "mentions" if args.mentions else "event clusters"
    if args.plot:
        from .plots import dyad_chart

        print(f"detente dyad: chart written to {dyad_chart(rows, args.a, args.b, args.plot, unit)}", file=sys.stderr)
    header = ["period", "source", "target", "events", "q1", "q2", "q3", "q4", "gs_sum", "gs_mean", "top_codes"]
    if args.csv:
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r.period, r.source, r.target, r.count, r.q1, r.q2, r.q3, r.q4, r.goldstein_sum,
                        r.goldstein_mean, r.top_codes])
        return EXIT_OK
    print(f"{'period':<12}{'source':<8}{'target':<8}{'events':>7}{'q1':>4}{'q2':>4}{'q3':>4}{'q4':>4}"
          f"{'gs sum':>9}{'gs mean':>9}  top codes")
    for r in rows:
        print(f"{r.period:<12}{r.source:<8}{r.target:<8}{r.count:>7}{r.q1:>4}{r.q2:>4}{r.q3:>4}{r.q4:>4}"
              f"{r.goldstein_sum:>9.1f}{r.goldstein_mean:>9.2f}  {r.top_codes}")
    print(f"detente dyad: {sum(r.count for r in rows)} {unit} between {args.a} and {args.b}", file=sys.stderr)
    return EXIT_OK


def cmd_actor(args) -> int:
    from .analytics import actor_profile
    from .store import Store

    with Store(args.db, read_only=True) as store:
        profile = actor_profile(store, args.actor, args.by, mentions=args.mentions)
    if args.plot:
        from .plots import actor_chart

        print(f"detente actor: chart written to {actor_chart(profile, args.plot)}", file=sys.stderr)
    if args.json:
        print(json.dumps(profile, ensure_ascii=False, default=str))
        return EXIT_OK
    if args.csv:
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["table", "key", "events", "cooperation", "conflict", "goldstein", "top_code"])
        for c in profile["counterparts"]:
            w.writerow(["counterpart", c["counterpart"], c["events"], c["cooperation"], c["conflict"],
                        c["goldstein_mean"], ""])
        for p in profile["periods"]:
            w.writerow(["period", p["period"], p["events"], p["cooperation"], p["conflict"], p["goldstein_sum"],
                        p["top_code"]])
        return EXIT_OK
    print(f"{'counterpart':<14}{'events':>7}{'coop':>6}{'conflict':>9}{'gs mean':>9}")
    for c in profile["counterparts"]:
        print(f"{c['counterpart'] or '-':<14}{c['events']:>7}{c['cooperation']:>6}{c['conflict']:>9}"
              f"{c['goldstein_mean'] or 0:>9.2f}")
    print()
    print(f"{'period':<12}{'events':>7}{'coop':>6}{'conflict':>9}{'gs sum':>8}  top code")
    for p in profile["periods"]:
        print(f"{p['period'] or 'undated':<12}{p['events']:>7}{p['cooperation']:>6}{p['conflict']:>9}"
              f"{p['goldstein_sum'] or 0:>8.1f}  {p['top_code']}")
    return EXIT_OK


def cmd_flags(args) -> int:
    from .analytics import flags
    from .store import Store

    with Store(args.db, read_only=True) as store:
        found = flags(store, args.window, min_events=max(args.min_events, 1), limit=max(args.limit, 1),
                      mentions=args.mentions)
    if args.plot:
        from .plots import flags_chart

        print(f"detente flags: chart written to {flags_chart(found, args.plot)}", file=sys.stderr)
    if args.csv:
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        keys = ["doc_id", "date", "source", "cameo", "target", "quad_class", "goldstein", "trigger", "sentence"]
        w.writerow(["kind", "actor", "summary", *keys])
        for f in found:
            for e in f.evidence:
                w.writerow([f.kind, f.actor, f.summary, *[e[k] for k in keys]])
        print(f"detente flags: {len(found)} flag(s)", file=sys.stderr)
        return EXIT_OK
    for f in found:
        if args.json:
            print(json.dumps({"kind": f.kind, "actor": f.actor, "counterparts": f.counterparts, "score": f.score,
                              "counts": f.counts, "summary": f.summary, "evidence": f.evidence},
                             ensure_ascii=False, default=str))
            continue
        print(f"[{f.kind}] {f.summary}")
        for e in f.evidence:
            print(f"    {e['date'] or '-'}  {e['source'] or '-'} {e['cameo']} {e['target'] or '-'}  "
                  f"{e['doc_id']}: {' '.join(str(e['sentence']).split())[:110]}")
    more = " (the strongest; see --limit)" if len(found) == args.limit else ""
    print(f"detente flags: {len(found)} flag(s){more}", file=sys.stderr)
    return EXIT_OK


def cmd_export(args) -> int:
    from .store import Store

    with Store(args.db, read_only=True) as store:
        out = store.export(args.out, args.format)
        n = store.counts()["events"]
    print(f"detente export: {n} events to {out} ({args.format})", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args) -> int:
    import socket

    import uvicorn

    from .web.app import create_app

    if not 0 <= args.port <= 65535:
        raise BadValue(f"{args.port} is not a port (0 to 65535)", setting="port")
    app = create_app(args.db, query_timeout=args.timeout)
    try:
        family = socket.getaddrinfo(args.host, args.port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
    except OSError as err:
        app.state.db.close()
        print(f"detente: error: cannot listen on {args.host}:{args.port}: {err}", file=sys.stderr)
        return EXIT_ERROR
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"detente serve: {args.db} (read-only) at http://{host}:{port}/", file=sys.stderr, flush=True)
    try:
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
    finally:
        sock.close()
        app.state.db.close()
    return EXIT_OK


COMMANDS = {"code": cmd_code, "eval": cmd_eval, "actors": cmd_actors, "codes": cmd_codes, "demo": cmd_demo,
            "quotes": cmd_quotes, "ingest": cmd_ingest, "export": cmd_export, "dyad": cmd_dyad,
            "flags": cmd_flags, "actor": cmd_actor, "watch": cmd_watch, "serve": cmd_serve}


if __name__ == "__main__":
    sys.exit(main())
