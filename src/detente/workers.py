"""Coding with several worker processes, each with its own Coder; results come back in input order."""
from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from .coder import Coder, CoderOptions
from .records import CodedDocument, Document, Skipped

_worker_coder: Coder | None = None


def _init(options: CoderOptions) -> None:
    global _worker_coder  # one Coder per worker process, built once
    _worker_coder = Coder(options)


def _code_chunk(chunk: list[Document | Skipped]) -> list[CodedDocument | Skipped]:
    assert _worker_coder is not None
    return list(_worker_coder.code_documents(chunk))


def code_parallel(docs: Iterable[Document | Skipped], options: CoderOptions, workers: int,
                  chunk_size: int = 16) -> Iterator[CodedDocument | Skipped]:
    """Like Coder.code_documents, spread over `workers` processes with a bounded number of chunks in flight."""
    it = iter(docs)
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(options,)) as pool:
        inflight: deque = deque()
        while True:
            while len(inflight) < 2 * workers:
                chunk = list(islice(it, chunk_size))
                if not chunk:
                    break
                inflight.append(pool.submit(_code_chunk, chunk))
            if not inflight:
                return
            yield from inflight.popleft().result()
