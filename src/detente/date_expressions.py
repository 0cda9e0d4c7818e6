"""When an event happened: date expressions in its clause resolved against the document date.

Each event gets `date` (ISO, the first day of the period), `date_precision` (day, week, month, year),
`date_source` (explicit: an expression in the event's own clause; reported: the date of the statement
that reports it; document: the document date) and `date_text`. Relative expressions come from
data/dates.yaml; weekdays, "N days ago", years and months by rule; other explicit dates by `dateparser`.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3}
AGO_RE = re.compile(r"^(\w+)\s+(day|week|month|year)s?\s+(ago|earlier|before)$")
YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d)$")
DECADE_RE = re.compile(r"^(?:the\s+)?(1[89]\d0|20\d0)s$")


@dataclass(frozen=True)
class DateTable:
    relative: dict[str, tuple[str, int]]
    lead_words: frozenset[str]


@lru_cache(maxsize=1)
def date_table() -> DateTable:
    text = resources.files("detente").joinpath("data/dates.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present
    relative = {" ".join(k.lower().split()): (str(v[0]), int(v[1])) for k, v in data["relative"].items()}
    return DateTable(relative, frozenset(str(w) for w in data.get("lead_words") or []))


def _shift(base: dt.date, unit: str, n: int) -> tuple[dt.date, str]:
    """The start of the period `n` units from the base's period."""
    if unit == "day":
        return base + dt.timedelta(days=n), "day"
    if unit == "week":
        monday = base - dt.timedelta(days=base.weekday())
        return monday + dt.timedelta(weeks=n), "week"
    if unit == "month":
        month = base.year * 12 + base.month - 1 + n
        return dt.date(month // 12, month % 12 + 1, 1), "month"
    return dt.date(base.year + n, 1, 1), "year"


def resolve(text: str, base: dt.date) -> tuple[dt.date, str] | None:
    """A date expression (as written) resolved against the document date: (start date, precision)."""
    words = [w for w in re.split(r"[\s,]+", text.lower().strip(" .")) if w]
    table = date_table()
    while words and words[0] in table.lead_words and " ".join(words) not in table.relative:
        words = words[1:]
    if not words:
        return None
    phrase = " ".join(words)
    if phrase in table.relative:
        unit, offset = table.relative[phrase]
        return _shift(base, unit, offset)
    m = AGO_RE.match(phrase)
    if m and (m.group(1) in NUMBERS or m.group(1).isdigit()):
        n = NUMBERS.get(m.group(1)) or int(m.group(1))
        unit = m.group(2)
        if unit == "day":
            return base - dt.timedelta(days=n), "day"
        return _shift(base, unit, -n)
    if len(words) <= 2 and words[-1] in WEEKDAYS and (len(words) == 1 or words[0] in ("last", "next", "this")):
        target = WEEKDAYS[words[-1]]
        if words[0] == "next":
            ahead = (target - base.weekday()) % 7 or 7
            return base + dt.timedelta(days=ahead), "day"
        back = (base.weekday() - target) % 7
        if words[0] == "last" and back == 0:
            back = 7
        return base - dt.timedelta(days=back), "day"  # wire usage: "said on Friday" is the latest Friday
    if len(words) == 1 and YEAR_RE.match(words[0]):
        return dt.date(int(words[0]), 1, 1), "year"
    m = DECADE_RE.match(phrase)
    if m:
        return dt.date(int(m.group(1)), 1, 1), "year"
    if words[0] in MONTHS and (len(words) == 1 or (len(words) == 2 and YEAR_RE.match(words[1]))):
        month = MONTHS[words[0]]
        year = int(words[1]) if len(words) == 2 else base.year - (1 if month > base.month else 0)
        return dt.date(year, month, 1), "month"
    return _explicit(phrase, base)


def _explicit(phrase: str, base: dt.date) -> tuple[dt.date, str] | None:
    """Explicit calendar dates ("5 March 2022", "March 5", "2022-03-05") through dateparser."""
    if not re.search(r"\d", phrase):
        return None
    import dateparser  # loaded only when an explicit date needs it

    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}
    try:
        parsed = dateparser.parse(phrase, settings=settings, languages=["en"])
    except Exception:  # dateparser raises on odd input; an unreadable date is no date
        return None
    if parsed is None:
        return None
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", re.sub(r"\b(1[89]|20)\d\d\b", "", phrase)))
    if not has_day:
        return dt.date(parsed.year, parsed.month, 1), "month"
    return parsed.date(), "day"


def is_relative(text: str, base: dt.date) -> bool:
    """Does the expression count from the document date ("last month", "on Tuesday", "two years ago",
    "in March") rather than state its date ("in 2022", "5 March 2022")? Read off its resolution: a date
    that moves when the document date moves is relative."""
    here = resolve(text, base)
    later = resolve(text, base + dt.timedelta(days=400))
    return here != later
