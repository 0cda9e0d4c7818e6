"""Stage `context_targets`: the target of an act whose clause names none, read from the story.

A careful coder does not leave "France said it strongly condemns this move" without a target when the
sentence before reports Russia expelling French diplomats; nor "we remain ready for talks", said by the
Kremlin's spokesman, in a story about Russia and Ukraine. An event that has a source and no target takes
as target, in this order:

1. the other side of an event of the same sentence ("Hezbollah fired rockets at a kibbutz in response to
   the Israeli strike": the strike's actor);
2. the other side of the nearest event in the sentences just before (`context_sentences`), its source
   first: the act answered (for a hostile act, the nearest hostile one first);
3. the document's main counterpart of the source: the side that shares the most events with it.

A pronoun object of disapproval or rejection ("we can only condemn it") is read the same way: the doer of
the act it answers, when one is found.

Never the source's own side; never the side the source arms in the same sentence when the act is an offer
to mediate or a call for talks (conflicts.py's rule); never the speaker of a claim as the one a cooperative
act it reports is aimed at; never an international body or a charity as the target of force. The event is
marked `target_inferred`, as the conflict stage marks the parties of a conflict. Codes listed in
`untargeted_codes` (modality.yaml: acts a coder leaves without a target, such as a side's own
mobilisation, and denials) are left alone.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import Lexicon
from ..records import Actor, Event
from .conflicts import AID_ROOT, _state
from .sides import side

if TYPE_CHECKING:
    from .context import DocContext

CONTEXT_SENTENCES = 3
MATERIAL_CONFLICT = 4
COOPERATION = (1, 2)  # verbal and material cooperation
CONFLICT = (3, 4)  # verbal and material conflict


# "We can only condemn it", "Ankara rejected this": a pronoun object of disapproval or rejection names
# the act it answers more often than an actor named before; the act's doer is the target.
ACT_PRONOUNS = {"it", "this", "that"}
REACTION_ROOTS = ("11", "12")


def _answered_pronoun(ev: Event) -> bool:
    return ev.cameo[:2] in REACTION_ROOTS and ev.target is not None and not ev.target_inferred \
        and ev.target.text.lower() in ACT_PRONOUNS


def as_side(actor: Actor) -> Actor:
    """The actor a side is named by as a target: a state for the state and its organs (conflicts._state),
    an international or non-state body as itself."""
    return _state(actor) if actor.country else actor


class ContextTargets:
    name = "context_targets"
    requires = ("events",)
    assigns = ("events",)

    def __init__(self, lexicon: Lexicon, sentences: int = CONTEXT_SENTENCES):
        self.lex = lexicon
        self.sentences = sentences

    def __call__(self, ctx: "DocContext") -> None:
        events = ctx.events
        wanting = [k for k, ev in enumerate(events) if (ev.target is None or _answered_pronoun(ev))
                   and side(ev.source) is not None and not self._untargeted(ev.cameo)]
        if not wanting:
            return
        counterpart = self._counterparts(events)
        out = list(events)
        for k in wanting:
            ev = events[k]
            target = self._target(ev, events, counterpart)
            if target is None and ev.target is not None:
                continue  # the pronoun's own antecedent stands
            if target is not None:
                out[k] = replace(ev, target=target, target_inferred=True)
        ctx.events = out

    def _untargeted(self, code: str) -> bool:
        return any(code.startswith(prefix) for prefix in self.lex.untargeted_codes)

    def _target(self, ev: Event, events: list[Event], counterpart: dict[str, Actor]) -> Actor | None:
        own = side(ev.source)
        force = ev.quad_class == MATERIAL_CONFLICT

        speaker = ev.attribution.speaker if ev.attribution is not None else None
        # "Lavrov said Ankara is supplying drones": the speaker is not whom the help it reports goes to
        against = {side(speaker)} if speaker is not None and ev.quad_class in COOPERATION else set()

        def fits(a: Actor | None) -> bool:
            # force is used against a state or a group, not against an international body or a charity
            return side(a) not in (None, own) and side(a) not in armed | against | allies \
                and not (force and a.country is None)

        sentence = [e for e in events if e.sentence_index == ev.sentence_index]
        # the co-actors of the acts of the sentence ("France and Germany condemned the coup and demanded
        # ..."): those who act together with the source in it are allies, not its target
        shared = {e.trigger for e in sentence if side(e.source) == own}
        allies = {side(e.source) for e in sentence if e.trigger in shared}
        here = [e for e in sentence if e.trigger != ev.trigger]
        if any(ev.cameo.startswith(prefix) for prefix in self.lex.context_target_codes):
            # an offer to mediate or a call for talks is not aimed at the side the actor arms meanwhile
            armed = {side(e.target) for e in here if e.cameo_root == AID_ROOT and side(e.source) == own}
        else:
            armed = set()
        before = [e for e in events if ev.sentence_index - self.sentences <= e.sentence_index < ev.sentence_index]
        nearby = here + before[::-1]
        if ev.quad_class in CONFLICT:  # a condemnation answers a hostile act before a friendly one
            nearby.sort(key=lambda e: e.quad_class not in CONFLICT)
        for e in nearby:
            for a in (e.source, e.target):
                if fits(a):
                    return as_side(a)
        found = counterpart.get(own)
        return found if fits(found) else None

    @staticmethod
    def _counterparts(events: list[Event]) -> dict[str, Actor]:
        """Each side's main counterpart in the document: the side it shares the most events with (ties:
        the one named first)."""
        shared: dict[str, Counter] = {}
        first: dict[str, Actor] = {}
        for ev in events:
            a, b = side(ev.source), side(ev.target)
            if a is None or b is None or a == b:
                continue
            first.setdefault(a, as_side(ev.source))
            first.setdefault(b, as_side(ev.target))
            shared.setdefault(a, Counter())[b] += 1
            shared.setdefault(b, Counter())[a] += 1
        return {s: first[c.most_common(1)[0][0]] for s, c in shared.items()}
