"""What a predicate does: a verb (or predicative adjective) matched against the lexicon with the cue
words around it, through control verbs and nouns ("offered to mediate", "reached a consensus to
exchange"), light verbs with an event noun ("launched a mediation effort"), and the means that refine a
generic act of violence ("killed in a car bomb explosion")."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon import Lexicon, Pattern
from .arguments import Arguments, agent_of
from .context import SentenceContext
from .syntax import OBJ_DEPS, TEMPORAL_ENTS

VIOLENT_ROOTS = {"18", "19", "20"}
COERCION_ROOTS = {"17"} | VIOLENT_ROOTS  # coercion and force
# Codes of violence that say nothing of the means ("killed", "attacked"): a named means refines them.
GENERIC_VIOLENCE = {"180", "190", "200", "1823"}
ULTIMATUM = "139"
# Prepositions of circumstance (time, cause) whose objects are never a predicate's cue words.
ADJUNCT_PREPS = {"following", "after", "before", "amid", "amidst", "during", "despite", "since"}
# Possessive pronouns of an actor's own forces or people ("ordered its army to ...").
OWN_POSSESSIVES = {"its", "their", "his", "her", "our"}
# Particles of phrasal verbs that the parser sometimes reads as adverbs ("pulled its troops back").
PARTICLES = {"back", "out", "off", "up", "down", "away"}
# Control kinds whose complement is not done: asked for, demanded, promised, refused or threatened.
UNREAL_KINDS = {"intent", "appeal", "demand", "reject", "threaten"}


@dataclass
class Coded:
    """A predicate's code before actors: which tokens triggered it and how."""

    code: str | None
    pattern: str
    tokens: list[Token]
    kind: str = ""  # control kind applied, if any
    target_from: Token | None = None  # the predicate whose objects give the target
    complement: Token | None = None  # a control verb's complement, tried for a target too
    inner_code: str | None = None  # the complement's own code before the control transform


class Predicates:
    def __init__(self, lexicon: Lexicon, arguments: Arguments):
        self.lex = lexicon
        self.arguments = arguments

    def is_predicate(self, t: Token) -> bool:
        if t.pos_ == "VERB":
            return True
        if t.pos_ == "NOUN" and t.dep_ == "ROOT" and t.lemma_.lower() in self.lex.control \
                and any(c.dep_ == "nsubj" for c in t.children) and any(c.dep_ == "xcomp" for c in t.children):
            return True  # "Putin and Erdogan plan to meet": a verb the tagger took for a noun
        if t.pos_ == "ADJ" and t.dep_ in ("acomp", "ROOT", "conj", "xcomp", "ccomp", "advcl"):
            lemma = t.lemma_.lower()
            return lemma in self.lex.verbs or lemma in self.lex.control
        return False

    def code(self, s: SentenceContext, p: Token, consumed: set[int], depth: int = 0) -> Coded:
        """The predicate's code; the tokens it takes (cue nouns, complements) are added to `consumed`."""
        ctl = self.misread_control(p)
        if ctl is not None:  # "Putin and Erdogan plan to meet", "plan" read as a noun of the subject
            inner = self._code(s, p, consumed, depth)
            kind = self.lex.control[ctl.lemma_.lower()]
            code = self.control(kind, inner.code) if inner.code is not None else None
            if code is not None:
                return Coded(code, f"{ctl.lemma_.lower()} to {inner.pattern}", [ctl] + inner.tokens, kind,
                             target_from=inner.target_from or p, complement=p,
                             inner_code=inner.inner_code or inner.code)
            return inner
        return self._code(s, p, consumed, depth)

    def misread_control(self, p: Token) -> Token | None:
        """The control verb the tagger took for a noun of the subject, right before the infinitive's "to":
        "Putin and Erdogan plan to meet" parsed as the subject "Putin and Erdogan plan"."""
        to = next((a for a in p.children if a.dep_ == "aux" and a.lower_ == "to"), None)
        if p.dep_ not in ("ROOT", "ccomp") or to is None or to.i == 0:
            return None
        before = p.doc[to.i - 1]
        kind = self.lex.control.get(before.lemma_.lower())
        return before if before.pos_ == "NOUN" and kind in UNREAL_KINDS and before.dep_ in ("conj", "nsubj") else None

    def _code(self, s: SentenceContext, p: Token, consumed: set[int], depth: int = 0) -> Coded:
        lemma = p.lemma_.lower()
        bag, sources = cue_bag(p)
        labels = [small_clause(p)] + [c for c in p.children if c.dep_ == "oprd" or (
            c.dep_ == "xcomp" and any(x.dep_ == "auxpass" for x in p.children))] \
            if lemma in self.lex.labelling_verbs else []  # "were declared 'persona non grata'": an xcomp
        labels = [x for x in labels if x is not None]
        if labels:  # "declared two diplomats persona non grata", "were declared persona non grata"
            sources = dict(sources)
            for w in labels + [c for x in labels for c in x.children if c.dep_ in ("dobj", "compound", "amod", "nmod")]:
                sources.setdefault(w.lemma_.lower(), w)
                for m in w.children:
                    if m.dep_ in ("compound", "amod", "nmod"):
                        sources.setdefault(m.lemma_.lower(), m)
            bag = set(sources)
        if not any(c.dep_ in OBJ_DEPS for c in p.children):
            # "block or shadow Philippine ships": the object of the last coordinated verb is shared
            shared = next((o for c in p.children if c.dep_ == "conj" and c.pos_ == "VERB"
                           for o in c.children if o.dep_ == "dobj" and o.pos_ == "NOUN"), None)
            if shared is not None:
                sources = dict(sources)
                for w in [shared] + [m for m in shared.children if m.dep_ in ("compound", "amod")]:
                    sources.setdefault(w.lemma_.lower(), w)
                bag = set(sources)
        own = self.lex.match_verb(lemma, bag)
        if own is not None and not own.cues and lemma in self.lex.labelling_verbs and (labels or to_be(p)):
            return Coded(None, "", [p])  # "considers the launch a violation": an evaluation (speech acts)
        kind = self.lex.control.get(lemma)
        if kind == "demand" and any(c.dep_ == "dobj" and any(x.dep_ == "poss" and x.lower_ in OWN_POSSESSIVES
                                                             for x in c.children) for c in p.children):
            kind = "same"  # "ordered its army to advance to the border": a command, carried out, not a demand
        comp = self.complement(p) if kind else None
        if comp is not None and depth < 3:
            inner = self.code(s, comp, consumed, depth + 1)
            if inner.code is not None:
                code = self.control(kind, inner.code)
                if code is not None:
                    consumed.add(comp.i)
                    if kind in UNREAL_KINDS:
                        consumed.update(requested_acts(comp))
                    return Coded(code, f"{lemma} to {inner.pattern}", [p] + inner.tokens, kind,
                                 target_from=inner.target_from or comp, complement=comp,
                                 inner_code=inner.inner_code or inner.code)
        if comp is not None and kind in ("appeal", "demand") and (own is None or own.code is None):
            # "asked X to ..." / "insisted that X ..." with an act the lexicon does not know
            general = self.lex.transform(kind, "")
            if general is not None:
                consumed.update(requested_acts(comp))
                return Coded(general, f"{lemma} to ...", [p], kind, target_from=p, complement=comp)
        if (own is None or own.code is None or self.is_light(p)) and depth < 3:
            nominal = self.control_noun(s, p, consumed, depth)  # "reached a consensus to exchange ..."
            if nominal is not None:
                return nominal
        if own is None or own.code is None:
            coded = self.light_verb(p, consumed)
            coded.complement = comp
            return coded
        if comp is not None and kind in UNREAL_KINDS:
            consumed.update(requested_acts(comp))  # "urged Rwanda to stop supporting the rebels"
        tokens = [p] + [sources[c] for c in own.cues if c in sources]
        tokens += [sources[w] for w in self.class_words(own, bag) if w in sources]
        for t in tokens[1:]:
            if t.pos_ in ("NOUN", "PROPN"):
                consumed.add(t.i)
        if own.code in GENERIC_VIOLENCE:  # "the new sanctions target 22 individuals": no violence
            subject = self.arguments.subject(s, p)[0]
            if subject is not None and subject.pos_ == "NOUN" and self.lex.in_class(subject.lemma_.lower(), "sanction"):
                pat = self.lex.match_noun(subject.lemma_.lower(), set())
                consumed.add(subject.i)
                return Coded(pat.code if pat is not None and pat.code else "163",
                             f"{own.text} by {subject.lemma_.lower()}", tokens + [subject], "", target_from=p,
                             complement=comp)
        if own.code == ULTIMATUM:  # "gave the rebels until Friday to withdraw": the withdrawal is demanded
            consumed.update(c.i for c in p.children if c.dep_ in ("xcomp", "advcl")
                            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        instrument = self.instrument(s, p) if own.code in GENERIC_VIOLENCE else None
        if instrument is not None:  # "a roadside bombing killed ...", "killed in a car bomb explosion"
            noun, pat = instrument
            consumed.add(noun.i)
            return Coded(pat.code, f"{own.text} by {pat.text}", tokens + [noun], "", target_from=p,
                         complement=comp)
        return Coded(own.code, own.text, tokens, "", target_from=p, complement=comp)

    def instrument(self, s: SentenceContext, p: Token) -> tuple[Token, Pattern] | None:
        """A generic violent act ("killed") whose subject or "in ..." phrase names a more specific one."""
        subject = self.arguments.subject(s, p)[0]
        nouns = [subject] if subject is not None and subject.pos_ == "NOUN" else []
        nouns += [c for c in p.children if c.dep_ == "nsubjpass" and c.pos_ == "NOUN"]
        nouns += [o for c in p.children if c.dep_ == "prep" and c.lower_ in ("in", "by", "with")
                  for o in c.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
        for n in nouns:
            for cand in [n] + [c for c in n.children if c.dep_ == "compound" and c.pos_ == "NOUN"]:
                bag = noun_bag(cand, n)
                pat = self.lex.match_noun(cand.lemma_.lower(), bag)
                if pat is None or pat.code is None:  # "Ukrainian drones struck a refinery"
                    pat = self.lex.match_means(cand.lemma_.lower(), bag)
                if pat is not None and pat.code and pat.code[:2] in VIOLENT_ROOTS \
                        and pat.code not in GENERIC_VIOLENCE:
                    return cand, pat
        return None

    def is_light(self, p: Token) -> bool:
        return p.lemma_.lower() in self.lex.light_verbs

    def control_noun(self, s: SentenceContext, p: Token, consumed: set[int], depth: int) -> Coded | None:
        """An object noun that frames an infinitive: "reached a consensus to exchange information" is an
        agreement to exchange information (intent), "issued an ultimatum to withdraw" a threat."""
        for obj in p.children:
            if obj.dep_ not in ("dobj", "attr"):
                continue
            kind = self.lex.control_nouns.get(obj.lemma_.lower())
            if kind is None:
                continue
            for clause in obj.children:
                if clause.dep_ in ("acl", "relcl") and clause.pos_ == "VERB" \
                        and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
                    inner = self.code(s, clause, consumed, depth + 1)
                    code = self.control(kind, inner.code) if inner.code else None
                    if code is not None and not self.is_light(p) \
                            and (kind == "same" or self.lex.control.get(p.lemma_.lower()) != "intent"):
                        # "expected an attempt to breach the border", "cited a decision by France to expel
                        # diplomats", "called the decision to expel arbitrary": the verb's subject does not
                        # make the attempt or decision (only an intent verb does: "wants a deal to end the
                        # war"); the act is the noun's owner's when it has one, else only mentioned
                        if noun_owner(s, obj, self.arguments) is None:
                            consumed.update({obj.i, clause.i})
                        return Coded(None, "", [p])
                    if code is not None:
                        consumed.update({obj.i, clause.i})
                        return Coded(code, f"{p.lemma_.lower()} {obj.lemma_.lower()} to {inner.pattern}",
                                     [p, obj] + inner.tokens, kind, target_from=inner.target_from or clause,
                                     complement=clause, inner_code=inner.inner_code or inner.code)
        return None

    def light_verb(self, p: Token, consumed: set[int]) -> Coded:
        """A verb with no code of its own whose object names an event: "gave a warm welcome",
        "launched a mediation effort", "continued military aid"."""
        if p.lemma_.lower() not in self.lex.light_verbs:
            return Coded(None, "", [p])
        for obj in p.children:
            if obj.dep_ not in ("dobj", "attr") or obj.pos_ != "NOUN":
                continue
            for n in [obj] + [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN"]:
                pat = self.lex.match_noun(n.lemma_.lower(), noun_bag(n, obj))
                if pat is not None and pat.code is not None:
                    consumed.update({obj.i, n.i})
                    return Coded(pat.code, f"{p.lemma_.lower()} {pat.text}", [p, obj], "", target_from=p)
        return Coded(None, "", [p])

    def class_words(self, pat: Pattern, bag: set[str]) -> list[str]:
        out = []
        for cue in pat.cues:
            if cue.startswith("{"):
                members = self.lex.classes.get(cue[1:-1], set())
                out.extend(w for w in bag if w in members)
        return out

    def control(self, kind: str, code: str) -> str | None:
        if kind == "same":
            return code
        if kind == "negate":
            return self.lex.transform("negation", code)
        return self.lex.transform(kind, code)

    def complement(self, p: Token) -> Token | None:
        for c in p.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX", "ADJ"):
                return c
        has_object = any(c.dep_ in OBJ_DEPS for c in p.children)
        for c in p.children:  # "have sworn to fight" is sometimes parsed as a purpose clause
            if c.dep_ == "advcl" and c.pos_ == "VERB" and not has_object \
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return c
        for c in p.children:  # "committed to opening", "insisted on withdrawing"
            if c.dep_ == "prep" and c.lower_ in ("to", "on", "in"):
                for o in c.children:
                    if o.dep_ == "pcomp" and o.pos_ == "VERB":
                        return o
        for c in p.children:  # "demanded that Serbia withdraw"
            if c.dep_ == "ccomp" and c.pos_ == "VERB" and p.lemma_.lower() in self.lex.clause_control:
                return c
        return None


def requested_acts(comp: Token) -> set[int]:
    """The predicates inside a control verb's complement ("urged Rwanda to stop supporting the rebels and
    withdraw its soldiers"): acts asked for, promised or refused, not acts done."""
    out, todo = set(), [comp]
    while todo:
        t = todo.pop()
        out.add(t.i)
        for c in t.children:
            if c.pos_ != "VERB":
                if c.dep_ in ("dobj", "acomp", "conj", "prep", "pobj"):
                    todo.append(c)  # "to exercise restraint and reject violence" may hang on the noun
                continue
            if any(x.dep_ in ("nsubj", "nsubjpass", "mark") for x in c.children):
                continue  # "refused to accept shipments since Russia seized Crimea": a clause of its own
            if c.dep_ in ("xcomp", "advcl", "pcomp") or (c.dep_ == "conj" and c.tag_ in ("VB", t.tag_)):
                todo.append(c)  # but not "urged X not to abuse force and called on Y": a new act
    return {i for i in out if comp.doc[i].pos_ == "VERB"}


def noun_owner(s: SentenceContext, n: Token, arguments: Arguments) -> Token | None:
    """Whose decision, plan or attempt a noun is: its possessor, its "by" agent, or an actor named by its
    "of" object ("Armenia's move", "a decision by France", "the decision of the Dutch authorities")."""
    owner = next((c for c in n.children if c.dep_ == "poss"), None) or agent_of(n)
    if owner is None:
        owner = next((o for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                      for o in c.children if o.dep_ == "pobj" and arguments.actors(s, o)), None)
    return owner


def to_be(p: Token) -> bool:
    """Does the verb take an infinitive "to be" clause with its own subject ("considers X to be a risk")?"""
    return any(c.dep_ in ("ccomp", "xcomp") and c.lemma_ == "be" and any(x.dep_ == "nsubj" for x in c.children)
               for c in p.children)


def small_clause(p: Token) -> Token | None:
    """The small clause of a labelling verb as the parser reads it: "declared [two diplomats persona non
    grata]" is a clause complement with its own subject and no "that", auxiliary or tense (adjectives,
    "holds X responsible", are the speech acts' evaluations)."""
    for c in p.children:
        if c.dep_ == "ccomp" and c.tag_ not in ("VBD", "VBZ", "MD") and c.pos_ != "ADJ" \
                and any(x.dep_ == "nsubj" for x in c.children) \
                and not any(x.dep_ in ("mark", "aux", "auxpass", "neg") for x in c.children):
            return c
    return None


def cue_bag(p: Token) -> tuple[set[str], dict[str, Token]]:
    """Words around a predicate that patterns may require, with the token each came from."""
    words: dict[str, Token] = {}

    def add_noun(n: Token, depth: int = 0) -> None:
        words.setdefault(n.lemma_.lower(), n)
        words.setdefault(n.lower_, n)
        mods = [c for c in n.children if c.dep_ in ("compound", "amod", "nmod")]
        for c in mods:
            words.setdefault(c.lemma_.lower(), c)
            words.setdefault(c.lower_, c)
            words.setdefault(f"{c.lower_} {n.lemma_.lower()}", n)
        for c in n.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"):
                add_noun(c, depth)
            if c.dep_ == "prep" and depth < 1:
                words.setdefault(c.lower_, c)
                for o in c.children:
                    if o.dep_ == "pobj":
                        add_noun(o, depth + 1)

    for c in p.children:
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in PARTICLES):
            words.setdefault(c.lower_, c)  # "pulled its troops back": a particle the parser took for an adverb
        elif c.dep_ in ("prep", "agent") or (c.dep_ == "advmod" and c.pos_ == "ADP"):
            if c.lower_ in ADJUNCT_PREPS:
                continue  # "intensified, following the killing ... in an airstrike": circumstances, no cue
            if any(o.dep_ == "pobj" and o.ent_type_ in TEMPORAL_ENTS for o in c.children):
                if c.lower_ == "until":  # "gave the rebels until Friday to withdraw": a deadline
                    words.setdefault("until", c)
                continue  # "on Sunday" is not "call on"
            words.setdefault(c.lower_, c)
            for o in c.children:
                if o.dep_ == "pobj":
                    add_noun(o)
                elif o.dep_ == "prep":  # "out of"
                    words.setdefault(o.lower_, o)
                    for oo in o.children:
                        if oo.dep_ == "pobj":
                            add_noun(oo)
        elif c.dep_ in OBJ_DEPS or c.dep_ in ("nsubjpass", "npadvmod"):
            add_noun(c)
        elif c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            words.setdefault("that", c)  # a clause complement: "protested that ...", "denied that ..."
    if p.dep_ == "acl" and p.tag_ == "VBN" and p.head.pos_ == "NOUN":
        add_noun(p.head)  # "satellite images released on Wednesday": the images are what was released
    if p.dep_ == "relcl" and p.head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("nsubjpass", "dobj") and c.tag_ in ("WDT", "WP") for c in p.children):
        add_noun(p.head)  # "the town of Rubaya, which was seized": the town is what was seized
        h = p.head
        if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.pos_ == "NOUN":
            add_noun(h.head.head)
    return set(words), words


def noun_bag(n: Token, anchor: Token) -> set[str]:
    """Cue words of a nominal trigger: its modifiers, prepositions and the objects of "of"."""
    bag = {c.lemma_.lower() for c in n.children if c.dep_ in ("compound", "amod")}
    bag |= {c.lemma_.lower() for c in anchor.children if c.dep_ in ("compound", "amod") and c.i != n.i}
    for c in anchor.children:
        if c.dep_ == "prep":
            bag.add(c.lower_)
            if c.lower_ == "of":
                for o in c.children:
                    if o.dep_ == "pobj":
                        bag.add(o.lemma_.lower())
                        bag |= {m.lemma_.lower() for m in o.children if m.dep_ in ("compound", "amod")}
    return bag
