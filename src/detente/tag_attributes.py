"""The model's attribute rules (its `attribute_ruler`: part of speech and morphology from the tagger's
tags, and the exceptions for pronouns, auxiliaries, contractions ...) applied by table lookup instead of
spaCy's Matcher. Same rules, same order, same result: the coder loads the pipeline with this component in
the ruler's place (see nlp.py), because the Matcher and the Span it makes for each match cost about as much
as the parser on news text.

How the ruler works, and so how this does: every rule's patterns are matched against the tokens as the
tagger and parser left them; then the matches are applied in the order the rules were added, so a later
rule's value wins for an attribute it sets. A token's attributes therefore depend only on which rules
match at that token. For a one-token pattern that depends on the token's tag, lower-case form,
dependency label and whether it is a space, so the outcome is worked out once per such combination and
kept (a table of bounded size). The few two-token patterns ("gon na", "let 's") are checked where their
first token matches.

A ruler whose patterns use anything else (operators, other attributes) is left in place: `compile_rules`
returns None and nlp.py keeps spaCy's component."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "detente_tag_attributes"
NAME = "tag_attributes"  # the component's name in a pipeline
TABLE_LIMIT = 200_000  # combinations kept before the table starts afresh (a long-running process)
KEYS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # column of each pattern key in a token's key
OUT = (POS, MORPH, LEMMA, TAG, DEP)  # attributes a rule may set, in the order of a result tuple


@dataclass(frozen=True)
class Rule:
    order: int  # position in the ruler: a later rule wins
    patterns: tuple[tuple[Callable[[tuple], bool], ...], ...]  # each pattern: one test per token
    index: int  # which token of a match gets the attributes
    values: tuple[int | None, ...]  # by OUT; None: not set by this rule


def _test(spec: dict[str, Any], strings) -> Callable[[tuple], bool] | None:
    """One token's pattern as a test over a token key (tag, lower, dep, is_space) of strings and a bool;
    None when the pattern uses something this module does not read."""
    checks: list[Callable[[tuple], bool]] = []
    for key, want in spec.items():
        col = KEYS.get(key)
        if col is None:
            return None
        if isinstance(want, dict):
            if len(want) != 1:
                return None
            (op, arg), = want.items()
            if op == "IN" and isinstance(arg, list):
                values = frozenset(arg)
                checks.append(lambda k, c=col, v=values: k[c] in v)
            elif op == "NOT_IN" and isinstance(arg, list):
                values = frozenset(arg)
                checks.append(lambda k, c=col, v=values: k[c] not in v)
            elif op == "REGEX" and isinstance(arg, str) and col != 3:
                rx = re.compile(arg)
                checks.append(lambda k, c=col, r=rx: r.search(k[c]) is not None)
            else:
                return None
        elif isinstance(want, bool) and col == 3:
            checks.append(lambda k, v=want: k[3] is v)
        elif isinstance(want, str) and col != 3:
            checks.append(lambda k, c=col, v=want: k[c] == v)
        else:
            return None
    return lambda k: all(check(k) for check in checks)


def compile_rules(ruler) -> list[Rule] | None:
    """The ruler's rules as Rules, or None when one of them cannot be read here."""
    rules: list[Rule] = []
    for order, (pattern, attrs, index) in enumerate(zip(ruler.patterns, ruler.attrs, ruler.indices)):
        if not set(attrs) <= set(OUT):
            return None
        compiled = []
        for pat in pattern["patterns"]:
            if not 1 <= len(pat) <= 2:
                return None
            tests = tuple(_test(spec, ruler.vocab.strings) for spec in pat)
            if any(t is None for t in tests) or not -len(pat) <= index < len(pat):
                return None
            compiled.append(tests)
        rules.append(Rule(order, tuple(compiled), index, tuple(attrs.get(a) for a in OUT)))
    return rules


class TagAttributes:
    """Sets what the model's attribute_ruler sets (POS, MORPH, LEMMA and, on space tokens, TAG and DEP)."""

    def __init__(self, vocab, rules: list[Rule]):
        self.vocab = vocab
        self.set_rules(rules)

    def set_rules(self, rules: list[Rule]) -> None:
        self.single = [(r, p[0]) for r in rules for p in r.patterns if len(p) == 1]
        self.double = [(r, p) for r in rules for p in r.patterns if len(p) == 2]
        self._values = {r.order: r.values for r in rules}
        self._table: dict[tuple[int, int, int, int], tuple[tuple[int, ...], frozenset[int]]] = {}

    def _outcome(self, key: tuple[int, int, int, int]) -> tuple[tuple[int, ...], frozenset[int]]:
        """For one token key: the orders of the one-token rules that match, and the first/second
        positions of two-token patterns it matches (as 2 * pattern number + position)."""
        found = self._table.get(key)
        if found is None:
            strings = self.vocab.strings
            k = (strings[key[0]] if key[0] else "", strings[key[1]] if key[1] else "",
                 strings[key[2]] if key[2] else "", bool(key[3]))
            orders = tuple(sorted({r.order for r, test in self.single if test(k)}))
            parts = frozenset(2 * n + pos for n, (_, tests) in enumerate(self.double)
                              for pos, test in enumerate(tests) if test(k))
            if len(self._table) >= TABLE_LIMIT:
                self._table.clear()
            found = self._table[key] = (orders, parts)
        return found

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        keys = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        outcomes = [self._outcome(tuple(k)) for k in keys]
        hits: list[list[int]] = [list(orders) for orders, _ in outcomes]
        if self.double:
            for n_pat, (rule, _) in enumerate(self.double):
                first, second = 2 * n_pat, 2 * n_pat + 1
                for i in range(n - 1):
                    if first in outcomes[i][1] and second in outcomes[i + 1][1]:
                        hits[i + (rule.index % 2)].append(rule.order)
        by_order = self._values
        values = doc.to_array([POS, MORPH, LEMMA, TAG, DEP])
        changed_tag_dep = False
        for i, orders in enumerate(hits):
            if not orders:
                continue
            if len(orders) > 1:
                orders = sorted(set(orders))
            row = values[i]
            for order in orders:
                for col, value in enumerate(by_order[order]):
                    if value is not None:
                        row[col] = value
                        if col >= 3:
                            changed_tag_dep = True
        doc.from_array([POS, MORPH, LEMMA], values[:, :3])
        if changed_tag_dep:
            doc.from_array([TAG, DEP], numpy.ascontiguousarray(values[:, 3:]))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY, default_config={})
def make_tag_attributes(nlp: Language, name: str):
    """Registered so that a pipeline can hold the component; `install` fills in the rules."""
    return TagAttributes(nlp.vocab, [])


def install(nlp: Language) -> bool:
    """Put TagAttributes in place of the pipeline's attribute_ruler (same position, named NAME); False,
    and the pipeline unchanged, when it has no ruler or a rule this module cannot read."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    rules = compile_rules(nlp.get_pipe("attribute_ruler"))
    if rules is None:
        return False
    nlp.replace_pipe("attribute_ruler", FACTORY).set_rules(rules)
    nlp.rename_pipe("attribute_ruler", NAME)
    return True
