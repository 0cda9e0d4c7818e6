"""The record contract: to_dict gives every field, and nested values are copies."""
from __future__ import annotations

from dataclasses import asdict, fields

from detente.gazetteer import Place
from detente.records import Actor, Event, Trigger


def test_to_dict_gives_every_field_as_asdict_would():
    actor = Actor("Iran", "IRN", "IRN", None, 0, 4, "Iran")
    event = Event("d1", 0, "Iran criticized Iraq.", Trigger("criticized", 5, 15), actor, None, "111",
                  "Criticize or denounce", "11", 3, -2.0, "ACCUSE", "disapprove",
                  attribution={"speaker": {"code": "IRNGOV"}, "cue": "said"}, location={"name": "Tehran"})
    expected = asdict(event)
    expected.update(source=asdict(actor), target=None, trigger=asdict(event.trigger))
    got = event.to_dict()
    assert got == expected and list(got) == [f.name for f in fields(Event)]
    got["location"]["name"] = "changed"
    assert event.location == {"name": "Tehran"}  # a copy, not the record's own dict
    assert actor.to_dict() == asdict(actor) and event.trigger.to_dict() == asdict(event.trigger)
    place = Place("Ankara", 323786, 39.9, 32.8, "TUR", "68", "city", "city", 3_500_000)
    assert place.to_dict() == {k: v for k, v in asdict(place).items() if k != "population"}
