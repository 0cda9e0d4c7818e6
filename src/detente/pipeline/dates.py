"""Stage `dates`: when each event happened. A date expression in the event's clause — on its verb, on
its objects and their prepositional phrases ("a venue for talks in March 2022"), on a nominal event
itself or on the verb it is an argument of ("the incursion began last month") — is resolved against the
document date: `date_source` explicit when the expression states the date ("in 2022", "on 5 March
2022"), relative when it counts from the document date ("last month", "two years ago", "on Tuesday").
An event in a clause reported by a dated statement ("..., the ministry said on Monday") takes the
statement's date (reported); otherwise the event keeps the document date (document). Each event gets
`date` (ISO, the first day of the period), `date_precision` (day, week, month, year), `date_source`
and `date_text`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..date_expressions import is_relative, resolve
from ..lexicon import Lexicon

if TYPE_CHECKING:
    from .context import DocContext

REPORTING_SOURCE = "reported"
EXPLICIT_SOURCE = "explicit"  # a date stated in the event's clause ("in March 2022", "on 5 May")
RELATIVE_SOURCE = "relative"  # an expression resolved against the document date ("last month", "on Tuesday")
# Dependencies inside an event's clause a date may hang on (objects, their phrases and modifiers).
CLAUSE_DEPS = {"dobj", "dative", "attr", "oprd", "nsubjpass", "prep", "pobj", "pcomp", "appos", "conj", "compound",
               "amod", "npadvmod", "advmod", "acomp"}
NOMINAL_ARGS = ("nsubj", "nsubjpass", "dobj", "attr")  # a nominal event as an argument of a verb
TIME_PREPS = {"during", "amid", "throughout", "in"}  # "during the 2019 famine" is a time


@dataclass(frozen=True)
class EventDate:
    date: str | None
    precision: str | None
    source: str | None
    text: str | None = None


class Dating:
    name = "dates"
    requires = ("events", "triggers", "sentences", "doc", "day", "document")
    assigns = ("events",)

    def __init__(self, lexicon: Lexicon):
        self.dater = EventDater(lexicon.reporting_verbs | lexicon.decision_verbs)

    def __call__(self, ctx: "DocContext") -> None:
        if ctx.day is None or not ctx.events:
            return  # no date to resolve against: events keep the document's date as written
        doc_dates = [e for e in ctx.doc.ents if e.label_ == "DATE"]  # found once, not per sentence
        by_sentence: dict[int, dict[int, EventDate]] = {}
        for ev, tokens in zip(ctx.events, ctx.triggers):
            dates = by_sentence.get(ev.sentence_index)
            if dates is None:
                dates = by_sentence[ev.sentence_index] = self.dater.sentence_dates(
                    ctx.sentences[ev.sentence_index], ctx.day, doc_dates)
            when = self.dater.for_event(tokens, dates, ctx.document.date)
            ev.date = when.date if when.date else ctx.document.date
            ev.date_precision, ev.date_source, ev.date_text = when.precision, when.source, when.text


def _anchor(tok: Token) -> tuple[Token | None, bool]:
    """The word a date expression modifies, and whether it hangs on it through a preposition or an
    adverb ("talks in March 2022", "held back in 2022", "began two years ago") rather than as a
    modifier of a noun ("the 2022 agreement", "last year's talks")."""
    t, through = tok, False
    for _ in range(6):
        head = t.head
        if head.i == t.i:
            return (t, True) if t.pos_ in ("VERB", "AUX") else (None, False)
        if head.pos_ in ("VERB", "AUX"):
            return head, True
        if head.pos_ in ("NOUN", "PROPN"):
            # "during the 2019 famine": a noun that is itself a time phrase dates the clause
            timed = head.dep_ == "pobj" and head.head.lower_ in TIME_PREPS
            return head, through or timed or t.dep_ in ("prep", "npadvmod", "advmod")
        if head.pos_ not in ("ADP", "ADV", "ADJ", "SCONJ", "PART", "NUM"):
            return None, False
        through = through or head.pos_ in ("ADP", "ADV")
        t = head
    return None, False


def clause_words(trigger: list[Token]) -> list[int]:
    """The words of an event's clause a date may hang on, nearest first: its objects and their
    prepositional phrases, down to the next verb (a clause of its own)."""
    out: list[int] = []
    seen = {t.i for t in trigger}
    frontier = [c for t in trigger for c in t.children]
    while frontier:
        nxt = []
        for c in frontier:
            if c.i in seen or c.pos_ in ("VERB", "AUX") or c.dep_ not in CLAUSE_DEPS:
                continue
            seen.add(c.i)
            if c.pos_ in ("NOUN", "PROPN"):
                out.append(c.i)
            nxt += list(c.children)
        frontier = nxt
    return out


class EventDater:
    """Finds the date expression of an event's clause and resolves it."""

    def __init__(self, reporting_verbs: set[str]):
        self.reporting_verbs = reporting_verbs

    def sentence_dates(self, sent: Span, base: dt.date | None, doc_dates: list[Span] | None = None
                       ) -> dict[int, EventDate]:
        """Resolved DATE expressions of a sentence, by the index of the word each hangs on (a verb, or a
        noun: then only when through a preposition or an adverb, or for that noun's own event).
        `doc_dates`, the document's DATE entities found once, spares a walk over all entities per
        sentence."""
        out: dict[int, EventDate] = {}
        if base is None:
            return out
        ents = sent.ents if doc_dates is None else [e for e in doc_dates if sent.start <= e.start and e.end <= sent.end]
        for ent in ents:
            if ent.label_ != "DATE":
                continue
            found = resolve(ent.text, base)
            if found is None:
                continue
            day, precision = found
            anchor, through = _anchor(ent.root)
            if anchor is None:
                continue
            source = RELATIVE_SOURCE if is_relative(ent.text, base) else EXPLICIT_SOURCE
            when = EventDate(day.isoformat(), precision, source, ent.text)
            out.setdefault(anchor.i, when)
            if anchor.pos_ in ("NOUN", "PROPN") and through:
                out.setdefault(-1 - anchor.i, when)  # also for the events of the clause the noun is in
        return out

    def for_event(self, trigger: list[Token], dates: dict[int, EventDate], doc_date: str | None) -> EventDate:
        for t in trigger:
            if t.i in dates:
                return dates[t.i]
        # a date on the clause's objects and their phrases: "offered Istanbul as a venue for talks in
        # March 2022", "hosted talks between the two sides in 2022"
        for i in clause_words(trigger):
            if -1 - i in dates:
                return dates[-1 - i]
        first = trigger[0]
        if first.pos_ == "NOUN" and first.dep_ in NOMINAL_ARGS and first.head.i in dates \
                and first.head.lemma_.lower() not in self.reporting_verbs:
            return dates[first.head.i]  # "Ukraine's incursion into Kursk began last month"
        # "..., the ministry said on Monday": the event happened by the time it was reported
        t = trigger[0]
        while t.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp", "prep") and t.head.i != t.i:
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in self.reporting_verbs and t.head.i in dates:
                d = dates[t.head.i]
                return EventDate(d.date, d.precision, REPORTING_SOURCE, d.text)
            t = t.head
        if t.lemma_.lower() in self.reporting_verbs and t.i in dates and t.i != trigger[0].i:
            d = dates[t.i]
            return EventDate(d.date, d.precision, REPORTING_SOURCE, d.text)
        return EventDate(doc_date, "day" if doc_date else None, "document" if doc_date else None, None)
