"""What DuckDB's errors mean for a store, in detente's error classes: a store held by another process, a
file that is not a DuckDB database or is damaged, a folder or file that cannot be written.

`store_failure(err, path)` turns a DuckDB error (or an OSError met while opening or writing a store) into
a `StoreError` with a message that names the file and says what to do, or gives None when the error is
none of these (a bug: the caller lets it through). It is used where the store is opened, by the web for
every query, and by the command line for an error that escapes a command.

DuckDB names the process that holds the lock ("Conflicting lock is held in /usr/bin/python3 (PID 4242)");
on Linux the message adds that process's command line, read from /proc.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import StoreCorrupt, StoreError, StoreLocked, StoreNotWritable

LOCK_RE = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")
CORRUPT_MARKS = ("not a valid DuckDB database file", "Corrupt database file", "Could not read enough bytes",
                 "checksum", "database has been invalidated", "FATAL Error", "Serialization Error",
                 "Trying to read a database file with version")
NOT_WRITABLE_MARKS = ("Permission denied", "Read-only file system", "No space left on device", "Disk quota")


def is_duckdb_error(err: BaseException) -> bool:
    """Whether `err` comes from DuckDB (checked without importing it)."""
    return type(err).__module__.split(".")[0] in ("duckdb", "_duckdb")


def lock_holder(message: str) -> str | None:
    """"process 4242 (detente serve --db corpus.duckdb)" from DuckDB's lock message, or None."""
    m = LOCK_RE.search(message)
    if not m:
        return None
    pid = m["pid"]
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        command = ""
    words = command.split()
    # "python3 /usr/bin/detente serve ..." reads better as "detente serve ..."
    for i, word in enumerate(words):
        if Path(word).name == "detente" or word == "detente":
            command = " ".join(["detente", *words[i + 1:]])
            break
    return f"process {pid} ({command or m['program']})"


def store_failure(err: BaseException, path: str | Path | None) -> StoreError | None:
    """The store error that `err` (raised by DuckDB, or an OSError) means for the store at `path`; None when
    it means none of them."""
    text = str(err)
    name = str(path) if path else "the store"
    if "Conflicting lock" in text or "Could not set lock" in text:
        holder = lock_holder(text) or "another process"
        return StoreLocked(f"{name} is in use by {holder}. DuckDB lets one process write a store (or several "
                           "read it while none writes): stop that process, or do this through it (a server "
                           "that watches feeds ingests them itself, and its API answers what the read commands "
                           "do), then try again")
    if any(mark in text for mark in NOT_WRITABLE_MARKS) or isinstance(err, PermissionError):
        return StoreNotWritable(f"cannot write {name}: {_reason(text)}. Give a store in a folder you can write "
                                "(DuckDB writes the database and its .wal file there)")
    if isinstance(err, OSError) and not is_duckdb_error(err):
        return None
    if "Extension" in text and ("sqlite" in text or "Install it first" in text):  # a database of another kind
        return StoreCorrupt(f"{name} is not a usable DuckDB database (another kind of database file: DuckDB would "
                            "need an extension to read it, and detente installs none). Give a store made by an ingest")
    if any(mark in text for mark in CORRUPT_MARKS):
        return StoreCorrupt(f"{name} is not a usable DuckDB database (empty, truncated, damaged or another kind of "
                            f"file): {_reason(text)}. Restore it from a copy, or ingest into a new file")
    return None


def _reason(text: str) -> str:
    """DuckDB's message without its category prefix ("IO Error: ...")."""
    text = text.strip().splitlines()[0] if text.strip() else "unknown reason"
    return re.sub(r"^[A-Za-z ]*(Error|Exception): ", "", text).rstrip(".!")
