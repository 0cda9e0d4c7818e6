"""Reading documents from .txt, .html, .jsonl, .json and .csv files (gzipped too), folders and standard input.

Every problem becomes a `Skipped` record naming the document (or file and line) and the reason,
so a batch goes on and nothing vanishes.
"""
from __future__ import annotations

import csv
import glob
import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .records import Document, Skipped

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
CSV_SUFFIXES = {".csv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES
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


@dataclass(frozen=True)
class CsvColumns:
    id: str = "id"
    text: str = "text"
    date: str = "date"


def _suffix(path: Path) -> tuple[str, bool]:
    """The file's kind by suffix, looking through ".gz"."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def _stem(path: Path) -> str:
    name = path.name
    for _ in range(2):
        if "." in name:
            name = name.rsplit(".", 1)[0]
    return name or path.name


def read_csv_bytes(data: bytes, name: str, date: str | None, columns: CsvColumns) -> Iterator[Document | Skipped]:
    text, why = decode(data)
    stem = _stem(Path(name))
    if text is None:
        yield Skipped(stem, name, why or "unreadable file")
        return
    try:
        rows = csv.DictReader(io.StringIO(text))
        if rows.fieldnames is None or columns.text not in rows.fieldnames:
            yield Skipped(stem, name, f"no {columns.text!r} column (columns: {', '.join(rows.fieldnames or [])})")
            return
        for lineno, row in enumerate(rows, 2):
            obj = {"id": row.get(columns.id), "text": row.get(columns.text), "date": row.get(columns.date),
                   "title": row.get("title"), "url": row.get("url"), "source": row.get("source")}
            yield _document(obj, f"{stem}-{lineno}", f"{name}:{lineno}", date)
    except csv.Error as err:
        yield Skipped(stem, name, f"malformed CSV: {err}")


def read_path(path: Path, date: str | None = None, doc_id: str | None = None,
              csv_columns: CsvColumns = CsvColumns()) -> Iterator[Document | Skipped]:
    name = str(path)
    if not path.exists():
        yield Skipped(doc_id or _stem(path) or name, name, "file not found")
        return
    if path.is_dir():
        found = False
        for child in sorted(path.rglob("*")):
            if child.is_file() and _suffix(child)[0] in KNOWN_SUFFIXES:
                found = True
                yield from read_path(child, date, csv_columns=csv_columns)
        if not found:
            yield Skipped(path.name, name,
                          "folder holds no .txt, .html, .jsonl, .json or .csv files (or .gz of them)")
        return
    suffix, gzipped = _suffix(path)
    if suffix in JSONL_SUFFIXES:  # streamed line by line: a large corpus file is never held whole
        try:
            with (gzip.open(path, "rb") if gzipped else path.open("rb")) as fh:
                yield from read_jsonl_lines(fh, name, date)
        except (OSError, EOFError) as err:
            yield Skipped(_stem(path), name, f"cannot read file: {getattr(err, 'strerror', None) or err}")
        return
    try:
        data = gzip.decompress(path.read_bytes()) if gzipped else path.read_bytes()
    except OSError as err:  # includes gzip.BadGzipFile
        yield Skipped(doc_id or _stem(path), name, f"cannot read file: {getattr(err, 'strerror', None) or err}")
        return
    except EOFError:
        yield Skipped(doc_id or _stem(path), name, "cannot read file: truncated gzip data")
        return
    if suffix in JSON_SUFFIXES:
        yield from read_json_file(data, name, date)
        return
    if suffix in CSV_SUFFIXES:
        yield from read_csv_bytes(data, name, date, csv_columns)
        return
    text, why = decode(data)
    if text is None:
        yield Skipped(doc_id or _stem(path), name, why or "unreadable file")
        return
    if suffix in HTML_SUFFIXES:
        yield read_html(text, doc_id or _stem(path), name, date)
        return
    yield Document(id=doc_id or _stem(path), text=text, date=date, origin=name)


def read_html(html: str, doc_id: str, origin: str, date: str | None = None) -> Document | Skipped:
    """An HTML page's article text, title and date (the page's own date first, then `date`)."""
    from .html_text import extract_article

    try:
        article = extract_article(html)
    except Exception as err:  # a parser failure on one page must not end the batch
        return Skipped(doc_id, origin, f"cannot extract article text from HTML: {type(err).__name__}: {err}")
    if article is None:
        return Skipped(doc_id, origin, "HTML page holds no article text")
    return Document(id=doc_id, text=article.text, date=article.date or date, title=article.title,
                    url=article.url, origin=origin)


def read_stream(stream: BinaryIO, date: str | None = None, doc_id: str | None = None,
                name: str = "<stdin>") -> Iterator[Document | Skipped]:
    """Standard input: JSON lines when the first non-blank line is a JSON object, else one text."""
    try:
        data = stream.read()
    except OSError as err:  # a closed or unreadable descriptor
        yield Skipped(doc_id or "stdin", name, f"standard input cannot be read: {err.strerror or err}")
        return
    if not data:
        yield Skipped(doc_id or "stdin", name, "standard input is empty: nothing was piped in")
        return
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
                doc_id: str | None = None, csv_columns: CsvColumns = CsvColumns()) -> Iterator[Document | Skipped]:
    """Documents from paths, folders and globs ("corpus/*.jsonl.gz"); "-" is standard input."""
    for p in paths:
        if p == "-":
            if stdin is None:
                yield Skipped(doc_id or "stdin", "<stdin>", "standard input is closed: nothing to read")
            else:
                yield from read_stream(stdin, date, doc_id)
            continue
        if any(ch in p for ch in "*?[") and not Path(p).exists():
            matched = sorted(glob.glob(p, recursive=True))
            if not matched:
                yield Skipped(p, p, "no file matches this pattern")
            for m in matched:
                yield from read_path(Path(m), date, csv_columns=csv_columns)
            continue
        yield from read_path(Path(p), date, doc_id, csv_columns)
