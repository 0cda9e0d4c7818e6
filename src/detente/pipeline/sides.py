"""Which side an actor stands for when acts are compared: the state with its organs, a group within a
state, an international or non-state body (read by the countries, context_targets and restatements
stages)."""
from __future__ import annotations

from ..records import Actor

# The state and its organs: one side ("RUSGOV", "RUSMIL" and "RUS" are all Russia).
STATE_SECTORS = (None, "GOV", "MIL", "COP", "SPY", "JUD", "LEG")


def side(actor: Actor | None) -> str | None:
    """What an actor stands for when sides are compared: its country for the state and its organs; the
    country and sector for a group within it (rebels, opposition, civilians: "SOMREB" is not the side of
    "SOMMIL"); its code for an international or non-state body ("IGOUNO", "NGOHRW"); None for a bare
    sector."""
    if actor is None:
        return None
    if actor.country:
        return actor.country if actor.sector in STATE_SECTORS else actor.country + actor.sector
    code = actor.code or ""
    return code if code[:3] in ("IGO", "NGO") else None
