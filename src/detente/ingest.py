"""Ingesting a corpus into the store: read, skip what is stored, code, write in batches, then let the store
rebuild its event clusters."""
from __future__ import annotations

import datetime as dt
import hashlib
import time
import uuid
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Iterable, Iterator

from . import __version__
from .coder import Coder, CoderOptions
from .nlp import installed_model
from .records import CodedDocument, Document, Skipped
from .store import Store, doc_key


@dataclass
class IngestReport:
    run_id: str
    read: int = 0
    already_stored: int = 0
    stored: int = 0
    events: int = 0
    errors: int = 0
    seconds: float = 0.0
    clusters: int = 0

    @property
    def docs_per_second(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0


def dictionaries_hash(options: CoderOptions) -> str:
    """A hash of every dictionary and lexicon file in use, so a run says which knowledge coded it."""
    h = hashlib.sha256()
    data = resources.files("detente").joinpath("data")
    for folder in ("actors", "lexicon"):
        for item in sorted(data.joinpath(folder).iterdir(), key=lambda p: p.name):
            if item.name.endswith(".yaml"):
                h.update(item.name.encode())
                h.update(item.read_bytes())
    for path in options.actor_files + options.lexicon_files:
        with open(path, "rb") as fh:
            h.update(fh.read())
    return h.hexdigest()[:16]


def _new_documents(docs: Iterable[Document | Skipped], known: set[str], report: IngestReport
                   ) -> Iterator[Document | Skipped]:
    """Documents not yet stored (by content hash), each once; skipped inputs pass through."""
    for d in docs:
        report.read += 1
        if isinstance(d, Skipped):
            yield d
            continue
        key = doc_key(d.text) if isinstance(d.text, str) else None
        if key is not None and key in known:
            report.already_stored += 1
            continue
        if key is not None:
            known.add(key)
        yield d


def ingest(docs: Iterable[Document | Skipped], store: Store, options: CoderOptions | None = None,
           workers: int = 1, batch_size: int = 256, command: str = "", window_days: int = 1,
           engine: str = "local", scheduler: str | None = None,
           progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Code the documents not yet in the store and write them, a batch per transaction."""
    options = options or CoderOptions()
    report = IngestReport(run_id=dt.datetime.now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:8])
    known = store.doc_keys()
    fresh = _new_documents(docs, known, report)
    if engine == "dask":
        from .dask_engine import ingest_dask

        store.start_run(report.run_id, __version__, installed_model(options.model), dictionaries_hash(options),
                        command)
        ingest_dask(fresh, store, options, report, scheduler=scheduler, partition_size=batch_size,
                    workers=max(workers, 1), progress=progress)
        report.clusters = store.build_clusters(window_days)
        store.finish_run(report.run_id, report.stored, report.events, report.errors)
        return report
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    if workers > 1:
        from .workers import code_parallel

        results: Iterable = code_parallel(fresh, options, workers)
        model = installed_model(options.model)
    else:
        coder = Coder(options)
        results = coder.code_documents(fresh)
        model = coder.model_name
    store.start_run(report.run_id, __version__, model, dictionaries_hash(options), command)
    started = time.perf_counter()
    coded: list[CodedDocument] = []
    skipped: list[Skipped] = []

    def flush() -> None:
        store.write_batch(coded, skipped, report.run_id)
        report.stored += len(coded)
        report.events += sum(len(r.events) for r in coded)
        report.errors += len(skipped)
        report.seconds = time.perf_counter() - started
        coded.clear()
        skipped.clear()
        if progress is not None:
            progress(report)

    for r in results:
        (skipped if isinstance(r, Skipped) else coded).append(r)
        if len(coded) + len(skipped) >= batch_size:
            flush()
    flush()
    report.clusters = store.build_clusters(window_days)
    store.finish_run(report.run_id, report.stored, report.events, report.errors)
    return report
