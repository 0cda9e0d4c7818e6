"""Stage `attribution`: who says so. Direct quotes, reported speech and "according to", with their
speakers; events inside them become the speaker's claims.

Direct quotes are found from quote marks (curly or straight; a quote running over several paragraphs
reopens each paragraph and closes once); reported speech from a cue verb with a clause ("Lavrov said
that ..."); "according to X" from the phrase. A quote's speaker is the subject of the nearest cue verb
outside it, in the same sentence or the one after or before. Events inside a quote or a reported clause
are the speaker's claims.
"""
from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING, Callable

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from ..actor_dictionary import Match
from ..records import Actor, Attribution as Claim, Event, Quote
from .actor_mentions import ActorResolver, History
from .countries import fill_country
from .named_countries import document_countries, location_countries

if TYPE_CHECKING:
    from .context import DocContext

# Nouns whose "from X" names who said the quote before them ("That was the message from X").
SOURCE_NOUNS = {"message", "warning", "word", "verdict", "view", "assessment", "reaction", "response", "plea",
                "call", "appeal", "promise", "pledge", "threat", "reminder", "line", "argument"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "ours"}
OPENERS = {"“": "”", "«": "»", "„": "“"}
STRAIGHT = '"'
DATELINE_WORDS = 3  # "KUALA LUMPUR", "RIO DE JANEIRO"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the contents of direct quotes (marks excluded)."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closer = OPENERS.get(ch) or (STRAIGHT if ch == STRAIGHT else None)
        if closer is None:
            i += 1
            continue
        start = i + 1
        j = start
        while j < n:
            if text[j] == closer:
                break
            if text.startswith("\n\n", j):  # a paragraph ends inside the quote
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and (text[k] == ch or text[k] == STRAIGHT):
                    j = k + 1  # the quote goes on in the next paragraph, reopened
                    continue
                break  # an unclosed quote stops at the paragraph's end
            j += 1
        end = min(j, n)
        if end > start and text[start:end].strip():
            spans.append((start, end))
        i = end + 1
    return spans


class Attribution:
    name = "attribution"
    requires = ("doc", "sentences", "matches", "day", "history", "events")
    assigns = ("quotes", "events")

    def __init__(self, finder: "QuoteFinder"):
        self.finder = finder

    def __call__(self, ctx: "DocContext") -> None:
        ctx.quotes = self.finder.find(ctx.doc, ctx.matches, ctx.day, ctx.history)
        sentences = ctx.sentences

        def located(index: int) -> list[str]:
            return location_countries(sentences[index], ctx.matches, self.finder.cues)

        home = self.finder.dateline_country(ctx.doc) or document_countries(ctx.matches)[:1]
        attribute(ctx.events, ctx.quotes, home, located)


def attribute(events: list[Event], quotes: list[Quote], home: list[str] = (),
              located: Callable[[int], list[str]] | None = None) -> None:
    """Events inside a quote or reported clause are the speaker's claims. A speaker named by a bare
    sector ("officials said", "police said", "local media reported") speaks for the country of the
    event's place (or of a place named in a locative phrase of its sentence), else of the event's source,
    else of the document (`home`); for the source's country first when it reports its own side's act
    ("the army said" of the state's forces' strike abroad)."""
    for ev in events:
        q = attribution_for(ev.trigger.start, quotes)
        if q is None:
            continue
        ev.claimed = True
        speaker = q.speaker
        if speaker is not None and not speaker.country:
            place = [ev.location.country] if ev.location is not None and ev.location.country else []
            if not place and located is not None:  # "a strike on a clinic in Gaza City killed two doctors"
                place = located(ev.sentence_index)
            if _own_report(speaker, ev):
                place = []  # "Israeli jets struck a depot in Lebanon, the army said": the jets' army
            # "we urge ...": the speaker's own side, which cannot tell the speaker's country
            doer = None if _first_person(ev.source) else ev.source
            speaker = fill_country(speaker, doer, place, list(home))
        ev.attribution = Claim(speaker, q.speaker_text, q.cue, q.index)
        if speaker is not None:  # "our positions" in Lavrov's quote are Russia's
            ev.source = as_speaker(ev.source, speaker)
            ev.target = as_speaker(ev.target, speaker)


def _own_report(speaker: Actor, ev: Event) -> bool:
    """Does a speaker named by its sector alone report its own side's act: the army an armed act of a
    state's forces, the police one of police?"""
    source = ev.source
    if source is None or not source.country:
        return False
    if source.sector == speaker.sector:
        return True
    return speaker.sector == "MIL" and source.sector is None and ev.quad_class == 4


def _first_person(actor: Actor | None) -> bool:
    """Is the actor named by a first-person word ("we", "our forces"; not "US warplanes")?"""
    if actor is None or not actor.text.split():
        return False
    first = actor.text.split()[0]
    return first.lower() in FIRST_PERSON and not (first.isupper() and len(first) > 1)


def as_speaker(actor: Actor | None, speaker: Actor) -> Actor | None:
    """A first-person actor inside a quote is the speaker's side."""
    if not _first_person(actor):
        return actor
    return Actor(actor.text, speaker.code, speaker.country, speaker.sector, actor.start, actor.end, speaker.name)


class QuoteFinder:
    def __init__(self, resolver: ActorResolver, cues: set[str], vocab, statement_nouns: frozenset[str] = frozenset()):
        self.resolver = resolver
        self.cues = cues
        self.statement_nouns = statement_nouns  # "the ministry's statement said": the ministry speaks
        # the cues' string hashes, lemmas as written and capitalised ("Warning" at a sentence start)
        words = {w for c in cues for w in (c, c.capitalize())} | {"according"}
        self._cue_hashes = frozenset(vocab.strings.add(w) for w in words)

    def find(self, doc: Doc, matches: dict[int, Match], day: dt.date | None, history: History) -> list[Quote]:
        quotes: list[Quote] = []
        used_cues: set[int] = set()
        # the sentences the coder has walked already (spaCy's doc.sents walks every token again)
        sents = list(history.sentences) if history is not None and history.sentences else list(doc.sents)
        text = doc.text  # spaCy joins every token's text on each access: once here
        candidates = self._cue_candidates(doc)
        for start, end in quote_spans(text):
            if not self._is_statement(text, start, end):
                continue  # a title or scare quotes: the "Peace Formula", a "provocation"
            cue, own_sentence = self._cue_for(doc, sents, candidates, start, end)
            source = None if own_sentence else self._source_phrase(sents, end, matches, day, history)
            cue_index = None
            if source is not None:  # "That was the warning from Volodymyr Zelenskiy."
                speaker, speaker_text, cue_text = source
            elif cue is not None:
                cue_index = cue.i
                used_cues.add(cue.i)
                speaker, speaker_text = self._speaker(cue, matches, day, history)
                cue_text = cue.lemma_.lower()
            else:
                speaker = speaker_text = cue_text = None
            quotes.append(Quote(len(quotes), speaker, speaker_text, cue_text, text[start:end], start, end, True,
                                cue_index))
        inside = [(q.start, q.end) for q in quotes]
        for sent in sents:
            for i in candidates[bisect.bisect_left(candidates, sent.start):bisect.bisect_left(candidates, sent.end)]:
                t = doc[i]
                if t.i in used_cues or any(s <= t.idx < e for s, e in inside):
                    continue
                if t.lemma_.lower() in self.cues and t.pos_ == "VERB":
                    clause = next((c for c in t.children if c.dep_ == "ccomp"), None)
                    if clause is None:
                        continue
                    span = doc[clause.left_edge.i: clause.right_edge.i + 1]
                    speaker, speaker_text = self._speaker(t, matches, day, history)
                    quotes.append(Quote(len(quotes), speaker, speaker_text, t.lemma_.lower(), span.text,
                                        span.start_char, span.end_char, False, t.i))
                elif t.lower_ == "according" and t.dep_ == "prep":
                    quotes.extend(self._according(t, sent, len(quotes), matches, day, history))
        return quotes

    def dateline_country(self, doc: Doc) -> list[str]:
        """The country of the city a story is filed from ("BEIJING, Jan. 6 (Xinhua) --"): officials a
        story names by their office alone speak for it before the country the story names most."""
        words = []
        for t in doc[:DATELINE_WORDS]:
            if t.ent_type_ != "GPE" or not t.text.isupper():
                break
            words.append(t.text)
        if not words:
            return []
        found = [e.code for e, kind in self.resolver.dictionary.lookup(" ".join(words).title())
                 if e.kind == "country" and kind in ("capital", "place")]
        return found[:1]

    def _cue_candidates(self, doc: Doc) -> list[int]:
        """Indexes of the tokens that may open reported speech: a cue verb's lemma or "according" (one
        pass over the document's arrays instead of a Python look at every token)."""
        if not len(doc):
            return []
        arr = doc.to_array([LEMMA, LOWER]).tolist()
        return [i for i, (lemma, lower) in enumerate(arr) if lemma in self._cue_hashes or lower in self._cue_hashes]

    @staticmethod
    def _is_statement(text: str, start: int, end: int) -> bool:
        """Quoted words that someone said, as opposed to a quoted name or term: they end with
        punctuation inside the marks, run to six words or more, or follow a colon."""
        content = text[start:end].strip()
        if content[-1:] in ",.?!…;:":
            return True
        words = content.split()
        title_case = sum(1 for w in words if w[:1].isupper()) >= 0.8 * len(words)
        if len(words) >= 6 and not title_case:  # "The Massalit Will Not Come Home" is a title
            return True
        return text[:start - 1].rstrip().endswith(":")

    def _source_phrase(self, sents: list[Span], end: int, matches, day, history):
        """A quote followed by "That was the message from X": the speaker is X."""
        after = [s for s in sents if s.start_char >= end][:1]
        for sent in after:
            for t in sent:
                if t.lower_ == "from" and t.head.lemma_.lower() in SOURCE_NOUNS:
                    obj = next((c for c in t.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        doc = sent.doc
                        text = doc[obj.left_edge.i: obj.right_edge.i + 1].text
                        phrase = doc[t.head.i: t.i + 1].text
                        return self.resolver.resolve(obj, matches, day, history), text, phrase
        return None

    def _cue_for(self, doc: Doc, sents: list[Span], candidates: list[int], start: int, end: int
                 ) -> tuple[Token | None, bool]:
        """The cue verb nearest to a quote, outside it, in its sentences or the ones next to them; and
        whether it is in the quote's own sentence. Only the cue candidates of those sentences are looked at."""
        idx = [k for k, s in enumerate(sents) if s.end_char > start and s.start_char < end]
        if not idx:
            return None, False
        near = sents[max(idx[0] - 1, 0): min(idx[-1] + 2, len(sents))]
        best: tuple[int, Token] | None = None
        for sent in near:
            for i in candidates[bisect.bisect_left(candidates, sent.start):bisect.bisect_left(candidates, sent.end)]:
                t = doc[i]
                if t.lemma_.lower() not in self.cues or t.pos_ not in ("VERB", "AUX"):
                    continue
                if start <= t.idx < end:
                    continue
                distance = start - t.idx if t.idx < start else t.idx - end
                in_quote_sentence = any(sents[k].start <= t.i < sents[k].end for k in idx)
                distance += 0 if in_quote_sentence else 10_000  # the quote's own sentence first
                if best is None or distance < best[0]:
                    best = (distance, t)
        if best is None:
            return None, False
        return best[1], best[0] < 10_000

    def _speaker(self, cue: Token, matches, day, history) -> tuple[Actor | None, str | None]:
        verb = cue
        subj = self._subject(verb)
        while subj is None and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
            verb = verb.head  # "..., recalling that ...": the speaker is the main verb's subject
            subj = self._subject(verb)
        cited = self._cited(verb)  # "Trend reports, citing the statement of the ministry": the ministry
        if cited is not None:
            subj = cited
        if subj is None:
            return None, None
        span = cue.doc[subj.left_edge.i: subj.right_edge.i + 1]
        speaker = self.resolver.resolve(subj, matches, day, history)
        owner = self._statement_owner(subj)
        if owner is not None:  # "said the foreign ministry's statement": the ministry
            speaker = self.resolver.resolve(owner, matches, day, history) or speaker
        return speaker, span.text

    def _cited(self, verb: Token) -> Token | None:
        """Who a report cites ("..., Trend reports citing the statement of the Azerbaijani Ministry of
        Foreign Affairs"): the owner of the statement cited, or the one cited."""
        for c in verb.children:
            if c.lemma_.lower() == "cite" and c.dep_ in ("advcl", "xcomp", "conj", "acl"):
                obj = next((o for o in c.children if o.dep_ == "dobj"), None)
                if obj is not None:
                    return self._statement_owner(obj) or obj
        return None

    def _statement_owner(self, noun: Token) -> Token | None:
        """The owner of a statement noun: "the MFA's statement", "the statement of the ministry"."""
        if noun.lemma_.lower() not in self.statement_nouns:
            return None
        for c in noun.children:
            if c.dep_ == "poss":
                return c
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "by"):
                return next((o for o in c.children if o.dep_ == "pobj"), None)
        return None

    def _subject(self, verb: Token) -> Token | None:
        """The subject nearest the verb; a dateline ("MOSCOW, Aug 31 -") may parse as another one."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            return None
        people = [s for s in subjects if s.ent_type_ not in ("GPE", "DATE") and not s.text.isupper()]
        return min(people or subjects, key=lambda s: abs(s.i - verb.i))

    def _according(self, t: Token, sent: Span, index: int, matches, day, history) -> list[Quote]:
        to = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            return []
        phrase = sent.doc[t.i: obj.right_edge.i + 1]
        before = sent.doc[sent.start: phrase.start]
        after = sent.doc[phrase.end: sent.end]
        content = before if len(before.text.strip(" ,.")) >= len(after.text.strip(" ,.")) else after
        while len(content) and (content[0].is_punct or content[0].is_space):
            content = content[1:]
        while len(content) and (content[-1].is_punct or content[-1].is_space):
            content = content[:-1]
        if not len(content):
            return []
        speaker = self.resolver.resolve(obj, matches, day, history)
        return [Quote(index, speaker, sent.doc[obj.left_edge.i: obj.right_edge.i + 1].text, "according to",
                      content.text, content.start_char, content.end_char, False, t.i)]


def attribution_for(start: int, quotes: list[Quote]) -> Quote | None:
    """The innermost quote or reported clause that contains a character offset."""
    found = [q for q in quotes if q.start <= start < q.end]
    return min(found, key=lambda q: q.end - q.start) if found else None
