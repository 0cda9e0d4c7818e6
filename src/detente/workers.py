"""Coding with several worker processes, each with its own Coder; results come back in input order.

A worker dies with its parent: a thread started by the worker's initializer checks every
`WATCH_SECONDS` that the process that started it is still its parent, and ends the worker when it is not
(the parent was killed, by SIGKILL or the OOM killer, and the worker was handed to init). Without it, the
workers of a killed ingest would wait for work for ever, each holding a parsed model in memory."""
from __future__ import annotations

import os
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from .coder import CoderOptions, process_coder
from .engine import Batch, batched
from .nlp import installed_model
from .records import CodedDocument, Document, Skipped


WATCH_SECONDS = 1.0


def watch_parent(parent_pid: int, every: float = WATCH_SECONDS) -> threading.Thread:
    """Start a daemon thread that ends this process (exit status 1) once `parent_pid` is no longer its parent."""
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(every)
        os._exit(1)  # the parent is gone: nothing will collect this worker's results

    thread = threading.Thread(target=watch, name="detente-parent-watch", daemon=True)
    thread.start()
    return thread


def _start_worker(options: CoderOptions, parent_pid: int) -> None:
    """A worker's initializer: watch the parent, then build the Coder."""
    watch_parent(parent_pid)
    process_coder(options)


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
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_start_worker,
                                             initargs=(self.options, os.getpid()))
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
