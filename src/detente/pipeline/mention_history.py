"""A document's actor mentions, kept for pronouns and definite descriptions ("he", "the ministry")."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..actor_dictionary import Entry, Match
from ..records import Actor
from .actor_words import GROUP_LIKE

if TYPE_CHECKING:
    from .actor_resolver import ActorResolver


@dataclass
class Mention:
    """An actor mentioned in the document, kept for pronoun resolution."""

    token: int
    actor: Actor
    person: bool
    plural: bool
    subject: bool = False
    sentence: int = 0  # start token of its sentence
    lemma: str = ""  # the head noun's lemma ("ministry")
    body: bool = False  # an institution, force or group rather than a person


class History:
    """The sentences of a document seen so far; their actor mentions are found only when a pronoun
    asks for them (most sentences never need it), once per sentence."""

    def __init__(self, resolver: ActorResolver, matches: dict[int, Match], day: dt.date | None):
        self.resolver, self.matches, self.day = resolver, matches, day
        self.sentences: list[Span] = []
        self._cache: dict[int, list[Mention]] = {}
        self.resolved: dict[tuple[int, int], Actor | None] = {}  # ActorResolver.resolve's answers by head
        self.names: dict[str, Entry] = {}  # names of people the document titled with no country, to them

    def add(self, sent: Span) -> None:
        self.sentences.append(sent)

    def mentions(self, sent: Span) -> list[Mention]:
        found = self._cache.get(sent.start)
        if found is None:
            found = self._cache[sent.start] = self.resolver.mentions_in(sent, self.matches, self.day)
        return found

    def last_person(self, tok: Token, sector: str | None) -> Actor | None:
        """The nearest person named before `tok` (this sentence first, then back) with that sector."""
        for sent in self.sentences_back(tok):
            people = [m for m in self.mentions(sent) if m.token < tok.i and m.person and m.actor.country
                      and (sector is None or m.actor.sector == sector)]
            if people:
                subjects = [m for m in people if m.subject]
                return (subjects or people)[-1].actor
        return None

    def last_body(self, tok: Token, sector: str | None, country: str | None = None) -> Actor | None:
        """The nearest body with a country (that country, if given) named before `tok`: one named by the
        same noun ("the ministry" after "Iraq's Foreign Ministry"), else one of the same sector ("the army"
        after "Israeli forces"; with no sector, a group: "the group" after "Hezbollah")."""
        lemma = tok.lemma_.lower()
        same_sector: Actor | None = None
        for sent in self.sentences_back(tok):
            for m in reversed(self.mentions(sent)):
                if m.token >= tok.i or not m.actor.country or country and m.actor.country != country:
                    continue
                if not m.body:
                    # "Pakistan summoned India's envoy ... the Foreign Office said": a state acting is its government
                    if same_sector is None and sector == "GOV" and m.subject and m.actor.sector is None \
                            and not m.person and not m.plural:
                        same_sector = m.actor
                    continue
                if m.lemma == lemma:
                    return m.actor
                if same_sector is None and (m.actor.sector == sector if sector else m.actor.sector in GROUP_LIKE):
                    same_sector = m.actor
        return same_sector

    def last_international(self, tok: Token, sentences: int = 3) -> Actor | None:
        """The nearest international organisation named before `tok`, in its sentence or the ones before
        ("the bloc" after "the EU")."""
        for k, sent in enumerate(self.sentences_back(tok)):
            if k > sentences:
                break
            for m in reversed(self.mentions(sent)):
                if m.token < tok.i and m.actor.code.startswith("IGO"):
                    return m.actor
        return None

    def sentences_back(self, tok: Token):
        """The pronoun's sentence, then the ones before it, nearest first."""
        for sent in reversed(self.sentences):
            if sent.start <= tok.i:
                yield sent
