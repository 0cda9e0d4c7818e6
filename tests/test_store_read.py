"""The store's read API (StoreReader) on a small store written by the test: filters, one document, feed
URLs, values that look like SQL, readers on cursors, and clusters rebuilt by the store."""
from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict

import pytest

from detente.ingest import ingest
from detente.records import Document, Skipped
from detente.store import DocumentFilter, EventFilter, FlagCodes, Store, StoreReader

DOCS = [  # the same attack reported by three outlets within a day, a later attack, a reply, an undated report
    Document("a1", "Russian troops attacked Ukraine on Monday, officials said.", "2024-03-04", source="wire-a",
             url="https://wire-a.test/a1", title="Attack"),
    Document("b1", "Russian troops attacked Ukraine, a spokesman said on Tuesday.", "2024-03-05", source="wire-b"),
    Document("c1", "Russian troops attacked Ukraine overnight, the ministry reported.", "2024-03-05", source="wire-c"),
    Document("a2", "Russian troops attacked Ukraine again, officials said.", "2024-03-20", source="wire-a"),
    Document("a3", "Ukraine criticized Russia on Wednesday. Lavrov said Moscow would retaliate.", "2024-04-10",
             source="wire-a", title="100% Ukrainian_criticism"),
    Document("u1", "Turkey supplied drones to Ukraine.", None, source="wire-b"),
]
EVIL = "x'; DROP TABLE events; --"


@pytest.fixture(scope="module")
def db(coder, tmp_path_factory):
    path = tmp_path_factory.mktemp("read") / "s.duckdb"
    with Store(path) as store:
        ingest(DOCS, store, coder)
        store.write_batch([], [Skipped("https://x.test/gone", "https://x.test/rss", "cannot fetch: HTTP 404"),
                               Skipped("https://x.test/busy", "https://x.test/rss", "cannot fetch: HTTP 429"),
                               Skipped("https://x.test/slow", "https://x.test/rss", "cannot fetch: timed out")],
                          "test")
    return path


@pytest.fixture
def store(db):
    with Store(db, read_only=True) as s:
        yield s


def test_reader_works_on_a_cursor_of_its_own(store):
    with store.reader() as reader:
        assert isinstance(reader, StoreReader) and reader.con is not store.con
        assert reader.health() == {"documents": len(DOCS), "events": store.count_events()}
        assert reader.counts() == store.counts()
        assert {"documents", "events", "clusters", "event_clusters"} <= reader.relations()
    assert store.health()["documents"] == len(DOCS)  # closing the reader leaves the store open
    readers = [store.reader() for _ in range(4)]  # one per thread, as the web does per request
    totals: list[int] = []
    threads = [threading.Thread(target=lambda r=r: totals.append(r.count_events())) for r in readers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert totals == [store.count_events()] * 4
    for r in readers:
        r.close()


def test_event_filters(store):
    everything = store.events(limit=500)
    assert len(everything) == store.count_events() > 5
    dated = [e["date"] for e in everything if e["date"]]
    assert dated == sorted(dated, reverse=True) and everything[-1]["date"] is None  # undated last
    rus = store.events(EventFilter(source="RUS"), limit=500)
    assert rus and all(e["source_code"].startswith("RUS") for e in rus)
    code = rus[0]["source_code"]
    exact = store.events(EventFilter(source=code, exact=True), limit=500)
    assert exact and all(e["source_code"] == code for e in exact)
    assert store.count_events(EventFilter(source=code[:2], exact=True)) == 0
    assert all(e["cameo"].startswith("19") for e in store.events(EventFilter(code="19")))
    assert store.count_events(EventFilter(root="19")) == store.count_events(EventFilter(code="19"))
    assert all(e["quad_class"] == 4 for e in store.events(EventFilter(quad=4)))
    march = store.events(EventFilter(start="2024-03-01", end="2024-03-31"), limit=500)
    assert march and all("2024-03-01" <= e["date"] <= "2024-03-31" for e in march)
    undated = store.events(EventFilter(undated=True))
    assert undated and {e["doc_id"] for e in undated} == {"u1"}
    claimed, reported = store.count_events(EventFilter(claimed=True)), store.count_events(EventFilter(claimed=False))
    assert claimed + reported == len(everything)
    key = store.documents(DocumentFilter(text="again"))[0]["doc_key"]
    assert {e["doc_id"] for e in store.events(EventFilter(doc=key))} == {"a2"}
    pages = [store.events(limit=4, offset=k) for k in range(0, len(everything), 4)]
    assert [e for page in pages for e in page] == everything


def test_events_of_a_cluster_and_cluster_counts(store):
    a1 = store.documents(DocumentFilter(text="Monday"))[0]["doc_key"]
    doc = store.document(a1)
    attack = next(e for e in doc["events"] if e["cameo"].startswith("19"))
    assert attack["cluster"]["mentions"] == attack["cluster"]["documents"] == attack["cluster"]["sources"] == 3
    members = store.events(EventFilter(cluster=attack["cluster"]["id"]), limit=50)
    assert sorted(e["doc_id"] for e in members) == ["a1", "b1", "c1"]
    assert store.clusters([attack["cluster"]["id"], "0" * 32]) == {attack["cluster"]["id"]: attack["cluster"]}


def test_documents_and_one_document(store):
    assert store.count_documents() == len(DOCS)
    assert [d["doc_id"] for d in store.documents(DocumentFilter(text="OVERNIGHT"))] == ["c1"]
    assert [d["doc_id"] for d in store.documents(DocumentFilter(text="100%"))] == ["a3"]  # % is a character
    assert store.documents(DocumentFilter(text="1_0")) == []  # and so is _
    turkey = store.documents(DocumentFilter(actor="TUR"))
    assert [d["doc_id"] for d in turkey] == ["u1"] and turkey[0]["events"] >= 1
    march = store.documents(DocumentFilter(start="2024-03-05", end="2024-03-05"))
    assert sorted(d["doc_id"] for d in march) == ["b1", "c1"]
    head = store.documents(DocumentFilter(text="Monday"), head_chars=10)[0]
    assert head["head"] == DOCS[0].text[:10] and head["url"] == "https://wire-a.test/a1"

    a3 = store.documents(DocumentFilter(text="criticized"))[0]["doc_key"]
    doc = store.document(a3)
    assert doc["document"]["text"] == DOCS[4].text and doc["document"]["title"] == DOCS[4].title
    assert [e["event_index"] for e in doc["events"]] == list(range(len(doc["events"])))
    assert all(DOCS[4].text[m["start"]:m["end"]] == m["text"] for m in doc["mentions"])
    assert {m["code"] for m in doc["mentions"]} >= {"UKR", "RUS"}
    assert doc["quotes"] and doc["quotes"][0]["speaker_code"].startswith("RUS")
    assert any(p["text"] == "Moscow" and p["country"] == "RUS" for p in doc["places"])
    assert store.document("0" * 64) is None


def test_feed_urls(store):
    assert store.known_urls() == {"https://wire-a.test/a1"}
    assert store.failed_urls() == {"https://x.test/gone"}  # 429 and timeouts are retried


def test_actors_and_network(store):
    codes = {a["code"]: a for a in store.actors("uk", 10)}
    assert "UKR" in codes and codes["UKR"]["events"] > 0 and codes["UKR"]["name"]
    assert store.actors("russia", 10)[0]["code"].startswith("RUS")
    edges = store.network(min_count=1, limit=5)  # (source, target, events, Goldstein mean, totals of both)
    assert edges[0][:3] == ("RUSMIL", "UKR", 4) and edges[0][5] == sum(e[2] for e in edges if "UKR" in e[:2])
    assert store.network(min_count=2) == edges[:1]
    countries = store.network(level="country")
    # four attacks and Moscow's threat to retaliate, aimed at Ukraine, the sentence before's actor
    assert countries[0][:3] == ("RUS", "UKR", 5) and all(len(s) == len(t) == 3 for s, t, *_ in countries)
    assert {e[:2] for e in store.network(start="2024-04-01", end="2024-04-30")} == {("UKR", "RUS"), ("RUS", "UKR")}
    with pytest.raises(ValueError, match="level"):
        store.network(level="planet")


@pytest.mark.parametrize("value", [EVIL, "%' OR '1'='1", "RUS') OR TRUE --", "\\'; SELECT 1; --"])
def test_sql_looking_values_are_values(store, value):
    events = store.count_events()
    for f in (EventFilter(source=value), EventFilter(target=value), EventFilter(code=value), EventFilter(doc=value),
              EventFilter(source=value, exact=True), EventFilter(start=value, end=value), EventFilter(cluster=value),
              EventFilter(root=value)):
        assert store.count_events(f) == 0 and store.events(f) == [], f
    for f in (DocumentFilter(text=value), DocumentFilter(actor=value), DocumentFilter(start=value, end=value)):
        assert store.count_documents(f) == 0 and store.documents(f) == [], f
    assert store.document(value) is None
    assert store.actors(value, 5) == []
    assert store.network(start=value, end=value) == []
    assert store.dyad_rows(value, value) == [] and store.actor_counterparts(value) == []
    assert store.actor_periods(value) == []
    assert store.flag_evidence(_codes(), [(0, 0, value, value)], 30, 5) == []
    assert store.count_events() == events and "events" in store.relations()


def _codes() -> FlagCodes:
    from detente.analytics import FLAG_CODES

    return FLAG_CODES


def test_only_fixed_text_is_formatted_into_sql(store):
    with pytest.raises(ValueError):
        FlagCodes(("06'; DROP TABLE events; --",), ("036",), ("05",), ("18",), ("03",), ("12",))
    with pytest.raises(ValueError, match="by must be one of"):
        store.dyad_rows("RUS", "UKR", by="month'); DROP TABLE events; --")
    with pytest.raises(ValueError, match="by must be one of"):
        store.actor_periods("RUS", by="decade")


def test_analytics_rows(store):
    by_cluster = store.dyad_rows("RUS", "UKR", "month")
    by_mention = store.dyad_rows("RUS", "UKR", "month", mentions=True)
    assert [(r[0], r[1], r[2]) for r in by_cluster] == [("2024-03-01", "ab", 2), ("2024-04-01", "ab", 1),
                                                        ("2024-04-01", "ba", 1)]
    assert sum(r[2] for r in by_mention) == 6
    counterparts = {r[0]: r for r in store.actor_counterparts("RUS")}
    assert counterparts["UKR"][1:4] == (4, 0, 4)
    assert store.flag_evidence(_codes(), [], 30, 5) == []


def test_no_clusters_is_a_clear_error(tmp_path):
    with Store(tmp_path / "empty.duckdb") as store:
        assert not store.clusters_built()
        with pytest.raises(ValueError, match="no event clusters"):
            store.require_clusters()
        assert store.build_clusters(1) == 0 and store.clusters_built()


def _reference_clusters(rows: list[tuple], window: int) -> dict[tuple[str, int], int]:
    """Clusters computed in Python the way the store defines them: events with the same source, target and
    3-digit code, ordered by day (undated last), start a new cluster when undated or more than `window`
    days after the previous one. Gives a cluster number per (doc_key, event_index)."""
    groups = defaultdict(list)
    for key, index, source, target, cameo, date in rows:
        day = dt.date.fromisoformat(date) if date else None
        groups[(source or "", target or "", (cameo or "")[:3])].append((day, key, index))
    out, number = {}, 0
    for members in groups.values():
        members.sort(key=lambda m: (m[0] is None, m[0] or dt.date.min, m[1], m[2]))
        previous = None
        number += 1
        for k, (day, key, index) in enumerate(members):
            if day is None or (k and previous is not None and (day - previous).days > window):
                number += 1
            out[(key, index)] = number
            previous = day
    return out


@pytest.mark.parametrize("window", [0, 1, 30])
def test_clusters_rebuilt_by_the_store_match_their_definition(db, tmp_path, window):
    import shutil

    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    with Store(copy) as store:
        n = store.build_clusters(window)
        events = [(e["doc_key"], e["event_index"], e["source_code"], e["target_code"], e["cameo"], e["date"])
                  for e in store.events(limit=10_000)]
        expected = _reference_clusters(events, window)
        got: dict[tuple[str, int], str] = {}
        for e in store.events(limit=10_000):
            doc = store.document(e["doc_key"])
            got[(e["doc_key"], e["event_index"])] = doc["events"][e["event_index"]]["cluster"]["id"]
    assert n == len(set(expected.values())) == len(set(got.values()))
    partition = lambda m: sorted(sorted(k for k in m if m[k] == c) for c in set(m.values()))  # noqa: E731
    assert partition(got) == partition(expected)
    if window == 1:
        with Store(db, read_only=True) as original:  # the same clusters the ingest built
            attack = [c for c in original.clusters(set(got.values())).values() if c["mentions"] == 3]
            assert len(attack) == 1 and attack[0]["documents"] == attack[0]["sources"] == 3
