"""Coding with several worker processes, each with its own Coder; results come back in input order."""
from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from .coder import CoderOptions, process_coder
from .records import CodedDocument, Document, Skipped


def _code_chunk(chunk: list[Document | Skipped], options: CoderOptions) -> list[CodedDocument | Skipped]:
    return list(process_coder(options).code_documents(chunk))


def code_parallel(docs: Iterable[Document | Skipped], options: CoderOptions, workers: int,
                  chunk_size: int = 16) -> Iterator[CodedDocument | Skipped]:
    """Like Coder.code_documents, spread over `workers` processes with a bounded number of chunks in flight."""
    it = iter(docs)
    with ProcessPoolExecutor(max_workers=workers, initializer=process_coder, initargs=(options,)) as pool:
        inflight: deque = deque()
        while True:
            while len(inflight) < 2 * workers:
                chunk = list(islice(it, chunk_size))
                if not chunk:
                    break
                inflight.append(pool.submit(_code_chunk, chunk, options))
            if not inflight:
                return
            yield from inflight.popleft().result()
