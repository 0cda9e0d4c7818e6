"""Plural anaphora: "the two sides", "both leaders", "the pair" — and "they" when no plural mention
fits — refer back to the last two actors named, of different countries (people and institutions before
places), in the same sentence or the one before. "Blinken met Wang Yi in Beijing. The two sides agreed
to keep military channels open" is both of them agreeing."""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Lexicon
from ..records import Actor
from .context import SentenceContext

PAIR_WORDS = {"two", "both"}
PLURAL_PRONOUNS = {"they", "them"}
# How many sentences back people and institutions are looked for ("the two sides" after a paragraph on
# the call between two ministers); countries named as such count in the sentence before only.
AGENT_SENTENCES = 3


def counts_two(tok: Token, lexicon: Lexicon) -> bool:
    """Is this noun phrase "the two sides", "both leaders", "the two foreign ministers", "the pair", "both"?"""
    if tok.lower_ == "both" and tok.pos_ in ("PRON", "DET", "NOUN") and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return True
    lemma = tok.lemma_.lower()
    if lemma == "pair":
        return True
    modifiers = [c for c in tok.children if c.dep_ in ("nummod", "det", "predet", "amod", "compound")]
    phrase = " ".join([c.lemma_.lower() for c in modifiers if c.dep_ in ("amod", "compound")] + [lemma])
    if lemma not in lexicon.pair_nouns and phrase not in lexicon.pair_nouns:
        return False
    return any(c.lower_ in PAIR_WORDS for c in modifiers)


def plural_of_pair(tok: Token, lexicon: Lexicon) -> bool:
    """Is this a bare plural of a pair noun with "the" ("the ministers", "the leaders")? It names the two
    actors before it when the sentences before name exactly two countries' people or institutions."""
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in lexicon.pair_nouns:
        return False
    return [c.lower_ for c in tok.children if c.dep_ not in ("punct", "cc", "conj", "relcl", "acl")] == ["the"]


def pair_antecedents(s: SentenceContext, tok: Token, exact: bool = False) -> list[Actor]:
    """The last two actors of different countries named before `tok`: people and institutions in its
    sentence or the three before, else countries in its sentence or the one before; [] when there are
    not two (with `exact`, also when more than two countries have people or
    institutions named there)."""
    history = s.history
    if history is None:
        return []
    mentions = []  # (sentences back, mention)
    for k, sent in enumerate(history.sentences_back(tok)):
        if k > AGENT_SENTENCES:
            break
        mentions = [(k, m) for m in history.mentions(sent) if m.token < tok.i] + mentions
    best: dict[str, Actor] = {}  # by country: its person or institution if named, else its latest mention
    agent_countries: list[str] = []  # countries with a person or institution, most recent first
    other_countries: list[str] = []
    for k, m in reversed(mentions):
        country = m.actor.country
        agent = m.person or bool(m.actor.sector)
        if not country or (k > 1 and not agent):
            continue  # a country named as such counts in this sentence and the one before only
        if country not in best or (agent and country not in agent_countries):
            best[country] = m.actor
        if agent and country not in agent_countries:
            agent_countries.append(country)
        elif not agent and country not in other_countries:
            other_countries.append(country)
    countries = agent_countries + [c for c in other_countries if c not in agent_countries]
    if exact and len(agent_countries) != 2:
        return []
    if len(countries) < 2:
        return _coordinated_countries(s, tok)
    return [_at(tok, best[c]) for c in reversed(countries[:2])]


def _coordinated_countries(s: SentenceContext, tok: Token) -> list[Actor]:
    """"Thai and Cambodian troops clashed ... Both sides accused each other": two countries named as the
    coordinated modifiers of one noun, in the sentence or the one before."""
    history = s.history
    for k, sent in enumerate(history.sentences_back(tok)):
        if k > 1:
            break
        for t in sent:
            m = s.matches.get(t.i)
            if t.i >= tok.i or m is None or not t.conjuncts or t.dep_ not in ("amod", "nmod", "compound"):
                continue
            found: dict[str, Actor] = {}
            for cj in [t] + [c for c in t.conjuncts if c.i > t.i]:
                other = s.matches.get(cj.i)
                if other is not None and other.entry.country and other.entry.country not in found:
                    found[other.entry.country] = Actor(cj.text, other.entry.country, other.entry.country, None,
                                                       tok.idx, tok.idx + len(tok.text), other.entry.name)
            if len(found) >= 2:
                return list(found.values())[:2]
    return []


def _at(tok: Token, a: Actor) -> Actor:
    """The antecedent's actor, at the anaphor's place in the text."""
    span = tok.doc[tok.left_edge.i: tok.i + 1] if tok.pos_ != "PRON" else tok.doc[tok.i: tok.i + 1]
    return Actor(span.text, a.code, a.country, a.sector, span.start_char, span.end_char, a.name)
