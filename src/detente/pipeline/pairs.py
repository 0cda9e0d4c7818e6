"""Stage `pairs`: one (source, target) pair per record-to-be. Compound actors give one pair per actor
pair; a compound subject without a target is reciprocal ("Israel and the Palestinians agreed": each
toward the other)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Actor
from .context import ActorPair, RawEvent

if TYPE_CHECKING:
    from .context import DocContext


class ActorPairs:
    name = "pairs"
    requires = ("sentence_events",)
    assigns = ("pairs",)

    def __call__(self, ctx: "DocContext") -> None:
        found: list[ActorPair] = []
        for sentence in ctx.sentence_events:
            for raw in sentence.events:
                pairs = actor_pairs(raw)
                found += [ActorPair(sentence, raw, s, t, raw.confidence, len(pairs)) for s, t in pairs]
        ctx.pairs = found


def actor_pairs(r: RawEvent) -> list[tuple[Actor | None, Actor | None]]:
    if r.sources and r.targets:
        return [(s, t) for s in r.sources for t in r.targets]
    if len(r.sources) >= 2:  # "Israel and the Palestinians agreed": reciprocal
        return [(s, t) for s in r.sources for t in r.sources if s is not t]
    if r.sources:
        return [(r.sources[0], None)]
    return [(None, t) for t in r.targets]
