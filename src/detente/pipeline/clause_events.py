"""Stage `clause_events`: the grammar, sentence by sentence. For each sentence, in order: the sport
check (sport.py), the predicate events (predicate_events.py: predicates, arguments, targets, modality),
the nominal events (nominal_events.py), and the sport filter. Sentences are read in text order, because
what an earlier sentence named ("Foreign Minister Ivan Petrovsky") resolves a later one ("Petrovsky")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import Lexicon
from .actor_mentions import ActorResolver
from .arguments import Arguments
from .context import RawEvent, SentenceContext, SentenceEvents
from .modality import Modality
from .nominal_events import NominalEvents
from .predicate_events import PredicateEvents
from .predicates import Predicates
from .sport import SportCheck, state_acts
from .targets import Targets

if TYPE_CHECKING:
    from .context import DocContext


class ClauseEvents:
    name = "clause_events"
    requires = ("sentences", "matches", "day", "history")
    assigns = ("sentence_events",)

    def __init__(self, lexicon: Lexicon, resolver: ActorResolver):
        arguments = Arguments(lexicon, resolver)
        predicates = Predicates(lexicon, arguments)
        targets = Targets(lexicon, resolver, arguments)
        self.sport = SportCheck(lexicon)
        self.predicate_events = PredicateEvents(lexicon, predicates, arguments, targets, Modality(lexicon))
        self.nominal_events = NominalEvents(lexicon, arguments)

    def __call__(self, ctx: "DocContext") -> None:
        found = []
        sport = self.sport.possible(ctx.doc, ctx.doc.text)  # most documents name no sport at all
        for index, sent in enumerate(ctx.sentences):
            events = self.sentence(ctx.sentence(sent), sport)
            if events:
                found.append(SentenceEvents(index, sent, events))
        ctx.sentence_events = found

    def sentence(self, s: SentenceContext, sport_possible: bool = True) -> list[RawEvent]:
        sport = self.sport(s.sent) if sport_possible else None
        if sport == "score":
            return []
        consumed: set[int] = set()  # tokens an event has taken as its trigger or cue
        verbal = self.predicate_events(s, consumed)
        events = verbal + self.nominal_events(s, consumed, verbal)
        if sport == "words":
            events = state_acts(events)
        return events
