"""Whom an act is aimed at: the predicate's objects and prepositional phrases, a control verb's
complement, the subject of a condition or of a demanded clause, a coordinated verb's object; failing
those, the place where it happens or, for domestic acts (protests, crackdowns), the actor's own
government or population."""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Lexicon
from ..records import Actor
from .actor_mentions import ActorResolver
from .arguments import Arguments, agent_of
from .context import SentenceContext
from .predicates import Coded, small_clause
from .named_countries import location_countries, sentence_countries
from .syntax import LOCATION_PREPS, OBJ_DEPS, SUBJ_DEPS, TARGET_PREPS

# Appeals, demands, complaints and threats are aimed at the subject of the clause they introduce.
CLAUSE_TARGET_ROOTS = {"02", "10", "11", "13"}
# Noun classes naming the means of an act ("with machetes", "with tear gas"), never its target.
INSTRUMENT_CLASSES = ("weapon", "instrument", "attack")


class Targets:
    def __init__(self, lexicon: Lexicon, resolver: ActorResolver, arguments: Arguments):
        self.lex = lexicon
        self.resolver = resolver
        self.arguments = arguments

    def find(self, s: SentenceContext, p: Token, coded: Coded, code: str, sources: list[Actor]) -> list[Actor]:
        """The target from the predicate's objects, then its complement, a condition, a reported clause,
        or a coordinated verb's object."""
        targets = self.of_predicate(s, coded.target_from or p, sources, coded)
        if not targets and coded.target_from is not None and coded.target_from.i != p.i:
            targets = self.of_predicate(s, p, sources, coded)
        if not targets and coded.complement is not None and (
                coded.target_from is None or coded.complement.i != coded.target_from.i):
            targets = self.of_predicate(s, coded.complement, sources, coded)
        if not targets and code[:2] == "13":  # "threatened to strike unless Israel rescinded ..."
            targets = self.condition_subject(s, p, sources)
        if not targets and code[:2] in CLAUSE_TARGET_ROOTS:  # "reiterated its demand that Israel ease ..."
            spans = {(a.start, a.end) for a in sources}
            for clause in (c for c in p.children if c.dep_ == "ccomp"):
                subj = next((x for x in clause.children if x.dep_ in SUBJ_DEPS), None)
                targets = [a for a in self.arguments.actors(s, subj) if (a.start, a.end) not in spans]
                if targets:
                    break
        if not targets and p.lemma_.lower() in self.lex.labelling_verbs:
            clause = small_clause(p)  # "declared two Estonian diplomats persona non grata"
            subj = next((x for x in clause.children if x.dep_ == "nsubj"), None) if clause is not None else None
            spans = {(a.start, a.end) for a in sources}
            targets = [a for a in self.arguments.actors(s, subj) if (a.start, a.end) not in spans]
        if not targets and not any(c.dep_ in OBJ_DEPS for c in p.children):
            for c in p.children:  # "criticized and condemned Y": the object hangs on the last verb
                if c.dep_ == "conj" and c.pos_ == "VERB":
                    targets = self.of_predicate(s, c, sources, coded)
                    break
        return targets

    def of_predicate(self, s: SentenceContext, p: Token, sources: list[Actor], coded: Coded) -> list[Actor]:
        """The target among a predicate's objects, prepositional objects and what hangs on them."""
        taken = {a.code for a in sources}
        countries = {a.country for a in sources if a.country}
        spans = {(a.start, a.end) for a in sources}
        candidates: list[Token] = []
        objs = [c for c in p.children if c.dep_ in ("dobj", "dative")]
        if p.lemma_.lower() in self.lex.topic_verbs:
            objs = []  # "discussed the Venezuelan crisis": what is talked about is no party
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
        if len(sources) < 2 and ("in" in pattern_words or (coded.code or "")[:2] in self.lex.place_target_roots):
            # "arrived in Amman"; but "A and B met in Geneva" is A and B meeting each other
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
        cue_tokens = {t.i for t in coded.tokens if not self._target_class_cue(t)}
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
                candidates += [c for c in obj.children if c.dep_ in ("amod", "compound") and c.i in s.matches]
            for c in obj.children:  # "reiterated its demand that Israel ease ...", "a call for X to ..."
                if c.dep_ in ("acl", "ccomp", "relcl"):
                    candidates += [x for x in c.children if x.dep_ in SUBJ_DEPS]
                    if c.dep_ == "acl" and c.tag_ == "VBN":  # "positions held by M23 rebels"
                        agent = agent_of(c)
                        candidates += [agent] if agent is not None else []
        # "condemned the launch of a missile by North Korea": the agent of the act an object names comes first
        agents = [g for obj in nouns for o in [obj] + _of_objects(obj) for c in o.children
                  if c.dep_ in ("prep", "agent") and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        weak: list[Actor] = []
        for cand in agents + candidates + late:  # "arrived in Amman" only when nothing else names the target
            if (cand.i in cue_tokens or _contains(cand, cue_tokens)) and not aimed_at(cand):
                continue  # "sent tanks to Ukraine", "signed a series of agreements": the theme is no target
            if cand.head.lower_ == "with" and self._instrument_noun(cand):
                continue  # "violated the ceasefire with heavy artillery fire": a means, not a target
            if self._owned_by(s, cand, sources):
                continue  # "offered its troops to Lebanon": the source's own troops are the theme
            listed = _list_before(cand)  # "with A, B, and his Norwegian counterpart": one list
            heads = [listed, cand] if listed is not None and any(listed.i == c.i for c in candidates) else [cand]
            actors = [a for h in heads for a in self.arguments.actors(s, h) if (a.start, a.end) not in spans
                      and not (a.code in taken and a.sector is None)]
            if cand.dep_ == "poss" and cand.pos_ == "PRON" and actors \
                    and all(a.country and a.country in countries for a in actors):
                continue  # "expressed their disapproval": the sources' own word, no target
            if actors and not (len(actors) == 1 and actors[0].code in taken and cand.dep_ == "poss"):
                if any(a.country or a.code.startswith(("IGO", "NGO", "IMG")) for a in actors):
                    return actors
                weak = weak or actors  # a bare sector ("a suspected financier"): only if nothing better
        return weak

    def _instrument_noun(self, n: Token) -> bool:
        words = [n] + [c for c in n.children if c.dep_ == "compound"]
        return any(self.lex.in_class(w.lemma_.lower(), name) for w in words for name in INSTRUMENT_CLASSES)

    def _owned_by(self, s: SentenceContext, cand: Token, sources: list[Actor]) -> bool:
        owners = {a.country for a in sources if a.country}
        for c in cand.children:
            if c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our"):
                owner = self.resolver.resolve_pronoun(c, s.history)
                if owner is None or owner.country not in owners:
                    return False
                own = self.resolver.resolve(cand, s.matches, s.day, s.history)  # not "his Vietnamese counterpart"
                return own is None or own.country in owners
        return False

    def _target_class_cue(self, t: Token) -> bool:
        """Is this cue noun a person the act is done to ("hosted delegations", "expelled diplomats")?"""
        word = t.lemma_.lower()
        return any(self.lex.in_class(word, name) for name in self.lex.target_classes)

    def place_target(self, s: SentenceContext, p: Token, sources: list[Actor], code: str) -> list[Actor]:
        """Targets from where the act happens: "imposed a blockade in the West Bank" targets the place's
        country; a protest or crackdown at home targets the government (protest) or the population
        (crackdown) of the actor's own country (modality.yaml, domestic_targets)."""
        place = self.location_target(s, p) if code[:2] in self.lex.location_target_roots else []
        whom = next((self.lex.domestic_targets[code[:n]] for n in (4, 3, 2) if code[:n] in self.lex.domestic_targets),
                    None)
        if whom is None or not sources:
            return place
        home = sources[0]
        country = home.country or (place[0].country if place else None) \
            or next(iter(location_countries(s.sent, s.matches, self.lex.reporting_verbs)), None) \
            or next(iter(sentence_countries(s.sent, s.matches, s.day)), None)
        if place and place[0].country != country:
            return place  # a protest abroad ("outside the British embassy in London")
        if not country:
            return []
        sector = "GOV" if whom == "government" else None
        code = country + (sector or "")
        if code == home.code:
            return []
        return [Actor(home.text, code, country, sector, home.start, home.end, None)]

    def condition_subject(self, s: SentenceContext, p: Token, sources: list[Actor]) -> list[Actor]:
        spans = {(a.start, a.end) for a in sources}
        for t in [p] + [c for c in p.children if c.dep_ in ("xcomp", "ccomp")]:
            for c in t.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                    subj = next((x for x in c.children if x.dep_ in SUBJ_DEPS), None)
                    found = [a for a in self.arguments.actors(s, subj) if (a.start, a.end) not in spans]
                    if found:
                        return found
        return []

    def location_target(self, s: SentenceContext, p: Token) -> list[Actor]:
        first = [p] + [c for c in p.children if c.dep_ in ("dobj", "xcomp")]
        heads = first + [c for h in first[1:] for c in h.children if c.dep_ in ("dobj", "xcomp")]
        heads += [o for c in p.children if c.dep_ == "prep" and c.lower_ not in LOCATION_PREPS
                  for o in c.children if o.dep_ == "pobj"]  # "on full alert along the border"
        subject = self.arguments.subject(s, p)[0]
        heads += [subject] if subject is not None else []  # "prisoners in Israeli jails began a strike"
        for c in (c for h in heads for c in h.children):
            if c.dep_ == "prep" and c.lower_ in LOCATION_PREPS:
                for o in c.children:
                    if o.dep_ != "pobj":
                        continue
                    if o.lemma_.lower() in self.lex.border_nouns:  # "along the border with Israel"
                        beyond = [a for w in o.children if w.dep_ == "prep" and w.lower_ == "with"
                                  for x in w.children if x.dep_ == "pobj" for a in self.arguments.actors(s, x)]
                        if beyond:
                            return beyond[:1]
                    # a place, or an organ standing for its state ("the US embassy")
                    found = [a for a in self.arguments.actors(s, o) if a.country and a.sector in (None, "GOV", "MIL")]
                    if found:
                        return found[:1]
        return []


def _list_before(cand: Token) -> Token | None:
    """The first item of a list the parser left the candidate out of: "met A, B, and his Norwegian
    counterpart" read with "counterpart" as a second object, the "and" hanging on B."""
    left = cand.left_edge.i
    if cand.dep_ not in ("dobj", "pobj") or left == 0 or cand.doc[left - 1].dep_ != "cc":
        return None
    head = cand.doc[left - 1].head
    if head.i == cand.i or head.dep_ != "conj":
        return None
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head


def _contains(cand: Token, cue_tokens: set[int]) -> bool:
    """Is the candidate a quantity or container of the theme ("a series of agreements")?"""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(o.i in cue_tokens for o in c.children)
               for c in cand.children)


def _of_objects(n: Token) -> list[Token]:
    return [o for c in n.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]


# Prepositions that aim an act at what they introduce: a pattern's cue noun after them ("fired water
# cannon at Philippine ships", "an attack on Ukrainian positions") is also the act's target.
AIMING_PREPS = {"at", "against", "on", "upon", "toward", "towards"}


def aimed_at(n: Token) -> bool:
    return n.dep_ == "pobj" and n.head.lower_ in AIMING_PREPS
