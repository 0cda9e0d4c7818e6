"""No orphans: an ingest with two worker processes, killed with SIGKILL mid-run, leaves no worker behind (local
process pool: the workers watch their parent; Dask LocalCluster: its workers end when the pipe from their parent
closes). The store it leaves holds whole documents, and a rerun completes it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from detente.store import Store
from processes import alive, article, child_env, descendants, wait_gone

pytestmark = pytest.mark.slow
N_DOCS = 400


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_sigkill_mid_ingest_leaves_no_worker(tmp_path, engine):
    if engine == "dask":
        pytest.importorskip("dask.distributed")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": article(i), "date": "2024-03-04"}) + "\n"
                              for i in range(N_DOCS)), encoding="utf-8")
    db = tmp_path / "k.duckdb"
    cmd = [sys.executable, "-m", "detente", "ingest", str(corpus), "--db", str(db), "--workers", "2", "--batch", "8",
           "--progress", "lines", "--engine", engine]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=child_env())
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:  # under way: batches are being stored
            line = proc.stderr.readline()
            if not line or "stored (" in line:
                break
        workers = descendants(proc.pid)
        assert proc.poll() is None and len(alive(workers)) >= 2, (line, workers)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        left = wait_gone(workers, 10)
        assert not left, f"workers outlived their parent: {left}"
    finally:
        for pid in alive(workers):  # never leave them to the next test
            os.kill(pid, signal.SIGKILL)
        proc.stderr.close()
    with Store(db) as store:
        partial = store.health()["documents"]
    assert 0 < partial < N_DOCS
    if engine == "local":
        rerun = subprocess.run(cmd, capture_output=True, text=True, env=child_env(), timeout=600)
        assert rerun.returncode == 0, rerun.stderr
        with Store(db, read_only=True) as store:
            assert store.counts()["documents"] == len(store.doc_keys()) == N_DOCS
