"""Stage `countries`: a bare sector ("police", "demonstrators", "the opposition") takes a country: the
country of the event's place, else the other actor's (a domestic event), else the first country the
sentence names, else the country the document is mostly about (the target of an attack by a named country
takes another country than the attacker's, unless it is an armed group: the state's own insurgents); a
bare rights or aid group as the source takes only the country of the event's place. Then no actor is its
own target: a pair
whose target is the source itself, or was filled with the source's own country, loses its target (or,
among several pairs, is dropped)."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import Lexicon
from ..records import Actor
from .actor_mentions import PRONOUNS
from .context import ActorPair
from .sides import side
from .named_countries import document_countries, location_countries, sentence_countries
from .predicates import VIOLENT_ROOTS

if TYPE_CHECKING:
    from .context import DocContext

# Sectors that are filled with a country when none is named.
DOMESTIC_FILL_SECTORS = {"CVL", "OPP", "COP", "JUD", "LEG", "REF", "MED", "EDU", "HLH", "LAB", "REL", "PTY",
                         "CRM", "REB", "GOV", "MIL", "BUS", "AGR", "ELI", "SPY", "NGO"}
# Sectors whose bare source keeps no country from the other actor or the sentence: the rights and aid
# groups that speak about a state are most often international ones.
UNPLACED_SOURCES = {"NGO"}
FILL_PENALTY = 0.15
STATE_FORCES = {None, "GOV", "MIL"}  # a country, its government or its armed forces  # confidence lost by a pair whose actor got its country this way


class CountryFill:
    name = "countries"
    requires = ("pairs", "matches", "day")
    assigns = ("pairs",)

    def __init__(self, lexicon: Lexicon):
        self.reporting_verbs = lexicon.reporting_verbs
        # armed groups a state's forces fight are most often its own insurgents ("the militants")
        self.insurgents = lexicon.insurgent_sectors

    def __call__(self, ctx: "DocContext") -> None:
        home = document_countries(ctx.matches)[:1]
        places: dict[int, tuple[list[str], list[str]]] = {}  # by sentence: (place countries, named countries)
        kept: list[ActorPair] = []
        for pair in ctx.pairs:
            index, sent = pair.sentence.index, pair.sentence.sent
            if index not in places:
                places[index] = (location_countries(sent, ctx.matches, self.reporting_verbs),
                                 sentence_countries(sent, ctx.matches, ctx.day) + home)
            locations, countries = places[index]
            s, t = pair.source, pair.target
            if s is not None and s.sector in UNPLACED_SOURCES:
                # "rights groups accuse the military": an international group unless its place is named
                s2 = fill_country(s, None, locations, [])
            else:
                s2 = fill_country(s, t, locations, countries)
            if s2 is not s and t is not None and s2.code == t.code:
                # "the envoy was summoned by the director general": not the envoy's own organ acting on him
                s2 = fill_country(s, None, [c for c in locations if c != t.country],
                                  [c for c in countries if c != t.country])
            if pair.raw.code[:2] in VIOLENT_ROOTS and s is not None and s.country and s.sector in STATE_FORCES \
                    and (t is None or t.sector not in self.insurgents):
                # the victims of a state's attack are not its own people (as a rebel group's may be): a
                # place, or another country the sentence or document names
                t2 = fill_country(t, None, locations, [c for c in countries if c != s.country])
            else:
                t2 = fill_country(t, s, locations, countries)
            confidence = pair.confidence
            if (s2 is not s) or (t2 is not t):
                confidence -= FILL_PENALTY
            if s2 is not None and t2 is not None:
                if (s2.start, s2.end) == (t2.start, t2.end) and s2.code == t2.code:
                    continue
                # no self-target: "Ankara offered Istanbul"; a sector filled from the other actor ("China's
                # military sent warships"); an object pronoun that would be its own clause's subject
                from_other = t2 is not t and not locations  # filled with the source's own country
                if s2.code == t2.code and (t2.sector is None or from_other or t2.text.lower() in PRONOUNS):
                    if pair.siblings > 1:
                        continue
                    t2 = None
                elif pair.siblings > 1 and s2.country and s2.country == t2.country and t2.sector in (None, s2.sector) \
                        and side(s2) == side(t2):
                    continue  # "Cho and Kamikawa spoke to discuss the relations of the two": not each with itself
                    # (but "Colombia and the ELN agreed to a ceasefire": the rebels are a side of their own)
            kept.append(replace(pair, source=s2, target=t2, confidence=confidence))
        ctx.pairs = kept


def fill_country(actor: Actor | None, other: Actor | None, locations: list[str],
                 sentence_countries: list[str]) -> Actor | None:
    """A sector-only actor ("police", "demonstrators") takes the country of the event's place,
    else of the other actor (a domestic event), else the first other country the sentence names."""
    if actor is None or actor.country or actor.code != actor.sector or actor.sector not in DOMESTIC_FILL_SECTORS:
        return actor  # only bare sectors ("police", "the rebels") are filled, never organisations
    country = locations[0] if locations else (other.country if other is not None else None)
    if not country and sentence_countries:
        country = sentence_countries[0]
    if not country:
        return actor
    return Actor(actor.text, country + actor.sector, country, actor.sector, actor.start, actor.end, actor.name)
