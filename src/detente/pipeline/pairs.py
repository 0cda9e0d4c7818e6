"""Stage `pairs`: one (source, target) pair per record-to-be. Compound actors give one pair per actor
pair; a compound subject without a target does a mutual act (modality.yaml, mutual_codes) toward each
other ("Israel and the Palestinians signed an agreement": each toward the other), any other act each on
its own ("France and Germany protested": two events without a target); any act of a compound subject on
"each other" or "one another" goes both ways ("both sides accused each other")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import Lexicon
from ..records import Actor
from .context import ActorPair, RawEvent

if TYPE_CHECKING:
    from .context import DocContext


class ActorPairs:
    name = "pairs"
    requires = ("sentence_events",)
    assigns = ("pairs",)

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def __call__(self, ctx: "DocContext") -> None:
        found: list[ActorPair] = []
        for sentence in ctx.sentence_events:
            for raw in sentence.events:
                pairs = actor_pairs(raw, self.lex.mutual(raw.code) or raw.reciprocal)
                found += [ActorPair(sentence, raw, s, t, raw.confidence, len(pairs)) for s, t in pairs]
        ctx.pairs = found


def actor_pairs(r: RawEvent, mutual: bool) -> list[tuple[Actor | None, Actor | None]]:
    if r.sources and r.targets:
        return [(s, t) for s in r.sources for t in r.targets]
    if len(r.sources) >= 2 and mutual:  # "Israel and the Palestinians signed an agreement": reciprocal
        return [(s, t) for s in r.sources for t in r.sources if s is not t]
    if r.sources:
        return [(s, None) for s in r.sources]
    return [(None, t) for t in r.targets]
