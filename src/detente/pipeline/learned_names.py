"""The names a document defines for itself, learned before the grammar runs: a person introduced with a
title ("Bangladeshi Foreign Minister Karim Rahmanov ... Rahmanov said"), a known person by surname alone
("Ilham Aliyev ... Aliyev"), an abbreviation defined in parentheses ("Rapid Support Forces (RSF)"). They
are added to the document's matches; nothing is kept beyond the document."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from ..actor_dictionary import KIND_ORG, KIND_PERSON, Entry, Match, Role
from .actor_words import DOCUMENT_ORIGIN, entry_code, is_abbreviation, is_surname
from .syntax import where_in

if TYPE_CHECKING:
    from .actor_resolver import ActorResolver
    from .mention_history import History


def learn(resolver: "ActorResolver", doc: Doc, matches: dict[int, Match], day: dt.date | None,
          history: "History") -> None:
    """Adds to `matches` the actors the document names for itself: a person introduced with a title
    ("Bangladeshi Foreign Minister Karim Rahmanov", "Gan Wei, a spokesperson for China's coast guard")
    is that actor wherever the document names them again ("Rahmanov said", "Gan added"); so is a known
    person named in full, by surname alone ("Ilham Aliyev ... Aliyev"); an abbreviation defined in
    parentheses ("Sudan's Rapid Support Forces (RSF)") is what it abbreviates. A title with no
    country ("opposition leader Jane Doe") goes to `history.names`: a later "Doe" has its sector.

    The introductions are read on their own (no history): they say who by themselves, and nothing is
    cached that the names learned here would change."""
    learned = _Learned()
    orth = doc.to_array(ORTH)
    _learn_surnames(doc, matches, learned)
    _learn_abbreviations(resolver, doc, matches, day, orth, learned)
    _learn_titled_people(resolver, doc, matches, day, learned)
    for word, entry in list(learned.words.items()):
        if entry is not None and entry.kind == KIND_PERSON and entry.origin == DOCUMENT_ORIGIN \
                and entry.country is None:
            history.names[word] = entry
            del learned.words[word]
    if learned.words:
        _match_learned(doc, matches, orth, learned)

def _learn_surnames(doc: Doc, matches: dict[int, Match], learned: "_Learned") -> None:
    """"Azerbaijani President Ilham Aliyev ... Aliyev said": a known person's surname; the first word
    when the last is no surname ("Cho Tae-yul ... Cho said", "Kim Jong Un ... Kim")."""
    for m in {id(m): m for m in matches.values()}.values():
        if m.kind == KIND_PERSON and m.end - m.start > 1:
            last, first = doc[m.end - 1], doc[m.start]
            surname = last if is_surname(last.text) and len(last) > 2 else first if is_surname(first.text) else None
            if surname is not None:
                learned.note(surname, m.entry)

def _learn_abbreviations(resolver: "ActorResolver", doc: Doc, matches: dict[int, Match], day: dt.date | None, orth,
                         learned: "_Learned") -> None:
    """"Sudan's Rapid Support Forces (RSF)": RSF is that actor wherever the document uses it."""
    n = len(doc)
    paren = doc.vocab.strings["("] if "(" in doc.vocab.strings else -1
    for i in numpy.flatnonzero(orth == paren).tolist():
        if not 0 < i < n - 2 or doc[i + 2].text != ")":
            continue
        short = doc[i + 1]
        if short.i in matches or not is_abbreviation(short.text):
            continue
        head = short.head if short.dep_ == "appos" and short.head.i < i else doc[i - 1]
        while head.dep_ in ("compound", "flat", "amod") and i > head.head.i > head.i:
            head = head.head
        actor = resolver.resolve(head, matches, day, None)
        if actor is not None and actor.sector and actor.code:  # an organisation, not a dateline's city
            learned.note(short, Entry(name=actor.name or actor.text, kind=KIND_ORG, code=actor.code,
                                      country=actor.country, sector=actor.sector, origin=DOCUMENT_ORIGIN))
            learned.defined.add(short.i)

def _learn_titled_people(resolver: "ActorResolver", doc: Doc, matches: dict[int, Match], day: dt.date | None,
                         learned: "_Learned") -> None:
    """A person the dictionary does not know, named with a title that gives a sector (and a country
    when it names one): the words of the name after the title are that actor."""
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(i in matches for i in range(ent.start, ent.end)):
            continue
        actor = resolver.resolve(ent.root, matches, day, None)
        if actor is None or not actor.sector:
            continue
        entry = Entry(name=ent.text, kind=KIND_PERSON, country=actor.country, sector=actor.sector,
                      roles=[Role(actor.code, "", None, None)], origin=DOCUMENT_ORIGIN)
        learned.defined.update(range(ent.start, ent.end))
        for w in reversed(ent):  # "Minister Cho Tae-yul": "yul", "Tae", "Cho", not "Minister"
            if w.lower_ in resolver.title_words:
                break
            if w.pos_ == "PROPN" and is_surname(w.text):
                learned.note(w, entry)

def _match_learned(doc: Doc, matches: dict[int, Match], orth, learned: "_Learned") -> None:
    """Every other place the document uses a learned word (found in the token array) becomes a match;
    neighbouring words of one actor ("Karim Rahmanov" again) one match."""
    n, end = len(doc), -1
    for i in where_in(orth.tolist(), learned.spellings):
        if i <= end or i in matches or i in learned.defined:
            continue
        entry = learned.words.get(doc[i].text)
        if entry is None or entry.kind == KIND_PERSON and doc[i].pos_ not in ("PROPN", "NOUN"):
            continue
        end = i
        while end + 1 < n and end + 1 not in matches and end + 1 not in learned.defined \
                and learned.words.get(doc[end + 1].text) is entry:
            end += 1
        m = Match(i, end + 1, entry, entry.kind)
        for k in range(i, end + 1):
            matches[k] = m


class _Learned:
    """The words a document defines for itself while `ActorResolver.learn` reads it."""

    def __init__(self) -> None:
        self.words: dict[str, Entry | None] = {}  # word -> entry; None when two actors share the word
        self.spellings: set[int] = set()  # their string ids, read from their tokens (the shared
        # vocabulary is never written to)
        self.defined: set[int] = set()  # tokens of the defining mentions, which keep their own reading

    def note(self, word: Token, entry: Entry) -> None:
        self.spellings.add(word.orth)
        old = self.words.get(word.text, entry)
        same = old is entry or (old is not None and old.origin == entry.origin == DOCUMENT_ORIGIN
                                and entry_code(old) == entry_code(entry))
        self.words[word.text] = old if same else None
