"""Ingest on a Dask cluster: the same per-document coding function runs on the workers, each writes its
partition as Parquet files, and the client loads finished partitions into the store (one transaction
each). `dask[distributed]` is an optional extra: pip install "detente[dask]".
"""
from __future__ import annotations

import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Iterable

from .coder import CoderOptions, process_coder
from .records import CodedDocument, Document, Skipped
from .store import Store, batch_tables


def code_partition(docs: list[Document | Skipped], options: CoderOptions, run_id: str, out_dir: str,
                   index: int) -> tuple[dict[str, str | None], dict[str, int]]:
    """Code one partition on a worker and write its tables as Parquet; returns the file paths and the
    counts of documents stored, events and errors."""
    import pyarrow.parquet as pq

    results = list(process_coder(options).code_documents(docs))
    coded = [r for r in results if isinstance(r, CodedDocument)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    paths: dict[str, str | None] = {}
    for table, data in batch_tables(coded, skipped, run_id).items():
        if data is None:
            paths[table] = None
            continue
        path = Path(out_dir) / f"{table}-{index:06d}.parquet"
        pq.write_table(data, path)
        paths[table] = str(path)
    return paths, {"stored": len(coded), "events": sum(len(r.events) for r in coded), "errors": len(skipped)}


def ingest_dask(docs: Iterable[Document | Skipped], store: Store, options: CoderOptions, report,
                scheduler: str | None = None, partition_size: int = 64, workers: int = 2,
                progress=None) -> None:
    """Code `docs` (already filtered to new documents) on a Dask cluster and load them into the store.
    `scheduler` is the address of a running scheduler; without one a LocalCluster is started."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None if scheduler else LocalCluster(n_workers=max(workers, 1), threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="detente-dask-") as out_dir:
            it = iter(docs)
            futures = []
            index = 0
            while True:
                part = list(islice(it, partition_size))
                if not part:
                    break
                futures.append(client.submit(code_partition, part, options, report.run_id, out_dir, index,
                                             pure=False))
                index += 1
            for future in as_completed(futures):
                paths, counts = future.result()
                store.write_tables(paths)
                for counter, n in counts.items():
                    setattr(report, counter, getattr(report, counter) + n)
                report.seconds = time.perf_counter() - started
                if progress is not None:
                    progress(report)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
