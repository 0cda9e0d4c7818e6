"""Commands over a corpus store: ingest, watch, export, serve."""
from __future__ import annotations

import sys

from ..errors import BadValue
from .common import _check_date, _coder_options
from .exits import EXIT_ERROR, EXIT_OK, EXIT_SKIPPED

def cmd_ingest(args) -> int:
    from contextlib import closing

    from ..console import IngestProgress
    from ..engine import make_engine
    from ..ingest import ingest
    from ..reader import CsvColumns, read_inputs
    from ..store import Store

    _check_date(args.date)
    columns = CsvColumns(args.id_column, args.text_column, args.date_column)
    docs = read_inputs(args.sources, stdin=sys.stdin.buffer if sys.stdin else None, date=args.date,
                       csv_columns=columns)

    with Store(args.db, memory_limit=args.memory_limit) as store, IngestProgress(args.progress) as progress, \
            closing(make_engine(_coder_options(args), args.workers, args.engine, args.scheduler)) as engine:
        report = ingest(docs, store, engine, batch_size=max(args.batch, 1),
                        command=" ".join(["detente", "ingest", *sys.argv[2:]]), progress=progress.update,
                        window_days=args.window)
        counts = store.counts()
    print(f"detente ingest: run {report.run_id}: read {report.read}, stored {report.stored}, "
          f"already stored {report.already_stored}, {f'repeated in the input {report.repeated}, ' if report.repeated else ''}"
          f"errors {report.errors}; the store holds "
          f"{counts['documents']} documents, {counts['events']} events in {report.clusters} clusters, "
          f"{counts['errors']} errors", file=sys.stderr)
    return EXIT_SKIPPED if report.errors else EXIT_OK


def cmd_watch(args) -> int:
    from contextlib import closing

    from ..engine import make_engine
    from ..feeds import parse_interval
    from ..watcher import WatchSettings, watch_file

    settings = WatchSettings(tuple(args.feeds), every=parse_interval(args.every), fetch_timeout=args.timeout,
                             retries=args.retries)

    def log(message: str) -> None:
        print(f"detente watch: {message}", file=sys.stderr, flush=True)

    with closing(make_engine(_coder_options(args))) as engine:  # one coder for every poll, built on first use
        watch_file(args.db, settings, engine, once=args.once, report=log)
    return EXIT_OK


def cmd_export(args) -> int:
    from ..store import Store

    with Store(args.db, read_only=True) as store:
        out = store.export(args.out, args.format)
        n = store.counts()["events"]
    print(f"detente export: {n} events to {out} ({args.format})", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args) -> int:
    import logging
    import socket

    import uvicorn

    from ..web.app import create_app

    if not 0 <= args.port <= 65535:
        raise BadValue(f"{args.port} is not a port (0 to 65535)", setting="port")
    watch = None
    if args.watch:
        from ..feeds import parse_interval
        from ..watcher import WatchSettings

        watch = WatchSettings(tuple(args.watch), every=parse_interval(args.every), fetch_timeout=args.fetch_timeout,
                              retries=args.retries, memory_limit=args.memory_limit)

    def log(message: str) -> None:
        print(f"detente serve: watch: {message}", file=sys.stderr, flush=True)

    logging.basicConfig(format="detente serve: %(levelname)s %(name)s: %(message)s")  # tracebacks of bugs, server-side
    app = create_app(args.db, query_timeout=args.timeout, options=_coder_options(args), code_timeout=args.code_timeout,
                     code_workers=args.code_workers, watch=watch, report=log)
    try:
        family = socket.getaddrinfo(args.host, args.port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
        sock.listen(2048)  # connections wait in the backlog from now on: the URL printed below answers at once
    except OSError as err:
        app.state.db.close()
        print(f"detente: error: cannot listen on {args.host}:{args.port}: {err}", file=sys.stderr)
        return EXIT_ERROR
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if ":" in args.host else args.host
    mode = f"watching {len(args.watch)} feed(s) every {args.every}" if args.watch else "read-only"
    print(f"detente serve: {args.db} ({mode}) at http://{host}:{port}/", file=sys.stderr, flush=True)
    try:
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
    finally:
        sock.close()
        app.state.db.close()
    return EXIT_OK
