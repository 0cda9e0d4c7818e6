"""Quote extraction on tests/data/quotes.json: 12 articles written for detente, 79 annotated quotes
(direct, split, over paragraphs, attributed in the next sentence, reported speech, "according to"),
with titles and scare quotes that are not quotes. Scored as bench/bench_quotes.py scores it."""
from __future__ import annotations

import json
from pathlib import Path

from detente.evaluate import score_quotes
from detente.records import CodedDocument, Document

GOLD = Path(__file__).parent / "data" / "quotes.json"


def test_quote_extraction_precision_and_recall(coder):
    docs = json.loads(GOLD.read_text(encoding="utf-8"))
    assert sum(len(d["quotes"]) for d in docs) >= 40
    predicted = {}
    for r in coder.code_documents([Document(d["id"], d["text"], date=d["date"]) for d in docs]):
        assert isinstance(r, CodedDocument)
        predicted[r.document.id] = [{"start": q.start, "end": q.end, "direct": q.direct,
                                     "speaker_code": q.speaker.code if q.speaker else None,
                                     "speaker_text": q.speaker_text} for q in r.quotes]
    result = score_quotes(docs, predicted)
    assert result["precision"] >= 0.9, result
    assert result["recall"] >= 0.85, result
