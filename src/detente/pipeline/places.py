"""Stage `places`: the document's place mentions (the parser's place entities and the places the actor
dictionaries know, resolved with the gazetteer) and each event's `location`: a place in its own clause
(in, at, near, into, from, across ... on the verb or its object; for material acts, a town acted on),
otherwise null. Of the places one phrase names, the most specific wins: "into Russia's Kursk region" is
the Kursk region (country RUS), "in Kherson, Ukraine" is Kherson."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..gazetteer import REGION_WORDS, Gazetteer, Place
from ..records import Location, PlaceMention
from .named_countries import document_countries

if TYPE_CHECKING:
    from .context import DocContext

PLACE_PREPS = {"in", "at", "near", "into", "from", "across", "inside", "outside", "around", "throughout",
               "along", "over", "toward", "towards", "on", "off", "through"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_KINDS = ("place", "capital", "country")  # dictionary matches that are places
SPECIFICITY = {"city": 0, "region": 1, "country": 2}  # which of the places a phrase names wins


class Locating:
    name = "places"
    requires = ("doc", "matches", "events", "triggers")
    assigns = ("places", "events")

    def __init__(self, finder: "PlaceFinder | None" = None):
        self.finder = finder or PlaceFinder()

    def __call__(self, ctx: "DocContext") -> None:
        doc, matches = ctx.doc, ctx.matches
        known = [doc[m.start:m.end] for i, m in sorted(matches.items()) if m.start == i and m.kind in PLACE_KINDS]
        # ambiguous places go to the countries named outright ("Tripoli" near "Lebanese")
        named = document_countries(matches, ("country", "adjective", "demonym"))
        # the country the actor dictionaries give a place ("Borno" is Nigerian)
        homes = {i: m.entry.country for i, m in matches.items() if m.kind in PLACE_KINDS and m.entry.country}
        places = self.finder.mentions(doc, named, known, homes)
        for ev, trigger in zip(ctx.events, ctx.triggers):
            ev.location = self.finder.for_event(trigger, places, material=ev.quad_class in (2, 4))
        spans = {id(span): (span, place) for span, place in places.values()}
        ctx.places = [PlaceMention(span.text, span.start_char, span.end_char, place.name, place.geonameid, place.lat,
                                   place.lon, place.country, place.admin1, place.feature, place.precision)
                      for span, place in sorted(spans.values(), key=lambda sp: sp[0].start)]


class PlaceFinder:
    """Place mentions of a document and the location of each event."""

    def __init__(self, gazetteer: Gazetteer | None = None, not_places: frozenset[str] = frozenset()):
        self._gazetteer = gazetteer
        self.not_places = not_places  # nouns whose phrase names no place ("in the war between ...")

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def mentions(self, doc, countries: list[str], extra: list[Span] = (),
                 homes: dict[int, str] | None = None) -> dict[int, tuple[Span, Place]]:
        """Place mentions by token index (every token of a mention points at it): the parser's place
        entities and `extra` spans (places the actor dictionaries know). `homes` gives, by token, the
        country the dictionaries put a place in: a gazetteer answer in a country neither they nor the
        document name is a namesake ("Borno" is also another spelling of a German town), and the place
        keeps the dictionary's country, without coordinates."""
        homes = homes or {}
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
            home = homes.get(ent.start)
            place = self.gazetteer.lookup(span.text, countries)
            if home and (place is None or place.country not in countries + [home]):
                place = Place(span.text, None, None, None, home, None, "region", "region")
            if place is None:
                continue
            for t in span:
                out[t.i] = (span, place)
        return out

    def for_event(self, trigger: list[Token], mentions: dict[int, tuple[Span, Place]],
                  material: bool = True) -> Location | None:
        """A place attached to the event in its own clause: a place preposition on the verb or on its
        object ("shelled positions near Bakhmut"), or, for material acts, a town acted on ("shelled
        Kharkiv"; "accused Ankara" names a government, not a place); otherwise None."""
        if not mentions:
            return None
        heads = list(trigger)
        heads += [c for t in trigger for c in t.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
        # "clashed with militants in northern Iraq": a place on the object of the verb's preposition
        heads += [o for t in trigger for c in t.children if c.dep_ == "prep" and c.lower_ not in PLACE_PREPS
                  for o in c.children if o.dep_ == "pobj"]
        for h in heads:
            for prep in h.children:
                if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj" or obj.lemma_.lower() in self.not_places:
                        continue  # "mediate in the war between Israel and Hamas": a conflict, not a place
                    hit = most_specific(obj, mentions)
                    if hit is not None:
                        return _located(hit, prep.lower_)
        for t in trigger if material else ():  # "shelled Kharkiv": a town attacked is where it happened
            for obj in t.children:
                hit = mentions.get(obj.i) if obj.dep_ in ("dobj", "nsubjpass") else None
                if hit is not None and hit[1].feature != "country":
                    return _located(hit, None)
        return None


def most_specific(obj: Token, mentions: dict[int, tuple[Span, Place]]) -> tuple[Span, Place] | None:
    """The most specific place a phrase names: a town before a region before a country ("Russia's Kursk
    region" is the Kursk region, "Kherson, Ukraine" is Kherson: the others contain it); among equals the
    first named."""
    hits: dict[int, tuple[Span, Place]] = {}
    for t in obj.subtree:
        if t.i in mentions:
            span, place = mentions[t.i]
            hits.setdefault(span.start, (span, place))
    if not hits:
        return None
    return min(hits.values(), key=lambda hit: (SPECIFICITY.get(hit[1].feature, 1), hit[0].start))


def _located(hit: tuple[Span, Place], preposition: str | None) -> Location:
    span, place = hit
    return Location(span.text, span.start_char, span.end_char, preposition, place.name, place.geonameid, place.lat,
                    place.lon, place.country, place.admin1, place.feature, place.precision)
