"""Engines: what codes documents for `detente ingest`, `detente watch` and `detente code --workers`.

One interface, `Engine`: `batches(docs, size, run_id)` codes documents and yields them a `Batch` at a
time, each ready for the store (`Store.write_tables(batch.tables(run_id))`) and carrying its counts.
Behind it:

- `InProcessEngine`: a built `Coder`, in this process; results in input order.
- `ProcessPoolEngine` (workers.py): worker processes, each building its Coder from the options once;
  results in input order.
- `DaskEngine` (dask_engine.py): partitions coded on a Dask cluster, whose workers write Parquet files;
  batches come as partitions finish and hold the files, not the results.

`make_engine(options, workers, name, scheduler)` picks one. An engine that starts processes or a cluster
does so on first use and keeps them until `close()`, so a `watch` polls with the same workers and coder.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Protocol

from .errors import BadValue
from .records import CodedDocument, Document, Skipped

if TYPE_CHECKING:
    from .coder import Coder, CoderOptions

ENGINES = ("local", "dask")


@dataclass
class Batch:
    """Coded documents ready for the store, with their counts."""

    # in input order; empty when the documents were coded and written elsewhere (by a Dask worker)
    results: list[CodedDocument | Skipped] = field(default_factory=list)
    documents: int = 0  # documents coded
    events: int = 0  # their events
    errors: int = 0  # inputs skipped
    files: dict[str, str | None] | None = None  # Parquet files per table, written by a worker

    @classmethod
    def of(cls, results: list[CodedDocument | Skipped]) -> "Batch":
        coded = [r for r in results if isinstance(r, CodedDocument)]
        return cls(results, len(coded), sum(len(r.events) for r in coded), len(results) - len(coded))

    def tables(self, run_id: str) -> dict[str, Any]:
        """What `Store.write_tables` takes: the worker's Parquet files, or Arrow tables of the results."""
        if self.files is not None:
            return self.files
        from .store import batch_tables

        return batch_tables([r for r in self.results if isinstance(r, CodedDocument)],
                            [r for r in self.results if isinstance(r, Skipped)], run_id)


class Engine(Protocol):
    """Codes documents. `options` and `model_name` say with what (they are recorded with an ingest run)."""

    options: "CoderOptions"

    @property
    def model_name(self) -> str: ...

    def batches(self, docs: Iterable[Document | Skipped], size: int,
                run_id: str = "") -> Iterator[Batch]:
        """The documents coded, `size` inputs (coded or skipped) to a batch. `run_id` is what the rows
        written by workers carry; local engines leave it to `Batch.tables`."""
        ...

    def close(self) -> None:
        """Stop the processes or cluster the engine started, if any."""
        ...


def batched(results: Iterable[CodedDocument | Skipped], size: int) -> Iterator[Batch]:
    """Results grouped in batches of `size`, the last one shorter."""
    group: list[CodedDocument | Skipped] = []
    for r in results:
        group.append(r)
        if len(group) >= size:
            yield Batch.of(group)
            group = []
    if group:
        yield Batch.of(group)


class InProcessEngine:
    """Codes with one Coder in this process: the one given, or one built from `options` on first use."""

    def __init__(self, coder: "Coder | None" = None, options: "CoderOptions | None" = None):
        from .coder import CoderOptions

        self._coder = coder
        self.options = coder.options if coder is not None else (options or CoderOptions())

    @property
    def coder(self) -> "Coder":
        if self._coder is None:
            from .coder import Coder

            self._coder = Coder(self.options)
        return self._coder

    @property
    def model_name(self) -> str:
        return self.coder.model_name

    def batches(self, docs: Iterable[Document | Skipped], size: int, run_id: str = "") -> Iterator[Batch]:
        return batched(self.coder.code_documents(docs), size)

    def close(self) -> None:
        pass


def make_engine(options: "CoderOptions | None" = None, workers: int = 1, name: str = "local",
                scheduler: str | None = None) -> Engine:
    """The engine for `name` (local or dask): in this process, `workers` local processes, or a Dask cluster
    (at `scheduler`, else a local cluster of `workers`)."""
    from .coder import CoderOptions

    options = options or CoderOptions()
    if name == "dask":
        from .dask_engine import DaskEngine

        return DaskEngine(options, workers=max(workers, 1), scheduler=scheduler)
    if name != "local":
        raise BadValue(f"unknown engine {name!r} (local or dask)", setting="engine")
    if workers > 1:
        from .workers import ProcessPoolEngine

        return ProcessPoolEngine(options, workers)
    return InProcessEngine(options=options)
