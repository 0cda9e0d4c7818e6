"""Who acts: the subject of a predicate (active, passive with or without a "by" agent, shared by
coordinated verbs, controlled by a verb's object, the noun a participle modifies), and the actors a
noun phrase names, coordination expanded ("Russia and Ukraine", "Russian and Ukrainian delegations",
"the presidents of Azerbaijan and Turkey", "the two sides" after two actors were named); the two sides of
"talks between A and B"."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..lexicon import Lexicon
from ..records import Actor
from .actor_mentions import ActorResolver
from .actor_resolver import listed
from .context import SentenceContext
from .plural_anaphora import PLURAL_PRONOUNS, counts_two, pair_antecedents, plural_of_pair
from .syntax import SUBJ_DEPS, TEMPORAL_ENTS

# Prepositions after which a gerund's subject is the main verb's object: "criticized X for supplying".
OBJECT_GERUND_PREPS = {"for", "of", "over", "after"}


class Arguments:
    def __init__(self, lexicon: Lexicon, resolver: ActorResolver):
        self.lex = lexicon
        self.resolver = resolver

    def actors(self, s: SentenceContext, head: Token | None) -> list[Actor]:
        """The actor(s) a head names, expanding coordination ("Russia and Ukraine")."""
        if head is None:
            return []
        heads = [head] + [c for c in head.conjuncts if c.i > head.i]
        heads += self._listed_as_apposition(s, head)
        out = []
        for h in heads:
            if counts_two(h, self.lex):  # "the two sides", "both leaders"
                out += pair_antecedents(s, h)
                continue
            pair = pair_antecedents(s, h, exact=True) if plural_of_pair(h, self.lex) else []
            if pair:  # "Cho held a call with Kamikawa ... the ministers agreed"
                out += pair
                continue
            owner = statement_owner(h)
            if owner is not None:  # "Sandu's statement that she was ready": she is Sandu
                out += self.actors(s, owner)
                continue
            a = self.resolver.resolve(h, s.matches, s.day, s.history)
            if (a is None or not a.code) and h.lower_ in PLURAL_PRONOUNS:
                out += pair_antecedents(s, h)  # "Blinken met Wang Yi. They agreed ..."
                continue
            if a is None or not a.code:
                continue
            out.append(a)
            out += self._of_conjuncts(s, h, a)
            for mod in h.children:  # "Russian and Ukrainian delegations": one actor per country
                m = s.matches.get(mod.i)
                if mod.dep_ not in ("amod", "compound", "nmod") or m is None or m.entry.code != a.country:
                    continue
                for cj in mod.conjuncts:
                    other = s.matches.get(cj.i)
                    if other is not None and other.entry.kind == "country" and other.entry.code != a.country:
                        c = other.entry.code
                        out.append(replace(a, code=c + (a.sector or ""), country=c, name=other.entry.name))
        return out

    def _listed_as_apposition(self, s: SentenceContext, head: Token) -> list[Token]:
        """"the USA, United Kingdom, Denmark and the Netherlands", "the Japanese minister, the US secretary
        of state and his Norwegian counterpart": a list the parser reads as a head with an apposition (and
        the rest coordinated with the apposition): two countries, or an apposition that goes on with a
        coordination."""
        m = s.matches.get(head.i)
        out: list[Token] = []
        for c in head.children:
            if c.dep_ != "appos":
                continue
            other = s.matches.get(c.i)
            countries = m is not None and m.kind == "country" and other is not None and other.kind == "country" \
                and other.entry.code != m.entry.code
            if countries or listed(c):
                out += [c] + [cj for cj in c.conjuncts if cj.i > c.i]
        return out

    def _of_conjuncts(self, s: SentenceContext, h: Token, a: Actor) -> list[Actor]:
        """"the presidents of Azerbaijan and Turkey", "the foreign ministers of Japan, Brazil and Norway":
        a head whose country comes from a coordinated "of" object names one actor per country."""
        if not a.country:
            return []
        obj = next((o for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                    for o in c.children if o.dep_ == "pobj"), None)
        if obj is None or not obj.conjuncts:
            return []
        first = self.resolver.resolve(obj, s.matches, s.day, s.history)
        if first is None or first.country != a.country:
            return []
        out = []
        for cj in obj.conjuncts:
            other = self.resolver.resolve(cj, s.matches, s.day, s.history)
            if other is not None and other.country and other.country != a.country and other.sector is None:
                out.append(replace(a, code=other.country + (a.sector or ""), country=other.country,
                                   name=other.name))
        return out

    def subject(self, s: SentenceContext, p: Token, depth: int = 0) -> tuple[Token | None, Token | None, bool]:
        """(source head, target head from a passive subject, passive?) for a predicate."""
        subjects = [c for c in p.children if c.dep_ in SUBJ_DEPS]
        if not subjects:  # "Egypt and Qatar are mediating": the parser may hang the subject on the auxiliary
            subjects = [c for a in p.children if a.dep_ in ("aux", "auxpass") for c in a.children
                        if c.dep_ in SUBJ_DEPS]
        if len(subjects) > 1:  # a split title ("vice - president") or apposition parsed as several subjects
            subjects = [c for c in reversed(subjects) if self.actors(s, c)] or subjects
        subj = subjects[0] if subjects else None
        if subj is not None and subj.dep_ != "expl":
            return subj, None, False
        passive = next((c for c in p.children if c.dep_ == "nsubjpass"), None)
        if passive is None and p.pos_ == "VERB":
            listed = subject_listed_after_time(p)
            if listed is not None and self.actors(s, listed):
                return listed, None, False
        if passive is not None:
            agent = agent_of(p)
            lemma = p.lemma_.lower()
            if agent is None and (lemma in self.lex.control or lemma in self.lex.stative) \
                    and lemma not in self.lex.object_control:  # "was asked to leave": asked, not asking
                return passive, None, False  # "Vietnam is committed to", "Israel is opposed to"
            return agent, passive, True
        if depth > 4 or p.head.i == p.i:
            return None, None, False
        head = p.head
        if p.dep_ == "conj":
            if head.dep_ == "xcomp" and head.tag_ == "VB" and p.tag_ in FINITE_TAGS:
                # "urged the US not to abuse force and called on Iran ...": a finite verb joined to the
                # infinitive is the main clause's
                return self.subject(s, head.head, depth + 1)
            if not any(c.dep_ == "auxpass" for c in p.children):
                shared = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                if shared is not None:  # "was indicted by the court and will resign"
                    return shared, None, False
            found = self.subject(s, head, depth + 1)
            if head.dep_ == "ccomp" and p.tag_ in FINITE_TAGS and found[0] is not None \
                    and not self.actors(s, found[0]):
                # "They assessed that ties have normalized and agreed on ...": the parser joins the main
                # clause's second verb to the reported clause, whose subject is no actor
                main = self.subject(s, head.head, depth + 1)
                if main[0] is not None and self.actors(s, main[0]):
                    return main
            return found
        if p.dep_ == "xcomp":
            if head.lemma_.lower() in self.lex.object_control:
                obj = object_controlled(head)
                if obj is not None:
                    return obj, None, False
            return self.subject(s, head, depth + 1)
        if p.dep_ == "pcomp" and head.dep_ == "prep":
            gov = head.head
            # "praised Qatar for helping": the object acts; but "expelled the diplomats after accusing them":
            # a pronoun object of the gerund is the main object, so the main subject acts
            own_pronoun = any(c.dep_ == "dobj" and c.tag_ == "PRP" for c in p.children)
            if head.lower_ in OBJECT_GERUND_PREPS and not own_pronoun:
                obj = next((c for c in gov.children if c.dep_ in ("dobj", "dative")), None)
                if obj is not None:
                    return obj, None, False
            if gov.pos_ in ("VERB", "ADJ", "AUX"):
                return self.subject(s, gov, depth + 1)
            return None, None, False
        if p.dep_ in ("advcl", "ccomp", "acomp"):
            if p.dep_ == "advcl" and p.tag_ == "VBN":
                return agent_of(p), None, True
            return self.subject(s, head, depth + 1)
        if p.dep_ == "acl":
            if p.tag_ == "VBN":  # "a camp attacked by militiamen": the noun is the target
                return agent_of(p), head, True
            if not self.actors(s, head) and head.dep_ in ("dobj", "attr") and head.head.pos_ == "VERB":
                return self.subject(s, head.head, depth + 1)  # "issued a declaration demanding ..."
            return head, None, False
        if p.dep_ == "relcl":
            return head, None, False
        return None, None, False


FINITE_TAGS = {"VBD", "VBZ", "VBP"}
# Personal pronouns that, as the subject of a clause that completes "X's statement / claim / offer", are X.
OWNED_PRONOUNS = {"he", "she", "it", "they", "we", "i"}


def statement_owner(pronoun: Token) -> Token | None:
    """The owner of the noun whose complement clause a pronoun is the subject of: "Sandu's statement that
    she was ready", "Turkey's claim that it had ..."."""
    if pronoun.lower_ not in OWNED_PRONOUNS or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    if clause.dep_ not in ("acl", "ccomp") or clause.head.pos_ != "NOUN" \
            or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return None
    return next((c for c in clause.head.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)


def subject_listed_after_time(p: Token) -> Token | None:
    """"On Monday, France, Germany and Italy announced ...": the parser may coordinate the subject's
    names with the day of an opening time phrase and leave the verb without a subject. The first name
    coordinated with the phrase's time word, before the verb."""
    for c in p.children:
        if c.dep_ != "prep" or c.i > p.i:
            continue
        for o in c.children:
            if o.dep_ == "pobj" and o.ent_type_ in TEMPORAL_ENTS:
                names = [cj for cj in o.conjuncts if o.i < cj.i < p.i and cj.ent_type_ not in TEMPORAL_ENTS]
                if names:
                    return names[0]
    return None


def agent_of(p: Token) -> Token | None:
    """The "by" agent of a passive predicate or participle; also a "by" phrase the parser hangs on the
    noun of the verb's own prepositional phrase ("were blocked at a crossing by Greek troops")."""
    for c in p.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for o in c.children:
                if o.dep_ == "pobj":
                    return o
    for c in p.children:
        if c.dep_ == "prep" and c.i > p.i:
            for o in c.children:
                if o.dep_ != "pobj":
                    continue
                for by in o.children:
                    if by.dep_ == "prep" and by.lower_ == "by":
                        agent = next((x for x in by.children if x.dep_ == "pobj"), None)
                        if agent is not None and agent.pos_ in ("NOUN", "PROPN"):
                            return agent
    return None


def object_controlled(p: Token) -> Token | None:
    """The one asked to act: "urged Israel to", "called on Hamas to", "demanded that Serbia"."""
    for c in p.children:
        if c.dep_ in ("dobj", "dative"):
            return c
    for c in p.children:  # "called on Hamas to release" (not "on Tuesday")
        if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
            for o in c.children:
                if o.dep_ == "pobj" and o.ent_type_ not in TEMPORAL_ENTS:
                    return o
    for c in p.children:  # "demanded that Serbia withdraw"
        if c.dep_ == "ccomp":
            for sub in c.children:
                if sub.dep_ in SUBJ_DEPS:
                    return sub
    for c in p.children:  # "insisted on its demands that Burundi's government grant ..."
        if c.dep_ == "prep":
            for o in c.children:
                for clause in o.children:
                    if o.dep_ == "pobj" and clause.dep_ in ("acl", "ccomp", "relcl"):
                        subj = next((x for x in clause.children if x.dep_ in SUBJ_DEPS), None)
                        if subj is not None:
                            return subj
    return None


def between(p: Token) -> Token | None:
    """The object of a "between" phrase on a word ("talks between Russia and Ukraine"), if it names two
    or more (coordinated) things."""
    for c in p.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None
