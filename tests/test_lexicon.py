"""Lexicon patterns, classes and modality transforms (no spaCy needed)."""
from __future__ import annotations

import pytest

from detente.cameo import cameo_table
from detente.errors import DataFileError
from detente.lexicon import Lexicon

MINI = """
classes:
  weapon: [weapon, drone, arm]
triggers:
  incursion: "192"
"""
VERBS = """
provide: "070"
provide {weapon}: "072"
provide military aid: "072"
hold: null
hold talk: "040"
"""


@pytest.fixture
def lex():
    lx = Lexicon()
    lx.load_text(MINI, "nouns.yaml")
    lx.load_text(VERBS, "verbs.yaml")
    return lx


def test_most_specific_pattern_wins(lex):
    assert lex.match_verb("provide", {"to", "aid"}).code == "070"
    assert lex.match_verb("provide", {"drone", "to"}).code == "072"
    assert lex.match_verb("provide", {"military", "aid"}).code == "072"
    assert lex.match_verb("hold", {"talk"}).code == "040"
    assert lex.match_verb("hold", {"election"}).code is None
    assert lex.match_verb("unknown", set()) is None


def test_builtin_lexicon_covers_all_roots():
    lx = Lexicon.default()
    roots = {p.code[:2] for bucket in lx.verbs.values() for p in bucket if p.code}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert sum(len(b) for b in lx.verbs.values()) > 500


@pytest.mark.parametrize("kind,code,expected", [
    ("intent", "045", "039"), ("intent", "0874", "0356"), ("intent", "072", "0332"), ("intent", "190", "1384"),
    ("appeal", "0841", "0253"), ("reject", "046", "125"), ("threaten", "163", "1312"),
    ("negation", "0871", "1246"), ("negation", "190", "190"), ("future", "042", "036"), ("future", "111", "111"),
    ("demand", "0874", "1056"),
])
def test_builtin_transforms(kind, code, expected):
    assert Lexicon.default().transform(kind, code) == expected


def test_unknown_code_rejected(lex):
    lex.load_text('attack: "999"\n', "bad.yaml")
    with pytest.raises(DataFileError, match="unknown CAMEO code 999"):
        lex.validate(cameo_table())


def test_undefined_class_rejected(lex):
    lex.load_text('send {tank}: "072"\n', "bad.yaml")
    with pytest.raises(DataFileError, match="undefined noun class"):
        lex.validate(cameo_table())


def test_code_must_be_quoted_string():
    with pytest.raises(DataFileError, match="quoted CAMEO code"):
        Lexicon().load_text("attack: yes\n", "bad.yaml")


def test_re_prefixed_verbs_fall_back_to_the_base_verb():
    lx = Lexicon.default()
    assert lx.match_verb("reimpose", {"blockade"}).code == lx.match_verb("impose", {"blockade"}).code
    assert lx.match_verb("reimpose", {"sanction"}).code == "163"
