"""Words and tests the actor resolution shares: pronouns, partitive and group heads, name shapes."""
from __future__ import annotations

from spacy.tokens import Token

from ..actor_dictionary import (KIND_ADJECTIVE, KIND_CAPITAL, KIND_COUNTRY, KIND_DEMONYM, KIND_ORG, KIND_PERSON,
                                KIND_PLACE, KIND_SEAT, Entry)

KIND_ORDER = {KIND_PERSON: 0, KIND_ORG: 1, KIND_COUNTRY: 2, KIND_SEAT: 3, KIND_CAPITAL: 4, KIND_ADJECTIVE: 5,
              KIND_DEMONYM: 6, KIND_PLACE: 7}
# Dependencies that stay inside a noun phrase's core (its modifiers), as opposed to clauses hanging off it.
CORE_DEPS = {"compound", "amod", "poss", "nmod", "flat", "nummod", "det", "case", "punct", "quantmod", "npadvmod"}
# Prepositions through which a non-actor head may take its actor ("leaders of the opposition").
OF_PREPS = {"of", "from", "for", "in", "within", "at", "inside"}
# Heads that name part of a group: "leaders of the opposition" code as the group.
PARTITIVE_HEADS = {"leader", "member", "head", "chief", "official", "representative", "spokesman",
                   "spokeswoman", "spokesperson", "delegation", "delegate", "envoy", "supporter", "faction",
                   "wing", "unit", "group", "activist", "commander", "fighter", "elements", "element",
                   "ten", "tens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen",
                   "dozens", "score", "scores", "number", "majority", "crowd", "band", "third", "half", "part",
                   # office holders "of" an organisation: "the secretary general of Amnesty International"
                   "secretary", "general", "director", "president", "chairman", "chairwoman", "chairperson",
                   "chair", "coordinator", "commissioner", "rapporteur", "executive", "founder", "prosecutor"}
# Person nouns whose organisation, when named before them, gives the sector ("police recruits").
GENERIC_PERSONS = PARTITIVE_HEADS | {"recruit", "officer", "cadet", "guard", "personnel", "staff", "employee",
                                     "worker", "agent", "veteran", "volunteer", "trainee"}
# "Party" as a side of a dispute, not a political party: "relevant parties", "the warring parties".
SIDE_NOUNS = {"party"}
SIDE_MODIFIERS = {"relevant", "concerned", "warring", "interested", "involved", "opposing", "other", "third",
                  "conflicting", "contracting", "respective", "affected"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers"}
PRONOUNS_THING = {"it", "its"}
PRONOUNS_PLURAL = {"they", "them", "their", "theirs"}
PRONOUNS_FIRST = {"we", "us", "our"}
PRONOUNS = PRONOUNS_PERSON | PRONOUNS_THING | PRONOUNS_PLURAL | PRONOUNS_FIRST
GROUP_SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD", "SPY", "PTY", "IGO", "NGO", "BUS", "MED"}
# "Iran-backed", "US-trained": the country before them is a patron, not the actor's country.
PATRON_WORDS = {"backed", "supported", "sponsored", "funded", "financed", "armed", "trained", "allied", "aligned",
                "affiliated", "friendly", "leaning", "controlled"}
# Sectors of the bodies "the group", "the movement" can refer back to.
GROUP_LIKE = {"REB", "OPP", "PTY", "NGO", "CRM", "RAD", "SEP"}
# Heads that speak for the body they are "for": "a spokesperson for China's coast guard" codes as the coast guard.
SPEAKER_HEADS = {"spokesman", "spokeswoman", "spokesperson", "mouthpiece"}
# Heads that take the sector of whoever they are a counterpart of: "Fidan met his Vietnamese counterpart".
COUNTERPART_HEADS = {"counterpart", "opposite number"}
# Where a document's own names come from: people named with a title, and "Rapid Support Forces (RSF)".
DOCUMENT_ORIGIN = "document"


def entry_code(entry: Entry) -> str:
    return entry.roles[0].code if entry.roles else entry.code


def ends(tokens: list[Token], words: tuple[str, ...]) -> bool:
    """Do the tokens end with these words (as written or as lemmas)?"""
    k = len(words)
    if k > len(tokens):
        return False
    tail = tokens[len(tokens) - k:]
    return all(t.lower_ == w or t.lemma_.lower() == w for t, w in zip(tail, words))


def is_surname(word: str) -> bool:
    """"Aliyev", "Li", not "III", "AK" or "yul"."""
    return len(word) > 1 and word[:1].isupper() and word[1:].isalpha() and any(c.islower() for c in word[1:])


def is_abbreviation(word: str) -> bool:
    """"RSF", "SBU", "M23": capitals (and digits), two to eight of them."""
    return 2 <= len(word) <= 8 and word.isupper() and word.replace("-", "").isalnum()
