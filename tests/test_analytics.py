"""Event clusters across documents and dyad series, on a small store written by the test."""
from __future__ import annotations

import pytest

from detente.analytics import dyad_series
from detente.ingest import ingest
from detente.records import Document
from detente.store import Store, build_clusters

DOCS = [  # the same attack reported by three outlets within a day, a later attack, a reply
    Document("a1", "Russian troops attacked Ukraine on Monday, officials said.", "2024-03-04", source="wire-a"),
    Document("b1", "Russian troops attacked Ukraine, a spokesman said on Tuesday.", "2024-03-05", source="wire-b"),
    Document("c1", "Russian troops attacked Ukraine overnight, the ministry reported.", "2024-03-05", source="wire-c"),
    Document("a2", "Russian troops attacked Ukraine again, officials said.", "2024-03-20", source="wire-a"),
    Document("a3", "Ukraine criticized Russia on Wednesday.", "2024-04-10", source="wire-a"),
]


def test_clusters_and_dyad(coder, tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(DOCS, store, coder, window_days=1)
        attacks = store.con.execute("SELECT mentions, documents, sources FROM clusters WHERE base = '190' "
                                    "ORDER BY first_day").fetchall()
        assert attacks == [(3, 3, 3), (1, 1, 1)]
        assert report.clusters == store.con.execute("SELECT count(*) FROM clusters").fetchone()[0]
        by_cluster = dyad_series(store, "RUS", "UKR", by="month")
        by_mention = dyad_series(store, "RUS", "UKR", by="month", mentions=True)
        assert [(r.period, r.source, r.target, r.count, r.q4) for r in by_cluster] == [
            ("2024-03-01", "RUS", "UKR", 2, 2), ("2024-04-01", "UKR", "RUS", 1, 0)]
        assert sum(r.count for r in by_mention) == 5
        assert by_cluster[0].goldstein_sum == -20.0
        assert build_clusters(store, window_days=30) == report.clusters - 1  # a wider window merges the attacks


def test_flags_dual_track_and_say_do(coder, tmp_path):
    from detente.analytics import flags

    docs = [
        Document("f1", "Turkey supplied drones to Ukraine.", "2024-03-01"),
        Document("f2", "Turkey offered to mediate between Russia and Ukraine.", "2024-03-02"),
        Document("f3", "Russian troops attacked Ukraine on Monday.", "2024-03-04"),
        Document("f4", "Iran offered to negotiate with Iraq.", "2024-05-01"),
        Document("f5", "Iran attacked Iraq on Tuesday.", "2024-05-14"),
        Document("f6", "Chad praised Niger.", "2024-05-14"),
        Document("f7", "Iran promised to negotiate with Iraq.", "2024-07-01"),
        Document("f8", "Iran threatened Iraq on Friday.", "2024-09-20"),  # 81 days after f7
        Document("f9", "Turkey also supplied drones to Russia.", "2024-03-03"),  # but less than to Ukraine
        Document("f10", "Turkey delivered weapons to Ukraine.", "2024-03-05"),
    ]
    with Store(tmp_path / "f.duckdb") as store:
        ingest(docs, store, coder)
        found = {(f.kind, f.actor): f for f in flags(store, window_days=30)}
        strict = flags(store, window_days=30, min_events=2)
        top = flags(store, window_days=30, limit=1)
        wide = {(f.kind, f.actor): f for f in flags(store, window_days=90)}
    dual = found[("dual-track", "TUR")]
    assert "aids UKR" in dual.summary and "RUS" in dual.summary
    assert {e["doc_id"] for e in dual.evidence} >= {"f1", "f2", "f3"}
    assert dual.counts == {"aid": 2, "diplomacy": 1, "conflict": 1, "aid_to_other_side": 1}
    gap = found[("say-do", "IRN")]
    assert {e["doc_id"] for e in gap.evidence} == {"f4", "f5"}  # f7 was not followed within 30 days
    assert gap.counts == {"intents_followed_by_contrary_act": 1, "intents": 2}
    assert {e["doc_id"] for e in wide[("say-do", "IRN")].evidence} == {"f4", "f5", "f7", "f8"}
    assert not any(actor in ("TCD", "NER") for _, actor in found)
    assert strict == [] and len(top) == 1


def test_actor_profile(coder, tmp_path):
    from detente.analytics import actor_profile

    with Store(tmp_path / "p.duckdb") as store:
        ingest(DOCS, store, coder)
        profile = actor_profile(store, "RUS", by="month")
        mentions = actor_profile(store, "RUS", by="month", mentions=True)
    # the attack three outlets reported is one event cluster; every mention on request
    by_other = {c["counterpart"]: c for c in profile["counterparts"]}
    assert by_other["UKR"]["events"] == 3 and by_other["UKR"]["conflict"] == 3 and by_other["UKR"]["cooperation"] == 0
    assert [(p["period"], p["events"]) for p in profile["periods"]] == [("2024-03-01", 2)]
    assert {c["counterpart"]: c["events"] for c in mentions["counterparts"]}["UKR"] == 5
    assert [(p["period"], p["events"]) for p in mentions["periods"]] == [("2024-03-01", 4)]
    assert (profile["unit"], mentions["unit"]) == ("event clusters", "mentions")


@pytest.mark.slow
def test_cli_csv_and_png_charts(coder, tmp_path, capsys):
    import csv
    import io

    from detente.cli import main

    db = tmp_path / "c.duckdb"
    with Store(db) as store:
        ingest(DOCS, store, coder)
    png = b"\x89PNG\r\n\x1a\n"
    assert main(["dyad", "RUS", "UKR", "--db", str(db), "--csv", "--plot", str(tmp_path / "d.png")]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["period"], r["source"], r["events"]) for r in rows] == [("2024-03-01", "RUS", "2"),
                                                                      ("2024-04-01", "UKR", "1")]
    assert main(["actor", "RUS", "--db", str(db), "--csv", "--plot", str(tmp_path / "a.png")]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"table": "counterpart", "key": "UKR", "events": "3", "cooperation": "0", "conflict": "3"}.items() <= \
        rows[0].items()
    assert [r["key"] for r in rows if r["table"] == "period"] == ["2024-03-01"]
    assert main(["flags", "--db", str(db), "--csv", "--plot", str(tmp_path / "f.png")]) == 0
    assert capsys.readouterr().out.startswith("kind,actor,summary,doc_id")
    for name in ("d.png", "a.png", "f.png"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(png) and len(data) > 5000, name


@pytest.mark.slow
def test_progress_bar_and_lines(coder, tmp_path):
    import io

    from detente.console import IngestProgress

    for mode, expect in (("bar", "docs/s"), ("lines", "stored (")):
        out = io.StringIO()
        with Store(tmp_path / f"{mode}.duckdb") as store, IngestProgress(mode, out) as progress:
            ingest(DOCS, store, coder, batch_size=2, progress=progress.update)
        assert expect in out.getvalue() and "5 docs" in out.getvalue().replace("5 stored", "5 docs"), mode
    assert IngestProgress("auto", io.StringIO()).mode == "lines"  # not a terminal
