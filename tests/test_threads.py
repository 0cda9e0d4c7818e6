"""One Coder shared by several threads codes exactly as it does alone (stages keep no state between
documents)."""
from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from detente.demo import sample_documents
from detente.records import CodedDocument, Document

pytestmark = pytest.mark.slow


def dump(result) -> str:
    assert isinstance(result, CodedDocument), result
    return json.dumps({"events": [e.to_dict() for e in result.events], "quotes": [q.to_dict() for q in result.quotes],
                       "mentions": [a.to_dict() for a in result.mentions], "places": [p.to_dict() for p in result.places],
                       "sentences": result.sentences, "words": result.words}, sort_keys=True, ensure_ascii=False)


def test_four_threads_code_as_one(coder):
    docs = list(sample_documents())
    docs += [Document(id=f"s{i}", text=t, date="2024-09-06") for i, t in enumerate([
        "Ankara has been providing Kyiv with drones, the Kremlin said on Tuesday, and he criticized it.",
        "Police in Nairobi arrested dozens of protesters outside parliament last week.",
        "The foreign minister said Russia would not accept a temporary ceasefire. Lavrov also met Fidan.",
    ])]
    expected = [dump(r) for r in coder.code_documents(docs)]
    work = docs * 4  # each document coded by several threads at the same time

    def code_one(doc):
        return dump(next(iter(coder.code_documents([doc]))))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # threads take turns often, inside a sentence's coding too
    try:
        for _ in range(3):
            with ThreadPoolExecutor(max_workers=4) as pool:
                got = list(pool.map(code_one, work))
            assert got == expected * 4
    finally:
        sys.setswitchinterval(interval)


def test_web_codes_requests_at_the_same_time(coder, tmp_path):
    """POST /api/code has no lock around the coder: parallel requests get the answers sequential ones do."""
    from fastapi.testclient import TestClient

    from detente.store import Store
    from detente.web.app import create_app

    Store(tmp_path / "s.duckdb").close()
    app = create_app(str(tmp_path / "s.duckdb"), coder=coder)
    texts = [d.text for d in sample_documents()][:4] + ["Chile criticized Peru on Monday."]
    with TestClient(app) as client:
        def post(text):
            r = client.post("/api/code", json={"text": text, "date": "2024-09-06"})
            assert r.status_code == 200
            return r.text

        expected = [post(t) for t in texts]
        with ThreadPoolExecutor(max_workers=4) as pool:
            assert list(pool.map(post, texts * 3)) == expected * 3
    app.state.db.close()
