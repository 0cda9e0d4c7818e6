"""Stage `event_records`: each actor pair becomes an event record with its CAMEO name, root, quad class,
Goldstein value and PLOVER category, its trigger span and the document date (the dates stage refines
it). A record repeated in one sentence (same code, actors and trigger) is kept once."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..cameo import CameoTable
from ..records import Event, Trigger

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..cameo import CodeInfo
    from ..records import Actor, Document
    from .context import DocContext

MAX_TRIGGER_TOKENS = 7  # a longer trigger is shown by its first word


class EventRecords:
    name = "event_records"
    requires = ("pairs", "document", "day", "doc")
    assigns = ("events", "triggers")

    def __init__(self, cameo: CameoTable):
        self.cameo = cameo

    def __call__(self, ctx: "DocContext") -> None:
        document = ctx.document
        # until the dates stage says otherwise, an event happened on the document's date
        precision, source = ("day", "document") if ctx.day else (None, None)
        seen: set[tuple] = set()
        texts: dict[int, str] = {}  # spaCy joins a sentence's tokens on each .text: once per sentence
        full_text: str | None = None
        events: list[Event] = []
        triggers: list[list[Token]] = []
        for pair in ctx.pairs:
            r = pair.raw
            info = self.cameo.get(r.code)
            if info is None:
                continue
            trigger = trigger_span(ctx.doc, r.trigger)
            s, t = pair.source, pair.target
            key = (info.code, s.code if s else None, t.code if t else None, trigger.start)
            if key in seen:
                continue
            seen.add(key)
            index = pair.sentence.index
            if index not in texts:
                sent = pair.sentence.sent
                if full_text is None:
                    full_text = ctx.doc.text  # joined once: a sentence's text is a slice of it
                texts[index] = full_text[sent.start_char:sent.end_char]
            events.append(event_record(info, document, index, texts[index], trigger, s, t, negated=r.negated,
                                       modality=r.modality, confidence=pair.confidence, pattern=r.pattern,
                                       precision=precision, date_source=source))
            triggers.append(r.trigger)
        ctx.events, ctx.triggers = events, triggers


def event_record(info: "CodeInfo", document: "Document", index: int, sentence: str, trigger: Trigger,
                 source: "Actor | None", target: "Actor | None", *, negated: bool, modality: str,
                 confidence: float, pattern: str, precision: str | None, date_source: str | None) -> Event:
    """One event record: the code's CAMEO name, root, quad class, Goldstein value and PLOVER category,
    dated the document's date (the dates stage refines it)."""
    return Event(
        doc_id=document.id, sentence_index=index, sentence=sentence, trigger=trigger,
        source=source, target=target, cameo=info.code, cameo_name=info.name, cameo_root=info.root,
        quad_class=info.quad_class, goldstein=info.goldstein, plover=info.plover,
        plover_mode=info.plover_mode, negated=negated, modality=modality, date=document.date,
        confidence=round(max(confidence, 0.1), 2), pattern=pattern, date_precision=precision,
        date_source=date_source, date_text=None,
    )


def trigger_span(doc: "Doc", tokens: list["Token"]) -> Trigger:
    """The trigger's text and character span: from its first to its last token (its first alone when
    they are far apart)."""
    first, last = tokens[0], tokens[-1]
    if last.i - first.i >= MAX_TRIGGER_TOKENS:
        last = first
    return Trigger(doc[first.i:last.i + 1].text, first.idx, last.idx + len(last.text))
