"""Coding with several worker processes, each with its own Coder; results come back in input order."""
from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from .coder import CoderOptions, process_coder
from .engine import Batch, batched
from .nlp import installed_model
from .records import CodedDocument, Document, Skipped


def _code_chunk(chunk: list[Document | Skipped], options: CoderOptions) -> list[CodedDocument | Skipped]:
    return list(process_coder(options).code_documents(chunk))


class ProcessPoolEngine:
    """An engine of `workers` processes, each building its Coder from the options once (process_coder).
    The pool starts on first use and is kept until close(), so its coders serve every call."""

    def __init__(self, options: CoderOptions, workers: int, chunk_size: int = 16):
        self.options, self.workers, self.chunk_size = options, workers, chunk_size
        self._pool: ProcessPoolExecutor | None = None

    @property
    def model_name(self) -> str:
        return installed_model(self.options.model)

    def results(self, docs: Iterable[Document | Skipped]) -> Iterator[CodedDocument | Skipped]:
        """Like Coder.code_documents, spread over the processes with a bounded number of chunks in flight."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=process_coder,
                                             initargs=(self.options,))
        it = iter(docs)
        inflight: deque = deque()
        while True:
            while len(inflight) < 2 * self.workers:
                chunk = list(islice(it, self.chunk_size))
                if not chunk:
                    break
                inflight.append(self._pool.submit(_code_chunk, chunk, self.options))
            if not inflight:
                return
            yield from inflight.popleft().result()

    def batches(self, docs: Iterable[Document | Skipped], size: int, run_id: str = "") -> Iterator[Batch]:
        return batched(self.results(docs), size)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def code_parallel(docs: Iterable[Document | Skipped], options: CoderOptions, workers: int,
                  chunk_size: int = 16) -> Iterator[CodedDocument | Skipped]:
    """Like Coder.code_documents, spread over `workers` processes started for this call."""
    engine = ProcessPoolEngine(options, workers, chunk_size)
    try:
        yield from engine.results(docs)
    finally:
        engine.close()
