"""The read-only queries behind the HTTP API: plain functions over a DuckDB cursor that return dicts.

Nothing here knows about HTTP. Parameters arrive as Python values and are checked here (a
`BadParameter` names the parameter and says what is expected); user values reach SQL only as bound
parameters. What is formatted into SQL comes from fixed tables after a check: a period name
(`PERIODS`) and a network level's column expressions (`NETWORK_LEVELS`).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from ..analytics import PERIODS, actor_profile, dyad_series, flags
from ..cameo import cameo_table
from ..errors import DetenteError
from ..records import CodedDocument

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection as Cursor  # a cursor of the read-only store connection

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
ACTOR_RE = re.compile(r"[A-Z0-9]{1,40}")
CAMEO_RE = re.compile(r"\d{1,4}")
ROOT_RE = re.compile(r"\d{2}")
MAX_QUERY_CHARS = 200
SNIPPET_CHARS = 200

EVENT_COLUMNS = ("doc_key", "event_index", "doc_id", "date", "source_code", "source_text", "target_code",
                 "target_text", "cameo", "cameo_name", "quad_class", "goldstein", "plover", "negated", "modality",
                 "trigger_text", "trigger_start", "trigger_end", "sentence", "claimed", "speaker_code", "place")
DOCUMENT_COLUMNS = ("doc_key", "doc_id", "date", "title", "source", "url", "events", "snippet")
DYAD_COLUMNS = ("period", "source", "target", "count", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean",
                "top_codes")


class BadParameter(DetenteError):
    """A request parameter is missing or malformed; the message names it and says what is expected."""

    def __init__(self, name: str, problem: str):
        self.name, self.problem = name, problem
        super().__init__(f"bad parameter {name}: {problem}")


class NotFound(DetenteError):
    """The thing asked for is not in the store."""


class NotAvailable(DetenteError):
    """The store cannot answer this yet (for example: no event clusters built)."""


@dataclass(frozen=True)
class StoreView:
    """What the analytics functions use of a `Store`: a connection (here a per-request cursor)."""

    con: Any


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
        raise BadParameter("quad", f"{value} is not a quad class (1 to 4)")
    return value


def period(value: str) -> str:
    if value not in PERIODS:
        raise BadParameter("by", f"{value!r} is not one of {', '.join(PERIODS)}")
    return PERIODS[value]


def bounded(name: str, value: int, low: int, high: int | None = None) -> int:
    if value < low or (high is not None and value > high):
        allowed = f"{low} or more" if high is None else f"from {low} to {high}"
        raise BadParameter(name, f"{value} is out of range ({allowed})")
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


@dataclass(frozen=True)
class EventFilter:
    """Filters of the event list; build with `EventFilter.check(...)` from raw parameters."""

    source: str | None = None
    target: str | None = None
    code: str | None = None
    root: str | None = None
    quad: int | None = None
    start: str | None = None
    end: str | None = None
    doc: str | None = None
    claimed: bool | None = None
    exact: bool = False  # source and target are whole codes, not prefixes
    undated: bool = False  # only events without a date
    cluster: str | None = None  # the mentions of one event cluster

    @classmethod
    def check(cls, source: str | None = None, target: str | None = None, code: str | None = None,
              root: str | None = None, quad: int | None = None, start: str | None = None, end: str | None = None,
              doc: str | None = None, claimed: bool | None = None, exact: bool = False,
              undated: bool = False, cluster: str | None = None) -> "EventFilter":
        start, end = date_range(start, end)
        if undated and (start or end):
            raise BadParameter("undated", "cannot be combined with start or end")
        return cls(actor_code("source", source), actor_code("target", target), cameo_code(code), cameo_root(root),
                   quad_class(quad), start, end, doc or None, claimed, exact, undated, cluster_id(cluster))

    def where(self) -> tuple[str, list]:
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
            clauses.append("EXISTS (SELECT 1 FROM event_clusters c WHERE c.cluster_id = ? AND c.doc_key = events.doc_key "
                           "AND c.event_index = events.event_index)")
            params.append(self.cluster)
        for clause, value in (("cameo_root = ?", self.root), ("quad_class = ?", self.quad),
                              ("date >= ?", self.start), ("date <= ?", self.end), ("doc_key = ?", self.doc),
                              ("claimed = ?", self.claimed)):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        return (" AND ".join(clauses) or "TRUE"), params


# ---- queries -------------------------------------------------------------------------------------
def health(con: Cursor) -> dict:
    documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return {"status": "ok", "documents": documents, "events": events}


def _cameo_name(code: str | None) -> str | None:
    info = cameo_table().get(code) if code else None
    return info.name if info else None


def list_events(con: Cursor, f: EventFilter, page: Page) -> dict:
    where, params = f.where()
    total = con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
    columns = [c for c in EVENT_COLUMNS if c != "cameo_name"]
    rows = con.execute(f"""
        SELECT {', '.join(columns)} FROM events WHERE {where}
        ORDER BY date DESC NULLS LAST, doc_id, doc_key, event_index LIMIT ? OFFSET ?""",
                       [*params, page.size, page.offset]).fetchall()
    events = []
    for row in rows:
        record = dict(zip(columns, row))
        record["cameo_name"] = _cameo_name(record["cameo"])
        events.append({c: record[c] for c in EVENT_COLUMNS})
    return {"total": total, "page": page.number, "page_size": page.size, "events": events}


def _like_pattern(text: str) -> str:
    """A case-insensitive substring pattern for ILIKE ... ESCAPE '\\' (user % and _ match themselves)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _snippet(text: str | None) -> str:
    words = " ".join((text or "").split())
    return words if len(words) <= SNIPPET_CHARS else words[:SNIPPET_CHARS].rstrip() + "…"


def list_documents(con: Cursor, q: str | None, actor: str | None, start: str | None, end: str | None,
                   page: Page) -> dict:
    clauses, params = [], []
    if q:
        clauses.append("(title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
        params += [_like_pattern(q)] * 2
    if actor:
        clauses.append("""doc_key IN (
            SELECT doc_key FROM events WHERE starts_with(source_code, ?) OR starts_with(target_code, ?)
            UNION SELECT doc_key FROM mentions WHERE starts_with(code, ?))""")
        params += [actor] * 3
    if start:
        clauses.append("date >= ?")
        params.append(start)
    if end:
        clauses.append("date <= ?")
        params.append(end)
    where = " AND ".join(clauses) or "TRUE"
    total = con.execute(f"SELECT count(*) FROM documents WHERE {where}", params).fetchone()[0]
    rows = con.execute(f"""
        WITH page AS (
            SELECT doc_key, doc_id, date, title, source, url, substr(text, 1, {SNIPPET_CHARS + 100}) AS head
            FROM documents WHERE {where}
            ORDER BY date DESC NULLS LAST, doc_id, doc_key LIMIT ? OFFSET ?)
        SELECT page.*, (SELECT count(*) FROM events e WHERE e.doc_key = page.doc_key) AS n
        FROM page ORDER BY date DESC NULLS LAST, doc_id, doc_key""", [*params, page.size, page.offset]).fetchall()
    documents = [{"doc_key": key, "doc_id": doc_id, "date": date, "title": title, "source": source, "url": url,
                  "events": n, "snippet": _snippet(head)}
                 for key, doc_id, date, title, source, url, head, n in rows]
    return {"total": total, "page": page.number, "page_size": page.size, "documents": documents}


def _has_relation(con: Cursor, name: str) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0] > 0


def document(con: Cursor, key: str) -> dict:
    """A stored document with its events (the stored records), mentions, quotes and places."""
    row = con.execute("SELECT doc_key, doc_id, date, title, url, source, text FROM documents WHERE doc_key = ?",
                      [key]).fetchone()
    if row is None:
        raise NotFound(f"no document with doc_key {key!r}")
    doc = dict(zip(("doc_key", "doc_id", "date", "title", "url", "source", "text"), row))
    clusters: dict[int, dict] = {}
    if _has_relation(con, "clusters") and _has_relation(con, "event_clusters"):
        ids = dict(con.execute("SELECT event_index, cluster_id FROM event_clusters WHERE doc_key = ?",
                               [key]).fetchall())
        # A list parameter keeps the filter inside the view's scan (a join or IN subquery aggregates all clusters).
        counts = {cid: {"id": cid, "mentions": m, "documents": d, "sources": s} for cid, m, d, s in con.execute(
            "SELECT cluster_id, mentions, documents, sources FROM clusters WHERE list_contains(?, cluster_id)",
            [sorted(set(ids.values()))]).fetchall()} if ids else {}
        clusters = {index: counts[cid] for index, cid in ids.items() if cid in counts}
    events = []
    for index, record in con.execute("SELECT event_index, record FROM events WHERE doc_key = ? ORDER BY event_index",
                                     [key]).fetchall():
        event = json.loads(record)
        event["event_index"] = index
        if index in clusters:
            event["cluster"] = clusters[index]
        events.append(event)
    mentions = [dict(zip(("start", "end", "text", "code", "name"), r)) for r in con.execute(
        'SELECT start, "end", text, code, name FROM mentions WHERE doc_key = ? ORDER BY start, mention_index',
        [key]).fetchall()]
    quotes = [dict(zip(QUOTE_KEYS, r)) for r in con.execute(
        """SELECT quote_index, speaker_code, speaker_text, speaker_start, speaker_end, cue, content, content_start,
                  content_end, direct FROM quotes WHERE doc_key = ? ORDER BY quote_index""", [key]).fetchall()]
    places = [dict(zip(("start", "end", "text", "name", "country", "feature", "lat", "lon"), r)) for r in con.execute(
        'SELECT start, "end", text, name, country, feature, lat, lon FROM places WHERE doc_key = ? '
        "ORDER BY start, place_index", [key]).fetchall()]
    return {"document": doc, "events": events, "mentions": mentions, "quotes": quotes, "places": places}


def dyad(con: Cursor, a: str, b: str, by: str, mentions: bool) -> dict:
    try:
        rows = dyad_series(StoreView(con), a, b, by, mentions)
    except ValueError as err:
        raise NotAvailable(str(err)) from None
    return {"a": a, "b": b, "by": by, "unit": "mentions" if mentions else "event clusters",
            "series": [asdict(r) for r in rows]}


def actor(con: Cursor, code: str, by: str, mentions: bool = False) -> dict:
    try:
        return actor_profile(StoreView(con), code, by, mentions)
    except ValueError as err:
        raise NotAvailable(str(err)) from None


def actors(con: Cursor, q: str | None, limit: int) -> dict:
    """Completion: actor codes starting with q (case-insensitive) and codes whose dictionary name contains q,
    the most frequent first, each with a name and its number of events (as source or target)."""
    text = (q or "").lower()
    prefix = (q or "").upper()
    rows = con.execute("""
        WITH named AS (
            SELECT code, arg_max(name, n) AS name FROM (
                SELECT code, name, count(*) AS n FROM mentions
                WHERE code IS NOT NULL AND name IS NOT NULL AND contains(lower(name), ?) GROUP BY code, name)
            GROUP BY code),
        ev AS (
            SELECT code, count(*) AS n FROM (SELECT source_code AS code FROM events
                                             UNION ALL SELECT target_code FROM events)
            WHERE starts_with(code, ?) OR code IN (SELECT code FROM named) GROUP BY code),
        hits AS (SELECT code FROM ev UNION SELECT code FROM named)
        SELECT hits.code, named.name, coalesce(ev.n, 0) AS n
        FROM hits LEFT JOIN ev USING (code) LEFT JOIN named USING (code)
        ORDER BY n DESC, hits.code LIMIT ?""", [text, prefix, limit]).fetchall()
    unnamed = [code for code, name, _ in rows if name is None]
    names: dict[str, str] = {}
    if unnamed:
        names = dict(con.execute("""
            SELECT code, arg_max(name, n) FROM (
                SELECT code, name, count(*) AS n FROM mentions
                WHERE name IS NOT NULL AND code IN (SELECT unnest(?)) GROUP BY code, name)
            GROUP BY code""", [unnamed]).fetchall())
    return {"actors": [{"code": code, "name": name or names.get(code), "events": n} for code, name, n in rows]}


NETWORK_LEVELS = {"actor": ("source_code", "target_code"),
                  "country": ("substr(source_code, 1, 3)", "substr(target_code, 1, 3)")}


def network_level(value: str) -> str:
    if value not in NETWORK_LEVELS:
        raise BadParameter("level", f"{value!r} is not one of {', '.join(NETWORK_LEVELS)}")
    return value


def network(con: Cursor, start: str | None, end: str | None, min_count: int, limit: int,
            level: str = "actor") -> dict:
    """The heaviest directed dyads (source -> target) of the period; each node with its number of events
    with another actor in the period (over all dyads, not only the edges shown). At the country level
    actors are merged by country (the first three letters of their codes)."""
    src, tgt = NETWORK_LEVELS[network_level(level)]
    clauses = ["source_code IS NOT NULL", "target_code IS NOT NULL", f"{src} <> {tgt}"]
    params: list = []
    if start:
        clauses.append("date >= ?")
        params.append(start)
    if end:
        clauses.append("date <= ?")
        params.append(end)
    rows = con.execute(f"""
        WITH d AS (
            SELECT {src} AS s, {tgt} AS t, count(*) AS n, avg(goldstein) AS g FROM events
            WHERE {' AND '.join(clauses)} GROUP BY s, t),
        top AS (SELECT * FROM d WHERE n >= ? ORDER BY n DESC, s, t LIMIT ?),
        totals AS (
            SELECT code, sum(n) AS total FROM (SELECT s AS code, n FROM d UNION ALL SELECT t AS code, n FROM d)
            WHERE code IN (SELECT s FROM top UNION SELECT t FROM top) GROUP BY code)
        SELECT top.s, top.t, top.n, top.g, ts.total, tt.total
        FROM top JOIN totals ts ON ts.code = top.s JOIN totals tt ON tt.code = top.t
        ORDER BY top.n DESC, top.s, top.t""", [*params, min_count, limit]).fetchall()
    nodes: dict[str, int] = {}
    edges = []
    for s, t, n, g, s_total, t_total in rows:
        nodes[s], nodes[t] = int(s_total), int(t_total)
        edges.append({"source": s, "target": t, "count": n, "goldstein_mean": round(g or 0.0, 2)})
    return {"nodes": [{"id": code, "events": n} for code, n in sorted(nodes.items(), key=lambda kv: (-kv[1], kv[0]))],
            "edges": edges}


def flag_list(con: Cursor, window_days: int, min_events: int = 1, limit: int = 50, mentions: bool = False) -> dict:
    try:
        found = flags(StoreView(con), window_days, min_events=min_events, limit=limit, mentions=mentions)
    except ValueError as err:
        raise NotAvailable(str(err)) from None
    return {"flags": [asdict(f) for f in found]}


QUOTE_KEYS = ("quote_index", "speaker_code", "speaker_text", "speaker_start", "speaker_end", "cue", "content", "start",
              "end", "direct")


def quote_dict(q) -> dict:
    """A quote in the shape the store gives (the same for stored documents and POST /api/code)."""
    sp = q.speaker
    return dict(zip(QUOTE_KEYS, (q.index, sp.code if sp else None, q.speaker_text, sp.start if sp else None,
                                 sp.end if sp else None, q.cue, q.text, q.start, q.end, q.direct)))


def coded_result(text: str, coded: CodedDocument) -> dict:
    """The answer of POST /api/code: a coded text's events, actor mentions, quotes and places."""
    return {"text": text, "events": [e.to_dict() for e in coded.events],
            "mentions": [a.to_dict() for a in coded.mentions], "quotes": [quote_dict(q) for q in coded.quotes],
            "places": [dict(p) for p in coded.places]}
