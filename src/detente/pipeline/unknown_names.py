"""Stage `unknown_names`: the proper names of a document that resolved to no actor, for users who extend
their dictionaries (`detente actors --unknown --db STORE` lists the most frequent of a store).

A name is a run of proper nouns (the tagger's PROPN, joined across a hyphen written without spaces:
"Jean-Luc") in one sentence, cut at the words of titles ("Veldonian Foreign Minister Ilvo Marantz":
"Veldonian", "Ilvo Marantz"; title words that end the run stay: "Red Sea"), without honorifics ("Mr
Ledezma", data/names.yaml). It is unknown when

- none of its words is a dictionary string or a name the document defined for itself (`matches`), and it
  does not run on into one ("Latin" of "Latin America": the dictionary reads that name),
- it names no date, number, event, law, work or product (the parser's entity labels, when it has them;
  weekdays and months in any case), and is none of the non-names of data/names.yaml ("GMT"),
- it is not the modifier of a thing ("Patriot missiles", "RSF positions"): a name before a noun counts
  only when that noun names people or a body ("RSF fighters") and is none of the lexicon's things
  (`THING_CLASSES` of data/lexicon/nouns.yaml: weapons, vessels, publications, funds, aid),
- the gazetteer knows no place of that name (unless the parser labels a name of several words a person,
  organisation or group, or the name is a word of a longer one the document gave before),
- it is not an abbreviation defined in parentheses after an actor ("Sudan's Rapid Support Forces (RSF)"),
- a single word opening a sentence with no entity label is written capitalised elsewhere in the document
  too ("Footage verified by ..." is no name),
- and its noun phrase codes as no actor with a country or a dictionary name: "Russian Foreign Minister
  Ilvo Marantz" is RUSGOV and not listed; "Foreign Minister Ilvo Marantz of Veldonia" is a bare GOV and is.

Each name carries the fullest form the document gives it ("Marantz" after "Ilvo Marantz" is "Ilvo
Marantz") and a kind from the parser's entity labels (person, organisation, group, place; other when
there is no label). The stage runs last and changes nothing the other stages set.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml
from spacy.attrs import POS
from spacy.symbols import PROPN
from spacy.tokens import Span, Token

from ..date_expressions import MONTHS, WEEKDAYS
from ..gazetteer import Gazetteer
from ..records import UnknownName
from .actor_mentions import ActorResolver

if TYPE_CHECKING:
    from .context import DocContext

# The parser's entity labels as kinds of names; other labels (dates, numbers, events, laws, works,
# products, languages) name no actor.
KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "place", "LOC": "place",
         "FAC": "place"}
NOT_ACTORS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT", "WORK_OF_ART",
              "LAW", "LANGUAGE", "PRODUCT"}
CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTHS)


@dataclass(frozen=True)
class NameWords:
    """data/names.yaml: honorifics written before names, and capitalised words that are no names."""

    honorifics: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "NameWords":
        data = yaml.safe_load(resources.files("detente").joinpath("data/names.yaml").read_text(encoding="utf-8"))
        return cls(frozenset(map(str, data.get("honorifics") or ())), frozenset(map(str, data.get("not_names") or ())))
HYPHENS = ("-", "\u2010", "\u2011")
THING_CLASSES = ("weapon", "instrument", "vessel", "publication", "funds", "relief", "aid")


class UnknownNames:
    name = "unknown_names"
    requires = ("document", "doc", "day", "sentences", "matches", "history", "mentions")
    assigns = ("unknown_names",)

    def __init__(self, resolver: ActorResolver, things: frozenset[str] = frozenset(),
                 gazetteer: Gazetteer | None = None, words: NameWords | None = None):
        self.resolver = resolver
        self.words = words or NameWords.default()
        self.things = things  # nouns of things: a name before one is the thing's ("Patriot missiles")
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def __call__(self, ctx: "DocContext") -> None:
        doc = ctx.doc
        ctx.unknown_names = []
        if not len(doc):
            return
        starts = [s.start for s in ctx.sentences]
        fuller: list[tuple[tuple[str, ...], str, str]] = []  # the document's names of several words so far
        spans = self.names(doc, ctx.matches)
        # a word capitalised only where it opens a sentence ("Footage verified by ...") may be no name
        inside = {t.text for span in spans for t in span if not t.is_sent_start}
        for span in spans:
            kind = _kind(span)
            if len(span) == 1 and span[0].is_sent_start and kind == "other" and span.text not in inside:
                continue
            words = tuple(t.text for t in span if t.text not in HYPHENS)
            longer = next((f for f in reversed(fuller) if len(words) < len(f[0]) and words in (
                f[0][-len(words):], f[0][:len(words)])), None)
            if not self._unknown(span, kind, ctx, longer is not None):
                continue
            name = span.text
            if longer is not None:  # "Marantz" after "Ilvo Marantz"
                name, kind = longer[1], kind if kind != "other" else longer[2]
            if len(words) > 1:
                fuller.append((words, span.text, kind))
            index = max(bisect_right(starts, span.start) - 1, 0)
            sent = ctx.sentences[index] if ctx.sentences else doc[:]
            ctx.unknown_names.append(UnknownName(span.text, name, kind, span.start_char, span.end_char, index,
                                                 sent.start_char, sent.end_char))

    def names(self, doc, matches) -> list[Span]:
        """The candidate names: runs of proper nouns in one sentence outside dictionary matches, cut at
        title words ("Veldonian Foreign Minister Ilvo Marantz": "Veldonian", "Ilvo Marantz"; title words
        that end a run belong to the name: "Red Sea"), without honorifics ("Mr Ledezma"), and not next
        to a dictionary match ("Latin" of "Latin America": the dictionary reads that name)."""
        pos = doc.to_array([POS]).ravel().tolist()
        n = len(pos)
        runs: list[list[Token]] = []
        run: list[Token] = []
        for i, p in enumerate(pos):
            t = doc[i]
            if p == PROPN and i not in matches:
                if run and (t.is_sent_start or run[-1].i != i - 1):
                    runs.append(run)
                    run = []
                run.append(t)
                continue
            if run and t.text in HYPHENS and not run[-1].whitespace_ and not t.whitespace_ and i + 1 < n \
                    and pos[i + 1] == PROPN and i + 1 not in matches:
                run.append(t)  # "Jean-Luc": the hyphen stays in the run
                continue
            if run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
        out = []
        for run in runs:
            for part in self._parts(run):
                before, after = part[0].i - 1, part[-1].i + 1
                if before in matches and pos[before] == PROPN or after in matches and after < n and pos[after] == PROPN:
                    continue
                if _name_like(part) and not any(t.text in self.words.not_names for t in part):
                    out.append(doc[part[0].i:part[-1].i + 1])
        return out

    def _parts(self, run: list[Token]) -> list[list[Token]]:
        """A run of proper nouns cut at its title words; title words that end it stay with the name
        before them; honorifics and hyphens at either end dropped."""
        titles = self.resolver.title_words
        parts: list[list[Token]] = [[]]
        trailing: list[Token] = []
        for t in run:
            if t.lower_ in titles or t.lemma_.lower() in titles:
                trailing.append(t)
                continue
            if trailing:
                parts.append([])
                trailing = []
            parts[-1].append(t)
        if trailing and parts[-1]:
            parts[-1] += trailing
        out = []
        for part in parts:
            while part and (part[0].text in self.words.honorifics or part[0].text in HYPHENS):
                part = part[1:]
            while part and part[-1].text in HYPHENS:
                part = part[:-1]
            if part:
                out.append(part)
        return out

    def _unknown(self, span: Span, kind: str, ctx: "DocContext", part_of_name: bool = False) -> bool:
        """Whether a candidate name is unknown (see the module's description); `part_of_name`: it is a word of
        a longer unknown name the document gave before ("Marantz" after "Ilvo Marantz"), so no place."""
        if any(t.ent_type_ in NOT_ACTORS for t in span):
            return False
        if all(t.lower_ in CALENDAR for t in span if t.text not in HYPHENS):
            return False
        root = span.root
        head = root
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head
        if not span.start <= head.i < span.end and head.pos_ == "NOUN" and (
                head.lemma_.lower() in self.things
                or self.resolver.sector_of(head)[0] is None and not self.resolver.is_body(head)):
            return False  # "Patriot missiles", "RSF positions": the name of a thing
        # The parser's labels are a hint: "Perth" or "Rosario" alone may be labelled a person or an
        # organisation; a name of several words it calls a person or organisation is taken for one.
        if not part_of_name and (kind in ("place", "other") or len(span) == 1) \
                and self.gazetteer.lookup(span.text, []) is not None:
            return False
        if self._defined(span, ctx):
            return False
        actor = self.resolver.resolve(root, ctx.matches, ctx.day, ctx.history)
        return actor is None or not (actor.country or actor.name)


    def _defined(self, span: Span, ctx: "DocContext") -> bool:
        """An abbreviation in parentheses after the phrase it abbreviates, when that phrase is an actor
        ("Sudan's Rapid Support Forces (RSF)"; learned_names.py reads the later uses the same way)."""
        doc, i = span.doc, span.start
        if len(span) != 1 or i < 2 or span.end >= len(doc) or doc[i - 1].text != "(" or doc[span.end].text != ")":
            return False
        short = span[0]
        head = short.head if short.dep_ == "appos" and short.head.i < i else doc[i - 2]
        actor = self.resolver.resolve(head, ctx.matches, ctx.day, ctx.history)
        return actor is not None and bool(actor.country or actor.name)


def _name_like(run: list[Token]) -> bool:
    """At least two letters, beginning with a capital, and no word of more digits than letters: not "T" of
    "IRIS-T", not a lower-case word tagged as a name, not "Baku/15.06.21"."""
    text = "".join(t.text for t in run)
    if sum(ch.isalpha() for ch in text) < 2 or not text[:1].isupper():
        return False
    return all(sum(ch.isdigit() for ch in t.text) <= sum(ch.isalpha() for ch in t.text) for t in run)


def _kind(span: Span) -> str:
    labels = Counter(KINDS[t.ent_type_] for t in span if t.ent_type_ in KINDS)
    return labels.most_common(1)[0][0] if labels else "other"
