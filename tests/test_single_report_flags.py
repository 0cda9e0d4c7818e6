"""Flags from a single report: one story that tells both sides of a pattern is flagged at the lowest
strength, with its sentences as evidence (stories written for these tests)."""
from __future__ import annotations

from detente.analytics import SINGLE_REPORT_SCORE, flags
from detente.ingest import ingest
from detente.records import Document
from detente.store import Store

DUAL = Document("dual", "Russia's foreign minister criticized Ankara for supplying weapons to Ukraine while offering "
                "to mediate in the conflict between Moscow and Kyiv. Lavrov said Russia was open to a settlement.",
                "2024-09-06")
ONE_SIDE = Document("one-side", "Brazil supplied aircraft to Chile on Monday. Argentina praised the deal.",
                    "2024-09-06")
SAY_DO = Document("say-do", "Serbia said it was ready for talks with Kosovo, but Serbian police arrested three Kosovo "
                  "officials on the border on Tuesday.", "2024-09-06")


def flagged(coder, tmp_path, docs, **kw):
    with Store(tmp_path / "s.duckdb") as store:
        ingest(docs, store, coder)
        return flags(store, **kw)


def test_one_story_of_arms_and_mediation_flags_the_actor(coder, tmp_path):
    [f] = [f for f in flagged(coder, tmp_path, [DUAL, ONE_SIDE]) if f.kind == "dual-track"]
    assert (f.actor, f.counterparts, f.score) == ("TUR", ("UKR", "RUS"), SINGLE_REPORT_SCORE)
    assert f.counts == {"reports": 1}
    codes = {(e["source"], e["cameo"], e["target"]) for e in f.evidence}
    assert {("TUR", "072", "UKR"), ("TUR", "039", "RUS")} <= codes
    assert all(e["doc_id"] == "dual" and "mediate" in e["sentence"] for e in f.evidence)


def test_a_story_with_one_side_only_is_no_flag(coder, tmp_path):
    assert flagged(coder, tmp_path, [ONE_SIDE]) == []


def test_single_reports_need_the_lowest_threshold(coder, tmp_path):
    assert flagged(coder, tmp_path, [DUAL], min_events=2) == []


def test_say_do_told_in_one_report(coder, tmp_path):
    [f] = [f for f in flagged(coder, tmp_path, [SAY_DO]) if f.kind == "say-do"]
    assert (f.actor, f.score) == ("SRB", SINGLE_REPORT_SCORE) and f.counterparts[0] == "KSV"  # Kosovo
    codes = {e["cameo"][:2] for e in f.evidence}
    assert "03" in codes and "17" in codes
