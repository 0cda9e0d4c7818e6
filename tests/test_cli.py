"""The command line on real files: formats, bad input, workers, eval, actors, demo."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import GSR_DEV, SHARED
from detente.cli import EXIT_OK, EXIT_SKIPPED, main

ARTICLE = ("Russia's foreign minister Sergey Lavrov criticized Türkiye for supplying weapons to Ukraine "
           "while offering to mediate. Ankara has been providing Kiev with drones.")


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "lavrov.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.slow
def test_code_jsonl_contract(capsys, article):
    rc, out, err = run(capsys, "code", str(article), "--date", "2024-09-06", "--format", "jsonl")
    assert rc == EXIT_OK
    events = [json.loads(line) for line in out.splitlines()]
    assert {"doc_id", "sentence_index", "sentence", "trigger", "source", "target", "cameo", "cameo_root",
            "quad_class", "goldstein", "plover", "plover_mode", "negated", "modality", "date",
            "confidence"} <= set(events[0])
    crit = next(e for e in events if e["cameo"] == "111")
    assert crit["doc_id"] == "lavrov" and crit["date"] == "2024-09-06"
    assert crit["source"]["code"] == "RUSGOV" and crit["source"]["country"] == "RUS"
    assert crit["target"]["code"] == "TUR" and crit["quad_class"] == 3 and crit["goldstein"] == -2.0
    assert crit["trigger"]["text"] == "criticized"
    assert ARTICLE[crit["trigger"]["start"]:crit["trigger"]["end"]] == "criticized"
    assert "coded 1 document(s)" in err


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_code_flat_formats(capsys, article, fmt):
    rc, out, _ = run(capsys, "code", str(article), "--format", fmt)
    rows = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    assert rc == EXIT_OK and rows
    assert {"source_code", "target_code", "cameo", "quad_class", "goldstein", "sentence"} <= set(rows[0])
    assert any(r["cameo"] == "072" and r["source_code"] == "TUR" and r["target_code"] == "UKR" for r in rows)


@pytest.mark.slow
def test_code_plover_and_table(capsys, article):
    rc, out, _ = run(capsys, "code", str(article), "--format", "plover")
    recs = [json.loads(line) for line in out.splitlines()]
    assert any(r["event"] == "AID" and r["actor"]["code"] == "TUR" and r["recipient"]["code"] == "UKR" for r in recs)
    rc, out, _ = run(capsys, "code", str(article), "--format", "table")
    assert out.splitlines()[0].split()[:5] == ["doc", "sent", "date", "source", "target"]
    assert "RUSGOV" in out


@pytest.mark.slow
def test_bad_inputs_reported_and_rest_coded(capsys, tmp_path):
    (tmp_path / "good.txt").write_text("Iran criticized Saudi Arabia on Monday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "french.txt").write_text("Le gouvernement a annoncé mardi de nouvelles mesures pour les "
                                         "agriculteurs de la région.", encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Iran criticized Iraq. " * 240_000, encoding="utf-8")  # 5.3 MB
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "docs.jsonl").write_text('{"id": "j1", "text": "Chad criticized Sudan."}\n{broken\n',
                                         encoding="utf-8")
    names = ["good.txt", "empty.txt", "french.txt", "huge.txt", "latin1.txt", "binary.txt", "docs.jsonl",
             "missing.txt"]
    skipped_file = tmp_path / "skipped.jsonl"
    rc, out, err = run(capsys, "code", *[str(tmp_path / n) for n in names], "--format", "jsonl",
                       "--skipped", str(skipped_file))
    assert rc == EXIT_SKIPPED
    coded = {json.loads(line)["doc_id"] for line in out.splitlines()}
    assert coded == {"good", "j1"}
    skipped = {json.loads(line)["doc_id"]: json.loads(line)["reason"] for line in skipped_file.read_text().splitlines()}
    assert set(skipped) == {"empty", "french", "huge", "latin1", "binary", "docs-2", "missing"}
    assert "empty" in skipped["empty"] and "not English" in skipped["french"]
    assert "limit" in skipped["huge"] and "UTF-8" in skipped["latin1"] and "binary" in skipped["binary"]
    assert "malformed JSON" in skipped["docs-2"] and "not found" in skipped["missing"]
    for doc_id in skipped:
        assert f"skipped {doc_id}" in err
    assert "skipped 7" in err


@pytest.mark.slow
def test_stdin_subprocess():
    proc = subprocess.run([sys.executable, "-m", "detente", "code", "--date", "2024-09-06", "--id", "wire"],
                          input=ARTICLE.encode(), capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()
    events = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert events and all(e["doc_id"] == "wire" for e in events)


@pytest.mark.slow
def test_workers_match_single_process(capsys, tmp_path):
    lines = [json.dumps({"id": f"d{i}", "text": t}) for i, t in enumerate([
        ARTICLE, "Canada imposed sanctions on Belarus.", "", "Iran refused to negotiate with the United States.",
        "Egypt called on Hamas to release the hostages."] * 4)]
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rc1, out1, _ = run(capsys, "code", str(src), "--format", "jsonl")
    rc2, out2, _ = run(capsys, "code", str(src), "--format", "jsonl", "--workers", "2")
    assert rc1 == rc2 == EXIT_SKIPPED
    assert out1 == out2 and out1


def test_actors_command(capsys):
    rc, out, _ = run(capsys, "actors", "Lavrov", "Ankara", "Kremlin", "--date", "2024-09-06", "--json")
    rows = json.loads(out)
    codes = {r["text"]: r["code"] for r in rows}
    assert codes == {"Lavrov": "RUSGOV", "Ankara": "TUR", "Kremlin": "RUSGOV"}


@pytest.mark.slow
def test_user_actor_file_overrides(capsys, tmp_path, article):
    extra = tmp_path / "mine.yaml"
    extra.write_text("- name: Ivan Testovich\n  aliases: [Testovich]\n  gender: m\n"
                     "  roles:\n    - {code: UKRMIL, title: general, start: 2020-01-01, end: null}\n",
                     encoding="utf-8")
    rc, out, _ = run(capsys, "actors", "Testovich", "--actors", str(extra), "--json")
    assert json.loads(out)[0]["code"] == "UKRMIL"
    text = tmp_path / "t.txt"
    text.write_text("Testovich criticized Belarus.", encoding="utf-8")
    rc, out, _ = run(capsys, "code", str(text), "--actors", str(extra), "--format", "jsonl", "--date", "2024-01-01")
    [e] = [json.loads(line) for line in out.splitlines()]
    assert (e["source"]["code"], e["cameo"], e["target"]["code"]) == ("UKRMIL", "111", "BLR")


def test_codes_command(capsys):
    rc, out, _ = run(capsys, "codes", "072")
    assert rc == 0 and "Provide military aid" in out and "+8.3" in out


@pytest.mark.slow
def test_demo(capsys):
    rc, out, err = run(capsys, "demo")
    assert rc == EXIT_OK
    assert "Per-dyad summary" in out
    assert out.count("\n") > 40
    assert "events from the bundled sample articles" in err


@pytest.mark.slow
@pytest.mark.skipif(not GSR_DEV.exists(), reason="../shared/data/plover-gsr/dev.json not present")
def test_eval_agrees_with_reference_scorer(capsys, tmp_path):
    events_file = tmp_path / "events.jsonl"
    rc, out, _ = run(capsys, "eval", str(GSR_DEV), "--json", "--events", str(events_file))
    ours = json.loads(out)
    ref = subprocess.run([sys.executable, str(SHARED / "tools" / "score_plover_gsr.py"), "score", str(GSR_DEV),
                          str(events_file), "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(ref.stdout)
    for k in ("category", "source", "triple", "precision", "records", "events"):
        assert ours[k] == theirs[k], k
    assert ours["records"] == 164
    assert len(ours["misses"]) == round((1 - ours["triple"]) * ours["records"])


NEWS_DEV = SHARED / "data" / "realnews-dev" / "gold.json"


@pytest.mark.slow
@pytest.mark.skipif(not NEWS_DEV.exists(), reason="../shared/data/realnews-dev/gold.json not present")
def test_eval_news_gold_agrees_with_reference_scorer(capsys, tmp_path):
    events_file = tmp_path / "events.jsonl"
    rc, out, _ = run(capsys, "eval", str(NEWS_DEV), "--json", "--events", str(events_file))
    ours = json.loads(out)
    ref = subprocess.run([sys.executable, str(SHARED / "tools" / "score_realnews.py"), str(NEWS_DEV),
                          str(events_file), "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(ref.stdout)
    for k, v in theirs.items():
        if k in ours:
            assert ours[k] == v, k
    assert ours["gold"] == 470 and ours["events"] > 0


@pytest.mark.slow
def test_eval_news_gold_of_own_reports(capsys, tmp_path):
    (tmp_path / "articles.jsonl").write_text(json.dumps({
        "id": "w1", "date": "2024-05-02",
        "text": "Chile criticized Peru on Monday. Bolivian police arrested twelve protesters in La Paz."}) + "\n",
        encoding="utf-8")
    gold = [{"doc": "w1", "sentence": "Chile criticized Peru on Monday.", "source": "CHL", "target": "PER",
             "cameo": "111", "claimed_by": None},
            {"doc": "w1", "sentence": "Bolivian police arrested twelve protesters in La Paz.", "source": "BOLCOP",
             "target": "BOLCVL", "cameo": "173", "claimed_by": None},
            {"doc": "w1", "sentence": "Chile criticized Peru on Monday.", "source": "PER", "target": "CHL",
             "cameo": "130", "claimed_by": None}]
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    rc, out, _ = run(capsys, "eval", str(tmp_path / "gold.json"))
    assert rc == EXIT_OK
    assert "w1: 1 missed" in out and "MISS PER 130 CHL" in out
    rc, out, _ = run(capsys, "eval", str(tmp_path / "gold.json"), "--json", "--no-misses")
    result = json.loads(out)
    assert result["gold"] == 3 and result["recall_root"] == round(2 / 3, 4)
    rc, _, err = run(capsys, "eval", str(tmp_path / "gold.json"), "--articles", str(tmp_path / "none.jsonl"))
    assert rc == 1 and "none.jsonl does not exist" in err


@pytest.mark.slow
def test_user_lexicon_file_overrides(capsys, tmp_path):
    extra = tmp_path / "verbs.yaml"
    extra.write_text('rebuke: "112"\nshun: "160"\n', encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("Chad rebuked Niger. Mali shunned Algeria.", encoding="utf-8")
    rc, out, _ = run(capsys, "code", str(text), "--lexicon", str(extra), "--format", "jsonl")
    coded = {(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in map(json.loads, out.splitlines())}
    assert coded == {("TCD", "112", "NER"), ("MLI", "160", "DZA")}


def test_bad_user_file_is_a_clear_error(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text('attack: "999"\n', encoding="utf-8")
    rc, out, err = run(capsys, "codes", "072")  # unaffected
    assert rc == 0
    text = tmp_path / "t.txt"
    text.write_text("Chad rebuked Niger.", encoding="utf-8")
    rc, out, err = run(capsys, "code", str(text), "--lexicon", str(bad))
    assert rc == 1 and "unknown CAMEO code 999" in err
