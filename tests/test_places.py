"""Place names resolved with the offline gazetteer, and event locations, on sentences written for these tests."""
from __future__ import annotations

import pytest

from detente.gazetteer import Gazetteer
from detente.records import Document


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


# (name, countries the document is about, expected country, expected feature)
CASES = [
    ("Kyiv", [], "UKR", "city"),
    ("Kiev", [], "UKR", "city"),
    ("Kharkiv", [], "UKR", "city"),
    ("Odesa", [], "UKR", "city"),
    ("Kursk", [], "RUS", "city"),
    ("Kursk Region", [], "RUS", "region"),
    ("Belgorod", [], "RUS", "city"),
    ("Istanbul", [], "TUR", "city"),
    ("Ankara", [], "TUR", "city"),
    ("Cizre", [], "TUR", "city"),
    ("Jenin", [], "PSE", "city"),
    ("Gaza", [], "PSE", "city"),
    ("Baghdad", [], "IRQ", "city"),
    ("Samarra", [], "IRQ", "city"),
    ("Amman", [], "JOR", "city"),
    ("Khartoum", [], "SDN", "city"),
    ("Goma", [], "COD", "city"),
    ("Kandahar", [], "AFG", "city"),
    ("Aleppo", [], "SYR", "city"),
    ("Mosul", [], "IRQ", "city"),
    ("Tripoli", [], "LBY", "city"),          # the most populous
    ("Tripoli", ["LBN"], "LBN", "city"),     # the document is about Lebanon
    ("Alexandria", [], "EGY", "city"),
    ("Alexandria", ["USA"], "USA", "city"),
    ("Hyderabad", ["PAK"], "PAK", "city"),
    ("Hyderabad", [], "IND", "city"),
    ("Santiago", ["CHL"], "CHL", "city"),
    ("Valencia", ["VEN"], "VEN", "city"),
    ("Valencia", ["ESP"], "ESP", "city"),
    ("Georgia", [], "GEO", "country"),
    ("Ukraine", [], "UKR", "country"),
    ("the Donetsk region", [], "UKR", "region"),
]


@pytest.mark.parametrize("name,countries,country,feature", CASES,
                         ids=[f"{c[0]}-{'-'.join(c[1]) or 'none'}" for c in CASES])
def test_lookup(gaz, name, countries, country, feature):
    place = gaz.lookup(name, countries)
    assert place is not None
    assert (place.country, place.feature) == (country, feature)


def test_city_has_coordinates_and_geonameid(gaz):
    kyiv = gaz.lookup("Kyiv", [])
    assert kyiv.geonameid == 703448 and round(kyiv.lat) == 50 and round(kyiv.lon) == 31


def test_unknown_place(gaz):
    assert gaz.lookup("Nowhereville", []) is None


def test_event_locations(code):
    text = ("Israeli forces killed three Palestinians in a raid on the Jenin refugee camp. "
            "Russian forces shelled Kharkiv overnight. "
            "Ukraine's incursion into the Kursk region alarmed Moscow. "
            "Turkish authorities imposed a curfew in the town of Cizre. "
            "Russia criticized Turkey.")
    located = {(e.source.code if e.source else None, e.cameo): e.location for e in code(text)}
    assert located[("ISRMIL", "190")]["country"] == "PSE"
    assert located[("RUSMIL", "194")]["name"] == "Kharkiv"
    kursk = located[("UKR", "192")]
    assert (kursk["country"], kursk["feature"], kursk["text"]) == ("RUS", "region", "Kursk region")
    assert located[("TURGOV", "1723")]["name"] == "Cizre"
    assert located[("RUS", "111")] is None  # no place in the clause: left empty, not guessed


def test_ambiguous_place_follows_the_document(code):
    [e] = [e for e in code("Syrian officers ended their mediation in Tripoli as shells hit the north Lebanese "
                           "port.") if e.location]
    assert e.location["country"] == "LBN"


# (sentence, the event's (source, code prefix), place name, country, feature): the most specific place of
# a phrase wins; a possessive or "of" phrase names what contains it.
CONTAINMENT = [
    ("Ukrainian troops advanced into Russia's Kursk region on Monday.", ("UKRMIL", "19"), "Kursk region", "RUS",
     "region"),
    ("Ukrainian forces attacked positions in Russia's Belgorod region.", ("UKRMIL", "19"), "Belgorod region", "RUS",
     "region"),
    ("Russian missiles struck a power plant in Kharkiv, Ukraine, on Monday.", ("RUSMIL", "19"), "Kharkiv", "UKR",
     "city"),
    ("Russian drones attacked a fuel depot near Odesa, Ukraine.", ("RUSMIL", "19"), "Odesa", "UKR", "city"),
    ("Israeli jets struck targets in Lebanon's Tyre region.", ("ISRMIL", "19"), "Tyre region", "LBN", "region"),
    ("Turkish troops clashed with militants in northern Iraq.", ("TURMIL", "19"), "Iraq", "IRQ", "country"),
    ("Indian police arrested protesters in Srinagar in Kashmir.", ("INDCOP", "17"), "Srinagar", "IND", "city"),
    ("Russian troops shelled a drone factory near Kyiv.", ("RUSMIL", "19"), "Kyiv", "UKR", "city"),
    ("Egyptian police detained activists in Cairo, the capital of Egypt.", ("EGYCOP", "17"), "Cairo", "EGY", "city"),
    ("Russian forces shelled villages in Ukraine's Kherson region.", ("RUSMIL", "19"), "Kherson region", "UKR",
     "region"),
    ("Myanmar's military bombed a village in the Sagaing region of Myanmar.", ("MMRMIL", "19"), "Sagaing region",
     "MMR", "region"),
]


@pytest.mark.parametrize("text, who, name, country, feature", CONTAINMENT, ids=[c[0][:45] for c in CONTAINMENT])
def test_the_most_specific_place_of_a_phrase(code, text, who, name, country, feature):
    events = [e for e in code(text) if e.source and e.source.code == who[0] and e.cameo.startswith(who[1])]
    assert events, [(e.source and e.source.code, e.cameo) for e in code(text)]
    loc = events[0].location
    assert loc is not None and (loc.name, loc.country, loc.feature) == (name, country, feature), loc


def test_a_place_the_dictionaries_put_in_a_country_is_not_a_namesake_elsewhere(coder):
    [r] = list(coder.code_documents([Document("p", "Nigerian troops killed 12 militants in Borno state on Monday.",
                                              date="2024-05-01")]))
    [place] = [p for p in r.places if p.text.startswith("Borno")]
    assert place.country == "NGA" and place.lat is None
