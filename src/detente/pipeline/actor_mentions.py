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
        ctx.matches = without_waters(ctx.doc, self.resolver.find_matches(ctx.doc))
        self.entities(ctx.doc, ctx.matches)  # when the model's recognizer has not run
        ctx.history = History(self.resolver, ctx.matches, ctx.day)
        ctx.sentences = list(ctx.doc.sents)
        for sent in ctx.sentences:
            ctx.history.add(sent)
        self.resolver.learn(ctx.doc, ctx.matches, ctx.day, ctx.history)


# Heads of the names of seas and straits: a country or people named in one ("the South China Sea", "the
# Gulf of Oman", "the Sea of Japan", "the Taiwan Strait") names a stretch of water, not an actor.
WATER_HEADS = {"sea", "gulf", "strait", "straits", "bay", "ocean", "channel"}
COUNTRY_KINDS = ("country", "adjective", "demonym")


def without_waters(doc, matches: dict) -> dict:
    """The dictionary matches less the countries named inside the name of a sea, gulf or strait."""
    drop: set[int] = set()
    for i, m in matches.items():
        if i != m.start or m.kind not in COUNTRY_KINDS:
            continue
        last = doc[m.end - 1]
        head = last.head
        inside = last.dep_ in ("compound", "amod") and head.lemma_.lower() in WATER_HEADS and head.i >= m.end \
            and head.text[:1].isupper()
        of_water = last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.lemma_.lower() in WATER_HEADS \
            and last.head.head.text[:1].isupper() and last.head.head.i < m.start
        if inside or of_water:
            drop.update(range(m.start, m.end))
    return {i: m for i, m in matches.items() if i not in drop} if drop else matches
