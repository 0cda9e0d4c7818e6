"""One error model: every class of `detente.errors` has a stable code, an exit status and an HTTP status; the
CLI maps them in `cli.main` and the web in one handler; the README's table lists them all; the library
raises no bare ValueError or SystemExit for user input and names no CLI flag in a message. No spaCy."""
from __future__ import annotations

import ast
import re
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette asks for httpx2 instead of httpx; the test client works with either
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient

from detente import cli, errors
from detente.errors import (BadFeed, BadParameter, BadValue, DataFileError, DetenteError, NotAvailable,
                            StoreMissing, error_classes)
from detente.store import Store

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "detente"
CLASSES = error_classes()


def make(cls: type[DetenteError], setting: str | None = None) -> DetenteError:
    """An instance of an error class, whatever its constructor takes."""
    if issubclass(cls, BadParameter):
        return cls("page", "is wrong")
    if issubclass(cls, DataFileError):
        return cls("verbs.yaml", "line 3", "is wrong")
    return cls(f"something is wrong ({cls.__name__})", setting=setting)


# ---- the classes -----------------------------------------------------------------------------------
def test_every_class_has_a_distinct_stable_code_and_sensible_statuses():
    assert len(CLASSES) >= 15 and CLASSES[0] is DetenteError
    codes = [cls.code for cls in CLASSES]
    assert len(set(codes)) == len(codes), codes
    for cls in CLASSES:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", cls.code), cls
        assert cls.exit_code in (errors.EXIT_ERROR, errors.EXIT_USAGE), cls
        assert 400 <= cls.status < 600, cls
        if cls.exit_code == errors.EXIT_USAGE and cls is not errors.StoreLocked:  # a usage error is the client's: 4xx
            assert 400 <= cls.status < 500, cls
        if cls.status >= 500 and cls is not errors.StoreLocked:  # the server's failure is no usage error
            assert cls.exit_code == errors.EXIT_ERROR, cls
    # StoreLocked alone is both: the command was run while another process owns the store (exit 2), and a
    # server asked meanwhile can only say "try again" (503)
    assert (errors.StoreLocked.exit_code, errors.StoreLocked.status) == (errors.EXIT_USAGE, 503)


def test_errors_that_replaced_value_errors_are_still_value_errors():
    for cls in (BadValue, BadParameter, NotAvailable, errors.InputError, BadFeed):
        assert issubclass(cls, ValueError) and issubclass(cls, DetenteError)


def test_error_classes_are_all_defined_in_errors_py():
    """Every subclass of an error class is in errors.py, so the table below (and the README's) is complete."""
    names = {cls.__name__ for cls in CLASSES}
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                assert not bases & names, f"{path.relative_to(SRC)}: {node.name} subclasses {bases & names}"


def _readme_table() -> dict[str, tuple[str, int, int]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Errors\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for m in re.finditer(r"^\| `(\w+)` \| `(\w+)` \| (\d) \| (\d{3}) \| .+ \|$", section, re.M):
        rows[m[1]] = (m[2], int(m[3]), int(m[4]))
    return rows


def test_readme_table_lists_every_class_as_it_is():
    assert _readme_table() == {cls.__name__: (cls.code, cls.exit_code, cls.status) for cls in CLASSES}


# ---- the CLI: one mapping, in main -------------------------------------------------------------------
def run(capsys, *argv):
    rc = cli.main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_cli_turns_each_error_into_its_message_and_exit_code(capsys, monkeypatch, cls):
    error = make(cls)

    def fail(args):
        raise error

    monkeypatch.setitem(cli.COMMANDS, "codes", fail)
    rc, out, err = run(capsys, "codes")
    assert rc == cls.exit_code
    assert err == f"detente: error: {error}\n" and out == ""


def test_cli_names_the_flag_of_a_setting(capsys, monkeypatch):
    def fail(setting):
        def command(args):
            raise BadValue("'soon' is not a poll interval", setting=setting)
        return command

    monkeypatch.setitem(cli.COMMANDS, "codes", fail("interval"))
    assert run(capsys, "codes")[2] == "detente: error: argument --every: 'soon' is not a poll interval\n"
    monkeypatch.setitem(cli.COMMANDS, "codes", fail("something_else"))  # no flag: the message alone
    assert run(capsys, "codes")[2] == "detente: error: 'soon' is not a poll interval\n"


@pytest.mark.parametrize("argv", [["code", "x.txt", "--date", "2024-13-01"], ["actors", "Lavrov", "--date", "06/09/2024"],
                                  ["quotes", "x.txt", "--date", "soon"], ["ingest", "x.txt", "--db", "x.duckdb",
                                                                          "--date", "2024-02-30"]])
def test_a_bad_date_is_a_usage_error(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    rc, out, err = run(capsys, *argv)
    assert rc == errors.EXIT_USAGE
    assert re.fullmatch(r"detente: error: argument --date: '.+' is not a date \(YYYY-MM-DD\)\n", err)
    assert not (tmp_path / "x.duckdb").exists()


def test_other_bad_values_are_usage_errors(capsys, tmp_path):
    rc, _, err = run(capsys, "watch", "http://127.0.0.1:9/feed", "--db", str(tmp_path / "w.duckdb"), "--every",
                     "soon", "--once")
    assert rc == errors.EXIT_USAGE and err.startswith("detente: error: argument --every: 'soon' is not a poll")
    assert not (tmp_path / "w.duckdb").exists()  # refused before anything is opened
    rc, _, err = run(capsys, "serve", "--db", str(tmp_path / "w.duckdb"), "--port", "70000")
    assert rc == errors.EXIT_USAGE and err == "detente: error: argument --port: 70000 is not a port (0 to 65535)\n"
    text = tmp_path / "a.txt"
    text.write_text("Chad rebuked Niger.", encoding="utf-8")
    rc, _, err = run(capsys, "ingest", str(text), "--db", str(tmp_path / "i.duckdb"), "--window", "-1")
    assert rc == errors.EXIT_USAGE and err == ("detente: error: argument --window: the clustering window is a number "
                                               "of days, 0 or more, not -1\n")
    with Store(tmp_path / "i.duckdb") as store:  # refused before any coding
        assert store.counts()["documents"] == 0


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("errors") / "empty.duckdb"
    with Store(path):
        pass
    return str(path)


@pytest.mark.parametrize("argv", [["dyad", "TUR", "UKR"], ["actor", "TUR"], ["flags"]])
def test_a_store_without_clusters_fails_with_a_message_naming_no_flag(capsys, empty_store, argv):
    rc, out, err = run(capsys, *argv, "--db", empty_store)
    assert rc == errors.EXIT_ERROR and out == ""
    assert err.startswith("detente: error: no event clusters in this store: ingest into it again")
    assert not re.search(r"--[a-z]", err), err


@pytest.mark.parametrize("argv", [["dyad", "A", "B"], ["actor", "A"], ["flags"], ["export", "--out", "x.csv"],
                                  ["serve"]])
def test_a_missing_database_fails(capsys, tmp_path, argv):
    rc, _, err = run(capsys, *argv, "--db", str(tmp_path / "none.duckdb"))
    assert rc == errors.EXIT_ERROR and err.startswith(f"detente: error: no database at {tmp_path / 'none.duckdb'}")


def test_an_unreadable_gold_file_fails(capsys, tmp_path):
    bad = tmp_path / "gold.json"
    bad.write_text("[{broken", encoding="utf-8")
    for path in (bad, tmp_path / "none.json"):
        rc, _, err = run(capsys, "eval", str(path))
        assert rc == errors.EXIT_ERROR and err.startswith(f"detente: error: cannot read gold records from {path}")


def test_no_command_catches_library_errors_itself():
    """Errors are mapped in cli.main only; a command catches nothing of the library's (a ValueError only
    where it parses a date itself, an OSError where it binds a socket)."""
    library = {cls.__name__ for cls in CLASSES}
    allowed = {("_check_date", "ValueError"), ("cmd_serve", "OSError")}
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in sorted((SRC / "cli").glob("*.py"))]
    for fn in (n for tree in trees for n in tree.body if isinstance(n, ast.FunctionDef) and n.name != "main"):
        for handler in (n for n in ast.walk(fn) if isinstance(n, ast.ExceptHandler)):
            types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
            for t in types:
                name = t.id if isinstance(t, ast.Name) else ast.unparse(t)
                assert name not in library and (fn.name, name) in allowed, f"{fn.name} catches {name}"


# ---- the web: one handler ------------------------------------------------------------------------------
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_web_turns_each_error_into_its_status_with_the_one_shape(empty_store, monkeypatch, cls):
    from detente.web import queries
    from detente.web.app import create_app

    error = make(cls)

    def fail(con):
        raise error

    monkeypatch.setattr(queries, "health", fail)
    r = TestClient(create_app(empty_store)).get("/api/health")
    assert r.status_code == cls.status
    assert r.headers["content-type"] == "application/json"
    assert r.json() == {"error": str(error), "status": cls.status}
    assert r.headers["x-error-code"] == cls.code


def test_web_names_the_parameter_of_a_setting(empty_store, monkeypatch):
    from detente.web import queries
    from detente.web.app import create_app

    def fail(con):
        raise BadValue("the clustering window is a number of days, 0 or more", setting="window_days")

    monkeypatch.setattr(queries, "health", fail)
    r = TestClient(create_app(empty_store)).get("/api/health")
    assert r.json() == {"error": "bad parameter window: the clustering window is a number of days, 0 or more",
                        "status": 400}


def test_every_web_error_carries_a_code(empty_store):
    from detente.web.app import create_app

    client = TestClient(create_app(empty_store))
    for response, status, code in [(client.get("/api/events", params={"page": "two"}), 400, "bad_parameter"),
                                   (client.get("/api/nope"), 404, "not_found"),
                                   (client.delete("/api/health"), 405, "method_not_allowed"),
                                   (client.get("/api/dyad", params={"a": "TUR", "b": "UKR"}), 409, "not_available")]:
        assert response.status_code == status and response.headers["x-error-code"] == code
        assert set(response.json()) == {"error", "status"}


# ---- the library: what it raises for user input ----------------------------------------------------------
def _library_errors():
    from detente.engine import make_engine
    from detente.feeds import parse_feed, parse_interval
    from detente.formats import EventWriter
    from detente.store.analytics_queries import period
    from detente.store.export import export_events

    return [
        (lambda: parse_interval("every day"), BadValue, "interval"),
        (lambda: parse_interval("-5m"), BadValue, "interval"),
        (lambda: make_engine(name="spark"), BadValue, "engine"),
        (lambda: EventWriter(None, "yaml"), BadValue, "format"),
        (lambda: export_events(None, "x", "xlsx"), BadValue, "format"),
        (lambda: period("fortnight"), BadValue, "by"),
        (lambda: parse_feed(b"<rss><channel>", "http://x.test"), BadFeed, None),
        (lambda: parse_feed(b"<html><body/></html>", "http://x.test"), BadFeed, None),
    ]


@pytest.mark.parametrize("n", range(8))
def test_library_user_errors_are_detente_errors(n):
    call, cls, setting = _library_errors()[n]
    with pytest.raises(cls) as info:
        call()
    assert info.value.setting == setting
    assert not re.search(r"--[a-z]", str(info.value))


def test_store_user_errors_are_detente_errors(empty_store, tmp_path):
    from detente.analytics import actor_profile, dyad_series, flags

    with pytest.raises(StoreMissing, match="no database at"):
        Store(tmp_path / "none.duckdb", read_only=True)
    with Store(empty_store, read_only=True) as store:
        with pytest.raises(BadValue, match="level must be one of actor, country, not 'planet'") as info:
            store.network(level="planet")
        assert info.value.setting == "level"
        with pytest.raises(BadValue, match="by must be one of") as info:
            dyad_series(store, "TUR", "UKR", by="fortnight")
        assert info.value.setting == "by"
        for call in (lambda: dyad_series(store, "TUR", "UKR"), lambda: actor_profile(store, "TUR"),
                     lambda: flags(store)):
            with pytest.raises(NotAvailable, match="no event clusters"):
                call()
    with Store(tmp_path / "w.duckdb") as store:
        with pytest.raises(BadValue, match="0 or more") as info:
            store.build_clusters(-1)
        assert info.value.setting == "window_days"


# Bare ValueErrors kept on purpose: programming errors, never the user's input. (file, function): why.
ALLOWED_BARE_ERRORS = {
    ("store/analytics_queries.py", "__post_init__"): "FlagCodes are constants of detente.analytics",
    ("store/analytics_queries.py", "in_list"): "a guard on constant code lists before they are formatted into SQL",
    ("store/schema.py", "describe"): "table names are the store's constants (TABLES)",
    ("store/database.py", "write_tables"): "the tables come from batch_tables or a worker",
    ("ingest.py", "engine_for"): "a Python caller passed an Engine together with what would make one",
}
BARE = {"ValueError", "SystemExit", "Exception", "DetenteError"}  # DetenteError itself: raise a subclass


class _Raises(ast.NodeVisitor):
    """(innermost function, name) of every raise of a bare error, and of every sys.exit(), in a module."""

    def __init__(self):
        self.stack, self.found = ["<module>"], []

    def visit_FunctionDef(self, node):
        self.stack.append(node.name)
        self.generic_visit(node)
        self.stack.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Raise(self, node):
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        if isinstance(exc, ast.Name) and exc.id in BARE:
            self.found.append((self.stack[-1], exc.id))
        self.generic_visit(node)

    def visit_Call(self, node):
        if ast.unparse(node.func) in ("sys.exit", "exit", "quit"):
            self.found.append((self.stack[-1], ast.unparse(node.func)))
        self.generic_visit(node)


def _raises(path: Path) -> list[tuple[str, str]]:
    visitor = _Raises()
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return visitor.found


def test_no_bare_value_error_or_exit_outside_the_allow_list():
    found = set()
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("cli/") or rel == "__main__.py":  # the command line exits (sys.exit of main's status)
            assert not {name for _, name in _raises(path)} & BARE, rel
            continue
        found |= {(rel, fn, name) for fn, name in _raises(path)}
    unexpected = {f for f in found if not (f[2] == "ValueError" and f[:2] in ALLOWED_BARE_ERRORS)}
    assert not unexpected, unexpected
    assert {f[:2] for f in found} == set(ALLOWED_BARE_ERRORS), "the allow-list names a raise that is gone"


def _strings(path: Path):
    """Every string literal of a module except docstrings (f-string parts included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_no_message_outside_the_cli_names_a_flag():
    flagged = [f"{path.relative_to(SRC)}:{line}: {text!r}"
               for path in SRC.rglob("*.py") if "cli" not in path.relative_to(SRC).parts
               for line, text in _strings(path) if re.search(r"(?<![\w-])--[a-z]", text)]
    assert not flagged, flagged
