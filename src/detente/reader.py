"""Reading documents from .txt, .jsonl and .json files, folders and standard input.

Every problem becomes a `Skipped` record naming the document (or file and line) and the reason,
so a batch goes on and nothing vanishes.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .records import Document, Skipped

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
FIELDS = ("id", "text", "date", "title", "url", "source")


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text of a byte string, or (None, reason)."""
    if b"\x00" in data[:8192]:
        return None, "binary file (contains NUL bytes), not text"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return None, f"invalid UTF-8 at byte {err.start}: {err.reason}"
    return text, None


def _document(obj: object, default_id: str, origin: str, date: str | None) -> Document | Skipped:
    if not isinstance(obj, dict):
        return Skipped(default_id, origin, f"expected a JSON object, got {type(obj).__name__}")
    doc_id = obj.get("id", obj.get("doc_id"))
    doc_id = str(doc_id) if doc_id not in (None, "") else default_id
    text = obj.get("text")
    if text is None:
        return Skipped(doc_id, origin, "no 'text' field")
    if not isinstance(text, str):
        return Skipped(doc_id, origin, f"'text' is a {type(text).__name__}, not a string")
    meta = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in ("date", "title", "url", "source")}
    return Document(id=doc_id, text=text, date=meta["date"] or date, title=meta["title"], url=meta["url"],
                    source=meta["source"], origin=origin)


def read_jsonl_lines(lines: Iterable[bytes], name: str, date: str | None = None) -> Iterator[Document | Skipped]:
    stem = Path(name).stem
    for lineno, raw in enumerate(lines, 1):
        origin = f"{name}:{lineno}"
        text, why = decode(raw)
        if text is None:
            yield Skipped(f"{stem}-{lineno}", origin, why or "unreadable line")
            continue
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as err:
            yield Skipped(f"{stem}-{lineno}", origin, f"malformed JSON line: {err.msg} at column {err.colno}")
            continue
        yield _document(obj, f"{stem}-{lineno}", origin, date)


def read_json_file(data: bytes, name: str, date: str | None = None) -> Iterator[Document | Skipped]:
    """A JSON list of documents (e.g. PLOVER gold-standard records) or one document object."""
    text, why = decode(data)
    stem = Path(name).stem
    if text is None:
        yield Skipped(stem, name, why or "unreadable file")
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        yield Skipped(stem, name, f"malformed JSON: {err.msg} at line {err.lineno}")
        return
    items = obj if isinstance(obj, list) else [obj]
    for i, item in enumerate(items, 1):
        if isinstance(item, dict) and item.get("event") == "DOCUMENT" and "text" not in item:
            continue  # a PLOVER GSR documentation record, not a document
        yield _document(item, f"{stem}-{i}", f"{name}[{i}]", date)


def read_path(path: Path, date: str | None = None, doc_id: str | None = None) -> Iterator[Document | Skipped]:
    name = str(path)
    if not path.exists():
        yield Skipped(doc_id or path.stem or name, name, "file not found")
        return
    if path.is_dir():
        found = False
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES:
                found = True
                yield from read_path(child, date)
        if not found:
            yield Skipped(path.name, name, "folder holds no .txt, .jsonl or .json files")
        return
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from read_jsonl_lines(fh, name, date)
            return
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(doc_id or path.stem, name, f"cannot read file: {err.strerror or err}")
        return
    if suffix in JSON_SUFFIXES:
        yield from read_json_file(data, name, date)
        return
    text, why = decode(data)
    if text is None:
        yield Skipped(doc_id or path.stem, name, why or "unreadable file")
        return
    yield Document(id=doc_id or path.stem, text=text, date=date, origin=name)


def read_stream(stream: BinaryIO, date: str | None = None, doc_id: str | None = None,
                name: str = "<stdin>") -> Iterator[Document | Skipped]:
    """Standard input: JSON lines when the first non-blank line is a JSON object, else one text."""
    data = stream.read()
    head = data.lstrip()[:1]
    if head == b"{":
        yield from read_jsonl_lines(data.splitlines(), name, date)
        return
    text, why = decode(data)
    if text is None:
        yield Skipped(doc_id or "stdin", name, why or "unreadable input")
        return
    yield Document(id=doc_id or "stdin", text=text, date=date, origin=name)


def read_inputs(paths: Iterable[str], stdin: BinaryIO | None = None, date: str | None = None,
                doc_id: str | None = None) -> Iterator[Document | Skipped]:
    for p in paths:
        if p == "-":
            if stdin is not None:
                yield from read_stream(stdin, date, doc_id)
            continue
        yield from read_path(Path(p), date, doc_id)
