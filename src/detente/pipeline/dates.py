"""Stage `dates`: when each event happened. A date expression in the event's clause (on its verb, or
through a preposition) is resolved against the document date (`date_source` explicit); an event in a
clause reported by a dated statement ("..., the ministry said on Monday") takes the statement's date
(reported); otherwise the event keeps the document date (document). Each event gets `date` (ISO, the
first day of the period), `date_precision` (day, week, month, year), `date_source` and `date_text`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..date_expressions import resolve
from ..lexicon import Lexicon

if TYPE_CHECKING:
    from .context import DocContext

REPORTING_SOURCE = "reported"


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


def _governor(tok: Token) -> Token | None:
    """The verb a date phrase modifies: directly ("Friday", "last week") or through a preposition
    ("on Friday", "in 2022"). A date inside a noun phrase ("his efforts in 2022") dates the noun."""
    head = tok.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    if head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return tok if tok.dep_ == "ROOT" else None


class EventDater:
    """Finds the date expression of an event's clause and resolves it."""

    def __init__(self, reporting_verbs: set[str]):
        self.reporting_verbs = reporting_verbs

    def sentence_dates(self, sent: Span, base: dt.date | None, doc_dates: list[Span] | None = None
                       ) -> dict[int, EventDate]:
        """Resolved DATE expressions of a sentence, by the index of the verb each belongs to.
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
            verb = _governor(ent.root)
            if verb is not None:
                out.setdefault(verb.i, EventDate(day.isoformat(), precision, "explicit", ent.text))
        return out

    def for_event(self, trigger: list[Token], dates: dict[int, EventDate], doc_date: str | None) -> EventDate:
        for t in trigger:
            if t.i in dates:
                return dates[t.i]
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
