"""The corpus store: ingest, idempotence, errors, a killed run, export."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from detente.ingest import ingest
from detente.reader import read_inputs
from detente.records import Document
from detente.store import Store

TEXTS = ["Iran criticized Iraq on Monday.", "Canada imposed sanctions on Belarus.",
         "Egypt called on Hamas to release the hostages.", "Iran refused to negotiate with the United States.",
         "Ukrainian troops shelled Russian positions near Belgorod.", "Qatar offered to mediate between Israel and "
         "Hamas.", "Poland expelled three Russian diplomats.", "Turkey criticized Israel and Iran."]


def corpus(path, n=24):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"d{i}", "text": f"{TEXTS[i % len(TEXTS)]} Report number {i}.",
                                 "date": f"2024-0{1 + i % 9}-1{i % 9}"}) + "\n")
    return path


def test_ingest_is_idempotent_and_records_runs(coder, tmp_path):
    src = corpus(tmp_path / "c.jsonl", 12)
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest(read_inputs([str(src)]), store, coder, batch_size=5)
        counts = store.counts()
        again = ingest(read_inputs([str(src)]), store, coder)
        assert (first.stored, again.stored, again.already_stored) == (12, 0, 12)
        assert store.counts() == {**counts, "runs": 2}
        runs = store.con.execute("SELECT detente_version, model, dictionaries_hash, documents FROM runs "
                                 "ORDER BY started").fetchall()
        assert runs[0][0] == "0.1.0" and runs[0][1].startswith("en_core_web_sm") and len(runs[0][2]) == 16
        assert [r[3] for r in runs] == [12, 0]
        assert counts["events"] >= 12


def test_every_bad_input_lands_in_errors(coder, tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "french.txt").write_text("Le gouvernement a annoncé mardi de nouvelles mesures pour les "
                                         "agriculteurs de la région.", encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Iran criticized Iraq. " * 60_000, encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"id": "ok", "text": "Chad criticized Sudan."}\n{broken\n',
                                          encoding="utf-8")
    (tmp_path / "table.csv").write_text("id,body\nx,Chad criticized Sudan.\n", encoding="utf-8")
    sources = [str(tmp_path), str(tmp_path / "missing.txt")]
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(read_inputs(sources), store, coder)
        reasons = dict(store.con.execute("SELECT doc_id, reason FROM errors").fetchall())
        assert report.stored == 1 and report.errors == len(reasons) == 8
    assert "empty" in reasons["empty"] and "binary" in reasons["binary"] and "UTF-8" in reasons["latin1"]
    assert "not English" in reasons["french"] and "limit" in reasons["huge"]
    assert "malformed JSON" in reasons["lines-2"] and "no 'text' column" in reasons["table"]
    assert reasons["missing"] == "file not found"


@pytest.mark.slow
def test_killed_ingest_rerun_loses_and_duplicates_nothing(coder, tmp_path):
    src = corpus(tmp_path / "c.jsonl", 40)
    clean = tmp_path / "clean.duckdb"
    with Store(clean) as store:
        ingest(read_inputs([str(src)]), store, coder)
        expected = store.con.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone(), \
            store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    db = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "detente", "ingest", str(src), "--db", str(db), "--batch", "2"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, start_new_session=True)
    progress = 0
    deadline = time.time() + 120
    while progress < 3 and time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        progress += "stored (" in line
    os.killpg(proc.pid, signal.SIGKILL)  # kill -9, mid-run
    proc.wait()
    assert progress == 3, "the ingest did not get under way"
    with Store(db) as store:
        partial = store.con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 0 < partial < 40
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db) as store:
        got = store.con.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone(), \
            store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        orphans = store.con.execute("SELECT count(*) FROM events WHERE doc_key NOT IN "
                                    "(SELECT doc_key FROM documents)").fetchone()[0]
    assert got == expected and orphans == 0


def test_export_formats(coder, tmp_path):
    pa = pytest.importorskip("pyarrow.parquet")
    src = corpus(tmp_path / "c.jsonl", 10)
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        ingest(read_inputs([str(src)]), store, coder)
        n = store.counts()["events"]
    with Store(db, read_only=True) as store:
        store.export(tmp_path / "pq", "parquet")
        store.export(tmp_path / "e.csv", "csv")
        store.export(tmp_path / "e.jsonl", "jsonl")
        store.export(tmp_path / "p.jsonl", "plover")
    table = pa.read_table(tmp_path / "pq")
    assert table.num_rows == n
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == ["year=2024"]
    assert len((tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()) == n + 1
    records = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == n and {"cameo", "source", "target", "trigger"} <= set(records[0])
    plover = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(plover) == n and [p["cameo"] for p in plover] == [r["cameo"] for r in records]
    assert {"event", "mode", "actor", "recipient", "eventText"} <= set(plover[0])


def test_mentions_and_places_tables(coder, tmp_path):
    text = ("Russian Foreign Minister Sergey Lavrov criticized Turkey on Tuesday in Moscow. "
            "He said Ukrainian troops had shelled Belgorod.")
    with Store(tmp_path / "m.duckdb") as store:
        ingest([Document("m1", text, "2024-03-05")], store, coder)
        mentions = store.con.execute('SELECT text, code, start, "end" FROM mentions ORDER BY mention_index').fetchall()
        places = store.con.execute('SELECT text, name, country, feature, start, "end", lat FROM places '
                                   "ORDER BY place_index").fetchall()
    codes = {t: c for t, c, _, _ in mentions}
    assert codes["Russian Foreign Minister Sergey Lavrov"] == "RUSGOV" and codes["Turkey"] == "TUR"
    assert codes["He"] == "RUSGOV" and codes["Ukrainian troops"] == "UKRMIL"
    assert "Russian" not in codes  # inside a longer mention
    assert all(text[s:e] == t for t, _, s, e in mentions)
    by_text = {p[0]: p for p in places}
    assert by_text["Moscow"][2:4] == ("RUS", "city") and by_text["Belgorod"][2] == "RUS"
    assert all(text[p[4]:p[5]] == p[0] for p in places) and by_text["Moscow"][6] is not None


def test_html_pages_are_read_with_title_and_date(coder, tmp_path):
    page = ("<html><head><title>Rebuke | The Wire</title>"
            '<meta property="article:published_time" content="2025-03-04T10:00:00Z"></head><body>'
            '<nav><a href="/">Home</a> <a href="/world">World news</a></nav><article><h1>Lavrov rebukes Ankara</h1>'
            "<p>Russian Foreign Minister Sergey Lavrov criticized Turkey on Tuesday for supplying drones to "
            "Ukraine.</p><p>He said Moscow was still ready to negotiate with Kyiv over a settlement.</p></article>"
            "<footer>Subscribe to our newsletter for more.</footer>"
            '<script>var tracking = "Iran attacked Iraq";</script></body></html>')
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "empty.html.gz").write_bytes(__import__("gzip").compress(b"<html><body><script>render()</script></body></html>"))
    with Store(tmp_path / "h.duckdb") as store:
        report = ingest(read_inputs([str(tmp_path)]), store, coder)
        doc = store.con.execute("SELECT doc_id, date, title, text FROM documents").fetchone()
        errors = store.con.execute("SELECT doc_id, reason FROM errors").fetchall()
        events = store.con.execute("SELECT source_code, cameo_root, target_code FROM events").fetchall()
    assert report.stored == 1 and doc[:3] == ("a", "2025-03-04", "Lavrov rebukes Ankara")
    assert "Subscribe" not in doc[3] and "tracking" not in doc[3] and "World news" not in doc[3]
    assert ("RUSGOV", "11", "TUR") in events and not any(e[1] == "19" for e in events)
    assert errors == [("empty", "HTML page holds no article text")]


@pytest.mark.slow
def test_workers_store_the_same_events(coder, tmp_path):
    src = corpus(tmp_path / "c.jsonl", 16)
    rows = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            ingest(read_inputs([str(src)]), store, coder.options, workers=workers, batch_size=4)
            rows.append(store.con.execute("SELECT doc_key, event_index, cameo, source_code, target_code "
                                          "FROM events ORDER BY 1, 2").fetchall())
    assert rows[0] == rows[1] and rows[0]


def test_missing_database_is_a_clear_error(capsys, tmp_path):
    from detente.cli import EXIT_ERROR, main

    for argv in (["dyad", "A", "B"], ["actor", "A"], ["flags"], ["export", "--out", str(tmp_path / "x")]):
        assert main([*argv, "--db", str(tmp_path / "none.duckdb")]) == EXIT_ERROR
        assert "no database at" in capsys.readouterr().err


@pytest.mark.slow
def test_dask_engine_stores_the_same_events(coder, tmp_path):
    pytest.importorskip("dask.distributed")
    src = corpus(tmp_path / "c.jsonl", 20)
    tables = []
    for engine in ("local", "dask"):
        with Store(tmp_path / f"{engine}.duckdb") as store:
            report = ingest(read_inputs([str(src)]), store, coder.options, workers=1, batch_size=6,
                            engine=engine)
            assert report.stored == 20
            tables.append([store.con.execute("SELECT * EXCLUDE (run_id) FROM documents ORDER BY doc_key")
                           .fetchall(),
                           store.con.execute("SELECT * FROM events ORDER BY doc_key, event_index")
                           .fetchall()])
    assert tables[0] == tables[1] and tables[0][1]


def test_memory_limit_is_applied_and_checked(capsys, tmp_path):
    from detente.cli import EXIT_ERROR, main

    with Store(tmp_path / "m.duckdb", memory_limit="64MB") as store:
        limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit.endswith("MiB") and float(limit.split()[0]) < 70
    src = corpus(tmp_path / "c.jsonl", 2)
    assert main(["ingest", str(src), "--db", str(tmp_path / "n.duckdb"), "--memory-limit", "lots"]) == EXIT_ERROR
    assert "cannot open" in capsys.readouterr().err


def test_store_of_another_schema_is_refused(tmp_path):
    import duckdb

    from detente.errors import DetenteError

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE quotes (doc_key VARCHAR, quote_index INTEGER, content VARCHAR)")
    con.close()
    with pytest.raises(DetenteError, match="table quotes has columns doc_key, quote_index, content"):
        Store(path)
