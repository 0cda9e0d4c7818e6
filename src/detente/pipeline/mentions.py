"""Stage `mentions`: every actor mention of the document, in text order: the dictionary's matches, the
actors of the events, and the personal pronouns that are subjects (resolved to their antecedents). A
mention inside a longer one ("Russian" in "Russian Foreign Minister ...") is left out."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import DEP, LOWER

from ..records import Actor
from .actor_mentions import ActorResolver

if TYPE_CHECKING:
    from .context import DocContext

SUBJECT_PRONOUNS = ("he", "she", "they", "we")
SUBJECT_DEPS = ("nsubj", "nsubjpass")


class Mentions:
    name = "mentions"
    requires = ("doc", "matches", "day", "history", "events")
    assigns = ("mentions",)

    def __init__(self, resolver: ActorResolver, vocab):
        self.resolver = resolver
        # string hashes to find subject pronouns in the document's arrays (one pass in C, not a Python
        # attribute lookup per token)
        self.pronouns = frozenset(vocab.strings.add(w) for w in SUBJECT_PRONOUNS)
        self.subjects = frozenset(vocab.strings.add(d) for d in SUBJECT_DEPS)

    def __call__(self, ctx: "DocContext") -> None:
        doc, matches, day, history = ctx.doc, ctx.matches, ctx.day, ctx.history
        found: dict[tuple[int, int], Actor] = {}
        if len(doc):
            lower_dep = doc.to_array([LOWER, DEP]).tolist()
            for i in [i for i, (lower, dep) in enumerate(lower_dep) if lower in self.pronouns and dep in self.subjects]:
                a = self.resolver.resolve_pronoun(doc[i], history)
                if a is not None:
                    found[(a.start, a.end)] = a
        for i, m in sorted(matches.items()):
            if m.start == i:
                a = self.resolver.from_match(m, doc[m.start:m.end], day, None)
                if a is not None:
                    found[(a.start, a.end)] = a
        for ev in ctx.events:
            for a in (ev.source, ev.target):
                if a is not None and (a.start, a.end) not in found:
                    found[(a.start, a.end)] = a
        out: list[Actor] = []
        end = -1
        for k in sorted(found, key=lambda k: (k[0], -k[1])):
            if k[1] <= end:
                continue
            out.append(found[k])
            end = max(end, k[1])
        ctx.mentions = out
