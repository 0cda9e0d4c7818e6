"""One error hierarchy for the library, the CLI and the web.

Every error detente raises on purpose is a `DetenteError`. Each class carries:

- `code`: a stable snake_case name (the web sends it in the `X-Error-Code` header);
- `exit_code`: what the CLI exits with: 2 for a bad value given by the user (a usage error), 1 otherwise;
- `status`: the HTTP status the web answers with.

A message says what is wrong and how to fix it, in the library's words: it never names a command-line
flag or an HTTP parameter. An error about one value the user gave names that value's setting in
`setting` (its library name: "by", "date", "interval", "window_days" ...); the CLI renders the setting as
its flag and the web as its parameter, each in its one mapping place (`cli.main`, the web app's error
handler). README.md ("Errors") has the table of classes; a test keeps it complete.

`BadValue`, `NotAvailable` and `InputError` are also `ValueError`s: they replace ValueErrors that callers
of the library may catch.

Kept outside this hierarchy on purpose: programming errors (a wrong argument from code, a broken
constant, a stage order that cannot work) stay `ValueError`, `TypeError` or `AssertionError`, and
`pipeline.PipelineOrderError`; see `ALLOWED_BARE_ERRORS` in tests/test_errors.py for the list and why.
"""
from __future__ import annotations

EXIT_ERROR, EXIT_USAGE = 1, 2


class DetenteError(Exception):
    """Base class of every error detente raises on purpose."""

    code = "error"
    exit_code = EXIT_ERROR
    status = 500

    def __init__(self, message: str = "", *, setting: str | None = None):
        self.setting = setting  # the library name of the setting whose value is wrong, if one is
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self)


# ---- values given by the user: usage errors (exit 2, HTTP 4xx) ------------------------------------
class BadValue(DetenteError, ValueError):
    """A value given by the user is not one detente takes: a date, a period, a format, an interval, an
    engine name, a window. `setting` names the setting. Also a ValueError, as it was before."""

    code = "bad_value"
    exit_code = EXIT_USAGE
    status = 400


class BadParameter(BadValue):
    """A request parameter is missing or malformed; the message names it and says what is expected."""

    code = "bad_parameter"

    def __init__(self, name: str, problem: str):
        self.name, self.problem = name, problem
        super().__init__(f"bad parameter {name}: {problem}", setting=name)


class BodyTooLarge(DetenteError):
    """A request body is larger than the server takes."""

    code = "body_too_large"
    exit_code = EXIT_USAGE
    status = 413


class OutputError(BadValue):
    """An output path given by the user cannot be written: its folder is missing or not writable, or it is a
    folder where a file is expected. `setting` names the option that gave the path."""

    code = "bad_output"


class UnsupportedMediaType(DetenteError):
    """A request body is not in the media type the server reads (JSON)."""

    code = "unsupported_media_type"
    exit_code = EXIT_USAGE
    status = 415


# ---- what is asked for is not there (yet) ----------------------------------------------------------
class NotFound(DetenteError):
    """The thing asked for is not in the store (or not installed)."""

    code = "not_found"
    status = 404


class NotAvailable(DetenteError, ValueError):
    """The store cannot answer this yet (for example: no event clusters built). Also a ValueError, as it
    was before."""

    code = "not_available"
    status = 409


# ---- inputs: documents, feeds, gold files --------------------------------------------------------
class InputError(DetenteError, ValueError):
    """An input (file, line, document, posted text) cannot be read or coded. Also a ValueError, as a
    malformed feed was before (and as json.JSONDecodeError is)."""

    code = "bad_input"
    status = 422


class BadFeed(InputError):
    """A fetched feed is not RSS or Atom (or not XML); the watcher logs it and tries again next poll."""

    code = "bad_feed"
    status = 502


class FetchError(DetenteError):
    """A URL could not be fetched (after the retries); the message gives the reason."""

    code = "fetch_failed"
    status = 502


# ---- detente's own data and model ----------------------------------------------------------------
class DataFileError(DetenteError):
    """A dictionary or lexicon file is malformed. The message names the file and the entry."""

    code = "data_file"
    status = 500

    def __init__(self, path: str, where: str, problem: str):
        self.path, self.where, self.problem = path, where, problem
        super().__init__(f"{path}: {where}: {problem}")


class ModelNotFound(DetenteError):
    """No installed spaCy English pipeline could be loaded."""

    code = "model_not_found"
    status = 503


# ---- the store -----------------------------------------------------------------------------------
class StoreError(DetenteError):
    """The database file cannot be used as a store."""

    code = "store_error"
    status = 500


class StoreMissing(StoreError):
    """There is no database at the path given for reading."""

    code = "store_missing"
    status = 503


class StoreOpenError(StoreError):
    """The database cannot be opened (locked by another process, not a DuckDB file, a bad memory limit)."""

    code = "store_open"
    status = 503


class StoreLocked(StoreOpenError):
    """Another process holds the database file (DuckDB lets one process write a store, or several read it
    when none writes). The message names the process and what to do. Exit 2, as for a usage error: the
    command was run while another owns the store; HTTP 503: try again when it is free."""

    code = "store_locked"
    exit_code = EXIT_USAGE
    status = 503


class StoreCorrupt(StoreError):
    """The file is not a DuckDB database (empty, truncated, another kind of file) or it is damaged."""

    code = "store_corrupt"
    status = 500


class StoreNotWritable(StoreError):
    """The database (or the folder it is in) cannot be written: no permission, a read-only file system, a
    full disk."""

    code = "store_not_writable"
    status = 500


class StoreSchema(StoreError):
    """The database is not a detente store, or one written by another version of detente."""

    code = "store_schema"
    status = 500


class QueryTimeout(DetenteError):
    """A query ran longer than the time limit and was stopped."""

    code = "query_timeout"
    status = 503


class CodingTimeout(DetenteError):
    """Coding a posted text took longer than the time limit; the answer is given up (503)."""

    code = "coding_timeout"
    status = 503


class Busy(DetenteError):
    """The server is coding as many texts as it takes at once; the request is refused at once (503)."""

    code = "busy"
    status = 503


class InternalError(DetenteError):
    """An unexpected error (a bug): the web answers it in the one error shape and logs the traceback."""

    code = "internal_error"
    status = 500


def error_classes() -> list[type[DetenteError]]:
    """DetenteError and all its subclasses, base classes first."""
    out: list[type[DetenteError]] = []
    todo: list[type[DetenteError]] = [DetenteError]
    while todo:
        cls = todo.pop(0)
        if cls not in out:
            out.append(cls)
            todo.extend(cls.__subclasses__())
    return out
