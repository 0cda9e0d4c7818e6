"""Accuracy on detente's own validation set (tests/data/validation.json, written for the project in the
PLOVER gold-standard format): a guard against regressions, scored like the PLOVER GSR."""
from __future__ import annotations

from pathlib import Path

from detente.evaluate import gold_documents, load_gold, score
from detente.records import CodedDocument

VALIDATION = Path(__file__).parent / "data" / "validation.json"


def test_validation_set_accuracy(coder):
    gold = load_gold(VALIDATION)
    assert len(gold) == 180
    events = [e for r in coder.code_documents(gold_documents(gold)) if isinstance(r, CodedDocument)
              for e in r.events]
    result = score(gold, events)
    assert result["category"] >= 0.85, result
    assert result["triple"] >= 0.70, result
    assert result["precision"] >= 0.75, result
