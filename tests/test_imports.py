import subprocess
import sys

import pytest

from processes import child_env


def test_import_is_light():
    """`import detente` and `detente --help` must not load spaCy."""
    code = "import sys, detente, detente.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_help_lists_commands():
    out = subprocess.run([sys.executable, "-m", "detente", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for cmd in ("code", "eval", "actors", "codes", "demo"):
        assert cmd in out.stdout


def test_every_command_is_documented_with_an_example():
    from pathlib import Path

    from detente.cli import COMMANDS, build_parser

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    for name in COMMANDS:
        assert f"detente {name}" in readme, name
        assert "Example: detente " + name in (subparsers[name].description or ""), name


HEAVY = ("spacy", "duckdb", "fastapi", "dateparser", "matplotlib", "pyarrow", "uvicorn", "trafilatura")


@pytest.mark.parametrize("argv", [["--help"], ["codes"], ["codes", "04"], ["actors", "Lavrov", "--date", "2024-06-01"]])
def test_commands_that_need_no_model_load_no_heavy_module(argv):
    """`detente --help`, `detente codes` and `detente actors` run without spaCy (nor DuckDB, the web, dateparser or
    matplotlib): each in a process of its own, which reports what it imported."""
    code = ("import contextlib, io, sys\n"
            "from detente.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            f"        status = main({argv!r})\n"
            "    except SystemExit as exit:\n"
            "        status = exit.code\n"
            f"print(status, [m for m in {HEAVY!r} if m in sys.modules])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=child_env(), check=True)
    assert out.stdout.split("\n")[-2] == "0 []", out.stdout + out.stderr
