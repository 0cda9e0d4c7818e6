"""The compiled-data cache (detente/cache.py): used when fresh, built again when a file it depends on
changes, ignored when damaged or unwritable, off when asked, and the same coding with it as without it."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from detente import actor_dictionary, cache
from detente.actor_dictionary import ActorDictionary
from detente.gazetteer import Gazetteer
from detente.lexicon import Lexicon

EXTRA_ACTORS = """
- name: Orla Vantries
  aliases: [Vantries]
  roles:
    - {code: IRLGOV, title: Minister for Testing, start: 2020-01-01}
"""


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of this test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.DIR_ENV, str(where))
    monkeypatch.delenv(cache.OFF_ENV, raising=False)
    return where


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"{kind}-*{cache.SUFFIX}"))


def test_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.DIR_ENV, raising=False)
    monkeypatch.delenv(cache.OFF_ENV, raising=False)
    monkeypatch.setattr(cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "detente"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "detente"
    monkeypatch.setenv(cache.DIR_ENV, str(tmp_path / "own"))
    assert cache.cache_dir() == tmp_path / "own"
    for off in ("1", "yes"):
        monkeypatch.setenv(cache.OFF_ENV, off)
        assert cache.cache_dir() is None
    monkeypatch.setenv(cache.OFF_ENV, "0")
    assert cache.cache_dir() == tmp_path / "own"


def test_entry_is_written_then_used(folder, monkeypatch):
    first = Lexicon.default()
    assert len(entries(folder, "lexicon")) == 1

    def no_reading(*args, **kwargs):
        raise AssertionError("read from the YAML files although the cache has the lexicon")

    monkeypatch.setattr(Lexicon, "read", no_reading)
    again = Lexicon.default()
    assert again == first and again is not first  # each call has its own copy: callers may change theirs
    assert again.match_verb("meet", set()) is not None


def test_a_changed_user_file_is_a_new_entry(folder, tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(EXTRA_ACTORS, encoding="utf-8")
    d = ActorDictionary.default([extra])
    assert d.lookup("Vantries")[0][0].roles[0].code == "IRLGOV"
    extra.write_text(EXTRA_ACTORS.replace("IRLGOV", "IRLMIL"), encoding="utf-8")
    d = ActorDictionary.default([extra])
    assert d.lookup("Vantries")[0][0].roles[0].code == "IRLMIL"
    assert len(entries(folder, "actors")) == 2
    assert ActorDictionary.default().lookup("Vantries") == []  # the built-ins alone are an entry of their own


def test_a_changed_data_file_is_a_new_entry(folder, monkeypatch):
    before = ActorDictionary.default()
    assert before.lookup("Vantries") == []
    shipped = actor_dictionary.builtin_files()
    # as if the package's data had changed (an upgrade, an edit of data/actors): one more file
    monkeypatch.setattr(actor_dictionary, "builtin_files", lambda: shipped + [("zz_test.yaml", EXTRA_ACTORS.encode())])
    after = ActorDictionary.default()
    assert after.lookup("Vantries")[0][0].name == "Orla Vantries"
    assert len(entries(folder, "actors")) == 2


def test_a_damaged_entry_is_built_again(folder):
    expected = ActorDictionary.read()
    ActorDictionary.default()
    (entry,) = entries(folder, "actors")
    for damage in (b"", b"not a pickle at all", entry.read_bytes()[:1000],
                   pickle.dumps(("detente-cache", "actors", "another key", {}))):
        entry.write_bytes(damage)
        d = ActorDictionary.default()
        assert d.phrases.keys() == expected.phrases.keys() and d.agents == expected.agents
        assert entry.read_bytes() != damage  # written again, sound
    assert len(entries(folder, "actors")) == 1


def test_an_unwritable_folder_is_no_cache(tmp_path, monkeypatch):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(cache.DIR_ENV, str(blocked / "cache"))
    monkeypatch.delenv(cache.OFF_ENV, raising=False)
    lex = Lexicon.default()
    assert lex.match_verb("meet", set()) is not None
    assert blocked.read_text() == "not a folder"


def test_off_writes_nothing(folder, monkeypatch):
    monkeypatch.setenv(cache.OFF_ENV, "1")
    Lexicon.default()
    assert not folder.exists()


def test_unreadable_user_file_is_still_reported(folder, tmp_path):
    from detente.errors import DataFileError

    with pytest.raises(DataFileError):
        ActorDictionary.default([tmp_path / "missing.yaml"])
    with pytest.raises(DataFileError):
        Lexicon.default([tmp_path / "missing.yaml"])


def test_old_entries_are_pruned(folder):
    for i in range(cache.KEEP + 3):
        assert cache.cached("probe", f"key{i}", lambda i=i: {"n": i}) == {"n": i}
    assert len(entries(folder, "probe")) == cache.KEEP
    assert cache.cached("probe", f"key{cache.KEEP + 2}", lambda: "built again") == {"n": cache.KEEP + 2}


def test_gazetteer_from_the_cache_finds_the_same_places(folder):
    built = Gazetteer.build()
    assert cache.cached("gazetteer", "probe", lambda: built) is built  # written
    loaded = cache.cached("gazetteer", "probe", lambda: None)
    assert loaded is not None and loaded is not built
    for name, countries in (("Kyiv", []), ("Tripoli", ["LBN"]), ("Tripoli", []), ("the Kursk region", ["RUS"]),
                            ("Ukraine", []), ("Nowhereville", [])):
        assert loaded.lookup(name, countries) == built.lookup(name, countries)


SENTENCES = [
    "Blinken met Wang Yi in Beijing on Monday.",
    "Turkish troops shelled Kurdish positions near Kobani, the defence ministry said.",
    "The Kremlin accused Ukraine of attacking a power plant in the Kursk region last week.",
    "\"We will not accept these sanctions,\" Lavrov told reporters in Moscow.",
    "Kenya offered to mediate between Sudan's army and the Rapid Support Forces.",
]


@pytest.mark.slow
def test_coder_codes_the_same_with_and_without_the_cache(coder, folder, monkeypatch):
    from detente.coder import Coder

    def coded(c):
        return [[e.to_dict() for e in c.code_text(s, date="2024-06-01")] for s in SENTENCES]

    Gazetteer.load.cache_clear()  # the gazetteer is kept per process: built, then loaded, for each coder here
    try:
        monkeypatch.setenv(cache.OFF_ENV, "1")
        expected = coded(Coder(nlp=coder.nlp))
        assert any(expected) and not folder.exists()
        monkeypatch.delenv(cache.OFF_ENV)
        Gazetteer.load.cache_clear()
        cold = coded(Coder(nlp=coder.nlp))
        assert entries(folder, "resolver") and entries(folder, "lexicon") and entries(folder, "gazetteer")
        Gazetteer.load.cache_clear()
        warm = coded(Coder(nlp=coder.nlp))
    finally:
        Gazetteer.load.cache_clear()
    assert cold == expected
    assert warm == expected


def test_the_tokenizer_is_part_of_the_resolver_key():
    import spacy

    from detente.pipeline.actor_resolver import tokenizer_id

    nlp = spacy.blank("en")
    before = tokenizer_id(nlp)
    assert tokenizer_id(spacy.blank("en")) == before
    nlp.tokenizer.add_special_case("Kyivites", [{"ORTH": "Kyiv"}, {"ORTH": "ites"}])
    assert tokenizer_id(nlp) != before
