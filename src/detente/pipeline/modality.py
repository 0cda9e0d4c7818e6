"""How an act is asserted: negated ("will not agree" -> refusal), in the future ("will provide aid" ->
intent), reported ("said they would boycott"), conditional ("if", "unless", "may halt"), or only the
condition of another act (no event)."""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Lexicon
from .predicates import Coded

CONTROL_MODALITY = {"intent": "intent", "appeal": "appeal", "demand": "demand", "reject": "refusal",
                    "threaten": "threat"}
CONDITION_MARKS = {"if", "unless", "until", "whether", "lest"}


class Modality:
    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def apply(self, p: Token, coded: Coded, negated: bool) -> tuple[str, str]:
        """The code after negation, future and conditionals, and the modality label."""
        code = coded.code or ""
        modality = CONTROL_MODALITY.get(coded.kind, "asserted")
        if negated:
            code = self.lex.transform("negation", code) or code
        aux = {c.lower_ for c in p.children if c.dep_ in ("aux", "auxpass")}
        reported = self.reported(p)
        if "would" in aux and reported:
            aux.discard("would")
            if reported not in self.lex.decision_verbs:
                aux.add("will")  # "said they would boycott": the future of reported speech
            # "announced it would prohibit aid" reports a decision: the act itself
        kind = coded.kind
        if kind == "same" and going_to(p):
            aux.update(self.lex.future_aux)  # "we are going to destroy them": the future
            kind = ""
        if aux & self.lex.future_aux and not kind and not negated:
            future = self.lex.transform("future", code)
            if future and future != code:
                code, modality = future, "intent"
        elif aux & self.lex.conditional_aux or conditional(p):
            modality = "conditional"
            if aux & self.lex.conditional_aux and not coded.kind and not negated and code[:2] >= "14":
                code = self.lex.transform("future", code) or code  # "may halt mediation": a threat
        return code, modality

    def reported(self, p: Token) -> str | None:
        """The reporting verb whose clause this predicate is ("said that ...", "announced it would ...")."""
        t = p
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        head = t.head.lemma_.lower()
        if t.dep_ == "ccomp" and (head in self.lex.reporting_verbs or head in self.lex.decision_verbs):
            return head
        return None

    def self_directed(self, code: str) -> bool:
        """Acts that need no target ("troops have been massed near the border")."""
        return any(code.startswith(prefix) for prefix in self.lex.self_directed)


def going_to(p: Token) -> bool:
    """Is the predicate "be going to ..." (a future), not "went to" or "are going to Paris"?"""
    return p.lemma_.lower() == "go" and p.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in p.children) \
        and any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in p.children)


def negated(p: Token) -> bool:
    for c in p.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)):
            return True
    if p.dep_ in ("xcomp",) and p.head.lemma_.lower() in ("fail",):
        return True
    return False


def in_condition(p: Token) -> bool:
    """Is the predicate the condition of an if/unless/until clause (a hypothetical, not an event)?"""
    t = p
    while True:
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in t.children):
            return True
        if t.dep_ != "conj" or t.head.i == t.i:
            return False
        t = t.head


# Verbs whose "from" + gerund is an act that did not happen ("refrained from attacking", "prevented them
# from crossing", "barred him from leaving").
PREVENTING_VERBS = {"refrain", "prevent", "stop", "bar", "ban", "deter", "keep", "block", "dissuade", "discourage",
                    "prohibit", "restrain", "hold"}


def warded_off(p: Token) -> bool:
    """Is the predicate an act warned, argued or decided against ("warned Maduro against arresting Guaido",
    "decided against attacking"), or one prevented ("refrained from attacking")? Not an event."""
    if p.dep_ != "pcomp" or p.tag_ != "VBG" or p.head.dep_ != "prep":
        return False
    prep = p.head.lower_
    return prep == "against" or prep == "from" and p.head.head.lemma_.lower() in PREVENTING_VERBS


def conditional(p: Token) -> bool:
    t = p
    while t.dep_ != "ROOT" and t.head.i != t.i:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
            return True
        t = t.head
    return False
