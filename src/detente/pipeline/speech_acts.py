"""Stage `speech_acts`: what a statement does. When an actor says something (a direct quote, a reported
clause, "according to X", the "that" clause of "X's claim that ...") or calls, labels, describes or
considers something as something, what it says may be an act of its own toward another actor:
calling a government criminal criticises it (111), saying a country is behind an attack accuses it
(112), saying it "will pay" threatens it (130), saying a partner "played a constructive role" praises
it (051), calling an accusation baseless denies it (016). The expressions, and the words that name
each act's target, are data (speech.yaml, by role):

- said_of: an evaluation of the noun it is predicated of ("X is criminal", "called X a murderer",
  "described X as arbitrary", "considers X to be a threat", "compared X to dictators", "it is
  unacceptable that X ..."), or of that noun's owner when it is an act ("X's decision is illegal");
  an evaluative noun as an argument is aimed at its owner ("X's aggression"); in a direct quote an
  adjective on an actor ("the criminal regime"); an act noun with no owner ("this move", "the
  arrest") at the doer of the act coded before it;
- done_by: a verb (or adverb) aimed at its doer ("X violated the truce", "X is playing with fire");
- warned: what the target will suffer ("X will pay", "we hold X responsible");
- response: the speaker's side's own announced answer ("we will retaliate", "countermeasures will
  follow"), aimed at its "against"/"to"/"for" object or at no one;
- denial: an accusation dismissed ("X's allegations are baseless"), aimed at the accuser;
- rallied: an appeal to rise against the target ("called on citizens to rise up against X").

The speaker (or the labelling verb's subject) is the source; "we" is the speaker's side. Negated
evaluations follow speech_negation ("is not legitimate" criticises, "is not a threat" is nothing);
questions, conditions, hypotheticals ("could be", "would be" outside reported speech), hedged words
("alleged crimes"), what someone is urged to do and a newspaper's reporting are no acts. An act the
grammar already coded in the sentence (same source, root and target) is not added again; a statement
or appeal code the grammar read from the same words gives way. Besides:

- the statement's events stay the speaker's claims, but the verbal acts the speaker's side performs
  by speaking (CAMEO quad classes 1 and 3: "we condemn ...", "we urge ...") are no claims;
- a denial answering an accusation ("X accused Y of ..., a charge Y denies", "..., which Y denies")
  is the accused's, toward the accuser; the accused side saying it did not do it ("our forces did not
  attack", "there were no Russian strikes") denies (016);
- criticism the grammar coded with no target, of an act ("condemned the arrest"), is aimed at the
  act's doer.

A speech act is dated as its statement: the date expression on the cue verb ("said on Monday"), else
the document date (the dates and places stages run before quotes are known; speech acts get no
location).
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Token

from ..cameo import CameoTable
from ..lexicon import Lexicon
from ..records import Actor, Event, Quote
from .actor_mentions import ActorResolver
from .arguments import Arguments
from .attribution import FIRST_PERSON, as_speaker, attribution_for
from .countries import fill_country
from .dates import EventDate, EventDater
from .event_records import event_record, trigger_span
from .predicates import COERCION_ROOTS
from .speech_denials import Denials
from .speech_roles import SpeechRoles
from .syntax import where_in
from .speech_words import (ASKED_ROLES, CONFIDENCE, HEDGES, NEGATION_CUES, STATE_FILL_EXCLUDED, VERBAL_QUADS,
                           Reading, SpeechAct, actor_key, itself, same_side, speech_bag)

if TYPE_CHECKING:
    from .context import DocContext, SentenceContext


class SpeechActs:
    name = "speech_acts"
    requires = ("doc", "document", "sentences", "matches", "day", "history", "events", "triggers", "quotes")
    assigns = ("events", "triggers")

    def __init__(self, lexicon: Lexicon, resolver: ActorResolver, cameo: CameoTable, vocab):
        self.lex = lexicon
        self.cameo = cameo
        self.arguments = Arguments(lexicon, resolver)
        self.roles = SpeechRoles(lexicon, self.arguments)
        self.denials = Denials(lexicon, self.arguments, self.roles)
        self.dater = EventDater(lexicon.reporting_verbs | lexicon.decision_verbs)
        heads = {lemma for role in lexicon.speech.values() for lemma in role}
        # the words' string hashes: candidates are found in the document's arrays, not token by token
        self._heads = _hashes(vocab, heads)
        self._nouns = _hashes(vocab, lexicon.statement_nouns)
        self._denials = _hashes(vocab, lexicon.denial_verbs)

    def __call__(self, ctx: "DocContext") -> None:
        unclaim_spoken_acts(ctx.events, ctx.triggers, ctx.quotes)
        candidates, nouns, denials = self._candidates(ctx)
        starts = [s.start for s in ctx.sentences]
        acts = self.denials.answer_accusations(ctx, denials, starts) if denials else []
        acts += self.denials.own_denials(ctx, starts)
        # words the grammar coded as an act: saying an actor did it is a claim of that act (a statement
        # code read from them, "X bears responsibility": 015, gives way to the speech act instead)
        coded = {t.i for ev, tokens in zip(ctx.events, ctx.triggers) if ev.cameo_root != "01" for t in tokens}
        r = Reading(ctx.quotes + self.statement_clauses(ctx, nouns, starts) if nouns else ctx.quotes, ctx.events,
                    ctx.triggers, coded)
        self.roles.aim_at_acts(ctx, r)
        for i in candidates:
            if i in r.consumed:
                continue
            k = bisect.bisect_right(starts, i) - 1
            if k < 0:
                continue
            s = ctx.sentence(ctx.sentences[k])
            if s.sent.text.rstrip().rstrip("\"'”’»").endswith("?"):
                continue  # a question asserts nothing
            w = ctx.doc[i]
            if i > 0 and ctx.doc[i - 1].text == "-":
                continue  # "de-escalate", "anti-terrorist": another word
            act = self.act(s, k, w, r)
            if act is not None:
                acts.append(act)
        if acts:
            self.add_events(ctx, acts)

    def _candidates(self, ctx: "DocContext") -> tuple[list[int], list[int], list[int]]:
        """Indexes of the tokens that may head an expression, of the statement nouns and of the verbs
        of denial."""
        doc = ctx.doc
        if not len(doc):
            return [], [], []
        arr = doc.to_array([LEMMA, LOWER]).tolist()
        lemmas = [lemma for lemma, _ in arr]
        hits = [i for i, (lemma, lower) in enumerate(arr) if lemma in self._heads or lower in self._heads]
        return hits, where_in(lemmas, self._nouns), where_in(lemmas, self._denials)

    def statement_clauses(self, ctx: "DocContext", nouns: list[int], starts: list[int]) -> list[Quote]:
        """"Russia's claim that X is ...", "the argument from Y that ...", "repeated the view that ...":
        the clause is what the noun's owner (or the subject of the verb taking it) says."""
        out: list[Quote] = []
        doc = ctx.doc
        for i in nouns:
            n = doc[i]
            if n.pos_ != "NOUN":
                continue
            clause = next((c for c in n.children if c.dep_ in ("acl", "ccomp", "appos")
                           and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
            if clause is None:
                continue
            s = ctx.sentence(ctx.sentences[bisect.bisect_right(starts, i) - 1])
            heads = [c for c in n.children if c.dep_ == "poss"]
            heads += [o for c in n.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                      for o in c.children if o.dep_ == "pobj"]
            cue = n
            if n.dep_ in ("dobj", "nsubjpass") and n.head.pos_ == "VERB":
                cue = n.head
                heads.append(self.arguments.subject(s, n.head)[0])
            speaker = next((a for h in heads if h is not None for a in self.arguments.actors(s, h)[:1]), None)
            if speaker is None:
                continue
            span = doc[clause.left_edge.i: clause.right_edge.i + 1]
            out.append(Quote(-1, speaker, speaker.text, n.lemma_.lower(), span.text, span.start_char, span.end_char,
                             False, cue.i))
        return out

    def act(self, s: SentenceContext, k: int, w: Token, r: Reading) -> SpeechAct | None:
        lemma = w.lemma_.lower()
        if any(c.lower_ in HEDGES for c in w.children) or w.dep_ in ("amod", "compound") and any(
                c.lower_ in HEDGES for c in w.head.children):
            return None  # "alleged crimes": someone else's word
        bag = speech_bag(w)
        for role in ("rallied", "warned", "response", "done_by", "denial", "said_of"):
            pat = self.lex.match_speech(role, lemma, set(bag))
            if pat is None or pat.code is None:
                continue
            if role == "done_by" and w.i in r.coded:
                continue  # "said troops breached the border": a claim of the breach the grammar coded
            found = getattr(self.roles, role)(s, w, pat, r)
            if found is None:
                continue
            code, targets, pred, labeller = found
            holder = self.roles.holder(s, w, pred, labeller, r.quotes)
            if holder is None or self.roles._unasserted(pred, w) or role not in ASKED_ROLES and self.roles._asked_for(pred):
                return None
            source, cue, speakers = holder
            if source.sector == "MED" and labeller is None:
                return None  # a newspaper reporting is not a newspaper accusing
            if self.roles._negated(w, pred) and not NEGATION_CUES & set(pat.cues):
                code = self.lex.speech_negated(code)  # "is not legitimate": 111; "is not a threat": nothing
            if code is None:
                return None
            targets = [t for t in targets if not itself(t, source) and (t.start, t.end) not in speakers
                       and (t.country or t.code.startswith(("IGO", "NGO", "IMG")))]
            if not targets and role not in ("response", "denial") and not self._unnamed_government(s, w, role) \
                    and not self._labelled_act(s, w, role, cue):
                return None
            cues = [bag[c] for c in pat.cues if c in bag]
            r.consumed.update(t.i for t in cues)
            tokens = {t.i: t for t in [w] + cues + ([labeller] if labeller is not None else [])}
            return SpeechAct(k, sorted(tokens.values(), key=lambda t: t.i), source, targets, code,
                             f"{role}: {pat.text}", cue)
        return None

    def _unnamed_government(self, s: SentenceContext, w: Token, role: str) -> bool:
        """"The regime is criminal", "a terrorist regime": said of a government the sentence does not name,
        which the story does (context_targets reads it)."""
        if role != "said_of":
            return False
        place = self.roles.predicated(s, w)
        bearer = place[0] if place is not None else None
        return bearer is not None and bearer.lemma_.lower() in self.lex.unnamed_governments \
            and not any(c.dep_ == "poss" or c.dep_ == "prep" for c in bearer.children)

    def _labelled_act(self, s: SentenceContext, w: Token, role: str, labeller: Token | None) -> bool:
        """An evaluation of an act with no named doer that is aimed at the doer the story names
        (context_targets reads it): an act labelled by a verb's subject ("Japan considers the launch a
        violation", "France considered the deployment of mercenaries a risk"), or force named with contempt
        ("the vile kidnapping", "this barbaric attack")."""
        if role != "said_of":
            return False
        place = self.roles.predicated(s, w)
        bearer = place[0] if place is not None else None
        if bearer is None or bearer.pos_ != "NOUN" or any(c.dep_ == "poss" for c in bearer.children):
            return False
        lemma = bearer.lemma_.lower()
        if labeller is None or labeller.lemma_.lower() not in self.lex.labelling_verbs:
            # "the vile kidnapping", "this barbaric attack": force named with contempt is the doer's, whom the
            # story names
            pat = self.lex.match_noun(lemma, set())
            return pat is not None and bool(pat.code) and pat.code[:2] in COERCION_ROOTS \
                and any(c.dep_ == "det" and c.lower_ in ("the", "this", "such") for c in bearer.children)
        return lemma in self.lex.act_nouns or lemma in self.lex.nouns

    def add_events(self, ctx: "DocContext", acts: list[SpeechAct]) -> None:
        # a statement or appeal code the grammar read from the same words gives way to the speech act:
        # "X is responsible for" (015, X claims responsibility), "... the ministry said" (an accusation
        # of X); "called on citizens to rise up against X" (020, an appeal), the rallying against X
        taken = {t.i for act in acts for t in act.tokens}
        kept = [(ev, tokens) for ev, tokens in zip(ctx.events, ctx.triggers)
                if not (ev.cameo_root in ("01", "02") and tokens[0].i in taken)]
        if len(kept) < len(ctx.events):
            ctx.events, ctx.triggers = [ev for ev, _ in kept], [tokens for _, tokens in kept]
        seen = {(ev.sentence_index, actor_key(ev.source), ev.cameo_root, actor_key(ev.target)) for ev in ctx.events}
        doc_dates = [e for e in ctx.doc.ents if e.label_ == "DATE"] if ctx.day is not None else []
        dates_by_sentence: dict[int, dict] = {}
        starts = [s.start for s in ctx.sentences]
        for act in acts:
            info = self.cameo.get(act.code)
            if info is None:
                continue
            when = self._date(ctx, act.cue, starts, doc_dates, dates_by_sentence)
            trigger = trigger_span(ctx.doc, act.tokens)
            for target in act.targets or [None]:
                source = act.source
                if source.sector not in STATE_FILL_EXCLUDED:  # "the opposition leader" of the country it opposes
                    source = fill_country(source, target, [], [])
                key = (act.sentence, actor_key(source), info.root, actor_key(target))
                if key in seen:
                    continue
                seen.add(key)
                ev = event_record(info, ctx.document, act.sentence, ctx.sentences[act.sentence].text, trigger,
                                  source, target, negated=False, modality="asserted", confidence=CONFIDENCE,
                                  pattern=act.pattern, precision=when.precision, date_source=when.source)
                ev.date = when.date or ctx.document.date
                ev.date_text = when.text
                ctx.events.append(ev)
                ctx.triggers.append(act.tokens)

    def _date(self, ctx: "DocContext", cue: Token | None, starts: list[int], doc_dates, cache) -> EventDate:
        """The statement's date: a date expression on its cue verb, else the document's."""
        doc_date = ctx.document.date
        fallback = EventDate(doc_date, "day" if ctx.day else None, "document" if ctx.day else None, None)
        if cue is None or ctx.day is None:
            return fallback
        k = bisect.bisect_right(starts, cue.i) - 1
        if k not in cache:
            cache[k] = self.dater.sentence_dates(ctx.sentences[k], ctx.day, doc_dates)
        return self.dater.for_event([cue], cache[k], doc_date)


def unclaim_spoken_acts(events: list[Event], triggers: list[list[Token]], quotes: list[Quote]) -> None:
    """A verbal act the speaker's side performs by speaking ("We condemn ...", "we urge ...") is the
    statement itself, not a claim about someone else (a speaker whose country is unknown is taken to
    speak for the actor). A claimed act whose subject is "we" (or "I") and which has no source is the
    speaker's."""
    for ev, tokens in zip(events, triggers):
        if not ev.claimed:
            continue
        q = attribution_for(ev.trigger.start, quotes)
        if q is None or q.speaker is None:
            continue
        if ev.source is None:
            subject = next((c for c in tokens[0].children if c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON), None)
            if subject is not None:
                ev.source = as_speaker(Actor(subject.text, "", None, None, subject.idx,
                                             subject.idx + len(subject.text)), q.speaker)
        # a speaker of no known country ("a foreign ministry spokesperson") is taken to speak for the actor
        if ev.quad_class in VERBAL_QUADS and ev.source is not None and (
                same_side(ev.source, q.speaker) or not q.speaker.country):
            ev.claimed = False
            ev.attribution = None


def _hashes(vocab, words) -> frozenset[int]:
    """String hashes of words as written and capitalised ("Nazi", "Terrorist" at a sentence start)."""
    return frozenset(vocab.strings.add(f) for w in words for f in (w, w.capitalize()))
