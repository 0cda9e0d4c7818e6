"""Stage `restatements`: one record per act. A sentence that names the same act twice ("the army aborted
the attack and inflicted huge losses on the attackers", "summoned the ambassador and handed him a
protest note") gives the grammar two triggers of one code between the same sides; a careful coder
records the act once. Events of one sentence with the same three-digit CAMEO code (the same root for
consultations: a call and the discussion held on it are one act), the same source side
and the same target side (country, or country and sector for a group within it; see context_targets)
are one: the record kept is one with a target, one whose target the clause names (not read from the
story) before one read from it, else the first in the text. An act named again by a noun in a later
sentence ("Chile's expulsion of the diplomats was unjustified", after "Chile expelled two diplomats") is
not a new act either: same code, same source side, and no other target (for acts short of coercion and
force; "the strike" in a later sentence is most often another strike). Nor is a discussion between two
sides the document has already told of a call or meeting between; nor, in one sentence, a material act's
general code beside a specific one between the same sides, or an act on a country beside the same act
on a group of that country."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Event
from .sides import side
from .predicates import COERCION_ROOTS
from .speech_words import MATERIAL_QUADS

if TYPE_CHECKING:
    from .context import DocContext


# Roots whose codes in one sentence between the same sides name one act: a call and the discussion on it
# ("held a phone call with Y and the two discussed ..."), a meeting and its talks.
ONE_ACT_ROOTS = {"04"}


class Restatements:
    name = "restatements"
    requires = ("events", "triggers")
    assigns = ("events", "triggers")

    def __init__(self, topic_verbs: frozenset[str] = frozenset()):
        self.topic_verbs = topic_verbs  # "discuss": what is done at a meeting, not a meeting

    def __call__(self, ctx: "DocContext") -> None:
        best: dict[tuple, int] = {}  # key -> index of the record kept
        for k, ev in enumerate(ctx.events):
            if side(ev.source) is None:
                continue  # an act with no known source is nobody's restatement
            kind = ev.cameo[:2] if ev.cameo[:2] in ONE_ACT_ROOTS else ev.cameo[:3]
            key = (ev.sentence_index, kind, side(ev.source), side(ev.target))
            if key not in best or _rank(ev) > _rank(ctx.events[best[key]]):
                best[key] = k
        keep = set(best.values()) - self._named_again(ctx.events) - self._reverse_of_one_call(ctx.events)
        keep -= self._place_of_a_named_target(ctx.events, keep)
        keep -= self._general_beside_specific(ctx.events, keep)
        keep -= self._discussed_at_earlier_meeting(ctx.events)
        pairs = [(ev, t) for k, (ev, t) in enumerate(zip(ctx.events, ctx.triggers))
                 if k in keep or side(ev.source) is None]
        ctx.events = [ev for ev, _ in pairs]
        ctx.triggers = [t for _, t in pairs]

    @staticmethod
    def _reverse_of_one_call(events: list[Event]) -> set[int]:
        """A consultation between two sides named twice in a sentence is one act in the direction of its
        first naming: "A held a phone call with B and the two leaders discussed ..." is A's call with B
        (A -> B), not also B's with A; "A and B met" names both directions at once."""
        def pair(ev: Event) -> tuple | None:
            if ev.cameo[:2] not in ONE_ACT_ROOTS or side(ev.source) is None or side(ev.target) is None:
                return None
            return ev.sentence_index, frozenset((side(ev.source), side(ev.target)))

        first: dict[tuple, int] = {}  # the first trigger naming a consultation between the two
        for ev in events:
            key = pair(ev)
            if key is not None:
                first[key] = min(first.get(key, ev.trigger.start), ev.trigger.start)
        doers: dict[tuple, set] = {}  # the sides that hold it at its first naming
        for ev in events:
            key = pair(ev)
            if key is not None and ev.trigger.start == first[key]:
                doers.setdefault(key, set()).add(side(ev.source))
        return {k for k, ev in enumerate(events)
                if (key := pair(ev)) is not None and side(ev.source) not in doers[key]}

    @staticmethod
    def _place_of_a_named_target(events: list[Event], keep: set[int]) -> set[int]:
        """An act on a country (its place: "hit a depot in the town of Aitaroun") beside the same act of the
        same source in the sentence on a group or body of that country ("targeted a Hezbollah weapons
        depot"): one act, on the one named."""
        named = {(ev.sentence_index, ev.cameo[:3], side(ev.source), ev.target.country) for k, ev in enumerate(events)
                 if k in keep and ev.target is not None and ev.target.country and ev.target.sector}
        return {k for k, ev in enumerate(events) if k in keep and ev.target is not None and ev.target.sector is None
                and ev.target.country and side(ev.source) is not None
                and (ev.sentence_index, ev.cameo[:3], side(ev.source), ev.target.country) in named}

    def _discussed_at_earlier_meeting(self, events: list[Event]) -> set[int]:
        """A discussion between two sides after the document has told of a call or meeting between them ("X
        and Y spoke by phone. ... The two discussed ...") is what they did at it, not another consultation."""
        met: dict[frozenset, int] = {}  # the first sentence with a consultation between the two
        for ev in events:
            if ev.cameo[:2] in ONE_ACT_ROOTS and side(ev.source) and side(ev.target) \
                    and ev.pattern.split()[0] not in self.topic_verbs:
                pair = frozenset((side(ev.source), side(ev.target)))
                met[pair] = min(met.get(pair, ev.sentence_index), ev.sentence_index)
        return {k for k, ev in enumerate(events) if ev.cameo[:2] in ONE_ACT_ROOTS and ev.pattern
                and ev.pattern.split()[0] in self.topic_verbs and side(ev.source) and side(ev.target)
                and met.get(frozenset((side(ev.source), side(ev.target))), ev.sentence_index) < ev.sentence_index}

    @staticmethod
    def _general_beside_specific(events: list[Event], keep: set[int]) -> set[int]:
        """A root's general code beside a specific code of that root between the same sides in the sentence
        ("handed over a Patriot system (072) to help (070) protect its skies"): one act, the specific one."""
        specific = {(ev.sentence_index, ev.cameo[:2], side(ev.source), side(ev.target)) for k, ev in enumerate(events)
                    if k in keep and not _general(ev)}
        return {k for k, ev in enumerate(events) if k in keep and _general(ev) and side(ev.source) is not None
                and (ev.sentence_index, ev.cameo[:2], side(ev.source), side(ev.target)) in specific}

    @staticmethod
    def _named_again(events: list[Event]) -> set[int]:
        """Events named by a noun that only name again an act coded before in the document ("Chile
        expelled two diplomats. ... Chile's expulsion of the diplomats was unjustified"): the same code,
        the same source side, no other target."""
        coded: dict[tuple, list[Event]] = {}
        again: set[int] = set()
        order = sorted(range(len(events)), key=lambda k: (events[k].sentence_index, events[k].trigger.start))
        for k in order:
            ev = events[k]
            key = (ev.cameo[:3], side(ev.source))
            if key[1] is None:
                continue
            earlier = coded.setdefault(key, [])
            # coercion and force named again by a noun are most often another incident ("the strike", "an
            # operation", "the arrest" of someone else), which a coder codes again
            if ev.pattern.startswith("noun:") and ev.cameo[:2] not in COERCION_ROOTS and any(
                    e.sentence_index < ev.sentence_index and (side(e.target) == side(ev.target)
                                                              or ev.target is None or ev.target_inferred)
                    for e in earlier):
                again.add(k)
            earlier.append(ev)
        return again


def _general(ev: Event) -> bool:
    """Is the event's code a material act's general one ("070", "190")? (A general statement beside a
    specific one is most often another statement: "has made similar threats and gave the YPG a final
    warning".)"""
    return len(ev.cameo) == 3 and ev.cameo.endswith("0") and ev.quad_class in MATERIAL_QUADS


def _rank(ev: Event) -> tuple[bool, bool]:
    """Which of two records of one act to keep: one with a target, then one whose target is named."""
    return ev.target is not None, not ev.target_inferred
