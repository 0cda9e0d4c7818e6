"""The coder: documents in, event records out. It builds the pipeline's stages once from the data files
(dictionaries, lexicon, CAMEO table) and runs them, in order, on each parsed document
(`detente.pipeline` describes the stages). A Coder keeps no state between documents: one Coder may code
in several threads at once."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.attrs import IS_PUNCT, IS_SPACE

from .actor_dictionary import ActorDictionary
from .cameo import CameoTable, cameo_table
from .lexicon import Lexicon
from .nlp import load_model, model_name
from .pipeline import DocContext, build_stages
from .pipeline.actor_mentions import ActorResolver
from .records import CodedDocument, Document, Event, Skipped
from .settings import default
from .text_checks import check_text

DEFAULT_MAX_CHARS = default("max_chars")


@dataclass(frozen=True)
class CoderOptions:
    model: str | None = None
    actor_files: tuple[str, ...] = ()
    lexicon_files: tuple[str, ...] = ()
    max_chars: int = DEFAULT_MAX_CHARS
    batch_size: int = 64
    dates: bool = True  # resolve date expressions (else every event has the document date)
    quotes: bool = True  # find quotes and reported speech, and mark claimed events
    places: bool = True  # resolve places and event locations with the gazetteer


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class Coder:
    """Codes documents into events. Create once; reuse for many documents (and threads)."""

    def __init__(self, options: CoderOptions | None = None, nlp=None):
        self.options = options or CoderOptions()
        self.nlp = nlp if nlp is not None else load_model(self.options.model)
        self.cameo: CameoTable = cameo_table()
        self.actors = ActorDictionary.default(self.options.actor_files)
        self.lexicon = Lexicon.default(self.options.lexicon_files)
        tokenizer = self.nlp.tokenizer
        self.resolver = ActorResolver(self.actors, lambda s: [t.text for t in tokenizer(s)])
        self.stages = build_stages(self.lexicon, self.resolver, self.cameo, self.nlp.vocab,
                                   dates=self.options.dates, places=self.options.places, quotes=self.options.quotes)

    @property
    def model_name(self) -> str:
        return model_name(self.nlp)

    # ---- public API ----------------------------------------------------------------------------
    def code_text(self, text: str, date: str | None = None, doc_id: str = "doc") -> list[Event]:
        """Events of one text. Never raises on odd input: uncodable text gives no events."""
        for result in self.code_documents([Document(id=doc_id, text=text, date=date)]):
            if isinstance(result, CodedDocument):
                return result.events
        return []

    def code_documents(self, docs: Iterable[Document | Skipped]) -> Iterator[CodedDocument | Skipped]:
        """Code documents in order; yields a CodedDocument or a Skipped (with its reason) for each."""
        pending: list[Document | Skipped] = []
        for d in docs:
            pending.append(d)
            if len(pending) >= self.options.batch_size:
                yield from self._code_batch(pending)
                pending = []
        if pending:
            yield from self._code_batch(pending)

    def code_parsed(self, document: Document, doc) -> CodedDocument:
        """Run the stages on a document parsed by this coder's spaCy pipeline."""
        ctx = DocContext(document, doc, parse_date(document.date))
        for stage in self.stages:
            stage(ctx)
        return CodedDocument(document, ctx.events, len(ctx.sentences), word_count(doc), ctx.quotes, ctx.mentions,
                             ctx.places)

    def _code_batch(self, batch: list[Document | Skipped]) -> Iterator[CodedDocument | Skipped]:
        ok: list[Document] = []
        verdicts: list[Skipped | None] = []
        for d in batch:
            if isinstance(d, Skipped):
                verdicts.append(d)
                continue
            why = check_text(d, self.options.max_chars)
            verdicts.append(Skipped(d.id, d.origin, why) if why else None)
            if not why:
                ok.append(d)
        parsed = iter(self.nlp.pipe([d.text for d in ok], batch_size=self.options.batch_size))
        ok_iter = iter(ok)
        for d, verdict in zip(batch, verdicts):
            if verdict is not None:
                yield verdict
                continue
            document = next(ok_iter)
            doc = next(parsed)
            try:
                yield self.code_parsed(document, doc)
            except Exception as err:  # a grammar bug must not end the batch; the document is reported
                yield Skipped(document.id, document.origin, f"internal error while coding: {type(err).__name__}: {err}")


def word_count(doc) -> int:
    """Tokens that are neither punctuation nor space."""
    if not len(doc):
        return 0
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int(len(doc) - (flags.sum(axis=1) > 0).sum())


@lru_cache(maxsize=2)
def process_coder(options: CoderOptions) -> Coder:
    """One Coder per process and options, built on first use: what worker processes (local pool or Dask)
    code with."""
    return Coder(options)
