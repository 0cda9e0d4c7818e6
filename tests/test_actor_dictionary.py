"""Actor dictionary loading, validation and dated roles (no spaCy needed)."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.actor_dictionary import ActorDictionary, person_code
from detente.errors import DataFileError

D = dt.date


@pytest.fixture(scope="module")
def builtin():
    return ActorDictionary.default()


def codes(d, phrase, day=None):
    return {r["code"] for r in d.describe(phrase, day)}


@pytest.mark.parametrize("phrase,code", [
    ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Turkiye", "TUR"), ("Turkish", "TUR"), ("Ankara", "TUR"),
    ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Côte d'Ivoire", "CIV"), ("Ivory Coast", "CIV"), ("Myanmar", "MMR"),
    ("Burma", "MMR"), ("Kremlin", "RUSGOV"), ("White House", "USAGOV"), ("Downing Street", "GBRGOV"),
    ("NATO", "IGONAT"), ("United Nations", "IGOUNO"), ("European Union", "IGOEUR"), ("IAEA", "IGOIEA"),
    ("Hamas", "PSEREB"), ("Hezbollah", "LBNREB"), ("Palestine", "PSE"), ("Taiwan", "TWN"), ("Kosovo", "KSV"),
    ("SBU", "UKRSPY"), ("Shin Bet", "ISRSPY"), ("Knesset", "ISRLEG"), ("Centcom", "USAMIL"), ("FSB", "RUSSPY"),
    ("Fidesz", "HUNPTY"), ("Azov", "UKRMIL"),
])
def test_builtin_names(builtin, phrase, code):
    assert code in codes(builtin, phrase)


def test_every_un_member_is_there(builtin):
    assert len(builtin.countries) >= 195
    for code in ("USA", "CHN", "RUS", "GBR", "FRA", "TUV", "NRU", "SSD", "VAT", "PSE"):
        assert code in builtin.countries


def test_dated_roles(builtin):
    assert codes(builtin, "Lavrov", D(2024, 9, 6)) == {"RUSGOV"}
    putin = builtin.lookup("Vladimir Putin")[0][0]
    role, current = putin.role_at(D(2010, 6, 1))
    assert current and role.title == "prime minister"
    role, current = putin.role_at(D(2020, 6, 1))
    assert current and role.title == "president"


def test_out_of_office_is_elite():
    d = ActorDictionary()
    d.load_text("- name: A Person\n  aliases: []\n  gender: f\n  roles:\n"
                "    - {code: GBRGOV, title: prime minister, start: 2001-01-01, end: 2005-01-01}\n", "t.yaml")
    entry = d.lookup("A Person")[0][0]
    assert person_code(*entry.role_at(D(2003, 1, 1))) == "GBRGOV"
    assert person_code(*entry.role_at(D(2010, 1, 1))) == "GBRELI"


def test_user_file_overrides_same_string():
    d = ActorDictionary()
    d.load_text("- {code: AAA, name: Alpha, aliases: [Al], adjectives: [], demonyms: [], capitals: [], "
                "seats: [], places: []}\n", "base.yaml")
    d.load_text("- {code: BBB, name: Beta, aliases: [Al], adjectives: [], demonyms: [], capitals: [], "
                "seats: [], places: []}\n", "user.yaml")
    assert [e.code for e, _ in d.lookup("Al")] == ["BBB"]


@pytest.mark.parametrize("text,message", [
    ("- {code: T1, name: X, aliases: []}\n", "bad actor code"),
    ("- {name: X, aliases: [], roles: [{code: RUSGOV, start: 2020-13-01}]}\n", "bad date"),
    ("- {name: X, roles: [{code: RUSGOV, start: 2020-01-01, end: 2019-01-01}]}\n", "ends"),
    ("- {code: RUS, name: X, colour: red, adjectives: []}\n", "unknown keys"),
    ("- just a string\n", "expected a mapping"),
    ("- {name: X, aliases: [}\n", "YAML"),
    ("GOVERNMENT: [minister]\n", "three letters"),
])
def test_errors_name_file_and_entry(text, message):
    d = ActorDictionary()
    with pytest.raises(DataFileError, match=message) as info:
        d.load_text(text, "mine.yaml")
    assert str(info.value).startswith("mine.yaml: ")


def test_agent_nouns(builtin):
    assert builtin.agents["troop"] == "MIL"
    assert builtin.agents["foreign minister"] == "GOV"
    assert builtin.agents["police"] == "COP"
    assert builtin.agents["refugee"] == "REF"


def test_ministers_and_ministries_are_government(builtin):
    for noun in ("defence ministry", "defense minister", "interior minister", "ministry of justice",
                 "health ministry", "foreign ministry"):
        assert builtin.agents[noun] == "GOV", noun
    assert builtin.agents["interior ministry troop"] == "COP"  # the forces under a ministry keep theirs


def test_bodies_file():
    d = ActorDictionary()
    d.load_text("bodies: [ministry, Armed Group]\n", "b.yaml")
    assert d.bodies == {"ministry", "armed group"} and not d.agents


def test_builtin_bodies_are_not_people(builtin):
    assert {"ministry", "army", "militia", "government", "police"} <= builtin.bodies
    assert not {"minister", "spokesman", "soldier", "president"} & builtin.bodies
