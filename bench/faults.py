#!/usr/bin/env python3
"""The fault suite: detente run as a user and an operator would, against the faults that broke it before.

Groups (each probe says what it expects and what it saw; a probe fails when they differ):
- kill: kill -9 of an ingest at several moments (one process, two workers, Dask), of `serve --watch` mid-ingest:
  the store holds whole documents, no row without its document, no worker outlives its parent, a rerun completes;
- writers: two writers, a writer and a server, the read commands during an ingest: a message naming the process
  that holds the store, exit 2;
- stores: zero-byte, foreign, truncated and damaged stores, a folder, a stray .wal, a read-only folder, given to
  dyad, export, ingest and serve: a message, never a traceback;
- inputs: bad documents of every kind, closed and empty stdin, repeated texts, long texts, short English and
  non-English texts, outputs into missing folders, bad values: skipped with a reason or refused with a message;
- api (bench/faults_web.py): every parameter fuzzed, huge integers, deep JSON, a 950 KB text under the time limit
  while the server answers, and a load run of 50 clients while the server ingests a feed.

Usage: python bench/faults.py [--only kill,api] [--markdown docs/reliability.md] [--requests 2000 --clients 50]
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from bench_code import write_block  # noqa: E402
from faults_common import (DETENTE, FeedServer, Probe, Server, child_env, descendants, integrity,  # noqa: E402
                           last_line, message_only, run, short, wait_gone, write_corpus)

KILL_DOCS = 160


# ---- kill -9 ---------------------------------------------------------------------------------------------------
def _kill_ingest(tmp: Path, name: str, when: str, extra: list[str]) -> Probe:
    corpus = write_corpus(tmp / f"{name}.jsonl", KILL_DOCS)
    db = tmp / f"{name}.duckdb"
    cmd = [*DETENTE, "ingest", str(corpus), "--db", str(db), "--batch", "8", *extra]
    proc = subprocess.Popen([*cmd, "--progress", "lines"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env=child_env())
    stored, started = 0, time.monotonic()
    while when != "at start":
        line = proc.stderr.readline()
        if not line:
            break
        if " stored (" in line:
            stored = int(line.split("detente ingest: ")[1].split()[0])
            if (when == "after the first batch" or (when == "mid-run" and stored >= KILL_DOCS // 3)
                    or (when == "at the last batch" and stored >= KILL_DOCS)):
                break
    if when == "at start":
        time.sleep(1.0)
    workers = descendants(proc.pid)
    finished = proc.poll() is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    left = wait_gone(workers, 10)
    for pid in left:  # never leave them running
        os.kill(pid, signal.SIGKILL)
    state = integrity(db) if db.exists() else {"documents": 0, "distinct": 0, "orphans": 0, "unfinished_runs": 0}
    rerun = subprocess.run([*cmd, "--progress", "none"], capture_output=True, text=True, env=child_env())
    after = integrity(db)
    ok = (not left and state["documents"] == state["distinct"] and state["orphans"] == 0 and rerun.returncode == 0
          and after["documents"] == after["distinct"] == KILL_DOCS and after["orphans"] == 0)
    saw = (f"killed after {time.monotonic() - started:.1f} s{' (it had finished)' if finished else ''}, "
           f"{len(workers)} child process(es), {len(left)} left after 10 s; store: {state['documents']} documents "
           f"({state['distinct']} distinct), {state['orphans']} orphan rows; rerun: exit {rerun.returncode}, "
           f"{after['documents']}/{KILL_DOCS} documents, {after['orphans']} orphan rows")
    return Probe("kill", f"kill -9 of `ingest {' '.join(extra) or '(1 process)'}` {when}",
                 "whole documents, no orphan rows, no worker left, the rerun completes", saw, ok)


def _kill_server(tmp: Path) -> Probe:
    feed = FeedServer()
    db = tmp / "served.duckdb"
    try:
        feed.add(4)
        server = Server("--db", db, "--watch", feed.url, "--every", "1s")
        server.wait_for(4, 120)
        feed.add(596)  # a poll that codes for several seconds (256 documents to a transaction)
        time.sleep(4)
        seen = server.json("api/health")["documents"]
        server.stop(signal.SIGKILL)
        state = integrity(db)
        server = Server("--db", db, "--watch", feed.url, "--every", "1s")
        complete = server.wait_for(600, 600)
        server.stop()
        after = integrity(db)
    finally:
        feed.close()
    ok = (complete and state["documents"] == state["distinct"] and state["orphans"] == 0
          and after["documents"] == after["distinct"] == 600 and after["orphans"] == 0)
    return Probe("kill", "kill -9 of `serve --watch` mid-ingest, then a restart",
                 "the store holds every article once after the restart",
                 f"killed while ingesting 596 new articles, {seen} documents served just before; the store then held "
                 f"{state['documents']} ({state['orphans']} orphan rows); after the restart {after['documents']} "
                 f"documents, {after['distinct']} distinct, {after['orphans']} orphan rows", ok)


def kill_probes(tmp: Path) -> list[Probe]:
    probes = [_kill_ingest(tmp, f"k{i}", when, []) for i, when in
              enumerate(("at start", "after the first batch", "mid-run", "at the last batch"))]
    probes.append(_kill_ingest(tmp, "k-workers", "mid-run", ["--workers", "2"]))
    try:
        import dask.distributed  # noqa: F401

        probes.append(_kill_ingest(tmp, "k-dask", "mid-run", ["--workers", "2", "--engine", "dask"]))
    except ImportError:
        probes.append(Probe("kill", "kill -9 of a Dask ingest", "no worker left", "dask not installed: not run", True))
    probes.append(_kill_server(tmp))
    return probes


# ---- several users -------------------------------------------------------------------------------------------
def writer_probes(tmp: Path) -> list[Probe]:
    probes = []
    corpus = write_corpus(tmp / "w.jsonl", 3000)  # long enough to outlast the probes (short articles code fast)
    db = tmp / "w.duckdb"
    first = subprocess.Popen([*DETENTE, "ingest", str(corpus), "--db", str(db), "--progress", "lines", "--batch", "8"],
                             stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=child_env())
    while " stored (" not in (first.stderr.readline() or " stored ("):
        pass
    for argv, what in ((["ingest", corpus], "a second ingest"), (["dyad", "TUR", "UKR"], "dyad"),
                       (["actor", "TUR"], "actor"), (["flags"], "flags"),
                       (["export", "--format", "csv", "--out", tmp / "e.csv"], "export"), (["serve"], "serve"),
                       (["watch", "http://127.0.0.1:9/feed.xml", "--once"], "watch --once")):
        try:
            done = run(*argv, "--db", db, timeout=60)
        except subprocess.TimeoutExpired:  # it ran: the store was not held
            done = subprocess.CompletedProcess(argv, -1, "", "still running after 60 s: the store was not held")
        named = f"is in use by process {first.pid} (detente ingest" in done.stderr
        probes.append(Probe("writers", f"{what} while an ingest writes the store",
                            "exit 2 and a message naming the ingest's process",
                            f"exit {done.returncode}: {short(last_line(done.stderr))}",
                            done.returncode == 2 and named and message_only(done.stderr)))
    while first.stderr.readline():  # its progress, to the end
        pass
    first.stderr.close()
    probes.append(Probe("writers", "the first ingest, meanwhile", "completes: exit 0 and every document once",
                        f"exit {first.wait()}; {integrity(db)}", first.returncode == 0 and
                        integrity(db)["documents"] == 3000))
    server = Server("--db", db)  # read-only
    try:
        second = Server("--db", db)
        both = server.json("api/health")["documents"] == second.json("api/health")["documents"] == 3000
        second.stop()
        probes.append(Probe("writers", "two read-only servers of one store", "both answer", f"both answer: {both}",
                            both))
        done = run("dyad", "TUR", "UKR", "--db", db)
        probes.append(Probe("writers", "dyad while a read-only server runs", "answers (readers share the store)",
                            f"exit {done.returncode}: {short(last_line(done.stderr))}", done.returncode == 0))
        done = run("ingest", corpus, "--db", db)
        probes.append(Probe("writers", "ingest while a read-only server runs", "exit 2 naming the server's process",
                            f"exit {done.returncode}: {short(last_line(done.stderr))}",
                            done.returncode == 2 and f"process {server.proc.pid} (detente serve" in done.stderr))
    finally:
        server.stop()
    feed = FeedServer()
    feed.add(3)
    live = Server("--db", tmp / "live.duckdb", "--watch", feed.url, "--every", "1s")
    try:
        live.wait_for(3, 120)
        done = run("watch", feed.url, "--once", "--db", tmp / "live.duckdb")
        probes.append(Probe("writers", "watch --once while serve --watch owns the store",
                            "exit 2 naming the server's process", f"exit {done.returncode}: "
                            f"{short(last_line(done.stderr))}", done.returncode == 2 and "detente serve" in done.stderr))
    finally:
        live.stop()
        feed.close()
    return probes


# ---- stores --------------------------------------------------------------------------------------------------
def _damaged(good: Path, tmp: Path) -> dict[str, Path]:
    size = good.stat().st_size
    rng = random.Random(7)
    out: dict[str, Path] = {}

    def make(name: str, data: bytes | None = None, at: int | None = None, n: int = 64, cut: int | None = None) -> None:
        path = tmp / f"{name.replace(' ', '-')}.duckdb"
        path.write_bytes(good.read_bytes() if data is None else data)
        with open(path, "r+b") as fh:
            if at is not None:
                fh.seek(at)
                fh.write(rng.randbytes(n))
            if cut is not None:
                fh.truncate(cut)
        out[name] = path

    make("zero-byte", b"")
    make("random bytes", rng.randbytes(20_000))
    make("a CSV file", b"id,text\n1,Chad rebuked Niger.\n")
    make("a SQLite file", b"SQLite format 3\x00" + bytes(4080))
    for cut in (100, 4096, 12288, size // 2, size - 4096):
        make(f"truncated to {cut} bytes", cut=cut)
    for at, n in ((0, 16), (8, 8), (4096, 64), (8192, 64)):
        make(f"{n} bytes scrambled at {at}", at=at, n=n)
    for frac in (0.2, 0.4, 0.6, 0.8, 0.95):
        make(f"4 KB scrambled at {int(size * frac)}", at=int(size * frac), n=4096)
    return out


def _serve_check(db: Path) -> subprocess.CompletedProcess:
    """`detente serve` on a store: its message when it stops at once; else its answers to a few requests (exit 0
    when every answer is 200 or a JSON error, 1 otherwise), then it is stopped."""
    from faults_common import get

    try:
        server = Server("--db", db)
    except RuntimeError as err:
        return subprocess.CompletedProcess([], 1, "", str(err).split(": ", 1)[1])
    bad = []
    try:
        for path in ("api/health", "api/events", "api/dyad?a=TUR&b=UKR", "api/network", "api/flags"):
            status, headers, body = get(server.url + path)
            if status != 200 and not headers.get("content-type", "").startswith("application/json"):
                bad.append(f"{path}: {status}")
    finally:
        server.stop()
    return subprocess.CompletedProcess([], 1 if bad else 0, "", "".join(server.lines) + "; ".join(bad))


def store_probes(tmp: Path) -> list[Probe]:
    probes = []
    good = tmp / "good.duckdb"
    run("ingest", write_corpus(tmp / "g.jsonl", 60), "--db", good, "--progress", "none")
    cases = _damaged(good, tmp)
    (tmp / "folder.duckdb").mkdir()
    cases["a folder"] = tmp / "folder.duckdb"
    stray = tmp / "stray-wal.duckdb"
    stray.write_bytes(good.read_bytes())
    (tmp / "stray-wal.duckdb.wal").write_bytes(random.Random(3).randbytes(5000))
    cases["a good store with a garbage .wal beside it"] = stray
    for name, path in cases.items():
        seen, tracebacks = [], 0
        for argv in (["dyad", "TUR", "UKR"], ["export", "--format", "csv", "--out", tmp / "e.csv"],
                     ["ingest", tmp / "g.jsonl", "--progress", "none"], ["serve"]):
            copy = tmp / "work.duckdb"
            for suffix in ("", ".wal"):  # each command gets its own copy (ingest writes)
                src = Path(str(path) + suffix)
                target = Path(str(copy) + suffix)
                if target.is_dir():
                    target.rmdir()
                elif target.exists():
                    target.unlink()
                if src.is_dir():
                    target.mkdir()
                elif src.exists():
                    target.write_bytes(src.read_bytes())
            done = _serve_check(copy) if argv == ["serve"] else run(*argv, "--db", copy, timeout=300)
            tracebacks += not message_only(done.stderr)
            seen.append(f"{argv[0]} {done.returncode}")
            if done.returncode not in (0, 3):
                message = short(last_line(done.stderr), 110)
        probes.append(Probe("stores", f"store: {name}", "each command gives a message or works; no traceback",
                            f"{', '.join(seen)}" + (f"; {message}" if any(not s.endswith((" 0", " 3")) for s in seen)
                                                    else ""), tracebacks == 0))
    root_proof = Path("/sys") if os.geteuid() == 0 else tmp / "read-only"
    if root_proof.name == "read-only":
        root_proof.mkdir()
        root_proof.chmod(0o555)
    done = run("ingest", tmp / "g.jsonl", "--db", root_proof / "c.duckdb")
    probes.append(Probe("stores", f"a store in a folder that cannot be written ({root_proof})",
                        "exit 1: cannot write ... (StoreNotWritable)", f"exit {done.returncode}: "
                        f"{short(last_line(done.stderr))}", done.returncode == 1 and "cannot write" in done.stderr
                        and message_only(done.stderr)))
    return probes


# ---- inputs --------------------------------------------------------------------------------------------------
BRIEFS = ["Blinken met Wang Yi in Beijing. Sullivan also met Chinese officials in Vienna.",
          "Lavrov criticized Ankara.", "Iran condemned the strike.", "Chad rebuked Niger on Monday.",
          "Qatar offered to mediate.", "Poland expelled two diplomats.", "Kenya hosted talks on Sudan.",
          "Police arrested dozens in Nairobi."]
FOREIGN = {"fr": "Le gouvernement a annoncé mardi de nouvelles mesures pour les agriculteurs.",
           "de": "Die Regierung hat am Dienstag neue Maßnahmen für die Landwirte angekündigt.",
           "es": "El gobierno anunció el martes nuevas medidas para los agricultores de la región.",
           "ru": "Правительство во вторник объявило о новых мерах для фермеров."}


def input_probes(tmp: Path) -> list[Probe]:
    probes = []
    folder = tmp / "bad"
    folder.mkdir()
    files = {"empty.txt": b"", "blank.txt": b"  \n\t\n", "binary.txt": bytes(range(256)) * 8,
             "latin1.txt": "Caf\xe9 au lait".encode("latin-1"), "lines.jsonl": b'{"id": "a", "text": "Chad rebuked '
             b'Niger."}\n{broken\n[1, 2]\n{"id": "n", "text": 42}\n', "list.json": b'"not a list of documents"',
             "table.csv": b"id,body\nx,Chad rebuked Niger.\n", "broken.jsonl.gz": b"\x1f\x8b\x08garbage",
             "huge.txt": b"Iran criticized Iraq. " * 60_000, "page.html": b"<html><body><script>x()</script></body>"}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    done = run("code", folder, tmp / "missing.txt", str(tmp / "none-*.jsonl"), "--skipped", tmp / "skipped.jsonl")
    skipped = [line for line in done.stderr.splitlines() if line.startswith("detente: skipped")]
    probes.append(Probe("inputs", "a folder of bad files, a missing file, a glob matching nothing",
                        "exit 3; each bad input skipped with a reason; the good line coded",
                        f"exit {done.returncode}; {len(skipped)} skipped; {done.stderr.strip().splitlines()[-1]}",
                        done.returncode == 3 and len(skipped) >= 12 and message_only(done.stderr)))
    for how, kw in (("closed", {"stdin": None, "preexec_fn": lambda: os.close(0)}),
                    ("empty", {"stdin": subprocess.DEVNULL})):
        done = run("code", "-", **kw)
        probes.append(Probe("inputs", f"`detente code -` with stdin {how}", "exit 3 and the reason",
                            f"exit {done.returncode}: {short(done.stderr.splitlines()[0])}",
                            done.returncode == 3 and f"standard input is {how}" in done.stderr))
    same = tmp / "same.jsonl"
    same.write_text("".join(f'{{"id": "{i}", "text": "{FOREIGN["fr"]}"}}\n' for i in range(2)) +
                    '{"id": "e", "text": "Chad rebuked Niger."}\n', encoding="utf-8")
    done = run("ingest", same, "--db", tmp / "same.duckdb", "--progress", "none")
    probes.append(Probe("inputs", "two identical texts in one ingest, the first skipped",
                        "the second counted as repeated, not already stored", short(last_line(done.stderr)),
                        "already stored 0, repeated in the input 1" in done.stderr))
    long = tmp / "long.txt"
    long.write_text("Chad rebuked Niger on Monday.\n\n" + ("Officials met in the capital. " * 20 + "\n\n") * 1900 +
                    "Egypt criticized Israel.", encoding="utf-8")
    started = time.monotonic()
    done = run("code", long, "--max-chars", "2000000", "--format", "jsonl", "--date", "2024-01-02")
    probes.append(Probe("inputs", f"a text of {long.stat().st_size:,} characters with --max-chars 2000000",
                        "coded (parsed in pieces), no E088", f"exit {done.returncode}, {len(done.stdout.splitlines())} "
                        f"event(s) in {time.monotonic() - started:.0f} s", done.returncode == 0 and
                        message_only(done.stderr)))
    briefs = tmp / "briefs.jsonl"
    briefs.write_text("".join(f'{{"id": "b{i}", "text": "{BRIEFS[i % len(BRIEFS)]} Report {i}."}}\n'
                              for i in range(1000)), encoding="utf-8")
    done = run("code", briefs, "--format", "jsonl")
    n_skipped = done.stderr.count("detente: skipped")
    probes.append(Probe("inputs", "1,000 short English briefs", "0 skipped", f"{n_skipped} skipped; "
                        f"{short(last_line(done.stderr))}", n_skipped == 0 and done.returncode == 0))
    for lang, text in FOREIGN.items():
        done = run("code", "-", input=text.encode())
        probes.append(Probe("inputs", f"a short text in '{lang}'", "skipped, the language named",
                            short(done.stderr.splitlines()[0]), done.returncode == 3 and "not English" in done.stderr))
    store = tmp / "s.duckdb"
    run("ingest", tmp / "same.jsonl", "--db", store, "--progress", "none")
    missing = tmp / "no" / "such"
    for argv, flag in ((["code", long, "-o", missing / "e.jsonl"], "-o/--output"),
                       (["code", long, "--skipped", missing / "s.jsonl"], "--skipped"),
                       (["dyad", "TUR", "UKR", "--db", store, "--plot", missing / "d.png"], "--plot"),
                       (["export", "--db", store, "--format", "csv", "--out", missing / "e.csv"], "--out")):
        done = run(*argv)
        probes.append(Probe("inputs", f"{flag} into a missing folder", f"exit 2 naming {flag}",
                            f"exit {done.returncode}: {short(last_line(done.stderr))}",
                            done.returncode == 2 and f"argument {flag}" in done.stderr))
    for argv, what in ((["code", long, "--date", "2024-13-01"], "a bad --date"),
                       (["ingest", long, "--db", tmp / "x.duckdb", "--window", "-1"], "--window -1"),
                       (["watch", "http://127.0.0.1:9/f", "--db", tmp / "x.duckdb", "--every", "soon"], "--every soon"),
                       (["serve", "--db", store, "--port", "70000"], "--port 70000"),
                       (["serve", "--db", store, "--watch", "http://127.0.0.1:9/f", "--every=-5m"], "serve --every=-5m")):
        done = run(*argv)
        probes.append(Probe("inputs", what, "a usage error: exit 2 and a message",
                            f"exit {done.returncode}: {short(last_line(done.stderr))}",
                            done.returncode == 2 and message_only(done.stderr)))
    return probes


GROUPS = {"kill": kill_probes, "writers": writer_probes, "stores": store_probes, "inputs": input_probes}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated groups: kill, writers, stores, inputs, api")
    ap.add_argument("--markdown", help="write the results between the faults markers of this file")
    ap.add_argument("--requests", type=int, default=2000, help="requests of the load run")
    ap.add_argument("--clients", type=int, default=50, help="clients of the load run")
    args = ap.parse_args()
    import faults_web

    groups = {**GROUPS, "api": lambda tmp: faults_web.api_probes(tmp, args.requests, args.clients)}
    chosen = args.only.split(",") if args.only else list(groups)
    probes: list[Probe] = []
    seconds: dict[str, float] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="detente-faults-") as tmp:
        for name in chosen:
            t0 = time.monotonic()
            work = Path(tmp) / name
            work.mkdir()
            for probe in groups[name](work):
                probes.append(probe)
                print(f"{'ok  ' if probe.ok else 'FAIL'} [{probe.group}] {probe.name}: {probe.saw}", file=sys.stderr,
                      flush=True)
            seconds[name] = time.monotonic() - t0
            print(f"-- {name}: {seconds[name]:.0f} s", file=sys.stderr, flush=True)
    failed = [p for p in probes if not p.ok]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    for name in chosen:  # a table per group, in a block of its own (--only rewrites only its groups)
        mine = [p for p in probes if p.group == name]
        lines = ["| probe | expects | saw | result |", "| --- | --- | --- | --- |"]
        lines += [f"| {p.name} | {p.expects} | {p.saw} | {'ok' if p.ok else '**FAILED**'} |" for p in mine]
        lines.append("")
        lines.append(f"{len(mine)} probes, {sum(not p.ok for p in mine)} failed, in {seconds[name]:.0f} s. Command: "
                     f"`python bench/faults.py --only {name}`; machine: {machine}.")
        table = "\n".join(lines) + "\n"
        print(table)
        if args.markdown:
            write_block(Path(args.markdown), f"faults_{name}", table)
    if args.markdown:
        for name, block in faults_web.BLOCKS.items():
            write_block(Path(args.markdown), name, block)
    print(f"{len(probes)} probes, {len(failed)} failed, in {(time.monotonic() - started) / 60:.1f} minutes")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
