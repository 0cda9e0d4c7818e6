"""Date expressions resolved against fixed document dates (2024-09-06 is a Friday)."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import triples
from detente.date_expressions import resolve

FRI = dt.date(2024, 9, 6)
MON = dt.date(2023, 1, 2)

CASES = [
    ("today", FRI, "2024-09-06", "day"),
    ("yesterday", FRI, "2024-09-05", "day"),
    ("the previous day", FRI, "2024-09-05", "day"),
    ("a day earlier", MON, "2023-01-01", "day"),
    ("tomorrow", FRI, "2024-09-07", "day"),
    ("Friday", FRI, "2024-09-06", "day"),
    ("on Friday", FRI, "2024-09-06", "day"),
    ("Thursday", FRI, "2024-09-05", "day"),
    ("on Monday", FRI, "2024-09-02", "day"),
    ("Sunday", MON, "2023-01-01", "day"),
    ("last Friday", FRI, "2024-08-30", "day"),
    ("next Tuesday", FRI, "2024-09-10", "day"),
    ("last week", FRI, "2024-08-26", "week"),
    ("this week", FRI, "2024-09-02", "week"),
    ("last month", FRI, "2024-08-01", "month"),
    ("last month", MON, "2022-12-01", "month"),
    ("last year", FRI, "2023-01-01", "year"),
    ("earlier this year", FRI, "2024-01-01", "year"),
    ("late last year", FRI, "2023-01-01", "year"),
    ("in 2022", FRI, "2022-01-01", "year"),
    ("back in 2022", FRI, "2022-01-01", "year"),
    ("since 2022", FRI, "2022-01-01", "year"),
    ("in the 1990s", FRI, "1990-01-01", "year"),
    ("two days ago", FRI, "2024-09-04", "day"),
    ("three weeks ago", FRI, "2024-08-12", "week"),
    ("a year ago", FRI, "2023-01-01", "year"),
    ("in March", FRI, "2024-03-01", "month"),
    ("in November", FRI, "2023-11-01", "month"),
    ("in March 2022", FRI, "2022-03-01", "month"),
    ("March 2022", FRI, "2022-03-01", "month"),
    ("5 March 2022", FRI, "2022-03-05", "day"),
    ("March 5, 2022", FRI, "2022-03-05", "day"),
    ("on 15 October", FRI, "2023-10-15", "day"),
    ("2022-03-05", FRI, "2022-03-05", "day"),
    ("August 29", FRI, "2024-08-29", "day"),
]


@pytest.mark.parametrize("text,base,date,precision", CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_resolve(text, base, date, precision):
    got = resolve(text, base)
    assert got is not None, text
    assert (got[0].isoformat(), got[1]) == (date, precision)


def test_not_a_date():
    assert resolve("the talks", FRI) is None


def test_event_dates_from_their_clause(code):
    text = ("Russian Foreign Minister Sergey Lavrov on Thursday criticized Türkiye. "
            "Iran attacked Iraq last week. "
            "Ukraine abandoned the talks, the Kremlin said on Wednesday. "
            "Egypt criticized Israel.")
    by_code = {(e.source.code, e.cameo): e for e in code(text, date="2024-09-06")}
    crit = by_code[("RUSGOV", "111")]
    assert (crit.date, crit.date_precision, crit.date_source, crit.date_text) == \
        ("2024-09-05", "day", "explicit", "Thursday")
    attack = by_code[("IRN", "190")]
    assert (attack.date, attack.date_precision) == ("2024-08-26", "week")
    halt = by_code[("UKR", "164")]
    assert (halt.date, halt.date_source) == ("2024-09-04", "reported")
    plain = by_code[("EGY", "111")]
    assert (plain.date, plain.date_source) == ("2024-09-06", "document")


def test_no_document_date_means_no_date(code):
    events = code("Iran attacked Iraq last week.", date=None)
    assert events and all(e.date is None and e.date_source is None for e in events)
    assert triples(events) == {("IRN", "190", "IRQ")}
