"""Helpers of the tests that start processes: the descendants of a process and whether they live (Linux /proc),
and a feed server of articles that a test adds to while it runs."""
from __future__ import annotations

import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")


def child_env() -> dict[str, str]:
    """The environment of a child detente: this checkout's sources first on its path."""
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": SRC + (os.pathsep + path if path else ""), "PYTHONUNBUFFERED": "1"}


def _stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, state) of a process, or None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), fields[0]


def descendants(pid: int) -> list[int]:
    """Every process below `pid`."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat is not None:
                parents.setdefault(stat[0], []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pids: list[int]) -> list[int]:
    """The processes of `pids` still running (a zombie is not)."""
    return [p for p in pids if (stat := _stat(p)) is not None and stat[1] != "Z"]


def wait_gone(pids: list[int], seconds: float) -> list[int]:
    """Wait up to `seconds` for the processes to end; those still alive."""
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive(pids)


TEXTS = ["Iran criticized Iraq on Monday.", "Canada imposed sanctions on Belarus.",
         "Egypt called on Hamas to release the hostages.", "Turkey supplied drones to Ukraine.",
         "Ukrainian troops shelled Russian positions near Belgorod.", "Qatar offered to mediate between Israel and "
         "Hamas.", "Poland expelled three Russian diplomats.", "Turkey criticized Israel and Iran."]


def article(i: int) -> str:
    return f"{TEXTS[i % len(TEXTS)]} Officials gave report number {i} on the talks."


class FeedServer:
    """An RSS feed on 127.0.0.1 whose articles a test adds while a watcher polls it (`add(n)`)."""

    def __init__(self, start: int = 0):
        self.count = 0
        self.start = start  # the first article's number (articles of another corpus are other texts)
        items = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/rss.xml":
                    entries = "".join(f"<item><title>Report {i}</title><link>/a{i}.html</link>"
                                      f"<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>"
                                      for i in range(items.count))
                    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{entries}</channel></rss>'
                elif self.path.startswith("/a") and self.path.endswith(".html"):
                    body = f"<html><body><p>{article(items.start + int(self.path[2:-5]))}</p></body></html>"
                else:
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

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/rss.xml"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def add(self, n: int) -> None:
        self.count += n

    def close(self) -> None:
        self.httpd.shutdown()
