"""Shared fixtures. The spaCy-backed coder is built once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

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
