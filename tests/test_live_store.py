"""One live store, several users: `detente serve --watch` ingests a local feed while clients query it; every answer
is a consistent snapshot (a page's total is its rows); new articles appear in the API while it answers; a second
process that wants the store is told which process holds it (exit 2); a server killed with SIGKILL mid-ingest leaves
a store that, after a restart, holds every article once. In-process: the watcher thread with a TestClient."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import warnings

import pytest

from detente.store import Store
from processes import FeedServer, child_env

pytestmark = pytest.mark.slow


def get(url: str, timeout: float = 20) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


class Server:
    """`detente serve --watch` in a process of its own; its stderr lines kept."""

    def __init__(self, db, feed: str, every: str = "1s"):
        self.proc = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", str(db), "--port", "0",
                                      "--watch", feed, "--every", every], stderr=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL, text=True, env=child_env())
        self.lines: list[str] = []
        first = self.proc.stderr.readline()
        self.lines.append(first)
        found = re.search(r"http://127\.0\.0\.1:\d+/", first)
        assert found, first
        self.url = found.group(0)
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line)

    def documents(self) -> int:
        return get(self.url + "api/health")[1]["documents"]

    def wait_for(self, documents: int, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while self.documents() < documents:
            assert time.monotonic() < deadline, "".join(self.lines[-10:])
            time.sleep(0.3)

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        self.proc.wait(timeout=30)


@pytest.fixture
def feed():
    server = FeedServer()
    yield server
    server.close()


def test_serve_watch_ingests_while_it_answers(tmp_path, feed):
    db = tmp_path / "live.duckdb"
    feed.add(3)
    server = Server(db, feed.url)
    try:
        server.wait_for(3)
        statuses: list[int] = []
        torn: list[str] = []
        stop = threading.Event()

        def client(n: int) -> None:
            urls = ["api/events?page_size=500", "api/documents?page_size=500", "api/dyad?a=TUR&b=UKR",
                    "api/network", "api/flags", "api/health"]
            i = n
            while not stop.is_set():
                url = urls[i % len(urls)]
                status, body = get(server.url + url)
                statuses.append(status)
                for name in ("events", "documents"):  # a page's rows and its total come from one snapshot
                    if isinstance(body.get(name), list) and len(body[name]) != body["total"]:
                        torn.append(f"{url}: {len(body[name])} rows, total {body['total']}")
                i += 1

        clients = [threading.Thread(target=client, args=(n,)) for n in range(6)]
        for t in clients:
            t.start()
        seen = [server.documents()]
        for total in (8, 14, 20):  # new articles arrive while the clients query
            feed.add(total - feed.count)
            server.wait_for(total)
            seen.append(server.documents())
        stop.set()
        for t in clients:
            t.join(timeout=60)
        assert seen == [3, 8, 14, 20]
        assert len(statuses) > 30 and set(statuses) == {200}, sorted(set(statuses))
        assert not torn, torn[:3]
        status, health = get(server.url + "api/health")
        assert health["watch"]["feeds"] == 1 and health["watch"]["polls"] >= 4 and health["watch"]["last_error"] is None

        # a second process that wants the store is told who holds it, and changes nothing
        for argv in (["ingest", str(tmp_path / "none.txt")], ["dyad", "TUR", "UKR"], ["serve"],
                     ["watch", feed.url, "--once"]):
            done = subprocess.run([sys.executable, "-m", "detente", *argv, "--db", str(db)], capture_output=True,
                                  text=True, env=child_env(), timeout=60)
            assert done.returncode == 2, (argv, done.stderr)
            assert done.stderr.startswith(f"detente: error: {db} is in use by process {server.proc.pid} (detente "
                                          f"serve --db {db}"), done.stderr
            assert "Traceback" not in done.stderr
    finally:
        server.stop()
    assert server.proc.returncode in (0, -signal.SIGTERM)  # uvicorn stops cleanly, then dies of the signal it got
    assert any("detente serve: watch: ingested" in line for line in server.lines)
    with Store(db, read_only=True) as store:  # the store is whole and free again
        assert store.health()["documents"] == 20


def test_a_server_killed_mid_ingest_leaves_every_document_once(tmp_path, feed):
    db = tmp_path / "killed.duckdb"
    feed.add(4)
    server = Server(db, feed.url, every="1s")
    try:
        server.wait_for(4)
        feed.add(796)  # a poll that codes in four transactions of 256 documents
        server.wait_for(5)  # the first of them has landed: kill while the next ones are being coded
    finally:
        server.stop(signal.SIGKILL)
    with Store(db) as store:
        partial = store.health()["documents"]
    assert 4 < partial < 800
    server = Server(db, feed.url, every="1s")
    try:
        server.wait_for(800)
    finally:
        server.stop()
    with Store(db, read_only=True) as store, store.reader() as r:
        keys = r.doc_keys()
        counts = r.counts()
        assert len(keys) == counts["documents"] == 800
        assert len(r.known_urls()) == 800
        orphans = {k for k, in store.con.execute("SELECT DISTINCT doc_key FROM events").fetchall()} - keys
        assert not orphans


def test_the_watcher_thread_in_process(tmp_path, feed, coder):
    """The same with the app in this process: the watcher is started and stopped with the app."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
        from fastapi.testclient import TestClient

    from detente.watcher import WatchSettings
    from detente.web.app import create_app

    feed.add(2)
    lines: list[str] = []
    app = create_app(str(tmp_path / "w.duckdb"), coder=coder, report=lines.append,
                     watch=WatchSettings((feed.url,), every=0.3, fetch_timeout=2, retries=1))
    with TestClient(app) as client:
        deadline = time.monotonic() + 60
        while client.get("/api/health").json()["documents"] < 2:
            assert time.monotonic() < deadline, lines
            time.sleep(0.1)
        feed.add(2)
        while client.get("/api/health").json()["documents"] < 4:
            assert time.monotonic() < deadline, lines
            time.sleep(0.1)
        assert client.get("/api/events").json()["total"] >= 4
        code = client.post("/api/code", json={"text": "Chad rebuked Niger.", "date": "2024-01-02"})
        assert code.status_code == 200 and code.json()["events"]
    assert not app.state.watcher._thread.is_alive()
    assert any("ingested 2 new article(s)" in line for line in lines)
    app.state.db.close()
    os.remove(tmp_path / "w.duckdb")
