"""Command line: parses arguments, calls the library, prints. The only package that prints or exits:
parser.py defines the arguments, coding.py, corpus.py and analysis.py the commands.

Errors are mapped in one place, `main`: a `DetenteError` is printed as `detente: error: <message>` on
stderr and the command exits with the error's `exit_code` (2 for a bad value given by the user, 1 for
other failures). An error about a setting names the setting's flag (`FLAGS`)."""
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
FLAGS = {"by": "--by", "date": "--date", "engine": "--engine", "format": "--format", "interval": "--every",
         "port": "--port", "window_days": "--window"}


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


COMMANDS = {"code": cmd_code, "eval": cmd_eval, "actors": cmd_actors, "codes": cmd_codes, "demo": cmd_demo,
            "quotes": cmd_quotes, "ingest": cmd_ingest, "export": cmd_export, "dyad": cmd_dyad,
            "flags": cmd_flags, "actor": cmd_actor, "watch": cmd_watch, "serve": cmd_serve}
