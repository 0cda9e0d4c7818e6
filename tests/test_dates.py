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
        ("2024-09-05", "day", "relative", "Thursday")
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


# (sentence, the event's (source, code prefix), date, precision, date_source); document date 2024-09-06
CLAUSE_DATES = [
    # on the verb, explicit and relative
    ("Chile criticized Peru in March 2022.", ("CHL", "111"), "2022-03-01", "month", "explicit"),
    ("Chile criticized Peru on 5 May 2023.", ("CHL", "111"), "2023-05-05", "day", "explicit"),
    ("Chile criticized Peru last month.", ("CHL", "111"), "2024-08-01", "month", "relative"),
    ("Chile criticized Peru two years ago.", ("CHL", "111"), "2022-01-01", "year", "relative"),
    ("Chile criticized Peru earlier this year.", ("CHL", "111"), "2024-01-01", "year", "relative"),
    ("Chile criticized Peru on Monday.", ("CHL", "111"), "2024-09-02", "day", "relative"),
    ("Chile has criticized Peru since 2021.", ("CHL", "111"), "2021-01-01", "year", "explicit"),
    ("Chile criticized Peru back in 2019.", ("CHL", "111"), "2019-01-01", "year", "explicit"),
    ("Chile criticized Peru in the 1990s.", ("CHL", "111"), "1990-01-01", "year", "explicit"),
    ("Last week, Chile criticized Peru.", ("CHL", "111"), "2024-08-26", "week", "relative"),
    # on the clause's objects and their phrases
    ("Norway offered Oslo as a venue for talks between Colombia and the rebels in June 2016.", ("NOR", "03"),
     "2016-06-01", "month", "explicit"),
    ("Qatar hosted talks between the United States and the Taliban in February 2020.", ("QAT", "04"),
     "2020-02-01", "month", "explicit"),
    ("Egypt supplied grain to Sudan during the 2019 famine.", ("EGY", "07"), "2019-01-01", "year", "explicit"),
    ("Kenya sent troops to Somalia in a deployment in October 2011.", ("KEN", "15"), "2011-10-01", "month",
     "explicit"),
    # a nominal event, dated by its own phrase or by the verb it is an argument of
    ("Ukraine's incursion into Russia began last month.", ("UKR", "19"), "2024-08-01", "month", "relative"),
    ("Armenia's offensive against Azerbaijan started two weeks ago.", ("ARM", "19"), "2024-08-19", "week",
     "relative"),
    # recollections of the past
    ("Ukraine recalled that Turkey hosted talks with Russia back in 2022.", ("TUR", "04"), "2022-01-01", "year",
     "explicit"),
    ("Kyiv abandoned the talks in Istanbul two years ago, the minister recalled.", ("UKR", "16"), "2022-01-01",
     "year", "relative"),
    # a modifier of the object dates the object, not the act
    ("Turkey criticized the 2022 agreement between Greece and Cyprus.", ("TUR", "111"), "2024-09-06", "day",
     "document"),
    ("Peru criticized last year's decision by Chile.", ("PER", "111"), "2024-09-06", "day", "document"),
    # the reporting verb's date
    ("Chile criticized Peru, the ministry said on Tuesday.", ("CHL", "111"), "2024-09-03", "day", "reported"),
]


@pytest.mark.parametrize("text, who, date, precision, source", CLAUSE_DATES, ids=[c[0][:50] for c in CLAUSE_DATES])
def test_event_date_from_anywhere_in_its_clause(code, text, who, date, precision, source):
    events = [e for e in code(text, date="2024-09-06") if e.source and e.source.code == who[0]
              and e.cameo.startswith(who[1])]
    assert events, f"no {who} event in {[(e.source and e.source.code, e.cameo) for e in code(text)]}"
    e = events[0]
    assert (e.date, e.date_precision, e.date_source) == (date, precision, source), e.date_text
