"""Stage `restatements`: one record per act. A sentence that names the same act twice ("the army aborted
the attack and inflicted huge losses on the attackers", "summoned the ambassador and handed him a
protest note") gives the grammar two triggers of one code between the same sides; a careful coder
records the act once. Events of one sentence with the same three-digit CAMEO code, the same source side
and the same target side (country, or country and sector for a group within it; see context_targets)
are one: the record kept is one with a target, one whose target the clause names (not read from the
story) before one read from it, else the first in the text."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Event
from .context_targets import side

if TYPE_CHECKING:
    from .context import DocContext


class Restatements:
    name = "restatements"
    requires = ("events", "triggers")
    assigns = ("events", "triggers")

    def __call__(self, ctx: "DocContext") -> None:
        best: dict[tuple, int] = {}  # key -> index of the record kept
        for k, ev in enumerate(ctx.events):
            if side(ev.source) is None:
                continue  # an act with no known source is nobody's restatement
            key = (ev.sentence_index, ev.cameo[:3], side(ev.source), side(ev.target))
            if key not in best or _rank(ev) > _rank(ctx.events[best[key]]):
                best[key] = k
        keep = set(best.values())
        pairs = [(ev, t) for k, (ev, t) in enumerate(zip(ctx.events, ctx.triggers))
                 if k in keep or side(ev.source) is None]
        ctx.events = [ev for ev, _ in pairs]
        ctx.triggers = [t for _, t in pairs]


def _rank(ev: Event) -> tuple[bool, bool]:
    """Which of two records of one act to keep: one with a target, then one whose target is named."""
    return ev.target is not None, not ev.target_inferred
