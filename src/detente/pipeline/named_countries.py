"""The countries a sentence names, in any way (names, adjectives, capitals, places, people in office) or
in locative phrases ("in Tel Aviv", "near Samarra"), and the countries a whole document names, most
named first. Read by the grammar (domestic targets), the country-filling stage and the places stage."""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Span, Token

from ..actor_dictionary import KIND_CAPITAL, KIND_COUNTRY, KIND_PERSON, KIND_PLACE, Match
from .syntax import LOCATION_PREPS, SUBJ_DEPS


def sentence_countries(sent: Span, matches: dict[int, Match], day: dt.date | None) -> list[str]:
    """Countries the sentence names in any way (names, adjectives, capitals, places, people)."""
    out: list[str] = []
    for t in sent:
        m = matches.get(t.i)
        if m is None or m.start != t.i:
            continue
        code = m.entry.country if m.kind not in (KIND_PERSON,) else None
        if m.kind == KIND_PERSON:
            role, _ = m.entry.role_at(day)
            code = role.code[:3] if role and not role.code.startswith(("IGO", "NGO")) else None
        if code and code not in out and not _ethnic(t):
            out.append(code)
    return out


def _ethnic(t: Token) -> bool:
    """"ethnic Albanians": a group, not the kin state."""
    head = t.head if t.dep_ in ("amod", "compound") else t
    return any(c.lower_ == "ethnic" for c in list(head.children) + list(t.children))


def location_countries(sent: Span, matches: dict[int, Match], reporting_verbs: set[str]) -> list[str]:
    """Countries of places named in locative phrases of the sentence ("in Tel Aviv", "near Samarra"),
    leaving out the attribution ("relief officials in Nairobi said")."""
    out = []
    attribution = {t.i for v in sent if v.lemma_.lower() in reporting_verbs
                   for s in v.children if s.dep_ in SUBJ_DEPS for t in s.subtree}
    for t in sent:
        if t.i in attribution:
            continue
        m = matches.get(t.i)
        if m is None or m.kind not in (KIND_PLACE, KIND_CAPITAL, KIND_COUNTRY):
            continue
        head = t
        while head.dep_ in ("compound", "flat") and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in LOCATION_PREPS and m.entry.code not in out:
            out.append(m.entry.code)
    return out


def document_countries(matches: dict[int, Match], kinds: tuple[str, ...] = (
        "country", "adjective", "demonym", "capital", "place", "seat")) -> list[str]:
    """The countries a document names (in the given ways), most mentioned first (first on a tie)."""
    counts: dict[str, int] = {}
    for i, m in sorted(matches.items()):
        if m.start == i and m.entry.kind == "country" and m.kind in kinds:
            counts[m.entry.code] = counts.get(m.entry.code, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])
