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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Token

from ..cameo import CameoTable
from ..lexicon import SPEECH_ROLES, Lexicon
from ..records import Actor, Event
from .actor_mentions import ActorResolver
from .arguments import Arguments
from .attribution import FIRST_PERSON, Quote, as_speaker, attribution_for
from .context import SentenceContext
from .countries import fill_country
from .dates import EventDate, EventDater
from .event_records import event_record, trigger_span
from .modality import Modality, conditional, in_condition, negated
from .predicates import cue_bag

if TYPE_CHECKING:
    from .context import DocContext

VERBAL_QUADS = (1, 3)  # verbal cooperation (01-05) and verbal conflict (09-13)
MATERIAL_QUADS = (2, 4)  # material cooperation (06-08) and material conflict (14-20)
STATE_SECTORS = (None, "GOV", "MIL")  # a state, its government and its armed forces: one side
# Speakers of a bare sector take the country of the actor they speak of (as the countries stage does),
# except organs of a state: a spokesperson of no known country may speak for any state.
STATE_FILL_EXCLUDED = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
ROLES = SPEECH_ROLES
ASKED_ROLES = ("response", "rallied")  # roles whose words may be what someone is asked or vows to do
HYPOTHETICAL = {"could", "might", "may"}
OBLIGATION = {"must", "should"}
PAST_AUX = {"was", "were", "has", "have", "had", "did"}
PRESENT_AUX = {"am", "is", "are", "'s", "'re"}
DENIED_AUX = {"did", "has", "have", "had", "was", "were"}  # "did not attack", "has never shelled"
HEDGES = {"alleged", "suspected", "purported", "reported", "possible"}  # someone else's word
BAG_DEPS = {"amod", "compound", "nmod", "advmod", "acomp", "oprd", "det", "aux", "auxpass", "nsubj", "nsubjpass",
            "neg", "xcomp", "ccomp", "npadvmod", "poss"}
NEGATION_CUES = {"not", "no"}
RESPONSE_PREPS = ("against", "to", "on", "at", "for")  # "countermeasures against X", "consequences for X"
ACT_PREPS = ("of", "over", "against", "about")  # "disapproval of the launch", "concern over the arrests"
DEFINITE = {"this", "that", "these", "those", "such", "the"}
VAGUE_BEARERS = {"it", "this", "that"}
ANTECEDENT_REACH = 3  # sentences back an act noun may refer to
CONFIDENCE = 0.7


@dataclass
class Reading:
    """What the stage knows of one document while reading it (lives in the call, never on the stage)."""

    quotes: list[Quote]  # the attribution stage's quotes and the statement nouns' clauses
    events: list[Event]
    triggers: list[list[Token]]
    coded: set[int]  # tokens the grammar coded as (part of) an event's trigger
    consumed: set[int] = field(default_factory=set)  # tokens an expression took as its cue


@dataclass
class SpeechAct:
    """An act found in what is said, before it becomes records (one per target)."""

    sentence: int
    tokens: list[Token]
    source: Actor
    targets: list[Actor]
    code: str
    pattern: str
    cue: Token | None  # the verb of saying or labelling: what the act's date hangs on


class SpeechActs:
    name = "speech_acts"
    requires = ("doc", "document", "sentences", "matches", "day", "history", "events", "triggers", "quotes")
    assigns = ("events", "triggers")

    def __init__(self, lexicon: Lexicon, resolver: ActorResolver, cameo: CameoTable, vocab):
        self.lex = lexicon
        self.cameo = cameo
        self.arguments = Arguments(lexicon, resolver)
        self.modality = Modality(lexicon)
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
        acts = self.answer_accusations(ctx, denials, starts) if denials else []
        acts += self.own_denials(ctx, starts)
        # words the grammar coded as an act: saying an actor did it is a claim of that act (a statement
        # code read from them, "X bears responsibility": 015, gives way to the speech act instead)
        coded = {t.i for ev, tokens in zip(ctx.events, ctx.triggers) if ev.cameo_root != "01" for t in tokens}
        r = Reading(ctx.quotes + self.statement_clauses(ctx, nouns, starts) if nouns else ctx.quotes, ctx.events,
                    ctx.triggers, coded)
        self.aim_at_acts(ctx, r)
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
        arr = doc.to_array([LEMMA, LOWER])
        hits = numpy.isin(arr[:, 0], self._heads) | numpy.isin(arr[:, 1], self._heads)
        nouns = numpy.isin(arr[:, 0], self._nouns)
        denials = numpy.isin(arr[:, 0], self._denials)
        return (numpy.flatnonzero(hits).tolist(), numpy.flatnonzero(nouns).tolist(),
                numpy.flatnonzero(denials).tolist())

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

    # ---- one expression ------------------------------------------------------------------------
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
            found = getattr(self, role)(s, w, pat, r)
            if found is None:
                continue
            code, targets, pred, labeller = found
            holder = self.holder(s, w, pred, labeller, r.quotes)
            if holder is None or self._unasserted(pred, w) or role not in ASKED_ROLES and self._asked_for(pred):
                return None
            source, cue, speakers = holder
            if source.sector == "MED" and labeller is None:
                return None  # a newspaper reporting is not a newspaper accusing
            if self._negated(w, pred) and not NEGATION_CUES & set(pat.cues):
                code = self.lex.speech_negated(code)  # "is not legitimate": 111; "is not a threat": nothing
            if code is None:
                return None
            targets = [t for t in targets if not itself(t, source) and (t.start, t.end) not in speakers
                       and (t.country or t.code.startswith(("IGO", "NGO", "IMG")))]
            if not targets and role not in ("response", "denial"):
                return None
            cues = [bag[c] for c in pat.cues if c in bag]
            r.consumed.update(t.i for t in cues)
            tokens = {t.i: t for t in [w] + cues + ([labeller] if labeller is not None else [])}
            return SpeechAct(k, sorted(tokens.values(), key=lambda t: t.i), source, targets, code,
                             f"{role}: {pat.text}", cue)
        return None

    def said_of(self, s, w, pat, r):
        place = self.predicated(s, w)
        if place is None:
            return None
        bearer, pred, labeller, attributive = place
        if bearer.lemma_.lower() in self.lex.claim_nouns:
            return None  # "the allegations are absurd": a denial (below), not criticism
        if bearer.lower_ == "it" and any(c.dep_ in ("ccomp", "xcomp") for c in pred.children):
            # "it is unacceptable that X continues ...": said of the clause's subject
            clause = next((c for c in pred.children if c.dep_ == "ccomp"
                           and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
            bearer = self.arguments.subject(s, clause)[0] if clause is not None else None
            if bearer is None:
                return None
        elif bearer.lower_ in VAGUE_BEARERS:
            return None  # "it is disappointing": "it" is the situation or a remark far more often than a state
        if not attributive:
            return pat.code, self.named(s, bearer, r), pred, labeller
        if not core_argument(bearer):
            return None  # "went on strike in protest against the violations": the reason of another act
        if bearer.i == w.i:
            return pat.code, self.owner(s, w, r), pred, labeller  # "X's aggression", "provocations by X"
        actors = self.arguments.actors(s, bearer)
        if actors:  # "the criminal regime in Kyiv": the speaker's own word only in a direct quote, and
            # not a standing label next to a name ("the Hamas terrorist organisation")
            named = any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in bearer.children)
            return (pat.code, actors, pred, labeller) if self._in_direct_quote(w, r.quotes) and not named else None
        return pat.code, self.owner(s, bearer, r), pred, labeller  # "Armenia's absurd statements"

    def denial(self, s, w, pat, r):
        place = self.predicated(s, w)
        if place is None:
            return None
        bearer, pred, labeller, attributive = place
        if bearer.lemma_.lower() not in self.lex.claim_nouns or (attributive and bearer.i == pred.i):
            return None
        return pat.code, self.owner(s, bearer, None), pred, labeller  # the accuser, never an antecedent act

    def done_by(self, s, w, pat, r):
        verb = w.head if w.pos_ == "ADV" or w.dep_ == "advmod" else w
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        doer = self.arguments.subject(s, verb)[0]
        targets = self.named(s, doer, r) if doer is not None else []
        if not targets:
            targets = self.prep_objects(s, [verb], r)  # "the responsibility lies with X"
        return pat.code, targets, verb, None

    def warned(self, s, w, pat, r):
        if w.pos_ not in ("VERB", "AUX"):
            return None
        obj = labelled_object(w) if w.lemma_.lower() in self.lex.labelling_verbs else None
        if obj is not None and not any(c.dep_ == "nsubjpass" for c in w.children):
            return pat.code, self.named(s, obj, r), w, w  # "we hold X responsible": the subject warns
        if not (self._future(w) or aux_of(w) & OBLIGATION):
            return None  # "X paid", "X faced": no warning
        src, passive_subject, _ = self.arguments.subject(s, w)
        subject = passive_subject if passive_subject is not None else src
        return pat.code, self.named(s, subject, r) if subject is not None else [], w, None

    def rallied(self, s, w, pat, r):
        """"called on citizens to rise up against X", "we need the people to mobilize against X": the
        appeal rallies opposition against X (113); the appealing verb's subject is the source."""
        x = w
        while x.dep_ == "conj" and x.head.i != x.i:
            x = x.head
        if x.dep_ not in ("xcomp", "ccomp"):
            return None
        verb = x.head
        lemma = verb.lemma_.lower()
        if self.lex.control.get(lemma) not in ("appeal", "demand") and lemma not in self.lex.appeal_verbs:
            return None
        targets = self.prep_objects(s, [w], r, ("against", "to"))
        if not targets:  # "to resist Western pressure", "to oppose the junta"
            targets = next((found for o in w.children if o.dep_ == "dobj" for found in [self.named(s, o, r)]
                            if found), [])
        return pat.code, targets, w, verb

    def response(self, s, w, pat, r):
        verb = w
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head  # "countermeasures will follow", "will take countermeasures"
        if verb.pos_ not in ("VERB", "AUX") or not self._announced(verb):
            return None  # "Russia took countermeasures": an act of the past, the grammar's
        src, _, _ = self.arguments.subject(s, verb)
        q = attribution_for(w.idx, r.quotes)
        speaker = q.speaker if q is not None else None
        if src is not None and src.lower_ not in FIRST_PERSON:
            doers = self.arguments.actors(s, src)
            if speaker is None or not doers or not same_side(doers[0], speaker):
                return None  # a third party's response is a claim about it, not the speaker's threat
        heads = [w, verb] + [c for h in (w, verb) for c in h.children if c.dep_ in ("dobj", "xcomp")]
        return pat.code, self.prep_objects(s, heads, r, RESPONSE_PREPS), verb, None

    def _announced(self, verb: Token) -> bool:
        """Said of now or of the future: "will retaliate", "are preparing countermeasures", "reserve the
        right", "ready to respond"; not "retaliated", "have taken countermeasures"."""
        aux = aux_of(verb)
        if self._future(verb) or aux & OBLIGATION:
            return True
        if aux & PAST_AUX:
            return False
        if verb.tag_ in ("VBP", "VBZ") or aux & PRESENT_AUX:
            return True
        head = verb.head
        return verb.dep_ == "xcomp" and self.lex.control.get(head.lemma_.lower()) in ("intent", "threaten")

    def aim_at_acts(self, ctx: "DocContext", r: Reading) -> None:
        """Criticism the grammar coded with no target, of an act ("condemned the arrest", "strongly
        condemns this move"): aimed at the act's doer, named ("the Israeli strikes", "steps taken by X")
        or coded before (antecedent)."""
        for ev, tokens in zip(ctx.events, ctx.triggers):
            if ev.target is not None or ev.cameo_root != "11" or ev.source is None:
                continue
            nouns = [c for c in tokens[0].children if c.dep_ in ("dobj", "nsubjpass")]
            nouns += [o for t in tokens for c in t.children if c.dep_ == "prep" and c.lower_ in ACT_PREPS
                      for o in c.children if o.dep_ == "pobj"]
            if not nouns:
                continue
            s = ctx.sentence(ctx.sentences[ev.sentence_index])
            for n in nouns:
                found = [a for a in self.owner(s, n, r, of=False) if not same_side(a, ev.source)]
                if found:
                    ev.target = found[0]
                    break

    # ---- where the words are -------------------------------------------------------------------
    def predicated(self, s: SentenceContext, w: Token):
        """(bearer, predicate, labelling verb or None, attributive?) for an evaluative word: the noun it
        is said of, the verb that says so, and the labelling verb whose subject says it."""
        x = w
        while x.dep_ == "conj" and x.head.i != x.i:
            x = x.head  # "criminal and terrorist"
        if x.dep_ in ("amod", "compound", "nmod") and x.head.pos_ in ("NOUN", "PROPN"):
            noun = x.head
            found = self._predicate_position(s, noun)
            if found is not None:
                return found + (False,)
            return noun, noun, None, True  # "the criminal regime", "Armenia's absurd statements"
        found = self._predicate_position(s, x)
        if found is not None:
            return found + (False,)
        if x.pos_ in ("NOUN", "PROPN"):
            return x, x, None, True  # "X's aggression": aimed at its owner
        return None

    def _predicate_position(self, s: SentenceContext, x: Token):
        dep, head = x.dep_, x.head
        lemma = head.lemma_.lower()
        if head.lower_ == "as" and dep in ("pobj", "pcomp", "amod", "acomp"):
            verb = head.head  # "described X as arbitrary"
            if verb.lemma_.lower() in self.lex.labelling_verbs:
                obj = labelled_object(verb)
                return (obj, verb, verb) if obj is not None else None
            return None
        if dep in ("npadvmod", "appos") and head.dep_ == "dobj" \
                and head.head.lemma_.lower() in self.lex.labelling_verbs:
            return head, head.head, head.head  # "calling X's move a breach" parsed on the object
        if dep == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in self.lex.likening_verbs:
            verb = head.head  # "compared X to dictators"
            obj = labelled_object(verb)
            return (obj, verb, verb) if obj is not None else None
        if dep in ("oprd", "ccomp", "xcomp", "acomp", "attr") and lemma in self.lex.labelling_verbs:
            obj = labelled_object(head, x)  # "called X a murderer", "holds X responsible"
            if obj is not None:
                return obj, head, head
        if dep == "pobj" and head.dep_ == "prep" and head.lower_ == "to" \
                and head.head.lemma_.lower() in self.lex.copular_verbs:
            x, head = head, head.head  # "X's actions amount to genocide"
            dep, lemma = x.dep_, head.lemma_.lower()
        if dep in ("acomp", "attr", "xcomp", "prep", "dobj") and lemma in self.lex.copular_verbs:
            if dep == "dobj" and lemma == "be":
                return None
            src, passive_subject, _ = self.arguments.subject(s, head)
            subject = src if src is not None else passive_subject
            return (subject, head, None) if subject is not None else None
        if dep == "appos" and head.pos_ in ("NOUN", "PROPN"):
            return head, head, None  # "X, a puppet regime,"
        return None

    def holder(self, s: SentenceContext, w: Token, pred: Token, labeller: Token | None,
               quotes: list[Quote]) -> tuple[Actor, Token | None, set[tuple[int, int]]] | None:
        """Who says it, the verb saying it and the spans of the speakers' mentions: a labelling verb's
        subject ("Japan considers X to be ..."), else the speaker of the innermost quote or reported
        clause holding the words."""
        q = attribution_for(w.idx, quotes)
        if labeller is None:
            t = pred
            while t.dep_ in ("ccomp", "xcomp", "conj", "advcl") and t.head.i != t.i:
                head_lemma = t.head.lemma_.lower()
                if t.dep_ in ("ccomp", "xcomp") and head_lemma in self.lex.labelling_verbs or \
                        t.dep_ == "xcomp" and head_lemma in self.lex.reporting_verbs:
                    labeller = t.head  # "Japan considers X to be ...", "X claims to be ...": its subject's
                    break
                if head_lemma in self.lex.reporting_verbs:
                    break
                t = t.head
        if labeller is not None:
            sources = self.sayers(s, labeller)
            if not sources and q is not None and q.speaker is not None and q.start <= labeller.idx < q.end:
                subject = self.arguments.subject(s, labeller)[0]
                if subject is not None and subject.lower_ in FIRST_PERSON:  # "we consider X ...", "we need ..."
                    sources = [as_speaker(Actor(subject.text, "", None, None, subject.idx,
                                                subject.idx + len(subject.text)), q.speaker)]
            if not sources:
                return None
            source = sources[0]
            if q is not None and q.speaker is not None and (q.start <= labeller.idx < q.end):
                source = as_speaker(source, q.speaker)
            return source, labeller, {(a.start, a.end) for a in sources}
        if q is None or q.speaker is None:
            return None
        cue = w.doc[q.cue_index] if q.cue_index is not None else None
        return q.speaker, cue, {(q.speaker.start, q.speaker.end)}

    def sayers(self, s: SentenceContext, verb: Token) -> list[Actor]:
        """The actors a labelling verb's subject names; for a participle with no subject of its own the
        subject of a verb above it ("Zelensky posted ..., calling X a ...")."""
        t = verb
        for _ in range(4):
            src = self.arguments.subject(s, t)[0]
            found = self.arguments.actors(s, src) if src is not None else []
            if found or t.dep_ not in ("advcl", "conj", "xcomp", "ccomp") or t.head.i == t.i:
                return found
            t = t.head
        return []

    def named(self, s: SentenceContext, head: Token | None, r: Reading | None) -> list[Actor]:
        """The actors a noun names, or, for an act ("the decision of X"), the actors it belongs to."""
        if head is None:
            return []
        # an actor the noun itself names, not one it is only "in" or "of" ("the situation in Gaza")
        heads = [head] + list(head.conjuncts)
        found = [a for a in self.arguments.actors(s, head) if any(a.start <= h.idx < a.end for h in heads)]
        return found or self.owner(s, head, r)

    def owner(self, s: SentenceContext, n: Token, r: Reading | None, of: bool = True) -> list[Actor]:
        """Whose act a noun is: its possessor, its "by" agent (also of a participle: "policies pursued by
        X"), an actor modifying it ("the Dutch decision"), its "of" object; for "this move", "the
        arrest", the doer of the act it refers to (antecedent)."""
        groups = [[c for c in n.children if c.dep_ == "poss"]]
        groups.append([o for c in n.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                       for o in c.children if o.dep_ == "pobj"])
        groups.append([o for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN"
                       for a in c.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"])
        groups.append([c for c in n.children if c.dep_ in ("amod", "compound") and c.i in s.matches])
        if of:  # "the decision of X" (but "the arrest of X" names the one arrested: the caller says)
            groups.append([o for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                           for o in c.children if o.dep_ == "pobj"])
        for group in groups:
            for h in group:
                found = self.arguments.actors(s, h)
                if found:
                    return found
        return self.antecedent(n, r) if r is not None else []

    def antecedent(self, n: Token, r: Reading) -> list[Actor]:
        """"This move", "such steps", "the arrest": a definite act noun with no owner refers to an act
        coded before it, in its sentence or the three before: the latest material act (the same word's
        first), and is aimed at that act's doer."""
        if n.pos_ != "NOUN" or not any(c.lower_ in DEFINITE for c in n.children if c.dep_ in ("det", "amod")):
            return []
        lemma = n.lemma_.lower()
        if lemma not in self.lex.act_nouns and self.lex.match_noun(lemma, set()) is None:
            return []
        first = self._reach(n)
        above = {t.i for t in n.ancestors}  # "to mobilize against the coup": not the mobilizing
        earlier = [(ev, tokens) for ev, tokens in zip(r.events, r.triggers)
                   if ev.source is not None and ev.quad_class in MATERIAL_QUADS and first <= tokens[0].i
                   and tokens[-1].i < n.i and not above & {t.i for t in tokens}]
        same = [ev for ev, tokens in earlier if any(t.lemma_.lower() == lemma for t in tokens)]
        found = same or [ev for ev, _ in earlier]
        return [max(found, key=lambda ev: ev.trigger.start).source] if found else []

    @staticmethod
    def _reach(n: Token) -> int:
        """The first token of the earliest sentence an antecedent may be in."""
        sent = n.sent
        for _ in range(ANTECEDENT_REACH):
            if sent.start == 0:
                break
            sent = n.doc[sent.start - 1].sent
        return sent.start

    def prep_objects(self, s: SentenceContext, heads: list[Token], r: Reading,
                     preps=("with", "against", "to", "on", "upon")) -> list[Actor]:
        """Actors that are objects of the given prepositions on these words ("lies with X")."""
        for h in heads:
            objs = [h] if h.dep_ == "prep" else []
            objs += [c for c in h.children if c.dep_ == "prep"]
            for prep in objs:
                if prep.lower_ not in preps:
                    continue
                for o in prep.children:
                    if o.dep_ == "pobj":
                        found = self.named(s, o, r)
                        if found:
                            return found
        return []

    # ---- how it is said ------------------------------------------------------------------------
    def _negated(self, w: Token, pred: Token) -> bool:
        tokens = [w, pred] + ([w.head] if w.dep_ in ("amod", "compound") else [])
        return any(negated(t) or any(c.dep_ == "det" and c.lower_ == "no" for c in t.children) for t in tokens)

    def _unasserted(self, pred: Token, w: Token) -> bool:
        """A condition, a hypothetical ("could be", "would be" outside reported speech) or a question
        ("whether X is ...")."""
        for t in (pred, w):
            if in_condition(t) or conditional(t):
                return True
            aux = aux_of(t)
            if aux & HYPOTHETICAL:
                return True
            if "would" in aux and self.modality.reported(t) is None:
                return True
            if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                   for c in t.children):
                return True  # "X would be an aggressor if it attacked"
        return False

    def _asked_for(self, pred: Token) -> bool:
        """The words are what someone is asked, urged, told or promised to do or be ("urged X to stop
        interfering"): not said of anyone as a fact."""
        t = pred
        for _ in range(6):
            head = t.head.lemma_.lower()
            if t.dep_ == "conj" and t.head.i != t.i:
                t = t.head
            elif t.dep_ == "xcomp":  # "urged X to stop", "promised to be constructive"
                if self.lex.control.get(head, "same") not in ("same", "attempt"):
                    return True
                t = t.head
            else:  # "demanded that X stop" ("told X that ..." is no order)
                return t.dep_ == "ccomp" and head in self.lex.clause_control
        return False

    def _future(self, verb: Token) -> bool:
        aux = aux_of(verb)
        if aux & self.lex.future_aux:
            return True
        if "would" in aux and self.modality.reported(verb) is not None:
            return True  # "said X would pay": the future of reported speech
        head = verb.head  # "are going to respond"
        return verb.dep_ == "xcomp" and head.lemma_.lower() == "go" and head.tag_ == "VBG"

    @staticmethod
    def _in_direct_quote(w: Token, quotes: list[Quote]) -> bool:
        q = attribution_for(w.idx, quotes)
        return q is not None and q.direct

    # ---- denials that answer an accusation ------------------------------------------------------
    def answer_accusations(self, ctx: "DocContext", denials: list[int], starts: list[int]) -> list[SpeechAct]:
        """"X accused Y of ..., a charge Y denies" / "X said Y did ..., which Y denies": Y's denial toward
        X (the accuser of the accusation before it in the sentence, else the speaker of the statement it
        answers). A denial the grammar coded gets that source and target; one it did not becomes a
        speech act."""
        acts: list[SpeechAct] = []
        for i in denials:
            d = ctx.doc[i]
            if d.pos_ != "VERB" or not self._answers(d):
                continue
            k = bisect.bisect_right(starts, i) - 1
            s = ctx.sentence(ctx.sentences[k])
            subject = self.arguments.subject(s, d)[0]
            deniers = [] if subject is None or subject.lower_ in PRONOUN_SUBJECTS \
                else self.arguments.actors(s, subject)
            before = [ev for ev in ctx.events if ev.sentence_index == k and ev.cameo_root == "11"
                      and ev.source is not None and (ev.target is not None or deniers) and ev.trigger.start < d.idx]
            if before:  # "Thailand alleged ..., an accusation Cambodia denied": the denier is the accused
                accuser, accused = before[-1].source, before[-1].target or deniers[0]
            else:  # "Turkey said Greece had violated its airspace, which Athens denies"
                q = attribution_for(d.idx, ctx.quotes)
                if q is None or q.speaker is None or not deniers:
                    continue
                accuser, accused = q.speaker, deniers[0]
            denier = deniers[0] if deniers and not same_side(deniers[0], accuser) else accused
            if same_side(denier, accuser):
                continue
            coded = [ev for ev in ctx.events if ev.cameo == "016" and ev.trigger.start == d.idx]
            for ev in coded:
                ev.source, ev.target = denier, accuser
                ev.claimed, ev.attribution = False, None  # the denial is the accused's own speech act
            if not coded:
                acts.append(SpeechAct(k, [d], denier, [accuser], "016", f"denial: {d.lemma_.lower()} accusation", d))
        return acts

    def own_denials(self, ctx: "DocContext", starts: list[int]) -> list[SpeechAct]:
        """"Our forces did not attack the hospital", "there were no Russian strikes", said by the side
        accused: a denial (016), aimed at no one named."""
        acts: list[SpeechAct] = []
        for ev, tokens in zip(ctx.events, ctx.triggers):
            if not ev.claimed or ev.quad_class not in MATERIAL_QUADS[1:] or ev.source is None:
                continue
            q = attribution_for(ev.trigger.start, ctx.quotes)
            if q is None or q.speaker is None or not same_side(ev.source, q.speaker):
                continue
            verb = tokens[0]
            if not (ev.negated and aux_of(verb) & DENIED_AUX and not any(c.lower_ == "yet" for c in verb.children)):
                continue
            k = ev.sentence_index
            cue = ctx.doc[q.cue_index] if q.cue_index is not None else None
            acts.append(SpeechAct(k, tokens, q.speaker, [], "016", f"denial: not {verb.lemma_.lower()}", cue))
        for q in ctx.quotes:  # "there were no Russian strikes on the city"
            if q.speaker is None or "there" not in q.text.lower():
                continue
            span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
            for n in span if span is not None else ():
                if n.lemma_.lower() != "be" or not any(c.dep_ == "expl" for c in n.children) \
                        or not aux_of(n) | {n.lower_} & {"was", "were", "been"}:
                    continue
                for attr in n.children:
                    pat = self.lex.match_noun(attr.lemma_.lower(), set()) if attr.dep_ == "attr" else None
                    if pat is None or not pat.code or pat.code[:2] < "14" \
                            or not any(c.dep_ == "det" and c.lower_ == "no" for c in attr.children):
                        continue
                    k = bisect.bisect_right(starts, n.i) - 1
                    doers = self.owner(ctx.sentence(ctx.sentences[k]), attr, None, of=False)
                    if doers and same_side(doers[0], q.speaker):  # "there were no Russian strikes"
                        cue = ctx.doc[q.cue_index] if q.cue_index is not None else None
                        acts.append(SpeechAct(k, [attr], q.speaker, [], "016", f"denial: no {attr.lemma_.lower()}",
                                              cue))
        return acts

    def _answers(self, d: Token) -> bool:
        """Is this verb of denial in a clause on an accusation: "a charge Y denies", "which Y denies"?"""
        if d.dep_ in ("relcl", "acl") and (d.head.lemma_.lower() in self.lex.claim_nouns or any(
                c.tag_ == "WDT" and c.dep_ in ("dobj", "nsubjpass") for c in d.children)):
            return True
        return any(c.lemma_.lower() in self.lex.claim_nouns and c.dep_ in ("nsubj", "dobj", "npadvmod")
                   for c in d.children)

    # ---- records -------------------------------------------------------------------------------
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


PRONOUN_SUBJECTS = {"it", "they", "he", "she", "which", "who"}
CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "appos", "oprd", "ROOT"}


def core_argument(n: Token) -> bool:
    """A noun that is a clause's subject, object or predicate, or hangs on one through prepositions
    ("evidence of the regime's authoritarianism"); not one in an adverbial phrase ("in protest
    against the violations")."""
    t = n
    while t.dep_ in ("pobj", "conj") and t.head.i != t.i:
        if t.dep_ == "conj":
            t = t.head
            continue
        prep = t.head
        if prep.dep_ == "agent":
            return True  # "intimidated by the vile kidnapping": the agent is the act's subject
        if prep.dep_ != "prep" or prep.head.pos_ not in ("NOUN", "PROPN", "PRON"):
            return False
        t = prep.head
    return t.dep_ in CORE_DEPS


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


def _hashes(vocab, words) -> numpy.ndarray:
    """String hashes of words as written and capitalised ("Nazi", "Terrorist" at a sentence start)."""
    forms = {f for w in words for f in (w, w.capitalize())}
    return numpy.array([vocab.strings.add(f) for f in sorted(forms)], dtype=numpy.uint64)


def same_side(actor: Actor | None, other: Actor | None) -> bool:
    """The same actor, a first-person mention, or a state and its government or armed forces."""
    if actor is None or other is None:
        return False
    if actor.code == other.code or actor.text.split()[0].lower() in FIRST_PERSON:
        return True
    return bool(actor.country) and actor.country == other.country and (
        other.sector in STATE_SECTORS and actor.sector in STATE_SECTORS)


def itself(target: Actor, source: Actor) -> bool:
    """Is the target the source itself: the same actor, "we", or a state and one of its organs (a
    government and its own army are two actors: "the army staged a coup")."""
    if target.code == source.code or target.text.split()[0].lower() in FIRST_PERSON:
        return True
    return bool(target.country) and target.country == source.country and (target.sector is None
                                                                         or source.sector is None)


def actor_key(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or actor.code


def aux_of(t: Token) -> set[str]:
    return {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}


def labelled_object(verb: Token, complement: Token | None = None) -> Token | None:
    """What a labelling verb says something of: its object ("called X a ..."), the subject of its
    small clause ("holds X responsible", "considers X to be ..."), or its passive subject."""
    for c in verb.children:
        if c.dep_ in ("dobj", "dative"):
            return c
    small = [complement] if complement is not None else [c for c in verb.children if c.dep_ in ("ccomp", "xcomp",
                                                                                              "oprd")]
    for c in small:
        subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def speech_bag(w: Token) -> dict[str, Token]:
    """Cue words around an expression's head, with the token each came from: what cue_bag finds for a
    predicate, plus modifiers (compounds in full), adverbs, determiners, auxiliaries, subjects and
    complements; "not" when it is negated."""
    _, words = cue_bag(w)
    words = dict(words)

    def add(t: Token) -> None:
        words.setdefault(t.lemma_.lower(), t)
        words.setdefault(t.lower_, t)
        for c in t.children:
            if c.dep_ == "compound":
                add(c)

    for c in w.children:
        if c.dep_ in BAG_DEPS:
            add(c)
    if negated(w):
        words.setdefault("not", w)
    return words
