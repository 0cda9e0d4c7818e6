"""Ingesting a corpus into the store: read, skip what is stored, code (with an engine), write in batches,
then let the store rebuild its event clusters."""
from __future__ import annotations

import datetime as dt
import hashlib
import time
import uuid
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from . import __version__
from .coder import CoderOptions
from .engine import Engine, InProcessEngine, make_engine
from .records import Document, Skipped
from .store import StoreWriter, doc_key
from .store.clusters import check_window

if TYPE_CHECKING:
    from .coder import Coder


@dataclass
class IngestReport:
    run_id: str
    read: int = 0
    already_stored: int = 0  # documents stored by an earlier run
    repeated: int = 0  # documents whose text came earlier in this run's input (coded once, with the first)
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
    """Documents not yet stored (by content hash), each once; skipped inputs pass through. A text stored by an
    earlier run counts as already stored; a text met earlier in this run as repeated (whether its first copy
    was stored or skipped: it is not "already stored" when the first copy was skipped)."""
    this_run: set[str] = set()
    for d in docs:
        report.read += 1
        if isinstance(d, Skipped):
            yield d
            continue
        key = doc_key(d.text) if isinstance(d.text, str) else None
        if key is not None and key in known:
            report.already_stored += 1
            continue
        if key is not None and key in this_run:
            report.repeated += 1
            continue
        if key is not None:
            this_run.add(key)
        yield d


def engine_for(coder: "Engine | Coder | CoderOptions | None", workers: int = 1, engine: str = "local",
               scheduler: str | None = None) -> tuple[Engine, bool]:
    """The engine that codes for an ingest, and whether the ingest made it (and so closes it): `coder` is an
    Engine, a built Coder (coded in this process), or CoderOptions (None: the defaults), from which an
    engine is made with `workers`, `engine` (local or dask) and `scheduler`."""
    if coder is None or isinstance(coder, CoderOptions):
        return make_engine(coder, workers, engine, scheduler), True
    if workers > 1 or engine != "local" or scheduler:
        # internal: a caller of the Python API passed both an engine and what would make one (the CLI never does)
        raise ValueError("workers, engine and scheduler choose an engine made from CoderOptions; "
                         "an Engine or a Coder is used as it is")
    if hasattr(coder, "batches"):
        return coder, False
    return InProcessEngine(coder), False


def ingest(docs: Iterable[Document | Skipped], store: StoreWriter, coder: "Engine | Coder | CoderOptions | None" = None,
           workers: int = 1, batch_size: int = 256, command: str = "", window_days: int = 1,
           engine: str = "local", scheduler: str | None = None,
           progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Code the documents not yet in the store and write them, a batch per transaction (see engine_for for
    what codes them); then rebuild the store's event clusters with `window_days`."""
    check_window(window_days)  # before any coding: a bad window would stop the ingest at its end
    coding, made_here = engine_for(coder, workers, engine, scheduler)
    try:
        return _ingest(docs, store, coding, batch_size, command, window_days, progress)
    finally:
        if made_here:
            coding.close()


def _ingest(docs: Iterable[Document | Skipped], store: StoreWriter, engine: Engine, batch_size: int, command: str,
            window_days: int, progress: Callable[[IngestReport], None] | None) -> IngestReport:
    report = IngestReport(run_id=dt.datetime.now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:8])
    fresh = _new_documents(docs, store.doc_keys(), report)
    store.start_run(report.run_id, __version__, engine.model_name, dictionaries_hash(engine.options), command)
    started = time.perf_counter()
    last = None
    for batch in engine.batches(fresh, batch_size, report.run_id):
        store.write_tables(batch.tables(report.run_id))
        report.stored += batch.documents
        report.events += batch.events
        report.errors += batch.errors
        report.seconds = time.perf_counter() - started
        last = batch
        if progress is not None:
            progress(report)
    report.seconds = time.perf_counter() - started
    # A local engine's short last batch is the end of the input; when there was none (no new document, or a
    # last batch that was full) the display gets one more update at the end.
    if progress is not None and (last is None or len(last.results) == batch_size):
        progress(report)
    report.clusters = store.build_clusters(window_days)
    store.finish_run(report.run_id, report.stored, report.events, report.errors)
    return report
