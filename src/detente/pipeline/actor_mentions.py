"""Stage `actor_mentions`: dictionary strings found in a parsed document and the names the document
defines for itself (learned_names.py), with its mention history for pronouns (mention_history.py). The
resolver the stage holds (actor_resolver.py) turns a noun phrase into an actor for every later stage."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .actor_resolver import ActorResolver
from .actor_words import PRONOUNS, PRONOUNS_FIRST, PRONOUNS_PERSON, PRONOUNS_PLURAL, PRONOUNS_THING  # noqa: F401
from .entities import RuleEntities
from .mention_history import History, Mention  # noqa: F401

if TYPE_CHECKING:
    from .context import DocContext


class ActorMentions:
    """Finds the dictionary's strings in the document and starts its mention history."""

    name = "actor_mentions"
    requires = ("doc", "day")
    assigns = ("sentences", "matches", "history")

    def __init__(self, resolver: ActorResolver):
        self.resolver = resolver
        self.entities = RuleEntities(resolver.title_words)

    def __call__(self, ctx: "DocContext") -> None:
        ctx.matches = self.resolver.find_matches(ctx.doc)
        self.entities(ctx.doc, ctx.matches)  # when the model's recognizer has not run
        ctx.history = History(self.resolver, ctx.matches, ctx.day)
        ctx.sentences = list(ctx.doc.sents)
        for sent in ctx.sentences:
            ctx.history.add(sent)
        self.resolver.learn(ctx.doc, ctx.matches, ctx.day, ctx.history)
