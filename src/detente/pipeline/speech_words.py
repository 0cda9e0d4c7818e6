"""What the speech-act stages share: the words and positions that tell how something is said, and
whether two actors are one side (pipeline/speech_acts.py describes the stage)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..records import Actor, Event, Quote
from .attribution import FIRST_PERSON
from .modality import negated
from .predicates import cue_bag

VERBAL_QUADS = (1, 3)  # verbal cooperation (01-05) and verbal conflict (09-13)
MATERIAL_QUADS = (2, 4)  # material cooperation (06-08) and material conflict (14-20)
STATE_SECTORS = (None, "GOV", "MIL")  # a state, its government and its armed forces: one side
# Speakers of a bare sector take the country of the actor they speak of (as the countries stage does),
# except organs of a state: a spokesperson of no known country may speak for any state.
STATE_FILL_EXCLUDED = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
ASKED_ROLES = ("response", "rallied")  # roles whose words may be what someone is asked or vows to do
HYPOTHETICAL = {"could", "might", "may"}
OBLIGATION = {"must", "should"}
PAST_AUX = {"was", "were", "has", "have", "had", "did"}
PRESENT_AUX = {"am", "is", "are", "'s", "'re"}
DENIED_AUX = {"did", "has", "have", "had", "was", "were"}  # "did not attack", "has never shelled"
HEDGES = {"alleged", "suspected", "purported", "reported", "possible"}  # someone else's word
BAG_DEPS = {"amod", "compound", "nmod", "advmod", "acomp", "oprd", "det", "aux", "auxpass", "nsubj", "nsubjpass",
            "neg", "xcomp", "ccomp", "npadvmod", "poss"}
NEGATION_CUES = {"not", "no"}
RESPONSE_PREPS = ("against", "to", "on", "at", "for")  # "countermeasures against X", "consequences for X"
ACT_PREPS = ("of", "over", "against", "about")  # "disapproval of the launch", "concern over the arrests"
DEFINITE = {"this", "that", "these", "those", "such", "the"}
VAGUE_BEARERS = {"it", "this", "that"}
ANTECEDENT_REACH = 3  # sentences back an act noun may refer to
CONFIDENCE = 0.7


@dataclass
class Reading:
    """What the stage knows of one document while reading it (lives in the call, never on the stage)."""

    quotes: list[Quote]  # the attribution stage's quotes and the statement nouns' clauses
    events: list[Event]
    triggers: list[list[Token]]
    coded: set[int]  # tokens the grammar coded as (part of) an event's trigger
    consumed: set[int] = field(default_factory=set)  # tokens an expression took as its cue


@dataclass
class SpeechAct:
    """An act found in what is said, before it becomes records (one per target)."""

    sentence: int
    tokens: list[Token]
    source: Actor
    targets: list[Actor]
    code: str
    pattern: str
    cue: Token | None  # the verb of saying or labelling: what the act's date hangs on


PRONOUN_SUBJECTS = {"it", "they", "he", "she", "which", "who"}
CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "appos", "oprd", "ROOT"}


def core_argument(n: Token) -> bool:
    """A noun that is a clause's subject, object or predicate, or hangs on one through prepositions
    ("evidence of the regime's authoritarianism"); not one in an adverbial phrase ("in protest
    against the violations")."""
    t = n
    while t.dep_ in ("pobj", "conj") and t.head.i != t.i:
        if t.dep_ == "conj":
            t = t.head
            continue
        prep = t.head
        if prep.dep_ == "agent":
            return True  # "intimidated by the vile kidnapping": the agent is the act's subject
        if prep.dep_ != "prep" or prep.head.pos_ not in ("NOUN", "PROPN", "PRON"):
            return False
        t = prep.head
    return t.dep_ in CORE_DEPS


def same_side(actor: Actor | None, other: Actor | None) -> bool:
    """The same actor, a first-person mention, or a state and its government or armed forces."""
    if actor is None or other is None:
        return False
    if actor.code == other.code or actor.text.split()[0].lower() in FIRST_PERSON:
        return True
    return bool(actor.country) and actor.country == other.country and (
        other.sector in STATE_SECTORS and actor.sector in STATE_SECTORS)


def itself(target: Actor, source: Actor) -> bool:
    """Is the target the source itself: the same actor, "we", or a state and one of its organs (a
    government and its own army are two actors: "the army staged a coup")."""
    if target.code == source.code or target.text.split()[0].lower() in FIRST_PERSON:
        return True
    return bool(target.country) and target.country == source.country and (target.sector is None
                                                                         or source.sector is None)


def actor_key(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or actor.code


def aux_of(t: Token) -> set[str]:
    return {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}


def labelled_object(verb: Token, complement: Token | None = None) -> Token | None:
    """What a labelling verb says something of: its object ("called X a ..."), the subject of its
    small clause ("holds X responsible", "considers X to be ..."), or its passive subject."""
    for c in verb.children:
        if c.dep_ in ("dobj", "dative"):
            return c
    small = [complement] if complement is not None else [c for c in verb.children if c.dep_ in ("ccomp", "xcomp",
                                                                                              "oprd")]
    for c in small:
        subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def speech_bag(w: Token) -> dict[str, Token]:
    """Cue words around an expression's head, with the token each came from: what cue_bag finds for a
    predicate, plus modifiers (compounds in full), adverbs, determiners, auxiliaries, subjects and
    complements; "not" when it is negated."""
    _, words = cue_bag(w)
    words = dict(words)

    def add(t: Token) -> None:
        words.setdefault(t.lemma_.lower(), t)
        words.setdefault(t.lower_, t)
        for c in t.children:
            if c.dep_ == "compound":
                add(c)

    for c in w.children:
        if c.dep_ in BAG_DEPS:
            add(c)
    if negated(w):
        words.setdefault("not", w)
    return words
