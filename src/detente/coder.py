"""The coder: documents in, event records out. It builds the pipeline's stages once from the data files
(dictionaries, lexicon, CAMEO table) and runs them, in order, on each parsed document
(`detente.pipeline` describes the stages). A Coder keeps no state between documents: one Coder may code
in several threads at once.

Work is bounded per document: a text longer than `Coder.chunk_chars` is parsed a piece at a time (cut at
paragraph breaks where it can be) and the pieces joined into one Doc, so spaCy's parser never holds more
than a piece (it needs memory by the length of what it parses at once, and refuses texts longer than
`nlp.max_length`: E088). A document whose parsing or coding fails is skipped with the reason; the others
of its batch are coded. A caller may stop a coding (`code_documents(..., stop)`): a long text stops between
two of its pieces."""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from .actor_dictionary import ActorDictionary
from .cameo import CameoTable, cameo_table
from .lexicon import Lexicon
from .nlp import coder_model, model_name
from .pipeline import DocContext, build_stages
from .pipeline.actor_mentions import ActorResolver
from .records import CodedDocument, Document, Event, Skipped
from .settings import default
from .text_checks import check_text

DEFAULT_MAX_CHARS = default("max_chars")
STOPPED = "the coding was stopped before this document was coded"
CHUNK_CHARS = 100_000  # longer texts are parsed in pieces of at most this many characters
BREAKS = ("\n\n", "\n", ". ", " ")  # where a piece is cut, best first


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
    full_pipeline: bool = False  # parse with every component of the model (its NER too); else nlp.coder_model


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class Coder:
    """Codes documents into events. Create once; reuse for many documents (and threads)."""

    chunk_chars = CHUNK_CHARS

    def __init__(self, options: CoderOptions | None = None, nlp=None):
        self.options = options or CoderOptions()
        self.nlp = nlp if nlp is not None else coder_model(self.options.model, self.options.full_pipeline)
        self.cameo: CameoTable = cameo_table()
        # the dictionaries, their index and the lexicon come from the compiled-data cache when it has them
        self.resolver = ActorResolver.compiled(self.options.actor_files, self.nlp)
        self.actors: ActorDictionary = self.resolver.dictionary
        self.lexicon = Lexicon.default(self.options.lexicon_files)
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

    def code_documents(self, docs: Iterable[Document | Skipped],
                       stop: "threading.Event | None" = None) -> Iterator[CodedDocument | Skipped]:
        """Code documents in order; yields a CodedDocument or a Skipped (with its reason) for each. Once `stop`
        is set, the documents not yet coded are skipped as stopped (a long text stops between its pieces)."""
        pending: list[Document | Skipped] = []
        for d in docs:
            pending.append(d)
            if len(pending) >= self.options.batch_size:
                yield from self._code_batch(pending, stop)
                pending = []
        if pending:
            yield from self._code_batch(pending, stop)

    def code_parsed(self, document: Document, doc) -> CodedDocument:
        """Run the stages on a document parsed by this coder's spaCy pipeline."""
        ctx = DocContext(document, doc, parse_date(document.date))
        for stage in self.stages:
            stage(ctx)
        return CodedDocument(document, ctx.events, len(ctx.sentences), word_count(doc), ctx.quotes, ctx.mentions,
                             ctx.places, ctx.unknown_names)

    def _code_batch(self, batch: list[Document | Skipped],
                    stop: "threading.Event | None" = None) -> Iterator[CodedDocument | Skipped]:
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
        parsed = self._parse([d.text for d in ok], stop)
        ok_iter = iter(ok)
        for d, verdict in zip(batch, verdicts):
            if verdict is not None:
                yield verdict
                continue
            document = next(ok_iter)
            doc = next(parsed)
            if isinstance(doc, CodingStopped) or (stop is not None and stop.is_set()):
                yield Skipped(document.id, document.origin, STOPPED)
                continue
            if isinstance(doc, Exception):  # this text alone could not be parsed
                yield Skipped(document.id, document.origin, f"cannot be parsed: {_brief(doc)}")
                continue
            try:
                yield self.code_parsed(document, doc)
            except Exception as err:  # a grammar bug must not end the batch; the document is reported
                yield Skipped(document.id, document.origin, f"internal error while coding: {_brief(err)}")

    def _parse(self, texts: list[str], stop: "threading.Event | None" = None) -> Iterator["Doc | Exception"]:
        """Each text parsed, in order: a Doc, or the exception its parsing raised. Texts up to chunk_chars go
        through nlp.pipe together; a longer text is parsed a piece at a time (so the parser holds one piece)
        and the pieces are joined into one Doc (the same text, offsets and sentences)."""
        size = max(min(self.chunk_chars, self.nlp.max_length - 1), 1)
        short = self._pipe([t for t in texts if len(t) <= size])
        for text in texts:
            yield next(short) if len(text) <= size else self._parse_long(text, size, stop)

    def _parse_long(self, text: str, size: int, stop: "threading.Event | None") -> "Doc | Exception":
        docs = []
        for piece in split_text(text, size):
            if stop is not None and stop.is_set():
                return CodingStopped(STOPPED)
            try:
                docs.append(self.nlp(piece))
            except Exception as err:  # noqa: BLE001 - reported as this document's reason
                return err
        try:
            return Doc.from_docs(docs, ensure_whitespace=False)
        except Exception as err:  # noqa: BLE001 - reported as this document's reason
            return err

    def _pipe(self, texts: list[str]) -> Iterator["Doc | Exception"]:
        """nlp.pipe over the texts; when it fails, the texts it had not given are parsed one by one, so that
        only the text that fails is lost (with its exception)."""
        done = 0
        try:
            for doc in self.nlp.pipe(texts, batch_size=self.options.batch_size):
                done += 1
                yield doc
        except Exception:  # noqa: BLE001 - which text failed is found below, one at a time
            for text in texts[done:]:
                try:
                    yield self.nlp(text)
                except Exception as err:  # noqa: BLE001 - the document's reason
                    yield err


class CodingStopped(Exception):
    """Not raised: what a text whose coding was stopped (by the caller's `stop`) is parsed into."""


def split_text(text: str, size: int) -> list[str]:
    """`text` in pieces of at most `size` characters that join back to it exactly, each cut after a paragraph
    break in its second half where there is one, else after a line break, a sentence end or a space, else at
    `size`."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = size
        for mark in BREAKS:
            at = window.rfind(mark, size // 2)
            if at >= 0:
                cut = at + len(mark)
                break
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _brief(err: BaseException) -> str:
    """An exception as a one-line reason."""
    text = " ".join(str(err).split())
    return f"{type(err).__name__}: {text[:300]}{'...' if len(text) > 300 else ''}"


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
