"""What a list of events or documents is filtered by, and the SQL conditions that say it.

Every value reaches SQL as a bound parameter; the SQL text is made of fixed clauses only.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventFilter:
    """Filters of the event list. Values are taken as they are (the web checks them first)."""

    source: str | None = None  # source actor code prefix (or whole code with `exact`)
    target: str | None = None
    code: str | None = None  # CAMEO code prefix
    root: str | None = None  # CAMEO root code
    quad: int | None = None  # quad class
    start: str | None = None  # first date, YYYY-MM-DD
    end: str | None = None  # last date
    doc: str | None = None  # doc_key of one document
    claimed: bool | None = None  # only claimed (True) or reported (False) events
    exact: bool = False  # source and target are whole codes, not prefixes
    undated: bool = False  # only events without a date
    cluster: str | None = None  # the mentions of one event cluster

    def where(self) -> tuple[str, list]:
        """The condition on the events table and its parameters."""
        clauses, params = [], []
        actor_test = "{} = ?" if self.exact else "starts_with({}, ?)"
        for column, value in (("source_code", self.source), ("target_code", self.target)):
            if value is not None:
                clauses.append(actor_test.format(column))
                params.append(value)
        if self.code is not None:
            clauses.append("starts_with(cameo, ?)")
            params.append(self.code)
        if self.undated:
            clauses.append("date IS NULL")
        if self.cluster is not None:
            clauses.append("EXISTS (SELECT 1 FROM event_clusters c WHERE c.cluster_id = ? "
                           "AND c.doc_key = events.doc_key AND c.event_index = events.event_index)")
            params.append(self.cluster)
        for clause, value in (("cameo_root = ?", self.root), ("quad_class = ?", self.quad),
                              ("date >= ?", self.start), ("date <= ?", self.end), ("doc_key = ?", self.doc),
                              ("claimed = ?", self.claimed)):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        return (" AND ".join(clauses) or "TRUE"), params


@dataclass(frozen=True)
class DocumentFilter:
    """Filters of the document list."""

    text: str | None = None  # the title or the text contains this (case-insensitive; % and _ match themselves)
    actor: str | None = None  # actor code prefix in the document's events or mentions
    start: str | None = None  # first document date, YYYY-MM-DD
    end: str | None = None  # last document date

    def where(self) -> tuple[str, list]:
        """The condition on the documents table and its parameters."""
        clauses, params = [], []
        if self.text:
            clauses.append("(title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
            params += [like_pattern(self.text)] * 2
        if self.actor:
            clauses.append("""doc_key IN (
            SELECT doc_key FROM events WHERE starts_with(source_code, ?) OR starts_with(target_code, ?)
            UNION SELECT doc_key FROM mentions WHERE starts_with(code, ?))""")
            params += [self.actor] * 3
        if self.start:
            clauses.append("date >= ?")
            params.append(self.start)
        if self.end:
            clauses.append("date <= ?")
            params.append(self.end)
        return (" AND ".join(clauses) or "TRUE"), params


def like_pattern(text: str) -> str:
    """A case-insensitive substring pattern for ILIKE ... ESCAPE '\\' (user % and _ match themselves)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
