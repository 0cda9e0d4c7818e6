"""Events named by a noun with a clear actor: "Ukraine's incursion into Kursk", "an Israeli airstrike
on Gaza", "a mediation effort by Qatar". The noun's possessor, a dictionary modifier or its "by" agent
is the source; a prepositional object the target; a mutual act "between A and B" ("clashes between police
and protesters", "negotiations between the presidents of A and B") goes both ways. A noun that is the object of a verbal act already
coded ("rejected an Indian proposal") is not a second event."""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Lexicon
from ..records import Actor
from .arguments import Arguments, agent_of, between
from .context import RawEvent, SentenceContext
from .predicate_events import FIGHT_CODE, STATE_SECTORS
from .predicates import VIOLENT_ROOTS, noun_bag
from .syntax import OBJ_DEPS, TARGET_PREPS


CONSULT_ROOT = "04"
FORCE_SECTORS = {"MIL", "COP", "SPY", "JUD"}  # state bodies a compound noun names ("police investigation")
PARTICIPANT = " (participant)"  # the pattern note of a meeting the clause's subject took part in
# Acts a state organ announces as its own: arrests, expulsions, sanctions, protests, investigations.
OWN_ACT_ROOTS = {"09", "11", "12", "16", "17"}
# Prepositions of a phrase that places a clause at or after a meeting its subject took part in.
PARTICIPATION_PREPS = {"after", "during", "from", "following", "at", "in", "before", "since", "upon"}
# Reactions received (criticism, condemnation, praise, rejection): "drew criticism from X".
REACTION_ROOTS = {"05", "11", "12"}
# "X claimed the attack", "X claimed/took/accepted responsibility for the attack": X did it.
CLAIM_VERBS = {"claim"}
RESPONSIBILITY_NOUNS = {"responsibility", "credit"}
RESPONSIBILITY_VERBS = {"claim", "take", "accept", "admit", "assume"}


class NominalEvents:
    def __init__(self, lexicon: Lexicon, arguments: Arguments):
        self.lex = lexicon
        self.arguments = arguments

    def __call__(self, s: SentenceContext, consumed: set[int], verbal: list[RawEvent]) -> list[RawEvent]:
        """The sentence's nominal events, given the predicate events already read (`verbal`) and the
        tokens they took (`consumed`, which the nominal events add to)."""
        covered = {t.i for ev in verbal for trig in ev.trigger[:1] for c in trig.children
                   if c.dep_ in OBJ_DEPS + ("prep", "xcomp", "ccomp") for t in c.subtree}
        out: list[RawEvent] = []
        for t in s.sent:
            if t.pos_ == "NOUN" and t.i not in consumed and t.i not in s.matches:
                ev = self.event(s, t, consumed)
                if ev is None:
                    continue
                if t.i in covered and _verbal(ev.code) and not ev.pattern.endswith(PARTICIPANT):
                    continue  # "rejected an Indian proposal": the proposal is the rejection's object
                out.append(ev)
        return out

    def event(self, s: SentenceContext, n: Token, consumed: set[int]) -> RawEvent | None:
        lemma = n.lemma_.lower()
        if lemma in self.lex.conflict_nouns and lemma not in self.lex.nouns:
            return self._outbreak(s, n, consumed)
        if lemma not in self.lex.nouns:
            return None
        # "a mediation effort": the trigger is a modifier; its head noun carries the relations
        anchor = n
        while anchor.dep_ == "compound" and anchor.head.i != anchor.i and anchor.head.pos_ in ("NOUN", "PROPN"):
            anchor = anchor.head
        if anchor.i != n.i and anchor.i in consumed:
            return None
        bag = noun_bag(n, anchor)
        pat = self.lex.match_noun(lemma, bag)
        if pat is None or pat.code is None:
            return None
        if self._background(anchor):
            return None  # "amid escalating Russian attacks", "a rise in Palestinian attacks"
        if _generic(s, anchor):
            return None  # "rejected Western sanctions on Russia": a standing practice, not one act
        src_tok: Token | None = None
        for c in list(anchor.children) + ([c for c in n.children] if anchor.i != n.i else []):
            if c.i == n.i:
                continue
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.i in s.matches):
                src_tok = c
                break
            if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() not in self.lex.classes.get("weapon", ()) \
                    and self.arguments.resolver.sector_of(c)[0] in FORCE_SECTORS:
                src_tok = c  # "a police investigation", "an army operation": the force named by its sector (not
                break  # "a missile attack", nor "a government coup", the coup against a government
        if src_tok is None:
            src_tok = agent_of(anchor)
        if src_tok is None and pat.code[:2] in REACTION_ROOTS:
            reaction = self._reaction(s, anchor, consumed)  # "the decision drew criticism from Germany"
            if reaction is not None:
                sources, targets = reaction
                consumed.update({n.i, anchor.i})
                return RawEvent([n], sources, targets, pat.code, f"noun:{pat.text} (reaction)", False, "asserted",
                                0.7)
        if src_tok is None and anchor.dep_ == "conj" and anchor.head.lemma_.lower() in self.lex.nouns:
            # "Thailand's withdrawal of its ambassador and expulsion of Cambodia's envoy": a shared owner
            src_tok = next((c for c in anchor.head.children if c.dep_ == "poss"), None)
        undergone = self._undergone(s, anchor) if pat.code[:2] in VIOLENT_ROOTS else None
        if src_tok is None and undergone:  # "settlements were subjected to air strikes": no doer named
            consumed.update({n.i, anchor.i})
            return RawEvent([n], [], undergone, pat.code, f"noun:{pat.text} (undergone)", False, "asserted", 0.6)
        if src_tok is None and pat.code[:2] in VIOLENT_ROOTS:
            src_tok = self._claimer(s, anchor)  # "Hamas claimed (responsibility for) the attack on ..."
        if src_tok is None and self.lex.mutual(pat.code):  # "clashes between police and protesters"
            sides = between(anchor)
            if sides is None and anchor.dep_ == "nsubj":  # "clashes erupted between A and B"
                sides = between(anchor.head)
            found = self.arguments.actors(s, sides) if sides is not None else []
            if len(found) >= 2:
                consumed.update({n.i, anchor.i})
                return RawEvent([n], found, [], pat.code, f"noun:{pat.text}", False, "asserted", 0.7)
        if src_tok is None and pat.code[:2] in OWN_ACT_ROOTS:
            src_tok = self._own_announcement(s, anchor)  # "the army confirmed the arrest of a Palestinian"
        if src_tok is None and pat.code[:2] == CONSULT_ROOT:
            taken = self._taken_part(s, anchor)  # "came away disappointed from a phone call with Xi"
            if taken is not None:
                consumed.update({n.i, anchor.i})
                return RawEvent([n], taken[0], taken[1], pat.code, f"noun:{pat.text}{PARTICIPANT}", False,
                                "asserted", 0.7)
        if src_tok is None:
            return None
        if src_tok.dep_ in ("amod", "compound") and src_tok.i in s.matches:
            m = s.matches[src_tok.i]
            sources = [self.arguments.resolver.from_match(m, n.doc[m.start:m.end], s.day, None)]
        else:
            sources = self.arguments.actors(s, src_tok)
        if not sources:
            return None
        targets: list[Actor] = []
        spans = {(a.start, a.end) for a in sources}
        homes = {a.country for a in sources if a.country}
        for c in anchor.children:
            if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                for o in c.children:
                    if o.dep_ == "pobj":
                        targets = [a for a in self.arguments.actors(s, o) if (a.start, a.end) not in spans
                                   and not (_own(o) and a.country in homes)]
                if targets:
                    break
        if undergone and not targets:
            targets = undergone  # "Ukrainian positions came under Russian artillery fire"
        consumed.update({n.i, anchor.i})
        negated = any(c.lower_ == "no" for c in anchor.children if c.dep_ == "det")
        code = (self.lex.transform("negation", pat.code) if negated else None) or pat.code
        return RawEvent([n], sources, targets, code, f"noun:{pat.text}", negated, "asserted", 0.75)


    def _outbreak(self, s: SentenceContext, n: Token, consumed: set[int]) -> RawEvent | None:
        """"War broke out between A and B", "the conflict erupted between A and B": the start of fighting
        between the two, both ways (but "the war between A and B" as such is standing background)."""
        if n.dep_ != "nsubj" or n.head.lemma_.lower() not in self.lex.outbreak_verbs:
            return None
        sides = between(n) or between(n.head)
        found = self.arguments.actors(s, sides) if sides is not None else []
        if len(found) < 2:
            return None
        consumed.update({n.i, n.head.i})
        return RawEvent([n], found, [], FIGHT_CODE, f"noun:{n.lemma_.lower()} broke out", False,
                        "asserted", 0.7)

    def _undergone(self, s: SentenceContext, n: Token) -> list[Actor]:
        """Who suffers an attack named by the object of "subjected to" or "came under" (modality.yaml,
        undergoing): the verb's subject."""
        t = n
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head  # "subjected to drone attacks, air strikes and shelling"
        if t.dep_ != "pobj" or t.head.dep_ != "prep":
            return []
        verb = t.head.head
        if f"{verb.lemma_.lower()} {t.head.lower_}" not in self.lex.undergoing:
            return []
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return self.arguments.actors(s, subj) if subj is not None else []

    def _reaction(self, s: SentenceContext, n: Token, consumed: set[int]) -> tuple[list[Actor], list[Actor]] | None:
        """A reaction received by a verb's subject ("X's move drew criticism from Y", "X faced criticism
        from Y", "X was met with criticism in Y"): Y's act aimed at X (or at the owner of X's act)."""
        if n.dep_ == "dobj":
            verb = n.head
        elif n.dep_ == "pobj" and n.head.lower_ == "with" and n.head.dep_ == "prep":
            verb = n.head.head
        else:
            return None
        if verb.lemma_.lower() not in self.lex.reaction_verbs:
            return None
        sources: list[Actor] = []
        for holder in (n, verb):
            for c in holder.children:
                if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by", "in", "among"):
                    for o in c.children:
                        if o.dep_ == "pobj":
                            found = self.arguments.actors(s, o)
                            sources = [a for a in found if a.country or c.lower_ != "in"]
                if sources:
                    break
            if sources:
                break
        if not sources:
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        targets = self.arguments.actors(s, subj) if subj is not None else []
        if not targets and subj is not None:  # "Mali's use of mercenaries was met with criticism"
            owner = next((c for c in subj.children if c.dep_ == "poss"), None)
            targets = self.arguments.actors(s, owner) if owner is not None else []
        spans = {(a.start, a.end) for a in sources}
        return sources, [a for a in targets if (a.start, a.end) not in spans]

    def _own_announcement(self, s: SentenceContext, n: Token) -> Token | None:
        """A state organ that announces or confirms an act of the kind states do ("the army confirmed the
        arrest of ...", "the ministry announced the expulsion of ..."): its own act."""
        verb = n.head
        if n.dep_ != "dobj" or verb.lemma_.lower() not in self.lex.announcing_verbs:
            return None
        subj = self.arguments.subject(s, verb)[0]
        actors = self.arguments.actors(s, subj)
        return subj if actors and all(a.sector in STATE_SECTORS for a in actors) else None

    def _taken_part(self, s: SentenceContext, n: Token) -> tuple[list[Actor], list[Actor]] | None:
        """A meeting or call "with Y" named in a time or circumstance phrase of a clause ("after talks with
        Y", "during a phone call with Y", "came away disappointed from a call with Y"): the clause's
        subject took part in it with Y."""
        if n.dep_ != "pobj" or n.head.dep_ != "prep" or n.head.lower_ not in PARTICIPATION_PREPS:
            return None
        verb = n.head.head
        if verb.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        partner = next((o for c in n.children if c.dep_ == "prep" and c.lower_ == "with"
                        for o in c.children if o.dep_ == "pobj"), None)
        if partner is None:
            return None
        sources = self.arguments.actors(s, self.arguments.subject(s, verb)[0])
        spans = {(a.start, a.end) for a in sources}
        targets = [a for a in self.arguments.actors(s, partner) if (a.start, a.end) not in spans]
        return (sources, targets) if sources and targets else None

    def _background(self, n: Token) -> bool:
        """Is the noun a pattern of acts named as background (modality.yaml background_modifiers,
        trend_nouns, background_preps) rather than an act?"""
        lex = self.lex
        if any(c.dep_ == "amod" and c.lower_ in lex.background_modifiers for c in n.children):
            return True
        t = n
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        if t.dep_ == "pobj":
            prep = t.head
            if prep.lower_ in lex.background_preps:
                return True
            holder = prep.head
            if prep.lower_ in ("in", "of") and holder.lemma_.lower() in lex.trend_nouns and holder.pos_ == "NOUN":
                return True
        return False

    def _claimer(self, s: SentenceContext, n: Token) -> Token | None:
        """The subject of "claimed the attack" or "claimed/took responsibility for the attack": who says it
        did it is its author."""
        verb = None
        while n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ in ("NOUN", "NUM"):
            n = n.head.head  # "claimed a series of attacks"
        if n.dep_ == "dobj" and n.head.lemma_.lower() in CLAIM_VERBS:
            verb = n.head
        elif n.dep_ == "pobj" and n.head.lower_ == "for" and n.head.head.lemma_.lower() in RESPONSIBILITY_NOUNS \
                and n.head.head.dep_ == "dobj" and n.head.head.head.lemma_.lower() in RESPONSIBILITY_VERBS:
            verb = n.head.head.head
        return self.arguments.subject(s, verb)[0] if verb is not None else None


def _verbal(code: str) -> bool:
    """Codes of saying and of diplomatic acts (01-05, 09-13): a noun object of such an act is its topic."""
    return code[:2] <= "05" or "09" <= code[:2] <= "13"


def _generic(s: SentenceContext, n: Token) -> bool:
    """Is the noun a plural object with no determiner whose only owner is an adjective ("rejected Western
    sanctions", "amid Russian attacks")? Such a noun names a practice, not one act (but a subject is the
    news: "Palestinian riots are continuing")."""
    if n.tag_ != "NNS" or n.dep_ not in ("dobj", "pobj") or any(c.dep_ in ("det", "poss", "nummod") for c in n.children):
        return False
    owners = [c for c in n.children if c.dep_ in ("amod", "compound") and c.i in s.matches]
    return bool(owners) and all(c.pos_ == "ADJ" for c in owners)


def _own(n: Token) -> bool:
    """Has the noun a possessive pronoun? "its ambassador", "their troops" of the source's country are its
    own people, not the act's target (but "its neighbour" is another country)."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our") for c in n.children)
