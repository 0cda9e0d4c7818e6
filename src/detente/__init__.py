"""detente: an offline political event coder (English news -> CAMEO/PLOVER event records with evidence).

    >>> import detente
    >>> events = detente.code("Turkey criticized Russia.", date="2024-09-06")   # doctest: +SKIP

Importing detente is light: spaCy loads on the first call that needs it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .records import Actor, CodedDocument, Document, Event, Skipped, Trigger

__version__ = "0.1.0"
__all__ = ["code", "default_coder", "Actor", "CodedDocument", "Document", "Event", "Skipped", "Trigger",
           "__version__"]

if TYPE_CHECKING:
    from .coder import Coder


@lru_cache(maxsize=1)
def default_coder() -> "Coder":
    """The coder with the built-in dictionaries and model, built on first use."""
    from .coder import Coder

    return Coder()


def code(text: str, date: str | None = None, doc_id: str = "doc") -> list[Event]:
    """Code one text into event records. Never raises on arbitrary text: uncodable text gives []."""
    return default_coder().code_text(text, date=date, doc_id=doc_id)
