"""A store or an output that cannot be used is a message, never a traceback: a zero-byte, foreign, truncated or
damaged database file (StoreCorrupt), a folder that cannot be written (StoreNotWritable), a store held by another
process (StoreLocked, naming it; exit 2), an output path whose folder is missing (OutputError, naming the flag).
The commands run in this process (cli.main): a traceback would fail the test."""
from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from detente import cli
from detente.errors import OutputError, StoreCorrupt, StoreLocked, StoreNotWritable
from detente.outputs import output_path
from detente.store import Store
from detente.store.failures import lock_holder, store_failure

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "samples" / "articles.jsonl"


def run(capsys, *argv):
    rc = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(scope="module")
def good_store(tmp_path_factory, coder) -> Path:
    """A store of the sample articles (a few megabytes: data blocks beyond the headers)."""
    from detente.ingest import ingest
    from detente.reader import read_inputs

    path = tmp_path_factory.mktemp("good") / "good.duckdb"
    with Store(path) as store:
        ingest(read_inputs([str(SAMPLES)]), store, coder)
    return path


def _scramble(at: int, n: int = 64):
    def damage(path: Path) -> None:
        with open(path, "r+b") as fh:
            fh.seek(at)
            fh.write(random.Random(at).randbytes(n))
    return damage


def _truncate(size: int):
    def damage(path: Path) -> None:
        with open(path, "r+b") as fh:
            fh.truncate(size)
    return damage


# name: how a copy of a good store is damaged (or what is written instead of it)
DAMAGE = {
    "zero-byte": lambda p: p.write_bytes(b""),
    "random bytes": lambda p: p.write_bytes(random.Random(1).randbytes(20_000)),
    "a CSV file": lambda p: p.write_text("id,text\n1,Chad rebuked Niger.\n", encoding="utf-8"),
    "a SQLite file": lambda p: p.write_bytes(b"SQLite format 3\x00" + bytes(4080)),
    "truncated to 100 bytes": _truncate(100),
    "truncated to 4 KB": _truncate(4096),
    "truncated to 12 KB": _truncate(12288),
    "main header scrambled": _scramble(0, 16),
    "first database header scrambled": _scramble(4096),
    "second database header scrambled": _scramble(8192),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_store_is_named_by_every_command(capsys, tmp_path, good_store, damage):
    path = tmp_path / "bad.duckdb"
    path.write_bytes(good_store.read_bytes())
    DAMAGE[damage](path)
    for argv in (["dyad", "TUR", "UKR"], ["actor", "TUR"], ["flags"], ["export", "--format", "csv", "--out",
                                                                       tmp_path / "e.csv"], ["serve"]):
        rc, out, err = run(capsys, *argv, "--db", path)
        assert rc == StoreCorrupt.exit_code, (argv, err)
        assert err.startswith(f"detente: error: {path} is not a usable DuckDB database") and err.count("\n") == 1, err
        assert ("Restore it from a copy, or ingest into a new file" in err  # what to do
                or "another kind of database file" in err and "Give a store made by an ingest" in err)
    with pytest.raises(StoreCorrupt):
        Store(path)  # for writing (ingest, watch) too


def test_damage_found_only_by_a_query_is_named_too(capsys, tmp_path, good_store):
    """Blocks past the headers scrambled: the store opens, and the query that reads them fails: the message is
    the same, from cli.main (and the web's query runner, tested in test_bounded_work)."""
    size = good_store.stat().st_size
    found = 0
    for at in range(12288 + 65536, size, 262144):  # in each 256 KB block
        path = tmp_path / f"bad-{at}.duckdb"
        path.write_bytes(good_store.read_bytes())
        _scramble(at, 4096)(path)
        for argv in (["dyad", "TUR", "UKR"], ["flags"], ["export", "--format", "csv", "--out", tmp_path / "e.csv"]):
            rc, out, err = run(capsys, *argv, "--db", path)
            assert rc in (0, StoreCorrupt.exit_code), (at, argv, err)  # damage in a block nobody read: fine
            if rc:
                assert err.startswith(f"detente: error: {path} is not a usable DuckDB database"), err
                found += 1
    assert found, "no damage was found by a query: scramble other blocks"


def test_a_folder_given_as_the_store(capsys, tmp_path):
    for argv in (["dyad", "TUR", "UKR"], ["ingest", tmp_path / "none.txt"]):
        rc, _, err = run(capsys, *argv, "--db", tmp_path)
        assert rc == 1 and err == f"detente: error: {tmp_path} is a folder, not a DuckDB database: give the path of a " \
                                  "store file\n"


def test_store_failure_reads_duckdbs_messages():
    me = os.getpid()
    locked = store_failure(OSError(f'IO Error: Could not set lock on file "/x/c.duckdb": Conflicting lock is held in '
                                   f"/usr/bin/python3.11 (PID {me}). See also https://duckdb.org/docs"), "/x/c.duckdb")
    assert isinstance(locked, StoreLocked) and f"/x/c.duckdb is in use by process {me} (" in str(locked)
    assert "stop that process" in str(locked)
    assert lock_holder("Conflicting lock is held in /bin/x (PID 999999999)") == "process 999999999 (/bin/x)"
    assert isinstance(store_failure(OSError("IO Error: Cannot open file \"/sys/a.duckdb\": Permission denied"),
                                    "/sys/a.duckdb"), StoreNotWritable)
    assert store_failure(ValueError("Binder Error: column x not found"), "c.duckdb") is None  # a bug, left alone


def _unwritable_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if not os.access(folder, os.W_OK):
        return folder
    folder = Path("/sys")  # root writes anywhere but in sysfs
    try:
        (folder / "detente-probe").write_bytes(b"")
    except OSError:
        return folder
    pytest.skip("no folder this user cannot write")


def test_a_folder_that_cannot_be_written(capsys, tmp_path):
    folder = _unwritable_folder(tmp_path)
    with pytest.raises(StoreNotWritable, match="cannot write .*: .*Give a store in a folder you can write"):
        Store(folder / "new.duckdb")
    rc, _, err = run(capsys, "watch", "http://127.0.0.1:9/feed.xml", "--db", folder / "w.duckdb", "--once")
    assert rc == 1 and err.startswith(f"detente: error: cannot write {folder / 'w.duckdb'}") and err.count("\n") == 1
    Store(tmp_path / "s.duckdb").close()
    rc, _, err = run(capsys, "dyad", "TUR", "UKR", "--db", tmp_path / "s.duckdb", "--plot", folder / "d.png")
    assert rc == 2 and err.startswith("detente: error: argument --plot: cannot write")


@pytest.mark.parametrize("argv, flag", [
    (["code", "x.txt", "-o", "{missing}/events.jsonl"], "-o/--output"),
    (["code", "x.txt", "--skipped", "{missing}/skipped.jsonl"], "--skipped"),
    (["eval", "gold.json", "--events", "{missing}/events.jsonl"], "--events"),
    (["dyad", "TUR", "UKR", "--db", "{store}", "--plot", "{missing}/d.png"], "--plot"),
    (["actor", "TUR", "--db", "{store}", "--plot", "{missing}/a.png"], "--plot"),
    (["flags", "--db", "{store}", "--plot", "{missing}/f.png"], "--plot"),
    (["export", "--db", "{store}", "--format", "csv", "--out", "{missing}/e.csv"], "--out"),
    (["export", "--db", "{store}", "--format", "jsonl", "--out", "{missing}/e.jsonl"], "--out"),
    (["export", "--db", "{store}", "--format", "parquet", "--out", "{file}"], "--out"),
])
def test_an_output_into_a_missing_folder_is_a_usage_error(capsys, tmp_path, monkeypatch, argv, flag):
    monkeypatch.chdir(tmp_path)
    Store(tmp_path / "s.duckdb").close()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    values = {"missing": tmp_path / "no" / "such", "store": tmp_path / "s.duckdb", "file": tmp_path / "a-file"}
    rc, out, err = run(capsys, *[a.format(**values) for a in argv])
    assert rc == 2 and out == ""
    assert err.startswith(f"detente: error: argument {flag}: cannot write") and err.count("\n") == 1, err
    assert not (tmp_path / "no").exists()


def test_output_path_checks():
    with pytest.raises(OutputError, match="the folder .* does not exist") as info:
        output_path("/no/such/folder/x.csv", "out")
    assert info.value.setting == "out" and info.value.exit_code == 2
    with pytest.raises(OutputError, match="it is a folder"):
        output_path(Path(__file__).parent, "output")
    assert output_path(Path(__file__).parent / "new-file.csv", "output").name == "new-file.csv"


@pytest.mark.slow
def test_a_store_held_by_another_process(capsys, tmp_path):
    """Another process holds the store (here a bare DuckDB connection): every command says which process holds
    it and what to do, exits 2 and changes nothing."""
    path = tmp_path / "held.duckdb"
    Store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); sys.stdin.read()", str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        text = tmp_path / "a.txt"
        text.write_text("Chad rebuked Niger.", encoding="utf-8")
        for argv in (["ingest", text], ["watch", "http://127.0.0.1:9/feed.xml", "--once"], ["dyad", "TUR", "UKR"],
                     ["actor", "TUR"], ["flags"], ["export", "--out", tmp_path / "e.csv", "--format", "csv"],
                     ["serve"]):
            rc, out, err = run(capsys, *argv, "--db", path)
            assert rc == 2 and out == "", (argv, err)
            assert err.startswith(f"detente: error: {path} is in use by process {holder.pid} ("), err
            assert "stop that process" in err and err.count("\n") == 1
        assert not (tmp_path / "e.csv").exists()
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_watch_polls_again_when_the_store_is_held_at_a_later_poll(monkeypatch):
    """`detente watch` opens the store for each poll: held by another process at the first poll it stops with
    StoreLocked; at a later poll it says so and polls again at the next."""
    from detente import feeds, store as store_package
    from detente.watcher import WatchSettings, watch_file

    held = {2}  # the polls at which another process holds the store
    polls: list[int] = []

    class FakeStore:
        def __init__(self, path, memory_limit=None):
            polls.append(len(polls) + 1)
            if polls[-1] in held:
                raise StoreLocked(f"{path} is in use by process 42 (detente serve)")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            pass

    class Done(Exception):
        pass

    def sleep(seconds):
        if len(polls) >= 4:
            raise Done

    monkeypatch.setattr(store_package, "Store", FakeStore)
    monkeypatch.setattr(feeds, "poll", lambda *a, **k: {"feeds": 1, "feeds_failed": 0, "new": 0, "failed": 0})
    lines: list[str] = []
    with pytest.raises(Done):
        watch_file("w.duckdb", WatchSettings(("http://x.test/feed",)), engine=None, report=lines.append, sleep=sleep)
    assert polls == [1, 2, 3, 4]
    assert lines[1] == ("not polled: w.duckdb is in use by process 42 (detente serve); trying again at the next poll")
    polls.clear()
    with pytest.raises(StoreLocked):  # held at the first poll: the command stops at once
        held.add(1)
        watch_file("w.duckdb", WatchSettings(("http://x.test/feed",)), engine=None, report=lines.append, sleep=sleep)
