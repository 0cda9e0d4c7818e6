"""Command line: parses arguments, calls the library, prints. The only package that prints or exits:
parser.py defines the arguments, coding.py, corpus.py and analysis.py the commands.

Errors are mapped in one place, `main`: a `DetenteError` is printed as `detente: error: <message>` on
stderr and the command exits with the error's `exit_code` (2 for a bad value given by the user, 1 for
other failures). An error about a setting names the setting's flag (`FLAGS`). What escapes a command
without being a DetenteError is mapped there too (`known_error`): a DuckDB error is the store's
(locked, damaged, not writable: `store.failures`), an OSError a file that cannot be read or written, a
MemoryError says so; anything else is a bug and keeps its traceback."""
from __future__ import annotations

import sys

from ..errors import DetenteError
from .analysis import cmd_actor, cmd_dyad, cmd_flags
from .coding import cmd_actors, cmd_code, cmd_codes, cmd_demo, cmd_eval, cmd_quotes
from .corpus import cmd_export, cmd_ingest, cmd_serve, cmd_watch
from .exits import EXIT_ERROR, EXIT_OK, EXIT_SKIPPED, EXIT_USAGE
from .parser import build_parser

__all__ = ["COMMANDS", "EXIT_ERROR", "EXIT_OK", "EXIT_SKIPPED", "EXIT_USAGE", "FLAGS", "build_parser", "main"]

# The flag of each library setting an error can name (`DetenteError.setting`).
FLAGS = {"by": "--by", "date": "--date", "engine": "--engine", "events": "--events", "format": "--format",
         "interval": "--every", "out": "--out", "output": "-o/--output", "plot": "--plot", "port": "--port",
         "skipped": "--skipped", "window_days": "--window"}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as err:  # noqa: BLE001 - mapped below; a bug is raised again with its traceback
        known = known_error(err, getattr(args, "db", None))
        if known is None:
            raise
        message, exit_code = known
        print(message, file=sys.stderr)
        return exit_code


def known_error(err: Exception, db: str | None) -> tuple[str, int] | None:
    """The message and exit status of an error that ended a command, or None for a bug. `db` is the store
    the command was given, if any (a DuckDB error is about it)."""
    if isinstance(err, DetenteError):
        return error_message(err), err.exit_code
    from ..store.failures import is_duckdb_error, store_failure

    if is_duckdb_error(err) or (isinstance(err, OSError) and db and _names(err, db)):
        failure = store_failure(err, db)
        if failure is not None:
            return error_message(failure), failure.exit_code
    if isinstance(err, MemoryError):
        return "detente: error: out of memory: code fewer or shorter documents at a time", EXIT_ERROR
    if isinstance(err, OSError):
        where = f"{err.filename}: " if err.filename else ""
        return f"detente: error: {where}{err.strerror or err}", EXIT_ERROR
    return None


def _names(err: OSError, path: str) -> bool:
    """Whether an OSError is about the file at `path` (or its .wal beside it)."""
    return bool(err.filename) and str(err.filename).startswith(str(path))


def error_message(err: DetenteError) -> str:
    """`detente: error: <message>`, naming the flag of the setting the error is about (as argparse does)."""
    flag = FLAGS.get(err.setting or "")
    return f"detente: error: {f'argument {flag}: ' if flag else ''}{err}"


COMMANDS = {"code": cmd_code, "eval": cmd_eval, "actors": cmd_actors, "codes": cmd_codes, "demo": cmd_demo,
            "quotes": cmd_quotes, "ingest": cmd_ingest, "export": cmd_export, "dyad": cmd_dyad,
            "flags": cmd_flags, "actor": cmd_actor, "watch": cmd_watch, "serve": cmd_serve}
