"""The queries behind the HTTP API: plain functions over the request's DuckDB cursor that return dicts.

Nothing here knows about HTTP, and nothing here writes SQL: each function reads through a
`StoreReader` bound to the request's cursor (which the app interrupts when the request runs out of
time) and shapes the answer. Parameters arrive as Python values and are checked here (a `BadParameter`
names the parameter and says what is expected); the store binds them as SQL parameters. The period
names (`PERIODS`) and network levels (`NETWORK_LEVELS`) checked here are the store's fixed tables of
what it formats into SQL.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..analytics import actor_profile, dyad_series, flags
from ..cameo import cameo_table
from ..errors import BadParameter, NotAvailable, NotFound  # noqa: F401 (importable from here, as before)
from ..record_columns import EVENT_API, quote_answer
from ..records import UNKNOWN_NAME_KINDS, CodedDocument
from ..settings import default
from ..store import NETWORK_LEVELS, PERIODS, UNKNOWN_NAME_ORDERS, DocumentFilter, EventFilter, StoreReader

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection as Cursor  # a cursor of the read-only store connection

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
ACTOR_RE = re.compile(r"[A-Z0-9]{1,40}")
CAMEO_RE = re.compile(r"\d{1,4}")
ROOT_RE = re.compile(r"\d{2}")
MAX_QUERY_CHARS = 200
MAX_COUNT = 1_000_000_000  # the largest page number, count or limit a client may give (huge integers are 400s)
SNIPPET_CHARS = 200

EVENT_COLUMNS = EVENT_API
DOCUMENT_COLUMNS = ("doc_key", "doc_id", "date", "title", "source", "url", "events", "snippet")
DYAD_COLUMNS = ("period", "source", "target", "count", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean",
                "top_codes")


# ---- parameter checks ----------------------------------------------------------------------------
def iso_date(name: str, value: str | None) -> str | None:
    """An ISO date `YYYY-MM-DD`, or None when not given."""
    if value is None or value == "":
        return None
    if not DATE_RE.fullmatch(value):
        raise BadParameter(name, f"{value!r} is not a date (YYYY-MM-DD)")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, f"{value!r} is not a valid date (YYYY-MM-DD)") from None
    return value


def date_range(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    start, end = iso_date("start", start), iso_date("end", end)
    if start and end and start > end:
        raise BadParameter("end", f"{end} is before start {start}")
    return start, end


def actor_code(name: str, value: str | None, required: bool = False) -> str | None:
    """An actor code or code prefix ("TUR" matches "TURGOV"); case-insensitive, returned upper-case."""
    if value is None or not value.strip():
        if required:
            raise BadParameter(name, "an actor code or prefix is required (for example TUR)")
        return None
    code = value.strip().upper()
    if not ACTOR_RE.fullmatch(code):
        raise BadParameter(name, f"{value!r} is not an actor code (letters and digits, for example TURGOV)")
    return code


def cluster_id(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if len(value) != 32 or any(ch not in "0123456789abcdef" for ch in value):
        raise BadParameter("cluster", f"{value!r} is not a cluster id (32 hexadecimal digits)")
    return value


def cameo_code(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not CAMEO_RE.fullmatch(value):
        raise BadParameter("code", f"{value!r} is not a CAMEO code or prefix (1 to 4 digits, for example 19 or 190)")
    return value


def cameo_root(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not ROOT_RE.fullmatch(value):
        raise BadParameter("root", f"{value!r} is not a CAMEO root code (2 digits, 01 to 20)")
    return value


def quad_class(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 4:
        shown = value if abs(value) < 10**30 else "a huge number"
        raise BadParameter("quad", f"{shown} is not a quad class (1 to 4)")
    return value


def period(value: str) -> str:
    if value not in PERIODS:
        raise BadParameter("by", f"{value!r} is not one of {', '.join(PERIODS)}")
    return PERIODS[value]


def bounded(name: str, value: int, low: int, high: int = MAX_COUNT) -> int:
    if not low <= value <= high:
        shown = str(value) if len(str(value)) <= 30 else f"{str(value)[:12]}...({len(str(value))} digits)"
        raise BadParameter(name, f"{shown} is out of range (from {low} to {high})")
    return value


def search_text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_QUERY_CHARS:
        raise BadParameter(name, f"longer than {MAX_QUERY_CHARS} characters")
    return value.strip()


@dataclass(frozen=True)
class Page:
    number: int
    size: int

    @classmethod
    def of(cls, page: int, page_size: int, max_size: int) -> "Page":
        return cls(bounded("page", page, 1), bounded("page_size", page_size, 1, max_size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def event_filter(source: str | None = None, target: str | None = None, code: str | None = None,
                 root: str | None = None, quad: int | None = None, start: str | None = None, end: str | None = None,
                 doc: str | None = None, claimed: bool | None = None, exact: bool = False, undated: bool = False,
                 cluster: str | None = None) -> EventFilter:
    """The filters of the event list, checked, from raw parameters."""
    start, end = date_range(start, end)
    if undated and (start or end):
        raise BadParameter("undated", "cannot be combined with start or end")
    return EventFilter(actor_code("source", source), actor_code("target", target), cameo_code(code),
                       cameo_root(root), quad_class(quad), start, end, doc or None, claimed, exact, undated,
                       cluster_id(cluster))


# ---- queries -------------------------------------------------------------------------------------
def health(con: Cursor) -> dict:
    return {"status": "ok", **StoreReader(con).health()}


def _cameo_name(code: str | None) -> str | None:
    info = cameo_table().get(code) if code else None
    return info.name if info else None


def list_events(con: Cursor, f: EventFilter, page: Page) -> dict:
    reader = StoreReader(con)
    total = reader.count_events(f)
    events = []
    for record in reader.events(f, page.size, page.offset):
        record["cameo_name"] = _cameo_name(record["cameo"])
        events.append({c: record[c] for c in EVENT_COLUMNS})
    return {"total": total, "page": page.number, "page_size": page.size, "events": events}


def _snippet(text: str | None) -> str:
    words = " ".join((text or "").split())
    return words if len(words) <= SNIPPET_CHARS else words[:SNIPPET_CHARS].rstrip() + "…"


def list_documents(con: Cursor, q: str | None, actor: str | None, start: str | None, end: str | None,
                   page: Page) -> dict:
    reader = StoreReader(con)
    f = DocumentFilter(q, actor, start, end)
    total = reader.count_documents(f)
    rows = reader.documents(f, page.size, page.offset, head_chars=SNIPPET_CHARS + 100)
    documents = [{"doc_key": d["doc_key"], "doc_id": d["doc_id"], "date": d["date"], "title": d["title"],
                  "source": d["source"], "url": d["url"], "events": d["events"], "snippet": _snippet(d["head"])}
                 for d in rows]
    return {"total": total, "page": page.number, "page_size": page.size, "documents": documents}


def document(con: Cursor, key: str) -> dict:
    """A stored document with its events (the stored records), mentions, quotes and places."""
    found = StoreReader(con).document(key)
    if found is None:
        raise NotFound(f"no document with doc_key {key!r}")
    return found


def dyad(con: Cursor, a: str, b: str, by: str, mentions: bool) -> dict:
    rows = dyad_series(StoreReader(con), a, b, by, mentions)  # NotAvailable when the store has no clusters
    return {"a": a, "b": b, "by": by, "unit": "mentions" if mentions else "event clusters",
            "series": [asdict(r) for r in rows]}


def actor(con: Cursor, code: str, by: str, mentions: bool = False) -> dict:
    return actor_profile(StoreReader(con), code, by, mentions)  # NotAvailable when the store has no clusters


def actors(con: Cursor, q: str | None, limit: int) -> dict:
    """Completion: actor codes starting with q (case-insensitive) and codes whose dictionary name contains q,
    the most frequent first, each with a name and its number of events (as source or target)."""
    return {"actors": StoreReader(con).actors(q, limit)}


def unknown_kind(value: str | None) -> str | None:
    if value is not None and value not in UNKNOWN_NAME_KINDS:
        raise BadParameter("kind", f"{value!r} is not one of {', '.join(UNKNOWN_NAME_KINDS)}")
    return value


def unknown_sort(value: str) -> str:
    if value not in UNKNOWN_NAME_ORDERS:
        raise BadParameter("sort", f"{value!r} is not one of {', '.join(UNKNOWN_NAME_ORDERS)}")
    return value


def unknown_names(con: Cursor, limit: int, min_count: int, kind: str | None, sort: str) -> dict:
    """The proper names that resolved to no actor, the most frequent first, each with its counts and an example
    sentence; `collected` is false for a store written before detente collected them."""
    reader = StoreReader(con)
    return {"collected": reader.collects_unknown_names(),
            "names": reader.unknown_names(limit, min_count, kind, sort)}


def network_level(value: str) -> str:
    if value not in NETWORK_LEVELS:
        raise BadParameter("level", f"{value!r} is not one of {', '.join(NETWORK_LEVELS)}")
    return value


def network(con: Cursor, start: str | None, end: str | None, min_count: int, limit: int,
            level: str = "actor") -> dict:
    """The heaviest directed dyads (source -> target) of the period; each node with its number of events
    with another actor in the period (over all dyads, not only the edges shown). At the country level
    actors are merged by country (the first three letters of their codes)."""
    rows = StoreReader(con).network(start, end, min_count, limit, network_level(level))
    nodes: dict[str, int] = {}
    edges = []
    for s, t, n, g, s_total, t_total in rows:
        nodes[s], nodes[t] = int(s_total), int(t_total)
        edges.append({"source": s, "target": t, "count": n, "goldstein_mean": round(g or 0.0, 2)})
    return {"nodes": [{"id": code, "events": n} for code, n in sorted(nodes.items(), key=lambda kv: (-kv[1], kv[0]))],
            "edges": edges}


def flag_list(con: Cursor, window_days: int, min_events: int = default("min_events"),
              limit: int = default("flag_limit"), mentions: bool = False) -> dict:
    found = flags(StoreReader(con), window_days, min_events=min_events, limit=limit, mentions=mentions)
    return {"flags": [asdict(f) for f in found]}


def quote_dict(q) -> dict:
    """A quote in the shape the store gives (the same for stored documents and POST /api/code)."""
    return quote_answer(q)


def coded_result(text: str, coded: CodedDocument) -> dict:
    """The answer of POST /api/code: a coded text's events, actor mentions, quotes and places."""
    return {"text": text, "events": [e.to_dict() for e in coded.events],
            "mentions": [a.to_dict() for a in coded.mentions], "quotes": [quote_dict(q) for q in coded.quotes],
            "places": [p.to_dict() for p in coded.places]}
