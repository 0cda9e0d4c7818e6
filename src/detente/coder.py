"""The coder: documents in, event records out. Builds its resources once and passes them down."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

import numpy
import yaml

from .actor_dictionary import ActorDictionary
from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LOWER

from .actor_mentions import PRONOUNS, ActorResolver, History
from .attribution import FIRST_PERSON, QuoteFinder, attribution_for
from .cameo import CameoTable, cameo_table
from .dates import EventDate, EventDater
from .grammar import DOMESTIC_FILL_SECTORS, Grammar, RawEvent
from .lexicon import Lexicon
from .nlp import load_model, model_name
from .places import PlaceFinder

PLACE_KINDS = ("place", "capital", "country")
SUBJECT_PRONOUNS = {"he", "she", "they", "we"}
from .records import Actor, CodedDocument, Document, Event, Skipped, Trigger

DEFAULT_MAX_CHARS = 1_000_000
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


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


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    text = resources.files("detente").joinpath("data/function_words.yaml").read_text(encoding="utf-8")
    return {lang: frozenset(str(w).lower() for w in words) for lang, words in yaml.safe_load(text).items()}


def check_text(doc: Document, max_chars: int) -> str | None:
    """Why a document cannot be coded, or None. Cheap checks done before parsing."""
    text = doc.text
    if not isinstance(text, str):
        return "text is not a string"
    if not text.strip():
        return "empty or whitespace-only text"
    if len(text) > max_chars:
        return f"text has {len(text):,} characters; the limit is {max_chars:,} (raise it with --max-chars)"
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 20000) or "\x00" in text[:20000]:
        return "looks like binary data, not text"
    words = WORD_RE.findall(text[:20000])
    if not words:
        return "no words in the text"
    latin = sum(1 for w in words if w.isascii())
    if len(words) >= 5 and latin < 0.5 * len(words):
        return "not English (mostly non-Latin script)"
    if len(words) >= 8:  # shorter texts (headlines) carry too few function words to judge
        hits = {lang: sum(1 for w in words if w.lower() in fw) for lang, fw in function_words().items()}
        best = max(hits, key=lambda lang: hits[lang])
        if hits[best] > hits.get("en", 0) and hits[best] >= 3:
            return f"not English (looks like '{best}')"
        if len(words) >= 40 and hits.get("en", 0) < 0.04 * len(words):
            return "not English (too few common English words)"
    return None


class Coder:
    """Codes documents into events. Create once; reuse for many documents."""

    def __init__(self, options: CoderOptions | None = None, nlp=None):
        self.options = options or CoderOptions()
        self.nlp = nlp if nlp is not None else load_model(self.options.model)
        self.cameo: CameoTable = cameo_table()
        self.actors = ActorDictionary.default(self.options.actor_files)
        self.lexicon = Lexicon.default(self.options.lexicon_files)
        tokenizer = self.nlp.tokenizer
        self.resolver = ActorResolver(self.actors, lambda s: [t.text for t in tokenizer(s)])
        self.grammar = Grammar(self.lexicon, self.resolver)
        self.dater = EventDater(self.lexicon.reporting_verbs | self.lexicon.decision_verbs)
        self.quote_finder = QuoteFinder(self.resolver, self.lexicon.reporting_verbs)
        self.place_finder = PlaceFinder()
        self._subject_pronoun_hashes = None  # (pronoun forms, subject labels) as string hashes

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
            sdoc = next(parsed)
            try:
                yield self._code_parsed(document, sdoc)
            except Exception as err:  # a grammar bug must not end the batch; the document is reported
                yield Skipped(document.id, document.origin, f"internal error while coding: {type(err).__name__}: {err}")

    # ---- one parsed document -------------------------------------------------------------------
    def _code_parsed(self, document: Document, sdoc) -> CodedDocument:
        day = parse_date(document.date)
        matches = self.resolver.find_matches(sdoc)
        history = History(self.resolver, matches, day)
        home = self._home_country(matches)
        events: list[Event] = []
        triggers: list = []  # the trigger tokens of each event, for places
        n_sent = 0
        doc_dates = None  # the document's DATE entities, found when a sentence first needs them
        for si, sent in enumerate(sdoc.sents):
            n_sent += 1
            history.add(sent)
            raw = self.grammar.sentence_events(sent, matches, day, history)
            if not raw:
                continue
            locations = self.grammar.location_countries(sent)
            countries = self.grammar.sentence_countries(sent)
            if doc_dates is None and self.options.dates:
                doc_dates = [e for e in sdoc.ents if e.label_ == "DATE"]
            dates = self.dater.sentence_dates(sent, day, doc_dates) if self.options.dates else {}
            seen: set[tuple] = set()
            for r in raw:
                when = self.dater.for_event(r.trigger, dates, document.date if day else None)
                for ev in self._records(document, si, sent, r, locations, countries + home, when):
                    key = (ev.cameo, ev.source.code if ev.source else None, ev.target.code if ev.target else None,
                           ev.trigger.start)
                    if key not in seen:
                        seen.add(key)
                        events.append(ev)
                        triggers.append(r.trigger)
        places = self._locate(sdoc, matches, events, triggers) if self.options.places else []
        quotes = self.quote_finder.find(sdoc, matches, day, history) if self.options.quotes else []
        self._attribute(events, quotes)
        flags = sdoc.to_array([IS_PUNCT, IS_SPACE])
        words = int(len(sdoc) - (flags.sum(axis=1) > 0).sum()) if len(sdoc) else 0
        return CodedDocument(document, events, n_sent, words, quotes,
                             self._mentions(sdoc, matches, day, events, history), places)

    def _mentions(self, sdoc, matches, day, events: list[Event], history: History) -> list[Actor]:
        """Every actor mention: the dictionary's matches, the actors of the events and the personal
        pronouns that are subjects (resolved to their antecedents), in text order."""
        found: dict[tuple[int, int], Actor] = {}
        lower_dep = sdoc.to_array([LOWER, DEP])  # one pass in C, not a Python attribute lookup per token
        if len(sdoc):
            if self._subject_pronoun_hashes is None:  # made once: they need the vocabulary
                strings = sdoc.vocab.strings
                self._subject_pronoun_hashes = (
                    numpy.array([strings.add(w) for w in SUBJECT_PRONOUNS], dtype=numpy.uint64),
                    numpy.array([strings.add(d) for d in ("nsubj", "nsubjpass")], dtype=numpy.uint64))
            pronouns, subjects = self._subject_pronoun_hashes
            hits = numpy.isin(lower_dep[:, 0], pronouns) & numpy.isin(lower_dep[:, 1], subjects)
            for i in numpy.flatnonzero(hits).tolist():
                a = self.resolver.resolve_pronoun(sdoc[i], history)
                if a is not None:
                    found[(a.start, a.end)] = a
        for i, m in sorted(matches.items()):
            if m.start == i:
                a = self.resolver.from_match(m, sdoc[m.start:m.end], day, None)
                if a is not None:
                    found[(a.start, a.end)] = a
        for ev in events:
            for a in (ev.source, ev.target):
                if a is not None and (a.start, a.end) not in found:
                    found[(a.start, a.end)] = a
        spans = sorted(found, key=lambda k: (k[0], -k[1]))
        out: list[Actor] = []
        end = -1
        for k in spans:  # a mention inside a longer one ("Russian" in "Russian Foreign Minister ...") goes
            if k[1] <= end:
                continue
            out.append(found[k])
            end = max(end, k[1])
        return out

    def _locate(self, sdoc, matches, events: list[Event], triggers: list) -> list[dict]:
        """Each event's location (a place in its own clause); returns the document's place mentions."""
        known = [sdoc[m.start:m.end] for i, m in sorted(matches.items()) if m.start == i and m.kind in PLACE_KINDS]
        # ambiguous places go to the countries named outright ("Tripoli" near "Lebanese")
        named = self._doc_countries(matches, ("country", "adjective", "demonym"))
        places = self.place_finder.mentions(sdoc, named, known)
        for ev, trigger in zip(events, triggers):
            ev.location = self.place_finder.for_event(trigger, places, material=ev.quad_class in (2, 4))
        spans = {id(span): (span, place) for span, place in places.values()}
        return [{"text": span.text, "start": span.start_char, "end": span.end_char, **place.to_dict()}
                for span, place in sorted(spans.values(), key=lambda sp: sp[0].start)]

    def _attribute(self, events: list[Event], quotes) -> None:
        """Events inside a quote or reported clause are the speaker's claims."""
        for ev in events:
            q = attribution_for(ev.trigger.start, quotes)
            if q is None:
                continue
            ev.claimed = True
            ev.attribution = {"speaker": q.speaker.to_dict() if q.speaker else None,
                              "speaker_text": q.speaker_text, "cue": q.cue, "quote_index": q.index}
            if q.speaker is not None:  # "our positions" in Lavrov's quote are Russia's
                ev.source = self._as_speaker(ev.source, q.speaker)
                ev.target = self._as_speaker(ev.target, q.speaker)

    @staticmethod
    def _as_speaker(actor: Actor | None, speaker: Actor) -> Actor | None:
        """A first-person actor inside a quote is the speaker's side."""
        if actor is None or actor.text.split()[0].lower() not in FIRST_PERSON:
            return actor
        return Actor(actor.text, speaker.code, speaker.country, speaker.sector, actor.start, actor.end, speaker.name)

    @staticmethod
    def _doc_countries(matches, kinds: tuple[str, ...] = ("country", "adjective", "demonym", "capital", "place",
                                                          "seat")) -> list[str]:
        """The countries a document names (in the given ways), most mentioned first (first on a tie)."""
        counts: dict[str, int] = {}
        for i, m in sorted(matches.items()):
            if m.start == i and m.entry.kind == "country" and m.kind in kinds:
                counts[m.entry.code] = counts.get(m.entry.code, 0) + 1
        return sorted(counts, key=lambda c: -counts[c])

    def _home_country(self, matches) -> list[str]:
        """The country a document is mostly about, the last resort for filling a bare sector such as
        "police" or "the opposition"."""
        return self._doc_countries(matches)[:1]

    def _records(self, document: Document, si: int, sent, r: RawEvent, locations: list[str],
                 countries: list[str], when: EventDate) -> list[Event]:
        info = self.cameo.get(r.code)
        if info is None:
            return []
        pairs: list[tuple[Actor | None, Actor | None]] = []
        if r.sources and r.targets:
            pairs = [(s, t) for s in r.sources for t in r.targets]
        elif len(r.sources) >= 2:  # "Israel and the Palestinians agreed": reciprocal
            pairs = [(s, t) for s in r.sources for t in r.sources if s is not t]
        elif r.sources:
            pairs = [(r.sources[0], None)]
        else:
            pairs = [(None, t) for t in r.targets]
        doc = sent.doc
        toks = r.trigger
        first, last = toks[0], toks[-1]
        if last.i - first.i > 6:
            last = first
        trigger = Trigger(doc[first.i:last.i + 1].text, first.idx, last.idx + len(last.text))
        out = []
        sent_text = sent.text if pairs else ""  # spaCy joins the tokens on each access: once per call
        for s, t in pairs:
            confidence = r.confidence
            s2 = self._fill_country(s, t, locations, countries)
            t2 = self._fill_country(t, s, locations, countries)
            if (s2 is not s) or (t2 is not t):
                confidence -= 0.15
            if s2 is not None and t2 is not None:
                if (s2.start, s2.end) == (t2.start, t2.end) and s2.code == t2.code:
                    continue
                # no self-target: "Ankara offered Istanbul"; a sector filled from the other actor ("China's
                # military sent warships"); an object pronoun that would be its own clause's subject
                from_other = t2 is not t and not locations  # filled with the source's own country
                if s2.code == t2.code and (t2.sector is None or from_other or t2.text.lower() in PRONOUNS):
                    if len(pairs) > 1:
                        continue
                    t2 = None
            out.append(Event(
                doc_id=document.id, sentence_index=si, sentence=sent_text, trigger=trigger,
                source=s2, target=t2, cameo=info.code, cameo_name=info.name, cameo_root=info.root,
                quad_class=info.quad_class, goldstein=info.goldstein, plover=info.plover,
                plover_mode=info.plover_mode, negated=r.negated, modality=r.modality,
                date=when.date if when.date else document.date, confidence=round(max(confidence, 0.1), 2),
                pattern=r.pattern, date_precision=when.precision, date_source=when.source, date_text=when.text,
            ))
        return out

    @staticmethod
    def _fill_country(actor: Actor | None, other: Actor | None, locations: list[str],
                      sentence_countries: list[str]) -> Actor | None:
        """A sector-only actor ("police", "demonstrators") takes the country of the event's place,
        else of the other actor (a domestic event), else the first other country the sentence names."""
        if actor is None or actor.country or actor.code != actor.sector or actor.sector not in DOMESTIC_FILL_SECTORS:
            return actor  # only bare sectors ("police", "the rebels") are filled, never organisations
        country = locations[0] if locations else (other.country if other is not None else None)
        if not country and sentence_countries:
            country = sentence_countries[0]
        if not country:
            return actor
        return Actor(actor.text, country + actor.sector, country, actor.sector, actor.start, actor.end, actor.name)


@lru_cache(maxsize=2)
def process_coder(options: CoderOptions) -> Coder:
    """One Coder per process and options, built on first use: what worker processes (local pool or Dask)
    code with."""
    return Coder(options)
