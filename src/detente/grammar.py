"""Events from a parsed sentence: predicates matched against the lexicon, actors from the dependency parse.

Handled constructions (each has tests in tests/test_grammar.py):
- active subject / object; passive voice with a "by" agent; participles modifying a noun (acl);
- prepositional targets (to, with, against, on, into, toward, at, from, over, between ...);
- coordination of actors (one event per pair; "A and B agreed" is reciprocal) and of verbs (shared subject);
- control verbs and adjectives with an infinitive ("offered to mediate", "urged X to stop", "refused to");
- "criticized X for supplying Y to Z": the gerund's subject is the object of the main verb (two events);
- negation ("will not agree to a ceasefire" -> refusal), future ("will provide aid" -> intent), conditionals;
- nominal events with a clear actor ("Ukraine's incursion into Kursk", "launched a mediation effort");
- pronouns resolved to the nearest fitting actor in the sentence or the ones before.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from .actor_dictionary import KIND_CAPITAL, KIND_COUNTRY, KIND_PERSON, KIND_PLACE, Match
from .actor_mentions import ActorResolver, History
from .lexicon import Lexicon, Pattern
from .records import Actor

SUBJ_DEPS = {"nsubj", "csubj", "expl"}
OBJ_DEPS = ("dobj", "dative", "attr", "oprd")
TARGET_PREPS = ("to", "with", "against", "on", "upon", "into", "toward", "towards", "at", "from", "over",
                "between", "among", "onto", "inside", "across", "for", "of", "about", "near")
LOCATION_PREPS = {"in", "at", "near", "inside", "across", "outside", "around", "throughout", "along"}
# Prepositions after which a gerund's subject is the main verb's object: "criticized X for supplying".
OBJECT_GERUND_PREPS = {"for", "of", "over", "after"}
TEMPORAL_ENTS = {"DATE", "TIME"}
MODAL_DEMANDS = {"must", "should", "ought"}
# Appeals, demands, complaints and threats are aimed at the subject of the clause they introduce.
CLAUSE_TARGET_ROOTS = {"02", "10", "11", "13"}
CONTROL_MODALITY = {"intent": "intent", "appeal": "appeal", "demand": "demand", "reject": "refusal",
                    "threaten": "threat"}
VIOLENT_ROOTS = {"18", "19", "20"}
# Codes of violence that say nothing of the means ("killed", "attacked"): a named means refines them.
GENERIC_VIOLENCE = {"180", "190", "200", "1823"}
# Noun classes naming the means of an act ("with machetes", "with tear gas"), never its target.
INSTRUMENT_CLASSES = ("weapon", "instrument", "attack")
SCORE_RE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")
CONDITION_MARKS = {"if", "unless", "until", "whether", "lest"}
STATE_SECTORS = {"GOV", "COP", "JUD", "LEG", "MIL", "SPY"}  # agents of a state
DOMESTIC_FILL_SECTORS = {"CVL", "OPP", "COP", "JUD", "LEG", "REF", "MED", "EDU", "HLH", "LAB", "REL", "PTY",
                         "CRM", "REB", "GOV", "MIL", "BUS", "AGR", "ELI", "SPY", "NGO"}


@dataclass
class RawEvent:
    """An event before it gets its record fields: tokens, actors and a code."""

    trigger: list[Token]
    sources: list[Actor]
    targets: list[Actor]
    code: str
    pattern: str
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.9


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


class Grammar:
    def __init__(self, lexicon: Lexicon, resolver: ActorResolver):
        self.lex = lexicon
        self.resolver = resolver

    # ---- entry point ---------------------------------------------------------------------------
    def sentence_events(self, sent: Span, matches: dict[int, Match], day: dt.date | None,
                        history: History) -> list[RawEvent]:
        self._matches, self._day, self._history, self._sent = matches, day, history, sent
        sport = self._about_sport(sent)
        if sport == "score":
            return []
        consumed: set[int] = set()
        out: list[RawEvent] = []
        preds = [t for t in sent if self._is_predicate(t)]
        preds.sort(key=lambda t: (len(list(t.ancestors)), t.i))
        for p in preds:
            if p.i in consumed:
                continue
            ev = self._predicate_event(p, consumed)
            if ev is not None:
                out.append(ev)
        covered = {t.i for ev in out for trig in ev.trigger[:1] for c in trig.children
                   if c.dep_ in OBJ_DEPS + ("prep", "xcomp", "ccomp") for t in c.subtree}
        for t in sent:
            if t.pos_ == "NOUN" and t.i not in consumed and t.i not in matches:
                ev = self._noun_event(t, consumed)
                if ev is None:
                    continue
                if t.i in covered and self._verbal(ev.code):
                    continue  # "rejected an Indian proposal": the proposal is the rejection's object
                out.append(ev)
        if sport == "words":  # talk of sport: only the acts of state agents stay ("police detained the fans")
            out = [ev for ev in out if any(a.sector in STATE_SECTORS for a in ev.sources)]
        return out

    def _about_sport(self, sent: Span) -> str | None:
        """"score" for a sentence with a score ("2-1", "3–0"), "words" for one with two sports words
        ("Brazil beat Argentina in the World Cup final" is no assault), else None."""
        toks = list(sent)
        texts = [t.text for t in toks]
        lowers = [w.lower() for w in texts]
        for k in range(len(toks) - 2):
            if texts[k + 1] in ("-", "–") and len(texts[k]) <= 3 and len(texts[k + 2]) <= 3 \
                    and toks[k].like_num and toks[k + 2].like_num:
                return "score"
        if any(SCORE_RE.match(w) for w in texts):
            return "score"
        sports = self.lex.sports_words
        words = {w for w in lowers if w in sports}
        words |= {f"{a} {b}" for a, b in zip(lowers, lowers[1:]) if f"{a} {b}" in sports}
        if len(words) < 2:  # lemmas only when the forms leave it open ("strikers", "tournaments")
            words |= {t.lemma_.lower() for t in toks if t.lemma_.lower() in sports}
        return "words" if len(words) >= 2 else None

    @staticmethod
    def _verbal(code: str) -> bool:
        return code[:2] <= "05" or "09" <= code[:2] <= "13"

    # ---- predicates ----------------------------------------------------------------------------
    def _is_predicate(self, t: Token) -> bool:
        if t.pos_ == "VERB":
            return True
        if t.pos_ == "ADJ" and t.dep_ in ("acomp", "ROOT", "conj", "xcomp", "ccomp", "advcl"):
            lemma = t.lemma_.lower()
            return lemma in self.lex.verbs or lemma in self.lex.control
        return False

    def cue_bag(self, p: Token) -> tuple[set[str], dict[str, Token]]:
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
            if c.dep_ == "prt":
                words.setdefault(c.lower_, c)
            elif c.dep_ in ("prep", "agent") or (c.dep_ == "advmod" and c.pos_ == "ADP"):
                if any(o.dep_ == "pobj" and o.ent_type_ in TEMPORAL_ENTS for o in c.children):
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
        return set(words), words

    def _code_predicate(self, p: Token, consumed: set[int], depth: int = 0) -> Coded:
        lemma = p.lemma_.lower()
        bag, sources = self.cue_bag(p)
        own = self.lex.match_verb(lemma, bag)
        kind = self.lex.control.get(lemma)
        comp = self._complement(p) if kind else None
        if comp is not None and depth < 3:
            inner = self._code_predicate(comp, consumed, depth + 1)
            if inner.code is not None:
                code = self._control(kind, inner.code)
                if code is not None:
                    consumed.add(comp.i)
                    return Coded(code, f"{lemma} to {inner.pattern}", [p] + inner.tokens, kind,
                                 target_from=inner.target_from or comp, complement=comp,
                                 inner_code=inner.inner_code or inner.code)
        if comp is not None and kind in ("appeal", "demand") and (own is None or own.code is None):
            # "asked X to ..." / "insisted that X ..." with an act the lexicon does not know
            general = self.lex.transform(kind, "")
            if general is not None:
                return Coded(general, f"{lemma} to ...", [p], kind, target_from=p, complement=comp)
        if (own is None or own.code is None or self._is_light(p)) and depth < 3:
            nominal = self._control_noun(p, consumed, depth)  # "reached a consensus to exchange ..."
            if nominal is not None:
                return nominal
        if own is None or own.code is None:
            coded = self._light_verb(p, consumed)
            coded.complement = comp
            return coded
        tokens = [p] + [sources[c] for c in own.cues if c in sources]
        tokens += [sources[w] for w in self._class_words(own, bag) if w in sources]
        for t in tokens[1:]:
            if t.pos_ in ("NOUN", "PROPN"):
                consumed.add(t.i)
        instrument = self._instrument(p) if own.code in GENERIC_VIOLENCE else None
        if instrument is not None:  # "a roadside bombing killed ...", "killed in a car bomb explosion"
            noun, pat = instrument
            consumed.add(noun.i)
            return Coded(pat.code, f"{own.text} by {pat.text}", tokens + [noun], "", target_from=p,
                         complement=comp)
        return Coded(own.code, own.text, tokens, "", target_from=p, complement=comp)

    def _instrument(self, p: Token) -> tuple[Token, Pattern] | None:
        """A generic violent act ("killed") whose subject or "in ..." phrase names a more specific one."""
        subject = self._subject(p)[0]
        nouns = [subject] if subject is not None and subject.pos_ == "NOUN" else []
        nouns += [c for c in p.children if c.dep_ == "nsubjpass" and c.pos_ == "NOUN"]
        nouns += [o for c in p.children if c.dep_ == "prep" and c.lower_ in ("in", "by", "with")
                  for o in c.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
        for n in nouns:
            for cand in [n] + [c for c in n.children if c.dep_ == "compound" and c.pos_ == "NOUN"]:
                pat = self.lex.match_noun(cand.lemma_.lower(), self._noun_bag(cand, n))
                if pat is not None and pat.code and pat.code[:2] in VIOLENT_ROOTS \
                        and pat.code not in GENERIC_VIOLENCE:
                    return cand, pat
        return None

    def _is_light(self, p: Token) -> bool:
        return p.lemma_.lower() in self.lex.light_verbs

    def _control_noun(self, p: Token, consumed: set[int], depth: int) -> Coded | None:
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
                    inner = self._code_predicate(clause, consumed, depth + 1)
                    code = self._control(kind, inner.code) if inner.code else None
                    if code is not None:
                        consumed.update({obj.i, clause.i})
                        return Coded(code, f"{p.lemma_.lower()} {obj.lemma_.lower()} to {inner.pattern}",
                                     [p, obj] + inner.tokens, kind, target_from=inner.target_from or clause,
                                     complement=clause, inner_code=inner.inner_code or inner.code)
        return None

    @staticmethod
    def _noun_bag(n: Token, anchor: Token) -> set[str]:
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

    def _light_verb(self, p: Token, consumed: set[int]) -> Coded:
        """A verb with no code of its own whose object names an event: "gave a warm welcome",
        "launched a mediation effort", "continued military aid"."""
        if p.lemma_.lower() not in self.lex.light_verbs:
            return Coded(None, "", [p])
        for obj in p.children:
            if obj.dep_ not in ("dobj", "attr") or obj.pos_ != "NOUN":
                continue
            for n in [obj] + [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN"]:
                pat = self.lex.match_noun(n.lemma_.lower(), self._noun_bag(n, obj))
                if pat is not None and pat.code is not None:
                    consumed.update({obj.i, n.i})
                    return Coded(pat.code, f"{p.lemma_.lower()} {pat.text}", [p, obj], "", target_from=p)
        return Coded(None, "", [p])

    def _class_words(self, pat: Pattern, bag: set[str]) -> list[str]:
        out = []
        for cue in pat.cues:
            if cue.startswith("{"):
                members = self.lex.classes.get(cue[1:-1], set())
                out.extend(w for w in bag if w in members)
        return out

    def _control(self, kind: str, code: str) -> str | None:
        if kind == "same":
            return code
        if kind == "negate":
            return self.lex.transform("negation", code)
        return self.lex.transform(kind, code)

    def _complement(self, p: Token) -> Token | None:
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

    def _predicate_event(self, p: Token, consumed: set[int]) -> RawEvent | None:
        if self._in_condition(p):
            return None
        demand = self._modal_demand(p, consumed)
        if demand is not None:
            return demand
        coded = self._code_predicate(p, consumed)
        if coded.code is None:
            return None
        negated = self._negated(p)
        code, modality = self._modality(p, coded, negated)
        src_head, tgt_head, passive = self._subject(p)
        if passive and src_head is None and self._self_directed(coded.inner_code or code):
            src_head, tgt_head = tgt_head, None  # "Russian troops have been massed near the border"
        if self._object_control(p):  # "urged Israel to ...", "demanded that the US ..."
            tgt_head = self._object_controlled(p) or tgt_head
        sources = self._actors(src_head)
        targets = self._actors(tgt_head) if tgt_head is not None else []
        confidence = 0.9 if sources else 0.6
        if not targets:
            targets = self._find_targets(p, coded, code, sources)
        if not targets and len(sources) < 2:
            targets = self._place_target(p, sources, coded.inner_code or code)
            confidence -= 0.15 if targets else 0.0
        if not sources and not targets:
            return None
        return RawEvent(sorted(set(coded.tokens), key=lambda t: t.i), sources, targets, code, coded.pattern,
                        negated, modality, confidence)

    def _self_directed(self, code: str) -> bool:
        return any(code.startswith(prefix) for prefix in self.lex.self_directed)

    def _modality(self, p: Token, coded: Coded, negated: bool) -> tuple[str, str]:
        """The code after negation, future and conditionals, and the modality label."""
        code = coded.code or ""
        modality = CONTROL_MODALITY.get(coded.kind, "asserted")
        if negated:
            code = self.lex.transform("negation", code) or code
        aux = {c.lower_ for c in p.children if c.dep_ in ("aux", "auxpass")}
        reported = self._reported(p)
        if "would" in aux and reported:
            aux.discard("would")
            if reported not in self.lex.decision_verbs:
                aux.add("will")  # "said they would boycott": the future of reported speech
            # "announced it would prohibit aid" reports a decision: the act itself
        if aux & self.lex.future_aux and not coded.kind and not negated:
            future = self.lex.transform("future", code)
            if future and future != code:
                code, modality = future, "intent"
        elif aux & self.lex.conditional_aux or self._conditional(p):
            modality = "conditional"
            if aux & self.lex.conditional_aux and not coded.kind and not negated and code[:2] >= "14":
                code = self.lex.transform("future", code) or code  # "may halt mediation": a threat
        return code, modality

    def _find_targets(self, p: Token, coded: Coded, code: str, sources: list[Actor]) -> list[Actor]:
        """The target from the predicate's objects, then its complement, a condition, a reported clause,
        or a coordinated verb's object."""
        targets = self._target(coded.target_from or p, sources, coded)
        if not targets and coded.target_from is not None and coded.target_from.i != p.i:
            targets = self._target(p, sources, coded)
        if not targets and coded.complement is not None and (
                coded.target_from is None or coded.complement.i != coded.target_from.i):
            targets = self._target(coded.complement, sources, coded)
        if not targets and code[:2] == "13":  # "threatened to strike unless Israel rescinded ..."
            targets = self._condition_subject(p, sources)
        if not targets and code[:2] in CLAUSE_TARGET_ROOTS:  # "reiterated its demand that Israel ease ..."
            spans = {(a.start, a.end) for a in sources}
            for clause in (c for c in p.children if c.dep_ == "ccomp"):
                subj = next((s for s in clause.children if s.dep_ in SUBJ_DEPS), None)
                targets = [a for a in self._actors(subj) if (a.start, a.end) not in spans]
                if targets:
                    break
        if not targets and not any(c.dep_ in OBJ_DEPS for c in p.children):
            for c in p.children:  # "criticized and condemned Y": the object hangs on the last verb
                if c.dep_ == "conj" and c.pos_ == "VERB":
                    targets = self._target(c, sources, coded)
                    break
        return targets

    def _place_target(self, p: Token, sources: list[Actor], code: str) -> list[Actor]:
        """Targets from where the act happens: "imposed a blockade in the West Bank" targets the place's
        country; a protest or crackdown at home targets the government (protest) or the population
        (crackdown) of the actor's own country (modality.yaml, domestic_targets)."""
        place = self._location_target(p) if code[:2] in self.lex.location_target_roots else []
        whom = next((self.lex.domestic_targets[code[:n]] for n in (4, 3, 2) if code[:n] in self.lex.domestic_targets),
                    None)
        if whom is None or not sources:
            return place
        home = sources[0]
        country = home.country or (place[0].country if place else None) \
            or next(iter(self.location_countries(self._sent)), None) \
            or next(iter(self.sentence_countries(self._sent)), None)
        if place and place[0].country != country:
            return place  # a protest abroad ("outside the British embassy in London")
        if not country:
            return []
        sector = "GOV" if whom == "government" else None
        code = country + (sector or "")
        if code == home.code:
            return []
        return [Actor(home.text, code, country, sector, home.start, home.end, None)]

    def _condition_subject(self, p: Token, sources: list[Actor]) -> list[Actor]:
        spans = {(a.start, a.end) for a in sources}
        for t in [p] + [c for c in p.children if c.dep_ in ("xcomp", "ccomp")]:
            for c in t.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                    subj = next((s for s in c.children if s.dep_ in SUBJ_DEPS), None)
                    found = [a for a in self._actors(subj) if (a.start, a.end) not in spans]
                    if found:
                        return found
        return []

    def _location_target(self, p: Token) -> list[Actor]:
        first = [p] + [c for c in p.children if c.dep_ in ("dobj", "xcomp")]
        heads = first + [c for h in first[1:] for c in h.children if c.dep_ in ("dobj", "xcomp")]
        heads += [o for c in p.children if c.dep_ == "prep" and c.lower_ not in LOCATION_PREPS
                  for o in c.children if o.dep_ == "pobj"]  # "on full alert along the border"
        subject = self._subject(p)[0]
        heads += [subject] if subject is not None else []  # "prisoners in Israeli jails began a strike"
        for c in (c for h in heads for c in h.children):
            if c.dep_ == "prep" and c.lower_ in LOCATION_PREPS:
                for o in c.children:
                    if o.dep_ != "pobj":
                        continue
                    if o.lemma_.lower() in self.lex.border_nouns:  # "along the border with Israel"
                        beyond = [a for w in o.children if w.dep_ == "prep" and w.lower_ == "with"
                                  for x in w.children if x.dep_ == "pobj" for a in self._actors(x)]
                        if beyond:
                            return beyond[:1]
                    # a place, or an organ standing for its state ("the US embassy")
                    found = [a for a in self._actors(o) if a.country and a.sector in (None, "GOV", "MIL")]
                    if found:
                        return found[:1]
        return []

    def _modal_demand(self, p: Token, consumed: set[int]) -> RawEvent | None:
        """"X said that Y must do Z" / "X issued a reminder to Y that it must Z": X demands Z of Y."""
        if not any(c.dep_ == "aux" and c.lower_ in MODAL_DEMANDS for c in p.children):
            return None
        clause = p
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        gov = clause.head
        if clause.dep_ in ("acl", "relcl") and gov.pos_ == "NOUN" and gov.head.pos_ == "VERB":
            gov = gov.head  # "issued a stern reminder ... that it must"
        elif clause.dep_ != "ccomp":
            return None
        if gov.lemma_.lower() not in self.lex.reporting_verbs and gov.lemma_.lower() not in self.lex.control \
                and clause.dep_ == "ccomp":
            return None
        src_head = self._subject(gov)[0]
        tgt_head = self._subject(p)[0]
        sources, targets = self._actors(src_head), self._actors(tgt_head)
        if not sources or not targets:
            return None
        inner = self._code_predicate(p, consumed)
        code = (self.lex.transform("demand", inner.code) if inner.code else None) or "100"
        pattern = f"{gov.lemma_.lower()} that must {inner.pattern or p.lemma_.lower()}"
        return RawEvent(sorted({gov, p}, key=lambda t: t.i), sources, targets, code, pattern, False, "demand", 0.8)

    def _reported(self, p: Token) -> str | None:
        """The reporting verb whose clause this predicate is ("said that ...", "announced it would ...")."""
        t = p
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        head = t.head.lemma_.lower()
        if t.dep_ == "ccomp" and (head in self.lex.reporting_verbs or head in self.lex.decision_verbs):
            return head
        return None

    def _negated(self, p: Token) -> bool:
        for c in p.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)):
                return True
        if p.dep_ in ("xcomp",) and p.head.lemma_.lower() in ("fail",):
            return True
        return False

    @staticmethod
    def _in_condition(p: Token) -> bool:
        """Is the predicate the condition of an if/unless/until clause (a hypothetical, not an event)?"""
        t = p
        while True:
            if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in t.children):
                return True
            if t.dep_ != "conj" or t.head.i == t.i:
                return False
            t = t.head

    @staticmethod
    def _conditional(p: Token) -> bool:
        t = p
        while t.dep_ != "ROOT" and t.head.i != t.i:
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
                return True
            t = t.head
        return False

    def _object_control(self, p: Token) -> bool:
        return p.lemma_.lower() in self.lex.object_control

    @staticmethod
    def _object_controlled(p: Token) -> Token | None:
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
                for s in c.children:
                    if s.dep_ in SUBJ_DEPS:
                        return s
        for c in p.children:  # "insisted on its demands that Burundi's government grant ..."
            if c.dep_ == "prep":
                for o in c.children:
                    for clause in o.children:
                        if o.dep_ == "pobj" and clause.dep_ in ("acl", "ccomp", "relcl"):
                            subj = next((s for s in clause.children if s.dep_ in SUBJ_DEPS), None)
                            if subj is not None:
                                return subj
        return None

    # ---- subjects and objects ------------------------------------------------------------------
    def _subject(self, p: Token, depth: int = 0) -> tuple[Token | None, Token | None, bool]:
        """(source head, target head from a passive subject, passive?) for a predicate."""
        subjects = [c for c in p.children if c.dep_ in SUBJ_DEPS]
        if len(subjects) > 1:  # a split title ("vice - president") or apposition parsed as several subjects
            subjects = [s for s in reversed(subjects) if self._actors(s)] or subjects
        subj = subjects[0] if subjects else None
        if subj is not None and subj.dep_ != "expl":
            return subj, None, False
        passive = next((c for c in p.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            agent = self._agent(p)
            lemma = p.lemma_.lower()
            if agent is None and (lemma in self.lex.control or lemma in self.lex.stative):
                return passive, None, False  # "Vietnam is committed to", "Israel is opposed to"
            return agent, passive, True
        if depth > 4 or p.head.i == p.i:
            return None, None, False
        head = p.head
        if p.dep_ == "conj":
            if not any(c.dep_ == "auxpass" for c in p.children):
                shared = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                if shared is not None:  # "was indicted by the court and will resign"
                    return shared, None, False
            return self._subject(head, depth + 1)
        if p.dep_ == "xcomp":
            if head.lemma_.lower() in self.lex.object_control:
                obj = self._object_controlled(head)
                if obj is not None:
                    return obj, None, False
            return self._subject(head, depth + 1)
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
                return self._subject(gov, depth + 1)
            return None, None, False
        if p.dep_ in ("advcl", "ccomp", "acomp"):
            if p.dep_ == "advcl" and p.tag_ == "VBN":
                return self._agent(p), None, True
            return self._subject(head, depth + 1)
        if p.dep_ == "acl":
            if p.tag_ == "VBN":  # "a camp attacked by militiamen": the noun is the target
                return self._agent(p), head, True
            if not self._actors(head) and head.dep_ in ("dobj", "attr") and head.head.pos_ == "VERB":
                return self._subject(head.head, depth + 1)  # "issued a declaration demanding ..."
            return head, None, False
        if p.dep_ == "relcl":
            return head, None, False
        return None, None, False

    @staticmethod
    def _agent(p: Token) -> Token | None:
        for c in p.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                for o in c.children:
                    if o.dep_ == "pobj":
                        return o
        return None

    def _target(self, p: Token, sources: list[Actor], coded: Coded) -> list[Actor]:
        taken = {a.code for a in sources}
        spans = {(a.start, a.end) for a in sources}
        candidates: list[Token] = []
        objs = [c for c in p.children if c.dep_ in ("dobj", "dative")]
        passive = [c for c in p.children if c.dep_ == "nsubjpass"]  # "ties with Iran were severed by ..."
        if p.lemma_.lower() in self.lex.transfer_verbs:  # "handed bin Laden over to the United States"
            candidates += [o for c in p.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                           for o in c.children if o.dep_ == "pobj"]
        for o in objs:  # "sent warships to Libya" may parse "to" as the dative
            candidates += [g for g in o.children if g.dep_ == "pobj"] if o.pos_ == "ADP" else [o]
        preps = {}
        for c in p.children:
            if c.dep_ == "prep":
                preps.setdefault(c.lower_, c)
            if c.dep_ == "prt" and any(g.dep_ == "pobj" for g in c.children):
                preps.setdefault(c.lower_, c)
        pattern_words = set(coded.pattern.split())
        late: list[Token] = []
        if "in" in pattern_words or (coded.code or "")[:2] in self.lex.place_target_roots:
            late = [o for o in (preps["in"].children if "in" in preps else ()) if o.dep_ == "pobj"]
        for word in TARGET_PREPS:
            prep = preps.get(word)
            if prep is None:
                continue
            for o in prep.children:
                if o.dep_ == "pobj":
                    candidates.append(o)
                    for pp in o.children:  # "called for sanctions against Nigeria"
                        if pp.dep_ == "prep" and pp.lower_ in TARGET_PREPS and pp.lower_ not in ("of", "for"):
                            candidates += [g for g in pp.children if g.dep_ == "pobj"]
                elif o.dep_ == "prep":
                    candidates += [g for g in o.children if g.dep_ == "pobj"]
        cue_tokens = {t.i for t in coded.tokens if not self._target_class_cue(t, coded)}
        nouns = [o for o in objs if o.pos_ != "ADP"] + passive
        nouns += [o for word, prep in preps.items() if word in TARGET_PREPS
                  for o in prep.children if o.dep_ == "pobj"]
        for obj in list(nouns):  # "a suspension of air links with Serbia": one level further down
            if obj.dep_ in ("dobj", "dative"):
                nouns += [o for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                          for o in c.children if o.dep_ == "pobj"]
        for obj in nouns:  # "supported Turkey's efforts", "demanded the withdrawal of Serbian forces"
            candidates += [c for c in obj.children if c.dep_ == "poss"]
            for c in obj.children:
                if c.dep_ in ("prep", "agent") and (c.lower_ in TARGET_PREPS or c.lower_ == "by"):
                    candidates += [g for g in c.children if g.dep_ == "pobj"]
            if obj.dep_ in ("dobj", "dative") or obj.i in cue_tokens:
                # "rejected a Senegalese peace plan", "opposed to French mediation": the author
                candidates += [c for c in obj.children if c.dep_ in ("amod", "compound") and c.i in self._matches]
            for c in obj.children:  # "reiterated its demand that Israel ease ...", "a call for X to ..."
                if c.dep_ in ("acl", "ccomp", "relcl"):
                    candidates += [s for s in c.children if s.dep_ in SUBJ_DEPS]
                    if c.dep_ == "acl" and c.tag_ == "VBN":  # "positions held by M23 rebels"
                        agent = self._agent(c)
                        candidates += [agent] if agent is not None else []
        weak: list[Actor] = []
        for cand in candidates + late:  # "arrived in Amman" only when nothing else names the target
            if cand.i in cue_tokens or self._contains(cand, cue_tokens):
                continue  # "sent tanks to Ukraine", "signed a series of agreements": the theme is no target
            if cand.head.lower_ == "with" and self._instrument_noun(cand):
                continue  # "violated the ceasefire with heavy artillery fire": a means, not a target
            if self._owned_by(cand, sources):
                continue  # "offered its troops to Lebanon": the source's own troops are the theme
            actors = [a for a in self._actors(cand) if (a.start, a.end) not in spans
                      and not (a.code in taken and a.sector is None)]
            if actors and not (len(actors) == 1 and actors[0].code in taken and cand.dep_ == "poss"):
                if any(a.country or a.code.startswith(("IGO", "NGO", "IMG")) for a in actors):
                    return actors
                weak = weak or actors  # a bare sector ("a suspected financier"): only if nothing better
        return weak

    def _instrument_noun(self, n: Token) -> bool:
        words = [n] + [c for c in n.children if c.dep_ == "compound"]
        return any(self.lex.in_class(w.lemma_.lower(), name) for w in words for name in INSTRUMENT_CLASSES)

    @staticmethod
    def _contains(cand: Token, cue_tokens: set[int]) -> bool:
        """Is the candidate a quantity or container of the theme ("a series of agreements")?"""
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(o.i in cue_tokens for o in c.children)
                   for c in cand.children)

    def _owned_by(self, cand: Token, sources: list[Actor]) -> bool:
        owners = {a.country for a in sources if a.country}
        for c in cand.children:
            if c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our"):
                owner = self.resolver.resolve_pronoun(c, self._history)
                return owner is not None and owner.country in owners
        return False

    def _target_class_cue(self, t: Token, coded: Coded) -> bool:
        """Is this cue noun a person the act is done to ("hosted delegations", "expelled diplomats")?"""
        word = t.lemma_.lower()
        return any(self.lex.in_class(word, name) for name in self.lex.target_classes)

    def _actors(self, head: Token | None) -> list[Actor]:
        """The actor(s) a head names, expanding coordination ("Russia and Ukraine")."""
        if head is None:
            return []
        heads = [head] + [c for c in head.conjuncts if c.i > head.i]
        out = []
        for h in heads:
            a = self.resolver.resolve(h, self._matches, self._day, self._history)
            if a is None or not a.code:
                continue
            out.append(a)
            for mod in h.children:  # "Russian and Ukrainian delegations": one actor per country
                m = self._matches.get(mod.i)
                if mod.dep_ not in ("amod", "compound") or m is None or m.entry.code != a.country:
                    continue
                for cj in mod.conjuncts:
                    other = self._matches.get(cj.i)
                    if other is not None and other.entry.kind == "country" and other.entry.code != a.country:
                        c = other.entry.code
                        out.append(replace(a, code=c + (a.sector or ""), country=c, name=other.entry.name))
        return out

    # ---- nominal events ------------------------------------------------------------------------
    def _noun_event(self, n: Token, consumed: set[int]) -> RawEvent | None:
        lemma = n.lemma_.lower()
        if lemma not in self.lex.nouns:
            return None
        # "a mediation effort": the trigger is a modifier; its head noun carries the relations
        anchor = n
        while anchor.dep_ == "compound" and anchor.head.i != anchor.i and anchor.head.pos_ in ("NOUN", "PROPN"):
            anchor = anchor.head
        if anchor.i != n.i and anchor.i in consumed:
            return None
        bag = self._noun_bag(n, anchor)
        pat = self.lex.match_noun(lemma, bag)
        if pat is None or pat.code is None:
            return None
        src_tok: Token | None = None
        for c in list(anchor.children) + ([c for c in n.children] if anchor.i != n.i else []):
            if c.i == n.i:
                continue
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.i in self._matches):
                src_tok = c
                break
        if src_tok is None:
            src_tok = self._agent(anchor)
        if src_tok is None:
            return None
        if src_tok.dep_ in ("amod", "compound") and src_tok.i in self._matches:
            m = self._matches[src_tok.i]
            sources = [self.resolver.from_match(m, n.doc[m.start:m.end], self._day, None)]
        else:
            sources = self._actors(src_tok)
        if not sources:
            return None
        targets: list[Actor] = []
        spans = {(a.start, a.end) for a in sources}
        for c in anchor.children:
            if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                for o in c.children:
                    if o.dep_ == "pobj":
                        targets = [a for a in self._actors(o) if (a.start, a.end) not in spans]
                if targets:
                    break
        consumed.update({n.i, anchor.i})
        negated = any(c.lower_ == "no" for c in anchor.children if c.dep_ == "det")
        code = (self.lex.transform("negation", pat.code) if negated else None) or pat.code
        return RawEvent([n], sources, targets, code, f"noun:{pat.text}", negated, "asserted", 0.75)

    # ---- filling countries ---------------------------------------------------------------------
    def sentence_countries(self, sent: Span) -> list[str]:
        """Countries the sentence names in any way (names, adjectives, capitals, places, people)."""
        out: list[str] = []
        for t in sent:
            m = self._matches.get(t.i)
            if m is None or m.start != t.i:
                continue
            code = m.entry.country if m.kind not in (KIND_PERSON,) else None
            if m.kind == KIND_PERSON:
                role, _ = m.entry.role_at(self._day)
                code = role.code[:3] if role and not role.code.startswith(("IGO", "NGO")) else None
            if code and code not in out and not self._ethnic(t):
                out.append(code)
        return out

    @staticmethod
    def _ethnic(t: Token) -> bool:
        """"ethnic Albanians": a group, not the kin state."""
        head = t.head if t.dep_ in ("amod", "compound") else t
        return any(c.lower_ == "ethnic" for c in list(head.children) + list(t.children))

    def location_countries(self, sent: Span) -> list[str]:
        """Countries of places named in locative phrases of the sentence ("in Tel Aviv", "near Samarra"),
        leaving out the attribution ("relief officials in Nairobi said")."""
        out = []
        attribution = {t.i for v in sent if v.lemma_.lower() in self.lex.reporting_verbs
                       for s in v.children if s.dep_ in SUBJ_DEPS for t in s.subtree}
        for t in sent:
            if t.i in attribution:
                continue
            m = self._matches.get(t.i)
            if m is None or m.kind not in (KIND_PLACE, KIND_CAPITAL, KIND_COUNTRY):
                continue
            head = t
            while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                head = head.head
            if head.dep_ == "pobj" and head.head.lower_ in LOCATION_PREPS and m.entry.code not in out:
                out.append(m.entry.code)
        return out
