"""Engines: one interface for coding documents in this process, in worker processes or on Dask; ingest and
watch take one built once."""
from __future__ import annotations

import pytest

from detente.engine import Batch, InProcessEngine, batched, make_engine
from detente.ingest import engine_for, ingest
from detente.records import Document, Skipped
from detente.store import Store

DOCS = [Document("e1", "Iran criticized Iraq on Monday.", "2024-03-04"),
        Document("e2", "   ", "2024-03-04"),
        Document("e3", "Canada imposed sanctions on Belarus.", "2024-03-05")]


def test_batches_carry_their_counts(coder):
    results = list(coder.code_documents(DOCS))
    batches = list(batched(results, 2))
    assert [len(b.results) for b in batches] == [2, 1]
    assert sum(b.documents for b in batches) == 2 and sum(b.errors for b in batches) == 1
    assert sum(b.events for b in batches) == sum(len(r.events) for r in results if not isinstance(r, Skipped))
    tables = batches[0].tables("run-1")
    assert tables["documents"].num_rows == 1 and tables["errors"].num_rows == 1
    assert Batch([], 3, 4, 0, files={"documents": "/x.parquet"}).tables("run") == {"documents": "/x.parquet"}


def test_one_engine_serves_many_ingests(coder, tmp_path):
    engine = InProcessEngine(coder)
    assert engine.options is coder.options and engine.model_name == coder.model_name
    for name in ("a", "b"):
        with Store(tmp_path / f"{name}.duckdb") as store:
            report = ingest(DOCS, store, engine, batch_size=2)
            assert (report.stored, report.errors) == (2, 1) and store.health()["documents"] == 2
    assert engine.coder is coder  # not rebuilt
    with Store(tmp_path / "c.duckdb") as store:  # a built Coder is used as it is
        assert ingest(DOCS, store, coder).stored == 2


def test_choosing_an_engine(coder):
    assert isinstance(make_engine(), InProcessEngine)
    assert type(make_engine(coder.options, workers=2)).__name__ == "ProcessPoolEngine"
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        make_engine(name="spark")
    with pytest.raises(ValueError, match="an Engine or a Coder is used as it is"):
        engine_for(coder, workers=2)
    engine, made = engine_for(coder.options)
    assert made and engine.options == coder.options
    assert engine_for(engine) == (engine, False)


def test_watch_builds_its_engine_once(monkeypatch, tmp_path):
    import time

    import detente.engine
    import detente.feeds
    from detente.cli import main

    made, polled, closed = [], [], []

    class Recording(InProcessEngine):
        def close(self) -> None:
            closed.append(self)

    def fake_make_engine(options=None, workers=1, name="local", scheduler=None):
        made.append(Recording(options=options))
        return made[-1]

    def fake_poll(feeds, store, coder=None, **kwargs):
        polled.append(coder)
        return {"feeds": 1, "feeds_failed": 0, "new": 0, "failed": 0}

    def sleep(seconds):
        if len(polled) >= 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(detente.engine, "make_engine", fake_make_engine)
    monkeypatch.setattr(detente.feeds, "poll", fake_poll)
    monkeypatch.setattr(time, "sleep", sleep)
    assert main(["watch", "http://127.0.0.1:9/rss.xml", "--db", str(tmp_path / "w.duckdb"), "--every", "1s"]) == 130
    assert len(made) == 1 and polled == made * 3 and closed == made
