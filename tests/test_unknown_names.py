"""The proper names that resolved to no actor: found while coding (stage unknown_names), stored with their
documents, and listed by `detente actors --unknown --db STORE`, on names and sentences made up for these
tests. A store written before the table existed still opens."""
from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from detente.cli import main
from detente.ingest import ingest
from detente.records import UNKNOWN_NAME_KINDS, Document
from detente.store import Store

FIRST = ("Foreign Minister Ilvo Marantz of Veldonia met Turkish President Recep Tayyip Erdogan in Ankara on Monday. "
         "Marantz said the Kestrel Front had attacked border posts. "
         "Mr Marantz also criticized the Kestrel Front, and Russian Deputy Foreign Minister Ivo Kalnin said on "
         "Thursday that Moscow would send Patriot missiles to Veldonia.")
SECOND = "The Kestrel Front denied the accusation on Tuesday. Ilvo Marantz met Sergey Lavrov in Moscow."
THIRD = "Kestrel Front fighters shelled Sumgayit on Wednesday, Azerbaijan said."


def documents():
    return [Document("first", FIRST, "2024-05-06"), Document("second", SECOND, "2024-05-07"),
            Document("third", THIRD, "2024-05-08")]


@pytest.fixture(scope="module")
def coded(coder):
    return {r.document.id: r for r in coder.code_documents(documents())}


def test_names_no_actor_resolved_are_found(coded):
    first = coded["first"]
    found = [(u.text, u.name) for u in first.unknown_names]
    assert ("Ilvo Marantz", "Ilvo Marantz") in found
    assert ("Kestrel Front", "Kestrel Front") in found
    # the surname alone, and after an honorific, is the name the document gave in full
    assert [u.name for u in first.unknown_names if u.text == "Marantz"] == ["Ilvo Marantz", "Ilvo Marantz"]
    for u in first.unknown_names:
        assert FIRST[u.start:u.end] == u.text
        assert u.text in FIRST[u.sentence_start:u.sentence_end]
        assert u.kind in UNKNOWN_NAME_KINDS
    assert [u.sentence_index for u in first.unknown_names if u.text == "Kestrel Front"] == [1, 2]


def test_known_names_places_dates_and_things_are_not_listed(coded):
    texts = {u.text for r in coded.values() for u in r.unknown_names}
    # in the dictionaries; a title with a country ("Russian Deputy Foreign Minister Ivo Kalnin" is RUSGOV);
    # a day; the name of a weapon; a town the gazetteer knows; honorifics and title words
    for known in ("Recep Tayyip Erdogan", "Erdogan", "Ankara", "Sergey Lavrov", "Moscow", "Azerbaijan", "Ivo Kalnin",
                  "Kalnin", "Monday", "Thursday", "Tuesday", "Patriot", "Sumgayit", "Mr Marantz", "Foreign Minister"):
        assert known not in texts, known
    assert [u.text for u in coded["third"].unknown_names] == ["Kestrel Front"]


def test_the_stage_changes_no_event(coder, coded):
    from detente.pipeline import DocContext

    doc = coder.nlp(FIRST)
    ctx = DocContext(Document("first", FIRST, "2024-05-06"), doc, None)
    for stage in coder.stages:
        if stage.name != "unknown_names":
            stage(ctx)
    before = [e.to_dict() for e in ctx.events]
    coder.stages[-1](ctx)
    assert [e.to_dict() for e in ctx.events] == before and ctx.unknown_names


@pytest.fixture(scope="module")
def store_path(coder, tmp_path_factory):
    path = tmp_path_factory.mktemp("unknown") / "names.duckdb"
    with Store(path) as store:
        ingest(documents(), store, coder)
    return path


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_store_ranks_names_with_counts_and_an_example(store_path):
    with Store(store_path, read_only=True) as store:
        rows = store.unknown_names()
        by_name = {r["name"]: r for r in rows}
        front = by_name["Kestrel Front"]
        assert (front["mentions"], front["documents"]) == (4, 3)
        assert rows[0]["name"] == "Kestrel Front"  # the most mentioned first
        # the example comes from the newest document that names it
        assert (front["doc_id"], front["date"], front["sentence"]) == ("third", "2024-05-08", THIRD)
        marantz = by_name["Ilvo Marantz"]
        assert marantz["mentions"] == 4 and marantz["documents"] == 2
        assert marantz["spellings"] == ["Ilvo Marantz", "Marantz"] and marantz["kind"] == "person"
        assert marantz["sentence"] == "Ilvo Marantz met Sergey Lavrov in Moscow."
        assert [r["name"] for r in store.unknown_names(min_count=4)] == ["Kestrel Front", "Ilvo Marantz"]
        assert [r["name"] for r in store.unknown_names(limit=1)] == ["Kestrel Front"]
        assert {r["kind"] for r in store.unknown_names(kind="person")} == {"person"}
        assert store.unknown_names(sort="documents")[0]["name"] == "Kestrel Front"


def test_actors_unknown_command(capsys, store_path):
    rc, out, err = run(capsys, "actors", "--unknown", "--db", str(store_path))
    assert rc == 0 and "name(s) that resolved to no actor" in err
    lines = out.splitlines()
    assert lines[0].split() == ["mentions", "docs", "kind", "name", "example"]
    assert lines[1].split()[:2] == ["4", "3"] and "Kestrel Front" in lines[1] and f"third: {THIRD}" in lines[1]
    assert len(lines) == 4 and [line.split()[3] for line in lines[1:]] == ["Kestrel", "Ilvo", "Veldonia"]

    rc, out, _ = run(capsys, "actors", "--unknown", "--db", str(store_path), "--json", "--min-count", "3")
    rows = json.loads(out)
    assert rc == 0 and {r["name"] for r in rows} == {"Kestrel Front", "Ilvo Marantz"}

    rc, out, err = run(capsys, "actors", "--unknown", "--db", str(store_path), "--csv", "--kind", "person",
                       "--limit", "1")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rc == 0 and [(r["name"], r["mentions"], r["documents"], r["spellings"]) for r in rows] == [
        ("Ilvo Marantz", "4", "2", "Ilvo Marantz; Marantz")]
    assert rows[0]["sentence"] == "Ilvo Marantz met Sergey Lavrov in Moscow." and "see --limit" in err


@pytest.mark.parametrize("argv, message", [
    (["actors", "--unknown"], "--db STORE"),
    (["actors", "Lavrov", "--unknown", "--db", "x.duckdb"], "not both"),
    (["actors"], "give names to look up"),
])
def test_actors_usage_errors(capsys, argv, message):
    rc, _, err = run(capsys, *argv)
    assert rc == 2 and message in err


def test_a_store_written_before_the_table_still_works(capsys, coder, tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        ingest(documents()[:1], store, coder)
    con = duckdb.connect(str(path))  # as an earlier version of detente wrote it: no table of unknown names
    con.execute("DROP TABLE unknown_names")
    con.close()

    with Store(path, read_only=True) as store:
        assert not store.collects_unknown_names() and store.unknown_names() == []
        assert "unknown_names" not in store.counts() and store.counts()["documents"] == 1
    rc, out, err = run(capsys, "actors", "--unknown", "--db", str(path))
    assert rc == 0 and "earlier version of detente" in err and len(out.splitlines()) == 1
    rc, _, _ = run(capsys, "export", "--db", str(path), "--format", "jsonl", "--out", str(tmp_path / "e.jsonl"))
    assert rc == 0

    with Store(path) as store:  # opened for writing, the store gets the table; documents ingested now fill it
        assert store.collects_unknown_names()
        ingest(documents()[1:], store, coder)
        names = {r["name"]: r for r in store.unknown_names()}
    assert names["Kestrel Front"]["documents"] == 2 and names["Ilvo Marantz"]["spellings"] == ["Ilvo Marantz"]


def test_api_lists_unknown_names(store_path):
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    app = create_app(str(store_path))
    try:
        with TestClient(app) as client:
            answer = client.get("/api/actors/unknown", params={"min_count": 3}).json()
            assert answer["collected"] and [r["name"] for r in answer["names"]] == ["Kestrel Front", "Ilvo Marantz"]
            assert answer["names"][0]["sentence"] == THIRD
            rows = list(csv.DictReader(io.StringIO(client.get("/api/actors/unknown",
                                                              params={"kind": "person", "format": "csv"}).text)))
            assert [(r["name"], r["spellings"]) for r in rows] == [("Ilvo Marantz", "Ilvo Marantz; Marantz")]
            bad = client.get("/api/actors/unknown", params={"kind": "planet"})
            assert bad.status_code == 400 and "kind" in bad.json()["error"]
    finally:
        app.state.db.close()
