import subprocess
import sys


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
