"""The HTTP API on a store ingested from the sample articles plus a hostile document: every endpoint's
answers, the one error shape, limits (page size, body size, query time), read-only serving, headers."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette asks for httpx2 instead of httpx; the test client works with either
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient

from detente.ingest import ingest
from detente.reader import read_inputs
from detente.records import Document
from detente.store import Store
from detente.web import queries
from detente.web.app import SECURITY_HEADERS, create_app

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "samples" / "articles.jsonl"
N_DOCS = sum(1 for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()) + 1  # and HOSTILE
HOSTILE_TEXT = ("Iran criticized Iraq on Monday. Iran condemned Iraq over the raids <script>alert(1)</script> "
                "<img src=x onerror=alert(2)> on Tuesday.")
HOSTILE = Document("hostile-1", HOSTILE_TEXT, "2024-05-06", title="<b onmouseover=alert(3)>Border</b>",
                   source="<i>wire</i>")
ARTICLE = ("Russia's foreign minister Sergey Lavrov criticized Türkiye for supplying weapons to Ukraine "
           "while offering to mediate. Ankara has been providing Kiev with drones.")
FRENCH = "Le gouvernement a annoncé mardi de nouvelles mesures pour les agriculteurs de la région."


@pytest.fixture(scope="module")
def db(coder, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api") / "corpus.duckdb"
    docs = [*read_inputs([str(SAMPLES)]), HOSTILE]
    with Store(path) as store:
        report = ingest(docs, store, coder)
    assert report.stored == N_DOCS and report.errors == 0
    return path


@pytest.fixture(scope="module")
def app(db, coder):
    return create_app(str(db), coder=coder)


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app)


def ok(response) -> dict:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def assert_error(response, status: int, *words: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "status"} and body["status"] == status
    for w in words:
        assert w in body["error"], body
    return body


def doc_key_of(client, doc_id: str) -> str:
    docs = ok(client.get("/api/documents", params={"page_size": 100}))["documents"]
    return next(d["doc_key"] for d in docs if d["doc_id"] == doc_id)


# ---- happy paths ---------------------------------------------------------------------------------
def test_health(client):
    body = ok(client.get("/api/health"))
    assert body["status"] == "ok" and body["documents"] == N_DOCS and body["events"] > 50


def test_events_filters(client):
    total = ok(client.get("/api/health"))["events"]
    everything = ok(client.get("/api/events", params={"page_size": 500}))
    assert everything["total"] == total == len(everything["events"])
    first = everything["events"][0]
    assert set(first) >= {"doc_key", "event_index", "doc_id", "date", "source_code", "source_text", "target_code",
                          "target_text", "cameo", "cameo_name", "quad_class", "goldstein", "trigger_text",
                          "trigger_start", "trigger_end", "sentence", "claimed", "speaker_code", "place"}
    dates = [e["date"] for e in everything["events"] if e["date"]]
    assert dates == sorted(dates, reverse=True)

    tur_ukr = ok(client.get("/api/events", params={"source": "tur", "target": "UKR"}))
    assert tur_ukr["total"] >= 1
    assert all(e["source_code"].startswith("TUR") and e["target_code"].startswith("UKR") for e in tur_ukr["events"])
    assert any(e["cameo"] == "072" and e["cameo_name"] == "Provide military aid" for e in tur_ukr["events"])

    fights = ok(client.get("/api/events", params={"code": "19"}))["events"]
    assert fights and all(e["cameo"].startswith("19") for e in fights)
    exact = ok(client.get("/api/events", params={"code": "072"}))["events"]
    assert exact and {e["cameo"] for e in exact} == {"072"}
    root = ok(client.get("/api/events", params={"root": "11"}))["events"]
    assert root and all(e["cameo"].startswith("11") for e in root)
    quad4 = ok(client.get("/api/events", params={"quad": 4}))["events"]
    assert quad4 and all(e["quad_class"] == 4 for e in quad4)

    window = ok(client.get("/api/events", params={"start": "2024-03-01", "end": "2024-03-31", "page_size": 500}))
    assert window["total"] and all("2024-03-01" <= e["date"] <= "2024-03-31" for e in window["events"])
    in_march = [e for e in everything["events"] if e["date"] and "2024-03-01" <= e["date"] <= "2024-03-31"]
    assert window["total"] == len(in_march)

    claimed = ok(client.get("/api/events", params={"claimed": "true"}))["total"]
    reported = ok(client.get("/api/events", params={"claimed": "false"}))["total"]
    assert claimed > 0 and claimed + reported == total

    key = doc_key_of(client, "sample-01-ankara")
    in_doc = ok(client.get("/api/events", params={"doc": key, "page_size": 500}))
    assert in_doc["total"] > 0 and {e["doc_id"] for e in in_doc["events"]} == {"sample-01-ankara"}


def test_events_pagination(client):
    total = ok(client.get("/api/events", params={"page_size": 1}))["total"]
    seen = []
    for page in range(1, total // 40 + 2):
        body = ok(client.get("/api/events", params={"page": page, "page_size": 40}))
        assert body["total"] == total and body["page"] == page and body["page_size"] == 40
        seen += [(e["doc_key"], e["event_index"]) for e in body["events"]]
    assert len(seen) == len(set(seen)) == total
    beyond = ok(client.get("/api/events", params={"page": total // 40 + 5, "page_size": 40}))
    assert beyond["events"] == [] and beyond["total"] == total


def test_events_csv(client):
    r = client.get("/api/events", params={"format": "csv", "source": "TUR", "page_size": 5})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert 0 < len(rows) <= 5 and all(row["source_code"].startswith("TUR") for row in rows)
    assert {"doc_key", "cameo", "cameo_name", "trigger_text", "sentence"} <= set(rows[0])
    assert int(r.headers["x-total-count"]) >= len(rows)
    assert r.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]


def test_csv_cells_cannot_be_formulas():
    from detente.web.app import _csv_cell

    assert _csv_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _csv_cell("-2") == "'-2" and _csv_cell(-2.0) == -2.0 and _csv_cell(None) == ""


def test_documents(client):
    body = ok(client.get("/api/documents"))
    assert body["total"] == N_DOCS and body["page"] == 1 and body["page_size"] == 50
    docs = body["documents"]
    assert [d["date"] for d in docs] == sorted((d["date"] for d in docs), reverse=True)
    assert set(docs[0]) == {"doc_key", "doc_id", "date", "title", "source", "url", "events", "snippet"}
    for d in docs:
        n = ok(client.get("/api/events", params={"doc": d["doc_key"], "page_size": 1}))["total"]
        assert d["events"] == n and len(d["snippet"]) <= 201

    found = ok(client.get("/api/documents", params={"q": "DRONES"}))["documents"]
    assert sorted(d["doc_id"] for d in found) == ["sample-01-ankara", "sample-09-ankara-wire"]
    assert ok(client.get("/api/documents", params={"q": "lavrov faults"}))["total"] == 1  # the title
    assert ok(client.get("/api/documents", params={"q": "%"}))["total"] == 0  # no wildcard
    assert ok(client.get("/api/documents", params={"q": "_"}))["total"] == 0

    turkish = ok(client.get("/api/documents", params={"actor": "tur"}))["documents"]
    assert "sample-01-ankara" in {d["doc_id"] for d in turkish}
    dated = ok(client.get("/api/documents", params={"start": "2024-01-01", "end": "2024-12-31"}))
    assert dated["total"] and all("2024" <= d["date"] < "2025" for d in dated["documents"])
    paged = ok(client.get("/api/documents", params={"page": 2, "page_size": 4}))
    assert paged["total"] == N_DOCS and len(paged["documents"]) == 4
    assert [d["doc_id"] for d in paged["documents"]] == [d["doc_id"] for d in docs[4:8]]

    r = client.get("/api/documents", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == N_DOCS


def test_document_spans_match_the_text(client):
    key = doc_key_of(client, "sample-01-ankara")
    body = ok(client.get(f"/api/documents/{key}"))
    doc = body["document"]
    text = doc["text"]
    assert doc["doc_key"] == key and doc["doc_id"] == "sample-01-ankara" and doc["date"] == "2024-03-14"
    assert body["events"] and body["mentions"] and body["quotes"] and body["places"]
    for i, e in enumerate(body["events"]):
        assert e["event_index"] == i
        assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
        for side in ("source", "target"):
            if e[side]:
                assert text[e[side]["start"]:e[side]["end"]] == e[side]["text"]
        assert e["cluster"]["mentions"] >= 1 and e["cluster"]["documents"] >= 1 and e["cluster"]["sources"] >= 1
    for m in body["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"] and m["code"]
    for q in body["quotes"]:
        assert text[q["start"]:q["end"]] == q["content"]
        if q["speaker_start"] is not None:
            assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_text"]
    assert any(q["speaker_code"] == "RUSGOV" and q["speaker_start"] is not None for q in body["quotes"])
    for p in body["places"]:
        assert text[p["start"]:p["end"]] == p["text"]
    assert any(p["name"] == "Ankara" and p["country"] == "TUR" for p in body["places"])


def test_dyad(client):
    body = ok(client.get("/api/dyad", params={"a": "TUR", "b": "UKR"}))
    assert body["a"] == "TUR" and body["b"] == "UKR" and body["by"] == "month" and body["unit"] == "event clusters"
    assert body["series"]
    row = body["series"][0]
    assert set(row) == set(queries.DYAD_COLUMNS)
    assert row["period"] == "2024-03-01" and row["source"] == "TUR" and row["target"] == "UKR" and row["count"] >= 1
    mentions = ok(client.get("/api/dyad", params={"a": "tur", "b": "ukr", "by": "year", "mentions": "true"}))
    assert mentions["unit"] == "mentions" and mentions["series"][0]["period"] == "2024-01-01"
    assert sum(r["count"] for r in mentions["series"]) >= sum(r["count"] for r in body["series"])
    r = client.get("/api/dyad", params={"a": "TUR", "b": "UKR", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert r.headers["content-type"].startswith("text/csv") and rows[0]["source"] == "TUR"


def test_actor_profile(client):
    body = ok(client.get("/api/actor/tur", params={"by": "month"}))
    assert body["actor"] == "TUR"
    assert "UKR" in {c["counterpart"] for c in body["counterparts"]}
    assert body["periods"] and body["periods"][0]["period"] == "2024-03-01"


def test_actors_completion(client):
    tur = ok(client.get("/api/actors", params={"q": "tur"}))["actors"]
    codes = [a["code"] for a in tur]
    assert codes[0] == "TUR" and "TURGOV" in codes and all(c.startswith("TUR") for c in codes)
    assert tur[0]["name"] and tur[0]["events"] >= tur[-1]["events"] > 0
    lavrov = ok(client.get("/api/actors", params={"q": "LAVROV"}))["actors"]
    assert lavrov[0]["code"] == "RUSGOV" and "Lavrov" in lavrov[0]["name"]
    top = ok(client.get("/api/actors", params={"limit": 3}))["actors"]
    assert len(top) == 3 and [a["events"] for a in top] == sorted((a["events"] for a in top), reverse=True)
    assert ok(client.get("/api/actors", params={"q": "zzzz"}))["actors"] == []


def test_network(client):
    body = ok(client.get("/api/network"))
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert ("TUR", "UKR") in edges and edges[("TUR", "UKR")]["count"] >= 1
    assert all(s != t for s, t in edges)
    nodes = {n["id"]: n["events"] for n in body["nodes"]}
    assert {c for pair in edges for c in pair} == set(nodes)
    assert all(nodes[s] >= e["count"] and nodes[t] >= e["count"] for (s, t), e in edges.items())
    counts = [e["count"] for e in body["edges"]]
    assert counts == sorted(counts, reverse=True)
    heavy = ok(client.get("/api/network", params={"min_count": 2, "limit": 2}))
    assert len(heavy["edges"]) <= 2 and all(e["count"] >= 2 for e in heavy["edges"])
    empty = ok(client.get("/api/network", params={"start": "1990-01-01", "end": "1990-12-31"}))
    assert empty == {"nodes": [], "edges": []}
    r = client.get("/api/network", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv") and r.text.startswith("source,target,count")
    countries = ok(client.get("/api/network", params={"level": "country"}))
    merged = {(e["source"], e["target"]): e["count"] for e in countries["edges"]}
    assert all(len(s) == 3 and len(t) == 3 and s != t for s, t in merged)
    # the country edge TUR -> RUS counts the events of every TUR* -> RUS* actor edge
    assert merged[("TUR", "RUS")] == sum(e["count"] for (s, t), e in edges.items() if s[:3] == "TUR" and t[:3] == "RUS")


def test_events_exact_codes_and_undated(client):
    prefix = ok(client.get("/api/events", params={"source": "TUR", "page_size": 500}))["events"]
    whole = ok(client.get("/api/events", params={"source": "TUR", "exact": "true", "page_size": 500}))["events"]
    assert {e["source_code"] for e in whole} == {"TUR"} and len(prefix) > len(whole)
    assert any(e["source_code"] == "TURGOV" for e in prefix)
    undated = ok(client.get("/api/events", params={"undated": "true"}))
    assert all(e["date"] is None for e in undated["events"])
    bad = client.get("/api/events", params={"undated": "true", "start": "2024-01-01"})
    assert bad.status_code == 400 and "undated" in bad.json()["error"]


def test_flags(client):
    body = ok(client.get("/api/flags", params={"window": 90}))
    dual = [f for f in body["flags"] if f["kind"] == "dual-track" and f["actor"] == "TUR"]
    assert dual and dual[0]["summary"] and dual[0]["evidence"]
    assert {"doc_id", "cameo", "sentence"} <= set(dual[0]["evidence"][0])
    r = client.get("/api/flags", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert any(row["kind"] == "dual-track" and row["actor"] == "TUR" for row in rows)


def test_code_a_text(client):
    body = ok(client.post("/api/code", json={"text": ARTICLE, "date": "2024-09-06"}))
    assert body["text"] == ARTICLE
    triples = {(e["source"]["code"] if e["source"] else None, e["cameo"], e["target"]["code"] if e["target"] else None)
               for e in body["events"]}
    assert ("TUR", "072", "UKR") in triples
    for e in body["events"]:
        assert ARTICLE[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
        assert e["date"] == "2024-09-06"
    assert body["mentions"] and all(ARTICLE[m["start"]:m["end"]] == m["text"] for m in body["mentions"])
    assert isinstance(body["places"], list)
    stored = ok(client.get(f"/api/documents/{doc_key_of(client, 'sample-01-ankara')}"))["quotes"]
    quoted = 'Sergey Lavrov said on Friday: "Ankara cannot sell drones to Kyiv and also mediate."'
    got = ok(client.post("/api/code", json={"text": quoted, "date": "2024-09-06"}))["quotes"]
    assert got and set(got[0]) == set(stored[0])  # one quote shape for both
    q = got[0]
    assert quoted[q["start"]:q["end"]] == q["content"] and q["speaker_code"] == "RUSGOV"
    assert quoted[q["speaker_start"]:q["speaker_end"]] == "Sergey Lavrov"
    before = ok(client.get("/api/health"))["documents"]
    assert before == N_DOCS  # nothing stored


def test_code_errors(client, db, coder):
    assert_error(client.post("/api/code", json={"text": "   "}), 400, "text")
    assert_error(client.post("/api/code", json={}), 400, "text")
    assert_error(client.post("/api/code", json={"text": ARTICLE, "date": "06/09/2024"}), 400, "date")
    assert_error(client.post("/api/code", json=["not", "an", "object"]), 400, "body")
    assert_error(client.post("/api/code", content=b"{broken", headers={"content-type": "application/json"}),
                 400, "JSON")
    assert_error(client.post("/api/code", content=b'{"text": "x"}', headers={"content-type": "text/plain"}), 415)
    assert_error(client.post("/api/code", json={"text": FRENCH}), 422, "not English")
    big = {"text": "Iran criticized Iraq. " * 50_000}  # 1.1 MB
    assert_error(client.post("/api/code", json=big), 413, "larger than")
    # Without Content-Length (chunked), the body is counted as it arrives.
    small = TestClient(create_app(str(db), max_body=1000, coder=coder))

    def chunks():
        for _ in range(20):
            yield b'{"text": "' + b"a" * 100

    assert_error(small.post("/api/code", content=chunks(), headers={"content-type": "application/json"}), 413)


def test_hostile_document_is_returned_as_json_data(client):
    r = client.get("/api/documents", params={"q": "<script>"})
    body = ok(r)
    assert [d["doc_id"] for d in body["documents"]] == ["hostile-1"]
    assert body["documents"][0]["title"] == HOSTILE.title
    key = body["documents"][0]["doc_key"]
    r = client.get(f"/api/documents/{key}")
    detail = ok(r)
    assert detail["document"]["text"] == HOSTILE_TEXT
    marked = [e for e in detail["events"] if "<script>alert(1)</script>" in e["sentence"] and "<img" in e["sentence"]]
    assert marked and HOSTILE_TEXT[marked[0]["trigger"]["start"]:marked[0]["trigger"]["end"]] == "condemned"
    assert r.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    listed = ok(client.get("/api/events", params={"doc": key}))["events"]
    assert {(e["source_code"], e["cameo"], e["target_code"]) for e in listed} >= {("IRN", "111", "IRQ")}


# ---- errors: one shape ---------------------------------------------------------------------------
@pytest.mark.parametrize("url, params, name", [
    ("/api/events", {"start": "2024-13-01"}, "start"),
    ("/api/events", {"end": "yesterday"}, "end"),
    ("/api/events", {"start": "2024-05-01", "end": "2024-04-01"}, "end"),
    ("/api/events", {"quad": 9}, "quad"),
    ("/api/events", {"quad": "x"}, "quad"),
    ("/api/events", {"code": "abc"}, "code"),
    ("/api/events", {"root": "1"}, "root"),
    ("/api/events", {"source": "TUR'; DROP TABLE events; --"}, "source"),
    ("/api/events", {"claimed": "maybe"}, "claimed"),
    ("/api/events", {"page_size": 501}, "page_size"),
    ("/api/events", {"page": 0}, "page"),
    ("/api/events", {"page": "two"}, "page"),
    ("/api/events", {"format": "xml"}, "format"),
    ("/api/documents", {"start": "2024-02-30"}, "start"),
    ("/api/documents", {"page_size": 0}, "page_size"),
    ("/api/documents", {"q": "x" * 300}, "q"),
    ("/api/dyad", {"a": "TUR"}, "b"),
    ("/api/dyad", {"b": "UKR"}, "a"),
    ("/api/dyad", {"a": "TUR", "b": "UKR", "by": "decade"}, "by"),
    ("/api/actor/TUR", {"by": "hour"}, "by"),
    ("/api/actors", {"limit": 0}, "limit"),
    ("/api/network", {"min_count": 0}, "min_count"),
    ("/api/network", {"start": "2024-1-1"}, "start"),
    ("/api/network", {"level": "planet"}, "level"),
    ("/api/flags", {"window": -1}, "window"),
])
def test_bad_parameters(client, url, params, name):
    assert_error(client.get(url, params=params), 400, f"bad parameter {name}")


def test_not_found_and_methods(client):
    assert_error(client.get("/api/documents/" + "0" * 64), 404, "no document")
    assert_error(client.get("/api/nope"), 404, "/api/nope")
    assert_error(client.get("/api"), 404)
    assert_error(client.delete("/api/health"), 405)
    assert_error(client.get("/api/code"), 405)


def test_query_time_limit(db, monkeypatch):
    app = create_app(str(db), query_timeout=0.2)

    def slow(con):
        return con.execute("SELECT count(*) FROM range(100000000000) t(i) WHERE i % 7 = 3").fetchone()

    monkeypatch.setattr(queries, "health", slow)
    started = time.monotonic()
    assert_error(TestClient(app).get("/api/health"), 503, "longer than 0.2 s")
    assert time.monotonic() - started < 5


# ---- the app around the API ----------------------------------------------------------------------
def test_openapi_and_no_cdn_pages(client):
    spec = ok(client.get("/openapi.json"))
    assert {"/api/health", "/api/events", "/api/documents", "/api/documents/{doc_key}", "/api/dyad",
            "/api/actor/{code}", "/api/actors", "/api/network", "/api/flags", "/api/code"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/code"]
    for page in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        assert client.get(page).status_code == 404


def test_pages_and_static_files(client):
    static = Path(__file__).resolve().parents[1] / "src" / "detente" / "web" / "static"
    for route, name in (("/", "documents.html"), ("/documents", "documents.html"), ("/article/abc", "article.html"),
                        ("/dyad", "dyad.html"), ("/network", "network.html"), ("/flags", "flags.html"),
                        ("/code", "code.html")):
        r = client.get(route)
        if (static / name).is_file():
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
            assert r.text == (static / name).read_text(encoding="utf-8")
        else:
            assert_error(r, 404)
        assert r.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert_error(client.get("/static/no-such-file.js"), 404)


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/%2e%2e%2fapp.py", "/static/..%5capp.py", "/static/js/../../app.py",
                                  "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/../../store.py"])
def test_static_paths_do_not_escape(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404)
    assert "create_app" not in r.text and "root:" not in r.text and "class Store" not in r.text


def test_serving_does_not_modify_the_store(db, app, client):
    import duckdb

    before = (db.stat().st_mtime_ns, db.stat().st_size)
    key = doc_key_of(client, "sample-02-gaza")
    for url in ("/api/health", "/api/events", f"/api/documents/{key}", "/api/dyad?a=TUR&b=UKR", "/api/actor/TUR",
                "/api/actors?q=a", "/api/network", "/api/flags"):
        ok(client.get(url))
    with pytest.raises(duckdb.Error):
        app.state.db.store.con.execute("CREATE TABLE intruder (x INTEGER)")
    with pytest.raises(duckdb.Error):
        app.state.db.store.con.execute("DELETE FROM events")
    assert (db.stat().st_mtime_ns, db.stat().st_size) == before


def test_missing_or_foreign_database(tmp_path):
    from detente.errors import DetenteError

    with pytest.raises(DetenteError, match="no database at"):
        create_app(str(tmp_path / "missing.duckdb"))
    other = tmp_path / "other.duckdb"
    import duckdb

    duckdb.connect(str(other)).execute("CREATE TABLE t (x INTEGER)").close()
    with pytest.raises(DetenteError, match="not a detente store"):
        create_app(str(other))


def test_serve_command_missing_database(capsys, tmp_path):
    from detente.cli import main

    assert main(["serve", "--db", str(tmp_path / "missing.duckdb")]) == 1
    assert "no database at" in capsys.readouterr().err


@pytest.mark.slow
def test_serve_command_answers_over_http(db):
    import json
    import re
    import urllib.request

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", str(db), "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        line = proc.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url.group(0) + "api/health", timeout=5) as r:
                    assert r.headers["Content-Security-Policy"]
                    assert json.loads(r.read())["documents"] == N_DOCS
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()


def test_events_of_a_cluster(client):
    key = doc_key_of(client, "sample-01-ankara")
    events = ok(client.get(f"/api/documents/{key}"))["events"]
    shared = [e for e in events if e["cluster"]["documents"] == 2]
    assert shared, "the second wire sample repeats events of the first"
    cluster = shared[0]["cluster"]
    got = ok(client.get("/api/events", params={"cluster": cluster["id"]}))
    assert got["total"] == cluster["mentions"] == 2
    assert {e["doc_id"] for e in got["events"]} == {"sample-01-ankara", "sample-09-ankara-wire"}
    assert len({(e["source_code"], e["target_code"], e["cameo"][:3]) for e in got["events"]}) == 1
    bad = client.get("/api/events", params={"cluster": "nope"})
    assert bad.status_code == 400 and "cluster" in bad.json()["error"]


def test_actor_and_flags_count_clusters_unless_mentions(client):
    clusters = ok(client.get("/api/actor/TUR"))
    mentions = ok(client.get("/api/actor/TUR", params={"mentions": "true"}))
    assert (clusters["unit"], mentions["unit"]) == ("event clusters", "mentions")
    assert sum(p["events"] for p in mentions["periods"]) >= sum(p["events"] for p in clusters["periods"]) > 0
    flagged = ok(client.get("/api/flags", params={"mentions": "true"}))["flags"]
    assert any(f["kind"] == "dual-track" and f["actor"] == "TUR" for f in flagged)
