"""Bad input of every kind is reported with the document and the reason; nothing vanishes."""
from __future__ import annotations

import io
import json

from detente.text_checks import check_text
from detente.reader import read_inputs, read_stream
from detente.records import Document, Skipped


def kinds(results):
    return [(type(r).__name__, r.doc_id if isinstance(r, Skipped) else r.id) for r in results]


def test_txt_and_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("Iran criticized Iraq.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "x1", "text": "Chad criticized Niger.", "date": "2020-01-02", "title": "T"}) + "\n"
        + "\n"
        + json.dumps({"text": "No id here."}) + "\n", encoding="utf-8")
    docs = list(read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")], date="2021-05-05"))
    assert [d.id for d in docs] == ["a", "x1", "b-3"]
    assert docs[0].date == "2021-05-05" and docs[1].date == "2020-01-02" and docs[1].title == "T"
    assert docs[2].date == "2021-05-05"


def test_bad_inputs_are_named(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "Iran criticized Iraq."}\n{"id": "broken", \n'
                                        '{"id": "n", "text": 5}\n["list"]\n', encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("bin.txt", "latin1.txt", "bad.jsonl", "missing.txt")]
    results = list(read_inputs(paths))
    reasons = {r.doc_id: r.reason for r in results if isinstance(r, Skipped)}
    assert "binary" in reasons["bin"]
    assert "invalid UTF-8 at byte 3" in reasons["latin1"]
    assert "malformed JSON line" in reasons["bad-2"]
    assert "not a string" in reasons["n"]
    assert "JSON object" in reasons["bad-4"]
    assert reasons["missing"] == "file not found"
    assert [r.id for r in results if isinstance(r, Document)] == ["ok"]
    origins = {r.doc_id: r.origin for r in results if isinstance(r, Skipped)}
    assert origins["bad-2"].endswith("bad.jsonl:2")


def test_stdin_text_and_jsonl():
    [d] = list(read_stream(io.BytesIO("Türkiye criticized Russia.".encode()), date="2024-01-01", doc_id="s"))
    assert (d.id, d.text, d.date) == ("s", "Türkiye criticized Russia.", "2024-01-01")
    docs = list(read_stream(io.BytesIO(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n')))
    assert [d.id for d in docs] == ["a", "b"]


def test_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("Iran criticized Iraq.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"ignored")
    assert kinds(read_inputs([str(tmp_path)])) == [("Document", "one")]


def test_check_text_reasons():
    def why(text, limit=1000):
        return check_text(Document("d", text), limit)

    assert why("   \n\t ") == "empty or whitespace-only text"
    assert "limit is 1,000" in why("word " * 300)
    assert why("Die Regierung hat am Montag die neuen Regeln für die Einreise beschlossen und verkündet.") \
        .startswith("not English")
    assert why("Правительство России заявило сегодня о новых мерах поддержки экономики страны.") \
        .startswith("not English")
    assert why("Iran criticized Iraq on Monday, the foreign ministry said.") is None
    assert "binary" in why("abc\x01\x02\x03\x04\x05\x06\x07\x08" * 20)
