"""The command line's arguments: every command, its options and their help (with an example each)."""
from __future__ import annotations

import argparse

from .. import __version__
from ..formats import FORMATS
from ..records import UNKNOWN_NAME_KINDS
from ..settings import PERIODS, default

INGEST_MEMORY_LIMIT = default("memory_limit")  # the store's (store.INGEST_MEMORY_LIMIT), without importing the store

EPILOG = """exit status: 0 all documents coded; 3 some documents skipped (each reported on stderr
and in --skipped FILE); 1 error; 2 usage error."""


DEFAULT_MAX_CHARS = default("max_chars")  # the Coder's default, read without importing the coder (and spaCy)


def _add_coder_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actors", action="append", metavar="FILE",
                   help="extra actor dictionary (YAML), layered over the built-ins; repeatable")
    p.add_argument("--lexicon", action="append", metavar="FILE",
                   help="extra verb/noun lexicon (YAML), layered over the built-ins; repeatable")
    p.add_argument("--model", default=None, help="spaCy pipeline package (default: en_core_web_sm)")
    p.add_argument("--full-pipeline", action="store_true",
                   help="parse with every component of the model, its named-entity recognizer too (slower; "
                        "by default detente finds dates, places and people by its own rules)")
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

    p = sub.add_parser("actors", help="show how a name codes on a date; with --unknown, the names of a store that "
                                      "resolved to no actor",
                       description="Looks names up in the dictionaries, or, with --unknown --db STORE, lists the most "
                                   "frequent proper names of a store's documents that resolved to no actor, with "
                                   "their numbers of mentions and documents and an example sentence, to extend the "
                                   "dictionaries with. Example: detente actors Lavrov --date 2024-09-06; "
                                   "detente actors --unknown --db corpus.duckdb --min-count 3")
    p.add_argument("names", nargs="*", help="names, places or agent nouns to look up")
    p.add_argument("--date", help="date (YYYY-MM-DD); default today")
    p.add_argument("--actors", action="append", metavar="FILE", help="extra actor dictionary (YAML)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--unknown", action="store_true", help="list the names of a store (--db) that resolved to no actor")
    p.add_argument("--db", help="with --unknown: DuckDB database file")
    p.add_argument("--limit", type=int, default=default("unknown_limit"),
                   help=f"with --unknown: names shown (default {default('unknown_limit')})")
    p.add_argument("--min-count", type=int, default=1, help="with --unknown: mentions a name needs (default 1)")
    p.add_argument("--kind", choices=UNKNOWN_NAME_KINDS, help="with --unknown: names of this kind only")
    p.add_argument("--sort", choices=("mentions", "documents"), default="mentions",
                   help="with --unknown: the most mentioned names first, or those in most documents (default mentions)")
    p.add_argument("--csv", action="store_true", help="with --unknown: print CSV")

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

    p = sub.add_parser("serve", help="serve a store over HTTP (a JSON API and web pages); with --watch, ingest feeds "
                                     "into it at the same time",
                       description="Serves the API under /api (description at /openapi.json) and the pages of the "
                                   "web interface; prints the URL. The store is opened read-only (several servers "
                                   "may share it) unless --watch is given: then this process owns the store, polls "
                                   "the feeds and ingests new articles while it answers requests (one process "
                                   "writes a store; see README, 'One store, several users'). "
                                   "Example: detente serve --db corpus.duckdb --port 8080 --watch "
                                   "https://example.org/rss.xml --every 15m")
    p.add_argument("--db", required=True, help="DuckDB database file (with --watch, created if missing)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=0, help="port (default 0: a free port)")
    p.add_argument("--timeout", type=float, default=default("query_timeout"),
                   help=f"seconds a query may run before it is stopped (default {default('query_timeout'):g})")
    p.add_argument("--code-timeout", type=float, default=default("code_timeout"),
                   help=f"seconds POST /api/code may code a text before it answers 503 "
                        f"(default {default('code_timeout'):g})")
    p.add_argument("--code-workers", type=int, default=default("code_workers"),
                   help=f"texts POST /api/code codes at once (default {default('code_workers')})")
    p.add_argument("--watch", nargs="+", metavar="FEED_URL", help="RSS/Atom feeds to poll and ingest while serving")
    p.add_argument("--every", default=default("poll_every"),
                   help=f"with --watch: poll interval: 30s, 15m, 2h (default {default('poll_every')})")
    p.add_argument("--fetch-timeout", type=float, default=default("fetch_timeout"),
                   help=f"with --watch: seconds per request (default {default('fetch_timeout'):g})")
    p.add_argument("--retries", type=int, default=default("fetch_retries"),
                   help=f"with --watch: attempts per request, with backoff (default {default('fetch_retries')})")
    p.add_argument("--memory-limit", default=INGEST_MEMORY_LIMIT,
                   help=f"with --watch: memory for the database; the rest goes to disk (default {INGEST_MEMORY_LIMIT})")
    _add_coder_args(p)

    p = sub.add_parser("demo", help="code the bundled sample articles and print events and a dyad summary",
                       description="Example: detente demo")
    p.add_argument("--format", choices=FORMATS, default="table")
    return parser
