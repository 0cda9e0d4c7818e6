"""detente watch against a local HTTP server serving fixture feeds and pages written for this test."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from detente.feeds import parse_feed, parse_interval, poll
from detente.store import Store

PAGES = {
    "/a1.html": "<html><head><title>Drones</title><script>var x = 1;</script></head><body><nav>Home</nav>"
                "<p>Turkey supplied drones to Ukraine on Monday, officials said.</p></body></html>",
    "/a2.html": "<html><body><p>Egypt criticized Israel on Tuesday.</p><footer><p>Contact us</p></footer>"
                "</body></html>",
    "/b1.html": "<html><body><p>Canada imposed sanctions on Belarus on Wednesday.</p></body></html>",
}
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Drones</title><link>/a1.html</link><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Criticism</title><link>/a2.html</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>/missing.html</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Other</title>
<entry><title>Sanctions</title><link href="/b1.html"/><published>2024-03-06T09:00:00Z</published></entry>
</feed>"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow.xml":
            time.sleep(2.5)
        body = {"/rss.xml": RSS, "/atom.xml": ATOM, "/broken.xml": "<rss><channel><item>",
                "/slow.xml": RSS, **PAGES}.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_parse_rss_and_atom():
    items = parse_feed(RSS.encode(), "http://x.test/feed")
    assert [(i.link, i.date) for i in items[:2]] == [("http://x.test/a1.html", "2024-03-04"),
                                                      ("http://x.test/a2.html", "2024-03-05")]
    [entry] = parse_feed(ATOM.encode(), "http://x.test/feed")
    assert (entry.link, entry.title, entry.date) == ("http://x.test/b1.html", "Sanctions", "2024-03-06")
    with pytest.raises(ValueError, match="malformed"):
        parse_feed(b"<rss><channel>", "http://x.test")


def test_intervals():
    assert [parse_interval(s) for s in ("15m", "30s", "2h", "45")] == [900, 30, 7200, 45]


@pytest.mark.slow
def test_watch_survives_bad_feeds_and_ingests_once(coder, server, tmp_path):
    feeds = [f"{server}/rss.xml", f"{server}/atom.xml", f"{server}/broken.xml", f"{server}/slow.xml",
             f"{server}/nothing.xml"]
    messages: list[str] = []
    with Store(tmp_path / "w.duckdb") as store:
        counts = poll(feeds, store, coder.options, timeout=1.0, retries=2, backoff=0.1, log=messages.append)
        assert counts == {"feeds": 2, "feeds_failed": 3, "new": 3, "failed": 1}
        docs = store.con.execute("SELECT url, date, title FROM documents ORDER BY url").fetchall()
        assert [d[0].rsplit("/", 1)[1] for d in docs] == ["a1.html", "a2.html", "b1.html"]
        assert docs[0][1:] == ("2024-03-04", "Drones")
        texts = [r[0] for r in store.con.execute("SELECT text FROM documents").fetchall()]
        assert not any("Contact us" in t or "var x" in t or "Home" in t for t in texts)
        events = {(r[0], r[1], r[2]) for r in store.con.execute(
            "SELECT source_code, cameo, target_code FROM events").fetchall()}
        assert ("TUR", "072", "UKR") in events and ("CAN", "163", "BLR") in events
        [(reason,)] = store.con.execute("SELECT reason FROM errors").fetchall()
        assert "HTTP 404" in reason
        again = poll(feeds[:2], store, coder.options, timeout=1.0, retries=1, backoff=0.1, log=messages.append)
        assert again["new"] == 0 and store.counts()["documents"] == 3
    assert any("broken.xml" in m and "malformed" in m for m in messages)
    assert any("slow.xml" in m for m in messages) and any("nothing.xml" in m and "404" in m for m in messages)
