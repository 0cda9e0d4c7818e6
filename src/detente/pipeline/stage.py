"""The shape of a pipeline stage, and the check that a pipeline's stages come in a workable order.

A stage is a callable over a `DocContext` with three class attributes: `name`, `requires` (the
context fields it reads) and `assigns` (the fields it sets or changes). A stage keeps no state
between calls: whatever it learns of a document lives in the context, so one pipeline can code
several documents at once in several threads.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Protocol

from .context import GIVEN

if TYPE_CHECKING:
    from .context import DocContext


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, ctx: "DocContext") -> None: ...


class PipelineOrderError(Exception):
    """A stage reads a context field that no stage before it sets (a programming error, not user input)."""


def check_order(stages: Iterable[Stage]) -> None:
    """Raise PipelineOrderError when a stage requires a field that neither the new context nor an
    earlier stage provides."""
    known = set(GIVEN)
    for stage in stages:
        missing = [f for f in stage.requires if f not in known]
        if missing:
            raise PipelineOrderError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier "
                                     "stage assigns")
        known.update(stage.assigns)
