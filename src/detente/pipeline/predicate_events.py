"""Events from a sentence's predicates: each predicate coded (predicates.py), its source (arguments.py),
target (targets.py) and modality (modality.py), and the modal demand construction ("X said that Y must
do Z": X demands Z of Y). A mutual act with no subject takes the two sides of its "between" phrase as
sources ("talks between Russia and Ukraine were held": both ways); a generic act of violence in the
passive with neither agent nor means ("four soldiers were killed") is not coded, nor an active clause whose
subject names no actor ("many of the projectiles crossed into ..."). A diplomat told to leave a country is
expelled by it; a clash "with" someone goes both ways. Predicates are read from the top of the parse
down, so a control verb takes its complement before the complement is read on its own."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..lexicon import Lexicon
from ..records import Actor
from .arguments import Arguments, agent_of, between, object_controlled
from .context import RawEvent, SentenceContext
from .modality import Modality, in_condition, negated, warded_off
from .named_countries import document_countries
from .predicates import VIOLENT_ROOTS, Coded, Predicates, noun_bag, noun_owner
from .targets import Targets

MODAL_DEMANDS = {"must", "should", "ought"}
NEED_VERBS = {"have", "need"}  # "has to", "needs to": a demand when said of another actor
# Prepositions that attribute a harm to an attack ("in", "due to", "as a result of", "amid" ...) and the
# noun classes of such attacks.
CAUSE_PREPS = {"in", "by", "due", "from", "after", "during", "as", "amid", "following", "because"}
CAUSE_CLASSES = ("aggression", "attack")
# Acts that a state organ announces as its own when it reports them in the passive with no agent
# ("a protest was lodged", "diplomats were declared persona non grata", "eight were arrested, police said");
# the organs that do so.
ANNOUNCED_ROOTS = {"02", "03", "04", "05", "09", "10", "11", "12", "13", "16", "17"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "SPY"}
CLAIM_CODE = "015"  # claim responsibility
EXPULSION_CODE = "161"  # reduce or break diplomatic relations: expel diplomats
FIGHT_CODE = "190"  # use conventional military force
# Endorsement, whose object is what is endorsed: with an object that is no one's, no one is endorsed.
ENDORSE_CODES = {"051"}
FIRST_PERSON = {"i", "we"}
QUANTIFIERS = {"many", "some", "most", "several", "all", "few", "none", "dozens", "hundreds", "thousands",
               "millions", "scores", "number", "majority", "part", "rest"}
# Noun classes that name an act or its means, whose subject position is no doer ("the strike killed").
MEANS_CLASSES = ("weapon", "instrument", "attack", "aggression")


class PredicateEvents:
    def __init__(self, lexicon: Lexicon, predicates: Predicates, arguments: Arguments, targets: Targets,
                 modality: Modality):
        self.lex = lexicon
        self.predicates = predicates
        self.arguments = arguments
        self.targets = targets
        self.modality = modality

    def __call__(self, s: SentenceContext, consumed: set[int]) -> list[RawEvent]:
        """The sentence's predicate events; tokens they take are added to `consumed`."""
        out: list[RawEvent] = []
        preds = [t for t in s.sent if self.predicates.is_predicate(t)]
        preds.sort(key=lambda t: (len(list(t.ancestors)), t.i))
        for p in preds:
            if p.i in consumed:
                continue
            ev = self.event(s, p, consumed)
            if ev is not None:
                out.append(ev)
                back = self._fought_back(p, ev)
                out += [back] if back is not None else []
        return out

    def _fought_back(self, p: Token, ev: RawEvent) -> RawEvent | None:
        """"Police clashed with protesters": the protesters clashed with the police too (modality.yaml,
        fought_with), coded by who they are (civilians resisting the police: 145)."""
        if p.lemma_.lower() not in self.lex.fought_with or not ev.sources or not ev.targets \
                or not any(c.dep_ == "prep" and c.lower_ == "with" for c in p.children) \
                or ev.pattern != p.lemma_.lower():
            return None  # not "clashed with police" (145, the lexicon's), whose police are the state
        code = self._by_sector(FIGHT_CODE, ev.targets, ev.sources, Coded(FIGHT_CODE, "", [p]))
        return replace(ev, sources=ev.targets, targets=ev.sources, code=code)

    def event(self, s: SentenceContext, p: Token, consumed: set[int]) -> RawEvent | None:
        if in_condition(p) or warded_off(p):
            return None
        if p.dep_ == "acl" and p.tag_ == "VBN" and p.lemma_.lower() in self.lex.standing_labels:
            return None  # "the PKK, listed as a terrorist organization by Turkey": a standing status
        demand = self.modal_demand(s, p, consumed)
        if demand is not None:
            return demand
        expelled = self.ordered_to_leave(s, p)
        if expelled is not None:
            consumed.update(t.i for t in expelled.trigger)
            return expelled
        coded = self.predicates.code(s, p, consumed)
        if coded.code is None:
            coded = self._mutual_verb(s, p, coded)  # "Lavrov and Fidan spoke for an hour"
        if coded.code is None or coded.pattern == p.lemma_.lower():
            coded = self._visitor(s, p, coded)  # "Widodo received Fidan in Jakarta"
        if coded.code is None:
            return None
        if coded.code == CLAIM_CODE and p.pos_ == "ADJ" and not _own_claim(p):
            return None  # "the PKK has been responsible for thousands of deaths": the writer's account
        neg = negated(p)
        code, modality = self.modality.apply(p, coded, neg)
        src_head, tgt_head, passive = self.arguments.subject(s, p)
        if passive and p.dep_ == "acl" and tgt_head is not None and src_head is None \
                and any(c.dep_ == "dobj" for c in p.children):
            src_head, tgt_head, passive = tgt_head, None, False  # "Turkish forces neutralized four PKK
            # members, the ministry said": a participle with a direct object is active, not passive
        if not passive and p.dep_ == "acl" and p.head.pos_ == "NOUN" \
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in p.children):
            # "a decision by France to expel 41 diplomats", "Russia's move to annex": the noun's owner acts
            owner = noun_owner(s, p.head, self.arguments)
            src_head = owner if owner is not None else src_head
        if passive and src_head is None and self.modality.self_directed(coded.inner_code or code):
            src_head, tgt_head = tgt_head, None  # "Russian troops have been massed near the border"
        if p.lemma_.lower() in self.lex.object_control:  # "urged Israel to ...", "demanded that the US ..."
            tgt_head = object_controlled(p) or tgt_head
        sources = self.arguments.actors(s, src_head)
        attack = self._attack_subject(s, p, src_head) if (coded.inner_code or code)[:2] in VIOLENT_ROOTS else None
        if attack is not None:
            consumed.add(attack.i)  # "hit by Israeli strikes": the strikes are this act, not a second one
        if not sources and (coded.inner_code or code)[:2] in VIOLENT_ROOTS:
            # "killed in an Israeli airstrike", "wounded due to Russian aggression"
            sources = self._means_owner(s, coded) or self._cause_owner(s, p)
        if not sources and code[:2] == "16":  # "US sanctions target Russian banks"
            sources = self._means_owner(s, coded)
        if passive and not sources and src_head is None and (coded.inner_code or code)[:2] in ANNOUNCED_ROOTS:
            # "the ambassador was summoned to the foreign ministry", "a protest was lodged, the ministry said",
            # "eight Serbs were arrested, police said": the state organ that announces its own act did it
            sources = self._announcer(s, p)
        if passive and not sources and src_head is None and (coded.inner_code or code)[:2] in VIOLENT_ROOTS \
                and tgt_head is not None:
            # "three militants were neutralized, the defence ministry said": a state's forces report their
            # own operation against armed enemies (never civilians or their own side)
            sources = self._own_operation(s, p, tgt_head)
        if passive and not sources and src_head is None and len(coded.tokens) == 1 \
                and p.lemma_.lower() in self.lex.agentless_acts:
            return None  # "four soldiers were killed": no one named did it, and no means says how
        if not sources and not passive and self._unknown_doer(s, src_head):
            return None  # "the projectiles crossed into ...", "he" with no antecedent: no actor we know did it
        targets = self.arguments.actors(s, tgt_head) if tgt_head is not None else []
        confidence = 0.9 if sources else 0.6
        if not targets:
            targets = self.targets.find(s, p, coded, code, sources)
        if len(sources) >= 2 and targets and self.lex.mutual(code) and not any(t.country for t in targets):
            targets = []  # "A and B spoke about the establishment of ...": the topic is no party; each other
        if not targets and len(sources) < 2 and code in ENDORSE_CODES and any(
                c.dep_ == "dobj" and c.pos_ == "NOUN" and not self._named_act(c) for c in p.children):
            return None  # "support all efforts to stop the killings": what is endorsed is no one's (but "welcomed
            # the decision" is someone's act, whom the story names)
        if not targets and len(sources) < 2:
            targets = self.targets.place_target(s, p, sources, coded.inner_code or code)
            confidence -= 0.15 if targets else 0.0
        if not sources and self.lex.mutual(coded.inner_code or code):
            sides = self._sides(s, p, coded)  # "talks between Russia and Ukraine were held": both ways
            if len(sides) >= 2:
                sources, targets, confidence = sides, [], 0.8
        if not sources and not targets:
            return None
        if not sources and p.lemma_.lower() in self.lex.agentless_acts and not coded.kind \
                and not any(t.pos_ in ("NOUN", "PROPN") for t in coded.tokens[1:]) \
                and attack is None:
            # "the violence has killed 14,000 people", "injured by a firearm": no one named did it, and
            # nothing says how (but "the strike killed a commander" is the strike named before)
            return None
        code = self._by_sector(code, sources, targets, coded)
        return RawEvent(sorted(set(coded.tokens), key=lambda t: t.i), sources, targets, code, coded.pattern,
                        neg, modality, confidence, reciprocal=len(sources) >= 2 and not targets and reciprocal(p))

    def _named_act(self, n: Token) -> bool:
        """Does the noun name an act of someone's by itself ("the decision", "the agreement"; not
        "efforts")?"""
        lemma = n.lemma_.lower()
        pat = self.lex.match_noun(lemma, set())
        return lemma in self.lex.act_nouns or (pat is not None and bool(pat.code))

    def _act_noun(self, n: Token) -> bool:
        lemma = n.lemma_.lower()
        return lemma in self.lex.act_nouns or lemma in self.lex.nouns or lemma in self.lex.control_nouns

    def _unknown_doer(self, s: SentenceContext, head: Token | None) -> bool:
        """Is the subject of an active clause a common noun or pronoun that names no actor ("bystanders
        cheered", "the projectiles crossed into", "he" with no antecedent)? Attacks, weapons and other acts
        are not doers but the act or its means ("the strike killed", "a roadside bomb killed", "an attempt
        to assassinate")."""
        if head is None or head.lower_ in FIRST_PERSON:
            return False  # "we": the speaker's side, read by attribution
        if head.tag_ in ("WDT", "WP") and head.head.dep_ == "relcl":
            head = head.head.head  # "entities that advanced ..."
        part = next((o for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                     for o in c.children if o.dep_ == "pobj"), None)
        if part is not None and (head.pos_ in ("NUM", "ADJ") or head.lower_ in QUANTIFIERS):
            head = part  # "many of the projectiles", "thousands of people"
        if head.pos_ not in ("NOUN", "PRON"):
            return False  # a name the dictionaries lack is still a named doer ("detente actors --unknown")
        words = [head] + [c for c in head.children if c.dep_ == "compound"]
        return not any(self.lex.in_class(w.lemma_.lower(), name) for w in words for name in MEANS_CLASSES) \
            and not self._act_noun(head)  # "an attempt to assassinate ...": an act, not a doer

    def _attack_subject(self, s: SentenceContext, p: Token, head: Token | None) -> Token | None:
        """The subject or agent when it is an attack named as such ("the strike killed", "hit by Israeli
        strikes", "an attack which killed ...")."""
        if head is not None and head.tag_ in ("WDT", "WP") and p.dep_ == "relcl":
            head = p.head  # "a strike that killed four people"
        if head is None or head.pos_ != "NOUN":
            return None
        pat = self.lex.match_noun(head.lemma_.lower(), noun_bag(head, head))
        return head if pat is not None and pat.code is not None and pat.code[:2] in VIOLENT_ROOTS else None

    def _by_sector(self, code: str, sources: list[Actor], targets: list[Actor], coded: Coded) -> str:
        """Acts whose code depends on who does them or to whom (modality.yaml, transforms armed,
        armed_target, repression and untargeted): gunmen storming a building fight, they do not riot;
        backing rebels is aiding them; police clashing with protesters repress them; a state firing
        missiles at no one tests them."""
        lex = self.lex
        if not targets and sources and all(a.sector in (None, "GOV", "MIL") for a in sources) \
                and any(t.lemma_.lower() in lex.test_weapons and t.dep_ not in ("nsubj", "nsubjpass")
                        for t in coded.tokens):  # what was fired, not "the missiles did not hit"
            code = lex.transform("untargeted", code) or code
        if sources and all(a.sector in lex.armed_sectors for a in sources):
            code = lex.transform("armed", code) or code
        if targets and all(a.sector in lex.insurgent_sectors for a in targets):
            code = lex.transform("armed_target", code) or code
        if sources and targets and all(a.sector in lex.security_sectors for a in sources) \
                and all(a.sector in lex.civilian_sectors for a in targets):
            code = lex.transform("repression", code) or code
        if sources and targets and all(a.sector in lex.civilian_sectors for a in sources) \
                and all(a.sector in lex.security_sectors for a in targets):
            code = lex.transform("resistance", code) or code
        return code

    def _mutual_verb(self, s: SentenceContext, p: Token, coded: Coded) -> Coded:
        """A verb that is a mutual act only when two or more actors do it together ("spoke", "talked")."""
        code = self.lex.mutual_verbs.get(p.lemma_.lower())
        if code is None or any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("to", "at", "before"))
                               for c in p.children):
            return coded  # "spoke to reporters", "spoke at the summit": addressing others
        subject = self.arguments.subject(s, p)[0]
        if len(self.arguments.actors(s, subject)) < 2:
            return coded
        return Coded(code, f"{p.lemma_.lower()} (together)", [p], target_from=p)

    def _announcer(self, s: SentenceContext, p: Token) -> list[Actor]:
        """The state organ behind an agentless passive act: the host of "summoned to the ministry", or the
        organ whose reporting clause the act is ("..., the ministry said")."""
        if p.lemma_.lower() in self.lex.visitor_verbs or p.lemma_.lower() == "summon":
            for c in p.children:
                if c.dep_ == "prep" and c.lower_ == "to":
                    found = [a for o in c.children if o.dep_ == "pobj" for a in self.arguments.actors(s, o)]
                    found = [a for a in found if a.sector in STATE_SECTORS]
                    if found:
                        return found
        t = p
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        if t.dep_ != "ccomp" or t.head.lemma_.lower() not in self.lex.reporting_verbs:
            return []
        speaker = self.arguments.subject(s, t.head)[0]
        return [a for a in self.arguments.actors(s, speaker) if a.sector in STATE_SECTORS]

    def _own_operation(self, s: SentenceContext, p: Token, victims: Token) -> list[Actor]:
        """The announcer of an agentless armed act against armed enemies, when it is a state's armed forces
        or government: its forces did it (the government's as its military)."""
        home = document_countries(s.matches)[:1]  # "the ministry said" in a story about one country
        announcer = [a if a.country else replace(a, country=home[0]) for a in self._announcer(s, p)
                     if a.sector in ("MIL", "GOV") and (a.country or home)]
        targets = self.arguments.actors(s, victims)
        if not targets:  # "three of the militants"
            part = next((o for c in victims.children if c.dep_ == "prep" and c.lower_ == "of"
                         for o in c.children if o.dep_ == "pobj"), None)
            targets = self.arguments.actors(s, part) if part is not None else []
        if not announcer or not targets or not all(t.sector in self.lex.armed_sectors for t in targets):
            return []
        if any(t.country in (None, a.country) and t.sector in (a.sector, "MIL") for t in targets for a in announcer):
            return []  # "four soldiers were killed, the army said": its own losses
        return [replace(a, code=a.country + "MIL", sector="MIL") for a in announcer]

    def _visitor(self, s: SentenceContext, p: Token, coded: Coded) -> Coded:
        """A verb that hosts its object when the object is a person or a government (modality.yaml,
        visitor_verbs): "received Fidan", but not "received aid" or "welcomed the decision"."""
        code = self.lex.visitor_verbs.get(p.lemma_.lower())
        obj = next((c for c in p.children if c.dep_ == "dobj"), None)
        if code is None or obj is None \
                or not (obj.pos_ == "PROPN" or self.lex.in_class(obj.lemma_.lower(), "official")):
            return coded
        actors = self.arguments.actors(s, obj)
        if actors and all(obj.ent_type_ == "PERSON" or a.sector == "GOV" for a in actors):
            return Coded(code, f"{p.lemma_.lower()} (visitor)", [p], target_from=p)
        return coded

    def _means_owner(self, s: SentenceContext, coded) -> list[Actor]:
        """The actor named on the means of a violent act: "an Israeli airstrike", "Russia's shelling"."""
        for noun in coded.tokens[1:]:
            if noun.pos_ != "NOUN":
                continue
            for c in noun.children:
                if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.i in s.matches):
                    found = [a for a in self.arguments.actors(s, c) if a.country or a.sector]
                    if found:
                        return found
        return []

    def _cause_owner(self, s: SentenceContext, p: Token) -> list[Actor]:
        """The actor named on an attack the predicate is attributed to: "wounded in Russian strikes",
        "killed due to Russian aggression", "killed as a result of Israeli shelling" (on this verb or a
        verb coordinated with it)."""
        verbs = [p] + [c for c in p.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        for v in verbs:
            for prep in v.children:
                if prep.dep_ != "prep" or prep.lower_ not in CAUSE_PREPS:
                    continue
                for t in prep.subtree:
                    if not any(self.lex.in_class(t.lemma_.lower(), name) for name in CAUSE_CLASSES):
                        continue
                    for c in t.children:
                        if c.dep_ in ("poss", "nsubj") or (c.dep_ in ("amod", "compound") and c.i in s.matches):
                            found = [a for a in self.arguments.actors(s, c) if a.country]
                            if found:
                                return found
        return []

    def _sides(self, s: SentenceContext, p: Token, coded) -> list[Actor]:
        """The actors of a "between" phrase on the predicate, its subject or object, or its cue noun."""
        words = [p] + [c for c in p.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] + coded.tokens[1:]
        for w in words:
            obj = between(w)
            if obj is not None:
                found = self.arguments.actors(s, obj)
                if len(found) >= 2:
                    return found
        return []

    def ordered_to_leave(self, s: SentenceContext, p: Token) -> RawEvent | None:
        """"The ambassador was asked to leave Mali", "Niger ordered the envoy to leave the country", "they
        were given 72 hours to leave the territory of Russia": a diplomat told to leave a country is expelled
        (161) by that country's government, or by the subject that orders it."""
        lex = self.lex
        if p.lemma_.lower() not in lex.departure_orders:
            return None
        leave = next((c for c in p.children if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in lex.departure_verbs
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        place = next((c for c in leave.children if c.dep_ == "dobj"), None) if leave is not None else None
        if place is None:
            return None
        src_head, tgt_head, passive = self.arguments.subject(s, p)
        asked = tgt_head if passive else next((c for c in p.children if c.dep_ in ("dobj", "dative")), None)
        if asked is None or not (asked.pos_ == "PRON" or any(lex.in_class(w.lemma_.lower(), "diplomat")
                                                             for w in [asked] + list(asked.children))):
            return None
        targets = self.arguments.actors(s, asked)
        left = [place] + [o for c in place.children if c.dep_ == "prep" and c.lower_ == "of"
                          for o in c.children if o.dep_ == "pobj"]  # "the territory of Russia"
        sources = self.arguments.actors(s, src_head) if not passive else []
        if not sources:
            agent = agent_of(p)
            sources = self.arguments.actors(s, agent) if agent is not None else []
        if not sources:
            states = [a for h in left for a in self.arguments.actors(s, h) if a.country and a.sector in (None, "GOV")]
            sources = [replace(a, code=a.country + "GOV", sector="GOV") for a in states[:1]]
        if not sources:
            sources = self._announcer(s, p)  # "the envoy was told to leave the country, the ministry said"
        homes = {a.country for a in sources}
        targets = [a for a in targets if a.country not in homes]
        if not sources:
            return None
        return RawEvent(sorted({p, leave}, key=lambda t: t.i), sources, targets, EXPULSION_CODE,
                        f"{p.lemma_.lower()} to leave", False, "asserted", 0.8)

    def modal_demand(self, s: SentenceContext, p: Token, consumed: set[int]) -> RawEvent | None:
        """"X said that Y must do Z" (or "has to", "needs to") / "X issued a reminder to Y that it must Z": X
        demands Z of Y."""
        clause = p
        if p.dep_ == "xcomp" and p.head.lemma_.lower() in NEED_VERBS and p.head.dep_ == "ccomp" \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in p.children):
            clause = p.head  # "X said that Y has to / needs to withdraw"
        elif not any(c.dep_ == "aux" and c.lower_ in MODAL_DEMANDS for c in p.children):
            return None
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
        src_head = self.arguments.subject(s, gov)[0]
        tgt_head = self.arguments.subject(s, clause if clause is not p and clause.dep_ == "ccomp" else p)[0]
        sources, targets = self.arguments.actors(s, src_head), self.arguments.actors(s, tgt_head)
        own = {a.country for a in sources if a.country}
        targets = [a for a in targets if a.country not in own]  # "Lavrov said Russia must respond": no demand
        if not sources or not targets:
            return None
        inner = self.predicates.code(s, p, consumed)
        code = (self.lex.transform("demand", inner.code) if inner.code else None) or "100"
        pattern = f"{gov.lemma_.lower()} that must {inner.pattern or p.lemma_.lower()}"
        return RawEvent(sorted({gov, p}, key=lambda t: t.i), sources, targets, code, pattern, False, "demand", 0.8)


def _own_claim(p: Token) -> bool:
    """Is an adjective predicate of responsibility said by its subject of itself: "we are responsible",
    "the group said it was responsible"?"""
    subj = next((c for c in p.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and p.head.i != p.i:
        subj = next((c for c in p.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "PRON":
        return False
    if subj.lower_ in FIRST_PERSON:
        return True
    clause = p if p.dep_ == "ccomp" else p.head
    return clause.dep_ == "ccomp"  # "X said it was responsible"


def reciprocal(p: Token) -> bool:
    """Does the predicate take "each other" or "one another" as its object ("accused each other", "fired on
    one another")?"""
    objects = [c for c in p.children if c.dep_ in ("dobj", "dative")]
    objects += [o for c in p.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    for o in objects:
        if o.lower_ == "other" and any(d.lower_ == "each" for d in o.children):
            return True
        if o.lower_ == "another" and any(d.lower_ == "one" for d in o.children) \
                or o.lower_ == "one" and any(d.lower_ == "another" for d in o.children):
            return True  # the parser hangs either word on the other
    return False
