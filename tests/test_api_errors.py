"""Every error of the API has one shape, `{"error": message, "status": code}`, whichever exception gave it:
the query errors (BadParameter 400, NotFound 404, NotAvailable 409), the app's own ApiError (413, 415, 422,
503), request validation (400) and Starlette's HTTP errors (404, 405). Runs on an empty store, with a stand-in
coder: no spaCy."""
from __future__ import annotations

import warnings

import pytest

with warnings.catch_warnings():  # starlette asks for httpx2 instead of httpx; the test client works with either
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient

from detente.records import Skipped
from detente.store import Store
from detente.web import queries
from detente.web.app import create_app

NO_CLUSTERS = ("no event clusters in this store: ingest into it again to build them (an ingest with no new "
               "documents builds them too)")
JSON_BODY = 'send the body as application/json: {"text": "...", "date": "YYYY-MM-DD"}'


class SkippingCoder:
    """Stands in for a Coder: every text is skipped, as a non-English one would be."""

    def code_documents(self, docs, stop=None):
        for doc in docs:
            yield Skipped(doc.id, doc.origin, "not English")


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("errors") / "empty.duckdb"
    with Store(path):
        pass
    return str(path)


@pytest.fixture(scope="module")
def client(empty_store):
    return TestClient(create_app(empty_store, max_body=1000, coder=SkippingCoder()))


# (what raised it, method, url, request options, status, the whole message)
CASES = [
    ("BadParameter", "get", "/api/events", {"params": {"quad": 9}}, 400,
     "bad parameter quad: 9 is not a quad class (1 to 4)"),
    ("BadParameter", "post", "/api/code", {"json": {"text": "  "}}, 400,
     "bad parameter text: a non-empty string is required"),
    ("RequestValidationError", "get", "/api/events", {"params": {"page": "two"}}, 400,
     "bad parameter page: Input should be a valid integer, unable to parse string as an integer"),
    ("NotFound", "get", "/api/documents/" + "0" * 64, {}, 404, f"no document with doc_key {'0' * 64!r}"),
    ("HTTPException", "get", "/api/nope", {}, 404, "no API route /api/nope"),
    ("HTTPException", "get", "/nope", {}, 404, "not found: /nope"),
    ("HTTPException", "delete", "/api/health", {}, 405, "Method Not Allowed"),
    ("NotAvailable", "get", "/api/dyad", {"params": {"a": "TUR", "b": "UKR"}}, 409, NO_CLUSTERS),
    ("NotAvailable", "get", "/api/flags", {}, 409, NO_CLUSTERS),
    ("ApiError", "post", "/api/code", {"json": {"text": "a" * 2000}}, 413, "the body is larger than 1,000 bytes"),
    ("ApiError", "post", "/api/code", {"content": b'{"text": "x"}', "headers": {"content-type": "text/plain"}},
     415, JSON_BODY),
    ("ApiError", "post", "/api/code", {"json": {"text": "Le gouvernement a annoncé des mesures."}}, 422,
     "the text was not coded: not English"),
]


@pytest.mark.parametrize("raised, method, url, options, status, message", CASES,
                         ids=[f"{c[0]}-{c[4]}-{c[2]}" for c in CASES])
def test_every_error_has_one_shape(client, raised, method, url, options, status, message):
    r = client.request(method.upper(), url, **options)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    assert r.json() == {"error": message, "status": status}


@pytest.mark.parametrize("error, status", [
    (queries.BadParameter("x", "is wrong"), 400),
    (queries.NotFound("nothing here"), 404),
    (queries.NotAvailable("not yet"), 409),
])
def test_each_query_error_class_maps_to_its_status(empty_store, monkeypatch, error, status):
    def fail(con):
        raise error

    monkeypatch.setattr(queries, "health", fail)
    r = TestClient(create_app(empty_store)).get("/api/health")
    assert r.status_code == status
    assert r.json() == {"error": str(error), "status": status}


def test_a_query_over_time_is_503(empty_store, monkeypatch):
    def slow(con):
        return con.execute("SELECT count(*) FROM range(100000000000) t(i) WHERE i % 7 = 3").fetchone()

    monkeypatch.setattr(queries, "health", slow)
    r = TestClient(create_app(empty_store, query_timeout=0.1)).get("/api/health")
    assert r.status_code == 503
    assert r.json() == {"error": "the query took longer than 0.1 s and was stopped; narrow it down (a shorter "
                                 "period, more filters)", "status": 503}
