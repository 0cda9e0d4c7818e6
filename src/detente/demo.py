"""The bundled sample articles used by `detente demo` (written for detente; not news text)."""
from __future__ import annotations

from importlib import resources
from typing import Iterator

from .reader import read_jsonl_lines
from .records import Document, Skipped


def sample_documents() -> Iterator[Document | Skipped]:
    data = resources.files("detente").joinpath("data/samples/articles.jsonl").read_bytes()
    yield from read_jsonl_lines(data.splitlines(), "detente/data/samples/articles.jsonl")
