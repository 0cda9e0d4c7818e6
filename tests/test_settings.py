"""One table of defaults: the command line, the HTTP API and the README say the same."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from detente.cli import build_parser
from detente.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]

CLI = {("ingest", "batch"): "ingest_batch", ("ingest", "window"): "cluster_window",
       ("ingest", "memory_limit"): "memory_limit", ("ingest", "max_chars"): "max_chars",
       ("code", "max_chars"): "max_chars", ("watch", "every"): "poll_every", ("watch", "timeout"): "fetch_timeout",
       ("watch", "retries"): "fetch_retries", ("dyad", "by"): "period", ("actor", "by"): "period",
       ("flags", "window"): "say_do_window", ("flags", "min_events"): "min_events", ("flags", "limit"): "flag_limit",
       ("serve", "timeout"): "query_timeout", ("serve", "every"): "poll_every",
       ("serve", "fetch_timeout"): "fetch_timeout", ("serve", "retries"): "fetch_retries",
       ("serve", "code_timeout"): "code_timeout", ("serve", "code_workers"): "code_workers",
       ("serve", "memory_limit"): "memory_limit", ("serve", "max_chars"): "max_chars",
       ("actors", "limit"): "unknown_limit"}
API = {("/api/events", "page_size"): "page_size", ("/api/documents", "page_size"): "page_size",
       ("/api/dyad", "by"): "period", ("/api/actor/{code}", "by"): "period", ("/api/actors", "limit"): "actors_limit",
       ("/api/actors/unknown", "limit"): "unknown_limit",
       ("/api/network", "limit"): "network_limit", ("/api/flags", "window"): "say_do_window",
       ("/api/flags", "min_events"): "min_events", ("/api/flags", "limit"): "flag_limit"}


def cli_defaults() -> dict[tuple[str, str], object]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return {(name, a.dest): a.default for name, p in sub.choices.items() for a in p._actions}


@pytest.mark.parametrize("where, setting", CLI.items(), ids=[f"{c} --{d}" for c, d in CLI])
def test_command_line_defaults_come_from_the_table(where, setting):
    assert cli_defaults()[where] == SETTINGS[setting].default


def test_api_defaults_come_from_the_table(tmp_path):
    from detente.store import Store
    from detente.web.app import create_app

    Store(tmp_path / "s.duckdb").close()
    app = create_app(str(tmp_path / "s.duckdb"))
    found = {}
    for route in app.routes:
        for name, p in inspect.signature(getattr(route, "endpoint", lambda: None)).parameters.items():
            found[(getattr(route, "path", ""), name)] = getattr(p.default, "default", p.default)
    app.state.db.close()
    for where, setting in API.items():
        assert found[where] == SETTINGS[setting].default, where


def test_every_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for s in SETTINGS.values():
        assert f"| `{s.name}` |" in readme, s.name


def test_create_app_defaults_come_from_the_table():
    from detente.web.app import create_app

    params = inspect.signature(create_app).parameters
    for name in ("max_body", "max_page_size", "query_timeout", "code_timeout", "code_workers"):
        assert params[name].default == SETTINGS[name].default, name
