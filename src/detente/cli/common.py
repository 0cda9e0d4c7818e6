"""What several commands share: the coder's options from the arguments, the date check, skip reports."""
from __future__ import annotations

import datetime as dt
import json
import sys

from ..errors import BadValue


def _coder_options(args):
    from ..coder import CoderOptions

    return CoderOptions(model=args.model, actor_files=tuple(args.actors or ()),
                        lexicon_files=tuple(args.lexicon or ()), max_chars=args.max_chars,
                        full_pipeline=getattr(args, "full_pipeline", False))


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


def _check_outputs(args, *names: str) -> None:
    """The output paths given in these arguments (settings of the same name), checked before any work."""
    from ..outputs import output_path

    for name in names:
        if getattr(args, name, None):
            output_path(getattr(args, name), name)
