"""The API probes of the fault suite (bench/faults.py): `detente serve --watch` on a store of synthetic articles,
ingesting a local feed the whole time, is fuzzed on every parameter, sent huge integers, deep JSON, an oversized
body and a 950 KB text, and loaded by many clients. The load run's table goes to `BLOCKS["faults_load"]`."""
from __future__ import annotations

import json
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

from faults_common import FeedServer, Probe, Server, get, run, write_corpus

BLOCKS: dict[str, str] = {}
STORE_DOCS = 200
SECURITY = ("content-security-policy", "x-content-type-options", "referrer-policy")
ENDPOINTS = {
    "api/events": ["source", "target", "code", "root", "quad", "start", "end", "doc", "claimed", "exact", "undated",
                   "cluster", "page", "page_size", "format"],
    "api/documents": ["q", "actor", "start", "end", "page", "page_size", "format"],
    "api/dyad": ["a", "b", "by", "mentions", "format"],
    "api/actor/TUR": ["by", "mentions"],
    "api/actors": ["q", "limit", "format"],
    "api/network": ["start", "end", "min_count", "limit", "level", "format"],
    "api/flags": ["window", "min_events", "limit", "mentions", "format"],
    "api/health": [],
}
INTEGERS = [("api/events", "page"), ("api/events", "page_size"), ("api/events", "quad"), ("api/documents", "page"),
            ("api/documents", "page_size"), ("api/actors", "limit"), ("api/network", "min_count"),
            ("api/network", "limit"), ("api/flags", "window"), ("api/flags", "min_events"), ("api/flags", "limit")]
NASTY = ["", " ", "0", "-1", "1e3", "NaN", "inf", "true", "null", "99999999999999999999", "-99999999999999999999",
         "9223372036854775808", "2024-02-30", "2024-13-01", "9999-12-31", "TUR", "tur", "'; DROP TABLE events; --", "%",
         "_", "\\", "\x00", "é" * 300, "<script>alert(1)</script>", "../../etc/passwd", "a" * 5000, "csv", "json",
         "xml", "country", "month", "fortnight", "19", "190", "0" * 32, "f" * 32, "\ud7ff", "🙂"]


def _value(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(NASTY)
    if rng.random() < 0.5:
        return str(rng.randint(-10**25, 10**25))
    return "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0x80, 0x2FFF)])) for _ in range(rng.randint(0, 30)))


def _is_error_shape(status: int, headers: dict, body: bytes) -> bool:
    if headers.get("content-type", headers.get("Content-Type", "")) != "application/json":
        return False
    try:
        answer = json.loads(body)
    except ValueError:
        return False
    return isinstance(answer, dict) and set(answer) == {"error", "status"} and answer["status"] == status


def _lower(headers: dict) -> dict:
    return {k.lower(): v for k, v in headers.items()}


def fuzz(url: str, n: int) -> Probe:
    rng = random.Random(12)
    statuses: dict[int, int] = {}
    bad_shape = no_headers = 0
    examples: list[str] = []
    for _ in range(n):
        path = rng.choice(sorted(ENDPOINTS))
        names = ENDPOINTS[path] + ["extra"]
        params = {rng.choice(names): _value(rng) for _ in range(rng.randint(0, 4))}
        if rng.random() < 0.1:  # a path parameter instead
            path = rng.choice(["api/documents/", "api/actor/"]) + quote(_value(rng), safe="")
            params = {}
        status, headers, body = get(f"{url}{path}?{urlencode(params)}")
        headers = _lower(headers)
        statuses[status] = statuses.get(status, 0) + 1
        if status >= 400 and not _is_error_shape(status, headers, body):
            bad_shape += 1
        if not all(h in headers for h in SECURITY):
            no_headers += 1
        if status >= 500 and len(examples) < 3:
            examples.append(f"{path}?{urlencode(params)[:80]} → {status}")
    server_errors = sum(k for s, k in statuses.items() if s >= 500)
    return Probe("api", f"{n} fuzzed requests over every parameter of every endpoint (seeded)",
                 "no 5xx; every error in the JSON shape; security headers on every answer",
                 f"statuses {dict(sorted(statuses.items()))}; {bad_shape} errors not in the shape; {no_headers} "
                 f"answers without the headers{'; ' + '; '.join(examples) if examples else ''}",
                 server_errors == 0 and bad_shape == 0 and no_headers == 0)


def _post_large(url: str, body: bytes) -> tuple[int, dict, bytes]:
    """POST a body the server may refuse before reading it (it answers, then closes the connection while the
    client still sends): the answer is read all the same."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.putrequest("POST", parts.path)
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(len(body)))
    conn.endheaders()
    try:
        conn.send(body)
    except (BrokenPipeError, ConnectionResetError):
        pass
    response = conn.getresponse()
    answer = (response.status, dict(response.getheaders()), response.read())
    conn.close()
    return answer


def limits(url: str, server: Server) -> list[Probe]:
    probes = []
    answers = [get(f"{url}{path}?{name}={value}") for path, name in INTEGERS
               for value in ("99999999999999999999", "-99999999999999999999")]
    ok = sum(status == 400 and _is_error_shape(status, _lower(h), body) for status, h, body in answers)
    probes.append(Probe("api", "huge integers in every integer parameter (page=99999999999999999999 ...)",
                        "400 in the JSON shape", f"{ok} of {len(answers)} answered 400 in the shape",
                        ok == len(answers)))
    json_headers = {"Content-Type": "application/json"}
    status, headers, body = get(url + "api/code", data=b"[" * 100_000 + b"]" * 100_000, headers=json_headers)
    probes.append(Probe("api", "POST /api/code with 100,000 nested brackets", "400 in the JSON shape",
                        f"{status}: {body[:90].decode()}", status == 400 and _is_error_shape(status, _lower(headers), body)))
    status, headers, body = _post_large(url + "api/code", json.dumps({"text": "a " * 600_000}).encode())
    probes.append(Probe("api", "POST /api/code with a 1.2 MB body", "413 in the JSON shape (refused before it is "
                        "read)", f"{status}", status == 413 and _is_error_shape(status, _lower(headers), body)))
    paragraph = "Russia's foreign minister criticized Turkey for supplying weapons to Ukraine. " * 12 + "\n\n"
    text = (paragraph * (950_000 // len(paragraph) + 1))[:950_000]
    rss_before = server.rss_mb()
    result: dict = {}

    def post() -> None:
        t0 = time.monotonic()
        result["answer"] = get(url + "api/code", data=json.dumps({"text": text}).encode(), headers=json_headers,
                               timeout=120)
        result["seconds"] = time.monotonic() - t0

    poster = threading.Thread(target=post)
    poster.start()
    time.sleep(0.5)
    waits, peak = [], rss_before
    while poster.is_alive():
        t0 = time.monotonic()
        get(url + "api/health")
        waits.append(time.monotonic() - t0)
        peak = max(peak, server.rss_mb())
        time.sleep(0.2)
    status, headers, body = result["answer"]
    time.sleep(3)  # the coding stops at its next piece
    cpu = server.cpu_seconds()
    time.sleep(10)
    busy = server.cpu_seconds() - cpu
    probes.append(Probe("api", f"POST /api/code with a {len(text) // 1000} KB text (--code-timeout 5)",
                        "503 coding_timeout after about 5 s; other requests answered meanwhile; memory bounded; the "
                        "coding stops soon after the answer",
                        f"{status} {_lower(headers).get('x-error-code')} after {result['seconds']:.1f} s; "
                        f"{len(waits)} health requests meanwhile, slowest {max(waits) * 1000:.0f} ms; server memory "
                        f"{rss_before:.0f} → {peak:.0f} MB; {busy:.1f} CPU seconds used in the 10 s from 3 s after "
                        "the answer", status == 503 and result["seconds"] < 15 and max(waits) < 3 and busy < 5))
    return probes


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _load(url: str, paths: list[str], requests: int, clients: int) -> dict:
    latencies: dict[str, list[float]] = {p: [] for p in paths}
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def one(i: int) -> None:
        path = paths[i % len(paths)]
        t0 = time.perf_counter()
        status, _, _ = get(url + path, timeout=120)
        took = time.perf_counter() - t0
        with lock:
            latencies[path].append(took)
            statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, range(requests)))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "latencies": latencies, "statuses": statuses}


def load(url: str, server: Server, feed: FeedServer, requests: int, clients: int) -> list[Probe]:
    paths = ["api/events?source=TUR", "api/dyad?a=TUR&b=UKR", "api/network", "api/documents?q=talks"]
    baseline = _load(url, ["api/health"], requests, clients)
    before = server.json("api/health")["documents"]
    rss_before = server.rss_mb()
    feed.add(40)  # articles arrive while the clients query
    measured = _load(url, paths, requests, clients)
    rss_after = server.rss_mb()
    server.wait_for(before + 40, 300)
    after = server.json("api/health")["documents"]
    base_all = baseline["latencies"]["api/health"]
    base_rate = requests / baseline["seconds"]
    rows = ["| requests | answers | throughput (req/s) | × baseline | p50 ms | p95 ms | p99 ms | p95 × baseline |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]

    def row(label: str, lat: list[float], rate: float | None, statuses: str) -> str:
        rates = f"{rate:.0f} | {rate / base_rate:.2f}" if rate is not None else "- | -"
        return (f"| {label} | {statuses} | {rates} | {_percentile(lat, .5) * 1000:.0f} | "
                f"{_percentile(lat, .95) * 1000:.0f} | {_percentile(lat, .99) * 1000:.0f} | "
                f"{_percentile(lat, .95) / _percentile(base_all, .95):.1f} |")

    rows.append(row(f"baseline: `/api/health`, {requests} requests", base_all, base_rate,
                    ", ".join(f"{k}×{v}" for k, v in sorted(baseline["statuses"].items()))))
    every = [x for lat in measured["latencies"].values() for x in lat]
    rows.append(row(f"events/dyad/network/documents, {requests} requests, while ingesting", every,
                    requests / measured["seconds"], ", ".join(f"{k}×{v}" for k, v in sorted(measured["statuses"].items()))))
    for path, lat in measured["latencies"].items():
        rows.append(row(f"of which `/{path}`", lat, None, f"{len(lat)} requests"))
    rows.append("")
    rows.append(f"{clients} clients (threads of one process) over HTTP to `detente serve --watch` on the same machine, "
                f"a store of {STORE_DOCS} synthetic articles, {after - before} articles ingested from a local feed "
                f"during and after the run; server memory {rss_before:.0f} → {rss_after:.0f} MB. Throughput ratios "
                "and p95 ratios are against the baseline measured in the same run, just before.")
    BLOCKS["faults_load"] = "\n".join(rows) + "\n"
    errors = sum(v for k, v in measured["statuses"].items() if k != 200)
    return [Probe("api", f"load: {clients} clients, {requests} requests over events/dyad/network/documents while the "
                  "server ingests a feed", "no errors; articles ingested meanwhile; p95 reported",
                  f"{errors} non-200 answers; {requests / measured['seconds']:.0f} req/s "
                  f"({requests / measured['seconds'] / base_rate:.2f} × /api/health); p50/p95/p99 "
                  f"{_percentile(every, .5) * 1000:.0f}/{_percentile(every, .95) * 1000:.0f}/"
                  f"{_percentile(every, .99) * 1000:.0f} ms; {after - before} articles ingested",
                  errors == 0 and after >= before + 40)]


def api_probes(tmp: Path, requests: int = 2000, clients: int = 50) -> list[Probe]:
    db = tmp / "api.duckdb"
    run("ingest", write_corpus(tmp / "api.jsonl", STORE_DOCS), "--db", db, "--progress", "none")
    feed = FeedServer(start=10_000)
    feed.add(2)
    server = Server("--db", db, "--watch", feed.url, "--every", "2s", "--code-timeout", "5")
    try:
        server.wait_for(STORE_DOCS + 2, 120)
        probes = [fuzz(server.url, 1500)]
        probes += load(server.url, server, feed, requests, clients)
        probes += limits(server.url, server)
        status = server.json("api/health")
        probes.append(Probe("api", "the feed watcher after all this", "its polls go on, no error",
                            f"{status['watch']['polls']} polls, last error {status['watch']['last_error']}",
                            status["watch"]["last_error"] is None))
    finally:
        server.stop()
        feed.close()
    tracebacks = sum("Traceback" in line for line in server.lines)
    probes.append(Probe("api", "the server's log", "no traceback (nothing unexpected happened)",
                        f"{tracebacks} traceback(s) in {len(server.lines)} lines", tracebacks == 0))
    return probes
