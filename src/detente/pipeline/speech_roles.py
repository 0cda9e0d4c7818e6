"""Where a speech act's words are and whom they are aimed at: one method per role of speech.yaml
(said_of, denial, done_by, warned, rallied, response), the positions an evaluation is said in
(predicated), who says it (holder), whose act a noun is (owner, antecedent), and how it is said
(negated, unasserted, asked for, future). Used by the speech_acts stage."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lexicon import Lexicon
from ..records import Actor, Quote
from .arguments import Arguments
from .attribution import FIRST_PERSON, as_speaker, attribution_for
from .context import SentenceContext
from .modality import Modality, conditional, in_condition, negated
from .speech_words import (ACT_PREPS, ANTECEDENT_REACH, DEFINITE, HYPOTHETICAL, MATERIAL_QUADS, OBLIGATION,
                           PAST_AUX, PRESENT_AUX, RESPONSE_PREPS, VAGUE_BEARERS, Reading, aux_of, core_argument,
                           labelled_object, same_side)

if TYPE_CHECKING:
    from .context import DocContext


class SpeechRoles:
    def __init__(self, lexicon: Lexicon, arguments: Arguments):
        self.lex = lexicon
        self.arguments = arguments
        self.modality = Modality(lexicon)

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
        if bearer.lemma_.lower() in self.lex.statement_nouns:
            return pat.code, self.owner(s, bearer, r), pred, labeller  # "Le Drian's hostile comments"
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
        if labeller is None and q is None:
            # "Mali's government said, citing Le Drian's hostile comments": the reporter's own words
            labeller = next((a.head for a in w.ancestors if a.lemma_.lower() == "cite" and a.head.i != a.i
                             and a.head.lemma_.lower() in self.lex.reporting_verbs), None)
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
