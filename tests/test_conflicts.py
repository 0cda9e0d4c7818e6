"""Acts aimed at a conflict without naming anyone get the parties of the conflict the document reports
(conflicts stage), on sentences written for these tests."""
from __future__ import annotations

import pytest


def targets(events, source, code):
    return {(e.target.code if e.target else None, e.target_inferred) for e in events
            if e.source and e.source.code == source and e.cameo == code}


CASES = [
    ("Moscow criticized Ankara for supplying weapons to Ukraine while offering to mediate in the conflict. "
     "Russian troops shelled Kharkiv on Monday.", "TUR", "039", {("RUS", True)}),
    ("Qatar offered to mediate in the war between Israel and Hamas.", "QAT", "039",
     {("ISR", True), ("PSEREB", True)}),
    ("Turkey is ready to act as a mediator in the conflict between Moscow and Kyiv.", "TUR", "039",
     {("RUS", True), ("UKR", True)}),
    ("Russian troops shelled Kharkiv on Monday. China called for peace talks to end the war.", "CHN", "0256",
     {("RUS", True), ("UKR", True)}),
    ("Russian forces attacked Ukrainian positions near Pokrovsk. Russia is open to negotiations.", "RUS", "036",
     {("UKR", True)}),
    ("Azerbaijani forces shelled Armenian villages on Sunday. Iran offered to mediate.", "IRN", "039",
     {("AZE", True), ("ARM", True)}),
    ("Saudi Arabia offered to mediate in the India-Pakistan conflict.", "SAU", "039",
     {("IND", True), ("PAK", True)}),
    ("The United States sent weapons to Israel and offered to mediate in the war between Israel and Hamas.",
     "USA", "039", {("PSEREB", True)}),
    ("Norway offered to mediate.", "NOR", "039", {(None, False)}),
    ("Qatar offered to mediate between Israel and Hamas.", "QAT", "039", {("ISR", False), ("PSEREB", False)}),
]


@pytest.mark.parametrize("text, source, cameo, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_mediation_and_calls_for_talks_aim_at_the_conflicts_parties(code, text, source, cameo, expected):
    assert targets(code(text), source, cameo) == expected


def test_inferred_target_is_in_the_record(code):
    [e] = [e for e in code("Russian troops shelled Kharkiv. Russia is open to negotiations.") if e.cameo == "036"]
    assert e.to_dict()["target_inferred"] is True and e.target.code == "UKR"
