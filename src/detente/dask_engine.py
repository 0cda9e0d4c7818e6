"""Coding on a Dask cluster: the same per-document coding function runs on the workers, each writes its
partition as Parquet files, and the client loads finished partitions into the store (one transaction
each). `dask[distributed]` is an optional extra: pip install "detente[dask]".
"""
from __future__ import annotations

import tempfile
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from .coder import CoderOptions, process_coder
from .engine import Batch
from .nlp import installed_model
from .records import Document, Skipped


def code_partition(docs: list[Document | Skipped], options: CoderOptions, run_id: str, out_dir: str,
                   index: int) -> Batch:
    """Code one partition on a worker and write its tables as Parquet; returns the files and counts."""
    import pyarrow.parquet as pq

    done = Batch.of(list(process_coder(options).code_documents(docs)))
    paths: dict[str, str | None] = {}
    for table, data in done.tables(run_id).items():
        if data is None:
            paths[table] = None
            continue
        path = Path(out_dir) / f"{table}-{index:06d}.parquet"
        pq.write_table(data, path)
        paths[table] = str(path)
    return Batch([], done.documents, done.events, done.errors, files=paths)


class DaskEngine:
    """An engine on a Dask cluster: the one at `scheduler`, else a LocalCluster of `workers` processes
    started on first use and kept until close()."""

    def __init__(self, options: CoderOptions, workers: int = 2, scheduler: str | None = None):
        self.options, self.workers, self.scheduler = options, workers, scheduler
        self._cluster = None
        self._client = None

    @property
    def model_name(self) -> str:
        return installed_model(self.options.model)

    def _connect(self):
        if self._client is None:
            from dask.distributed import Client, LocalCluster

            if not self.scheduler:
                self._cluster = LocalCluster(n_workers=max(self.workers, 1), threads_per_worker=1, processes=True,
                                             dashboard_address=None)
            self._client = Client(self.scheduler or self._cluster)
        return self._client

    def batches(self, docs: Iterable[Document | Skipped], size: int, run_id: str = "") -> Iterator[Batch]:
        """Partitions of `size` inputs, each coded on a worker that writes its rows (carrying `run_id`) as
        Parquet; a batch per partition as it finishes, holding the files (removed when the last batch has
        been taken)."""
        from dask.distributed import as_completed

        client = self._connect()
        with tempfile.TemporaryDirectory(prefix="detente-dask-") as out_dir:
            it = iter(docs)
            futures = []
            index = 0
            while True:
                part = list(islice(it, size))
                if not part:
                    break
                futures.append(client.submit(code_partition, part, self.options, run_id, out_dir, index,
                                             pure=False))
                index += 1
            for future in as_completed(futures):
                yield future.result()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
