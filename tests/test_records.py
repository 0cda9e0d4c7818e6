"""The record contract: to_dict gives every field (nested records as their own dicts); records read like
mappings; the flat row, the store's columns and the API's columns come from one table of columns."""
from __future__ import annotations

from dataclasses import asdict, fields

import pytest

from detente.gazetteer import Place
from detente.record_columns import (EVENT, EVENT_API, EVENT_FLAT, EVENT_STORE, QUOTE_API, flat_row, quote_answer,
                                    record_schema)
from detente.records import Actor, Attribution, Event, Location, Quote, Trigger

ACTOR = Actor("Iran", "IRN", "IRN", None, 0, 4, "Iran")
SPEAKER = Actor("Tehran", "IRNGOV", "IRN", "GOV", 30, 36, None)
TEHRAN = Location("Tehran", 40, 46, "in", "Tehran", 112931, 35.69, 51.42, "IRN", "26", "city", "city")


def event(**changes):
    base = Event("d1", 0, "Iran  criticized\nIraq.", Trigger("criticized", 5, 15), ACTOR, None, "111",
                 "Criticize or denounce", "11", 3, -2.0, "ACCUSE", "disapprove", claimed=True,
                 attribution=Attribution(SPEAKER, "Tehran", "say", 0), location=TEHRAN)
    for k, v in changes.items():
        setattr(base, k, v)
    return base


def test_to_dict_gives_every_field_as_asdict_would():
    e = event()
    expected = asdict(e)
    expected.update(source=asdict(ACTOR), target=None, trigger=asdict(e.trigger))
    got = e.to_dict()
    assert got == expected and list(got) == [f.name for f in fields(Event)]
    assert list(got["location"]) == ["text", "start", "end", "preposition", "name", "geonameid", "lat", "lon",
                                      "country", "admin1", "feature", "precision"]
    assert got["attribution"] == {"speaker": asdict(SPEAKER), "speaker_text": "Tehran", "cue": "say",
                                  "quote_index": 0}
    got["location"]["name"] = "changed"
    assert e.location.name == "Tehran"  # a copy, not the record itself
    place = Place("Ankara", 323786, 39.9, 32.8, "TUR", "68", "city", "city", 3_500_000)
    assert place.to_dict() == {k: v for k, v in asdict(place).items() if k != "population"}


def test_records_read_like_mappings():
    e = event()
    assert e.location["country"] == "IRN" and e.attribution["speaker"]["code"] == "IRNGOV"
    assert e.location.get("missing") is None
    with pytest.raises(KeyError):
        e.location["missing"]


def test_flat_row():
    row = flat_row(event())
    assert list(row) == list(EVENT_FLAT)
    assert row["sentence"] == "Iran criticized Iraq." and row["claimed"] == "true" and row["negated"] == "false"
    assert row["claimed_by"] == "IRNGOV" and row["target_code"] == "" and row["place_geonameid"] == 112931
    assert row["trigger"] == "criticized" and row["cameo_base"] == "111"
    unclaimed = flat_row(event(claimed=False, attribution=None, location=None))
    assert unclaimed["claimed_by"] == "" and unclaimed["place"] == ""


def test_every_view_is_made_of_defined_columns():
    assert set(EVENT_FLAT) <= set(EVENT) and set(EVENT_STORE) <= set(EVENT)
    assert set(EVENT_API) <= set(EVENT_STORE) | {"doc_key", "event_index", "cameo_name"}


def test_quote_answer_and_schema():
    q = Quote(2, SPEAKER, "Tehran", "say", "We reject it.", 50, 63, True, 7)
    answer = quote_answer(q)
    assert list(answer) == [name for name, _ in QUOTE_API]
    assert (answer["content"], answer["start"], answer["end"], answer["speaker_start"]) == ("We reject it.", 50, 63, 30)
    assert q.to_dict()["content"] == {"text": "We reject it.", "start": 50, "end": 63}
    schema = record_schema(Event)
    assert schema["properties"]["location"]["anyOf"][0]["properties"]["lat"] == {"anyOf": [{"type": "number"},
                                                                                         {"type": "null"}]}
    assert set(schema["properties"]) == {f.name for f in fields(Event)}
    assert set(record_schema(Quote)["properties"]) == {"index", "speaker", "speaker_text", "cue", "direct", "content"}
