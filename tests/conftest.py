"""Shared fixtures. The spaCy-backed coder is built once per test session.

The tests never touch the user's compiled-data cache (detente/cache.py): the session uses a cache folder
of its own, made here (so that the processes the tests start inherit it too) and removed at the end."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_CACHE = tempfile.mkdtemp(prefix="detente-test-cache-")
os.environ["DETENTE_CACHE_DIR"] = _CACHE
os.environ.pop("DETENTE_NO_CACHE", None)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_CACHE, ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GSR_DEV = SHARED / "data" / "plover-gsr" / "dev.json"


@pytest.fixture(scope="session")
def coder():
    from detente.coder import Coder

    return Coder()


def triples(events):
    return {(e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in events}


@pytest.fixture
def code(coder):
    def run(text, date="2024-09-06"):
        return coder.code_text(text, date=date)

    return run
