"""Stage `conflicts`: the conflicts a document reports, and the parties of a conflict as the targets of
acts aimed at it without naming anyone.

A document's conflicts are the material conflicts it reports (an attack or fighting between actors of
two countries) and the ones it names: "the conflict between Moscow and Kyiv", "Russia's war against
Ukraine", "the Russia-Ukraine war", "the war in Ukraine" (conflict_nouns in modality.yaml). An offer to
mediate, mediation, a call for talks, for a settlement or for de-escalation, or a readiness to negotiate
(context_target_codes) whose target is unstated is aimed at the parties of the conflict named in its
sentence, else of the document's conflict: one event per party, marked `target_inferred`; never the
actor's own side, nor a side the actor arms in the same sentence (aid to Ukraine while offering to
mediate is no mediation with Ukraine).
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA
from spacy.tokens import Token

from ..lexicon import Lexicon
from ..records import Actor, Event
from .actor_mentions import ActorResolver
from .arguments import Arguments, between
from .context import SentenceContext

if TYPE_CHECKING:
    from .context import DocContext

AID_ROOT = "07"
CONFLICT_QUADS = (4,)  # material conflict
SIDE_PREPS = ("against", "on", "with")  # "Russia's war against Ukraine"
STATE_SECTORS = (None, "GOV", "MIL")


@dataclass(frozen=True)
class Conflict:
    parties: tuple[Actor, ...]  # one actor per country, state level
    sentence: int | None  # the sentence that names it; None for one read off material acts
    weight: int = 1  # material acts between the parties in the document

    def countries(self) -> set[str]:
        return {a.country for a in self.parties if a.country}


class ConflictContext:
    name = "conflicts"
    requires = ("doc", "sentences", "matches", "day", "history", "events", "triggers")
    assigns = ("events", "triggers")

    def __init__(self, lexicon: Lexicon, resolver: ActorResolver, vocab):
        self.lex = lexicon
        self.arguments = Arguments(lexicon, resolver)
        # the conflict nouns' lemma hashes (as written and capitalised), to find them in a document's array
        self._nouns = frozenset(vocab.strings.add(f) for w in lexicon.conflict_nouns for f in (w, w.capitalize()))

    def __call__(self, ctx: "DocContext") -> None:
        wanting = [k for k, ev in enumerate(ctx.events) if ev.target is None and ev.source is not None
                   and self._aimed_at_conflict(ev.cameo)]
        if not wanting:
            return
        conflicts = self.document_conflicts(ctx)
        if not conflicts:
            return
        events, triggers = [], []
        for k, (ev, tokens) in enumerate(zip(ctx.events, ctx.triggers)):
            parties = self._targets(ctx, ev, conflicts) if k in wanting else []
            if not parties:
                events.append(ev)
                triggers.append(tokens)
                continue
            for party in parties:
                events.append(replace(ev, target=party, target_inferred=True))
                triggers.append(tokens)
        ctx.events, ctx.triggers = events, triggers

    def _aimed_at_conflict(self, code: str) -> bool:
        return any(code.startswith(prefix) for prefix in self.lex.context_target_codes)

    # ---- the document's conflicts ----------------------------------------------------------------
    def document_conflicts(self, ctx: "DocContext") -> list[Conflict]:
        """Conflicts named in the document (by sentence) and read off its material acts."""
        fought: Counter = Counter()
        sides: dict[str, Actor] = {}
        for ev in ctx.events:
            s, t = ev.source, ev.target
            if ev.quad_class in CONFLICT_QUADS and s is not None and t is not None and s.country and t.country \
                    and s.country != t.country:
                a, b = _state(s), _state(t)
                fought[tuple(sorted((a.code, b.code)))] += 1
                sides.setdefault(a.code, a)
                sides.setdefault(b.code, b)
        out = [Conflict((sides[a], sides[b]), None, n) for (a, b), n in fought.most_common()]
        nouns = [i for i, lemma in enumerate(ctx.doc.to_array(LEMMA).tolist()) if lemma in self._nouns]
        for index, sent in enumerate(ctx.sentences):
            s = ctx.sentence(sent)
            for i in nouns[bisect.bisect_left(nouns, sent.start):bisect.bisect_left(nouns, sent.end)]:
                tok = ctx.doc[i]
                if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex.conflict_nouns:
                    parties = self._named_parties(s, tok)
                    if len(parties) == 1:  # "the war in Ukraine": its other side from the material acts
                        other = [c for c in out if c.sentence is None and parties[0].country in c.countries()]
                        if other:
                            parties = list(other[0].parties)
                    if parties:
                        out.append(Conflict(tuple(parties), index))
        return out

    def _named_parties(self, s: SentenceContext, noun: Token) -> list[Actor]:
        """The sides a conflict noun names: "between A and B", "A's war against B", "the A-B war",
        "the war in A"."""
        found: list[Actor] = []
        obj = between(noun)
        if obj is not None:
            found += self.arguments.actors(s, obj)
        modifiers = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")]
        modifiers += [g for c in modifiers for g in c.children if g.dep_ in ("compound", "amod")]  # "India-Pakistan"
        for c in modifiers:
            if c.dep_ == "poss" or c.i in s.matches:
                found += self.arguments.actors(s, c)
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in SIDE_PREPS + ("in",):
                found += [a for o in c.children if o.dep_ == "pobj" for a in self.arguments.actors(s, o)]
        states: dict[str, Actor] = {}
        for a in found:
            if a.country:
                side = _state(a)
                states.setdefault(side.code, side)
        return list(states.values())

    # ---- whom an act aimed at the conflict is aimed at -------------------------------------------
    def _targets(self, ctx: "DocContext", ev: Event, conflicts: list[Conflict]) -> list[Actor]:
        named = [c for c in conflicts if c.sentence == ev.sentence_index]
        if named:
            conflict = named[0]
        else:
            document = [c for c in conflicts if c.sentence is None] or conflicts
            conflict = max(document, key=lambda c: c.weight)
        own = ev.source.country
        armed = {e.target.country for e in ctx.events if e.sentence_index == ev.sentence_index
                 and e.cameo_root == AID_ROOT and e.source is not None and e.source.country == own
                 and e.target is not None}
        return [p for p in conflict.parties if p.country not in armed | {own}]


def _state(actor: Actor) -> Actor:
    """The side an actor stands for: its state when it is the state, its government or its forces
    (at the actor's place in the text); a group (rebels, an opposition) as itself."""
    if actor.sector not in STATE_SECTORS:
        return actor
    return Actor(actor.text, actor.country, actor.country, None, actor.start, actor.end, None)
