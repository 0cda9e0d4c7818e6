"""What the fault probes share: running detente as a user does (its own process), a server started and its URL
read, the integrity of a store after a kill, corpora, and the record of a probe (what it expects, what it saw).

The process-tree helpers and the feed server are those of the tests (tests/processes.py)."""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from processes import FeedServer, alive, article, child_env, descendants, wait_gone  # noqa: E402,F401

DETENTE = [sys.executable, "-m", "detente"]


@dataclass
class Probe:
    group: str
    name: str
    expects: str
    saw: str
    ok: bool


def run(*args, stdin=None, timeout: float = 600, input: bytes | None = None, **kw) -> subprocess.CompletedProcess:
    """`detente ARGS` in a process of its own; stdout and stderr as text."""
    kw.setdefault("env", child_env())
    done = subprocess.run([*DETENTE, *map(str, args)], stdin=stdin, input=input, capture_output=True,
                          timeout=timeout, **kw)
    done.stdout = done.stdout.decode("utf-8", "replace")
    done.stderr = done.stderr.decode("utf-8", "replace")
    return done


def message_only(stderr: str) -> bool:
    """A message, never a traceback."""
    return "Traceback" not in stderr


def last_line(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def short(text: str, n: int = 150) -> str:
    text = " ".join(text.split()).replace("|", "/")
    return text if len(text) <= n else text[:n - 1] + "…"


def write_corpus(path: Path, n: int, start: int = 0) -> Path:
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": article(i), "date": f"2024-0{1 + i % 9}-1{i % 9}"})
                            + "\n" for i in range(start, start + n)), encoding="utf-8")
    return path


def integrity(db: Path) -> dict:
    """What a store holds after a kill: documents, distinct keys, rows whose document is missing."""
    from detente.store import Store

    with Store(db, read_only=True) as store:
        con = store.con
        docs, keys = con.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone()
        orphans = sum(con.execute(f"SELECT count(*) FROM {t} WHERE doc_key NOT IN (SELECT doc_key FROM documents)")
                      .fetchone()[0] for t in ("events", "mentions", "quotes", "places"))
        unfinished = con.execute("SELECT count(*) FROM runs WHERE finished IS NULL").fetchone()[0]
    return {"documents": docs, "distinct": keys, "orphans": orphans, "unfinished_runs": unfinished}


def get(url: str, timeout: float = 60, data: bytes | None = None,
        headers: dict | None = None) -> tuple[int, dict, bytes]:
    """(status, headers, body) of a request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


class Server:
    """`detente serve ...` in a process of its own; its URL read from the first line; its stderr kept."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([*DETENTE, "serve", "--port", "0", *map(str, args)], stderr=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL, text=True, env=child_env())
        self.lines = [self.proc.stderr.readline()]
        found = re.search(r"http://127\.0\.0\.1:\d+/", self.lines[0])
        if not found:
            self.stop()
            raise RuntimeError(f"detente serve did not start: {self.lines[0]}")
        self.url = found.group(0)
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line)

    def json(self, path: str) -> dict:
        return json.loads(get(self.url + path)[2])

    def wait_for(self, documents: int, seconds: float = 300) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.json("api/health")["documents"] >= documents:
                return True
            time.sleep(0.3)
        return False

    def rss_mb(self) -> float:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def cpu_seconds(self) -> float:
        """CPU time the server has used (user and system)."""
        import os

        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
