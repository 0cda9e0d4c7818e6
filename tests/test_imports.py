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
