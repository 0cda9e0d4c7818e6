"""Entities by rule, for a document parsed without the model's named-entity recognizer (the default: see
nlp.py). The stages read few entity types, and only these are set, as `doc.ents`, so that every stage
reads them as it would read the recognizer's:

- DATE: the date expressions detente resolves (data/dates.yaml, weekdays, months, days and years,
  "two weeks ago"), which `dates` resolves; TIME: durations ("for decades", "in recent years", "72
  hours") and times of day ("on Monday night", "at 9:50 am"), which it does not. The grammar takes
  neither for an object or a particle ("called on Sunday");
- GPE: the countries, capitals and places the actor dictionaries know, and the names the gazetteer
  knows: `places` looks them up, `attribution` does not take a dateline for a speaker;
- PERSON: the people the dictionaries know, and a run of proper nouns after any title words ("Foreign
  Minister Karim Rahmanov": "Karim Rahmanov") that is no place, no organisation (no agent noun in it:
  "Security Service") and no abbreviation: `actor_mentions` learns a titled person's name, and pronouns
  take people for antecedents; an untitled name no one knows after a preposition of place ("missiles
  to Veldonia") is a place (LOC).

A document the recognizer has read keeps its own entities (`CoderOptions(full_pipeline=True)`)."""
from __future__ import annotations

import re
from typing import Callable

from spacy.attrs import LIKE_NUM
from spacy.tokens import Doc, Span

from ..actor_dictionary import KIND_CAPITAL, KIND_COUNTRY, KIND_PERSON, KIND_PLACE, Match
from ..date_expressions import MONTHS, NUMBERS, WEEKDAYS, date_table
from ..gazetteer import REGION_WORDS, Gazetteer
from .actor_words import is_abbreviation
from .named_countries import document_countries

PLACE_KINDS = (KIND_COUNTRY, KIND_CAPITAL, KIND_PLACE)
UNITS = {"day", "week", "month", "year", "decade", "century", "days", "weeks", "months", "years", "decades",
         "centuries", "weekend", "weekends"}
PLURAL_UNITS = {"days", "weeks", "months", "years", "decades", "centuries"}
BARE_UNITS = PLURAL_UNITS | {"weekend"}
COUNTS = set(NUMBERS) | {"several", "few", "recent", "past", "coming"}  # what makes "the past days" a date
AGO = {"ago", "earlier", "before", "later"}
COUNT_WORDS = set(NUMBERS) | {"several", "few", "many", "some", "recent", "past", "coming", "next", "last",
                              "previous", "nearly", "almost", "about", "around", "more", "than", "over", "the",
                              "just", "first", "two-day", "three-day"}
DAY_PARTS = {"morning", "afternoon", "evening", "night", "midnight", "noon", "dawn", "dusk"}
CLOCK_UNITS = {"hour", "hours", "minute", "minutes"}
MERIDIEM = {"am", "pm", "a.m.", "p.m.", "a.m", "p.m"}
WEEKDAY_LEADS = {"last", "next", "this"}
# months that are also common words: only a capitalised proper noun next to a day or a year, or after a
# word of time ("in May", "since March")
AMBIGUOUS_MONTHS = {"march", "may"}
MONTH_LEADS = {"in", "since", "until", "till", "by", "of", "during", "from", "early", "late", "mid", "last",
               "next", "this", "between", "through", "before", "after", "to"}
YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d)$")
DECADE_RE = re.compile(r"^(1[89]\d0|20\d0)s$")
DAY_RE = re.compile(r"^([1-9]|[12]\d|3[01])(st|nd|rd|th)?$")
CLOCK_RE = re.compile(r"^\d{1,2}[:.]\d\d$")
PROPER_TAGS = {"NNP", "NNPS"}
# prepositions before a name no dictionary or gazetteer knows that make it a place, not a person
PLACE_PREPS = {"to", "in", "into", "from", "near", "at", "across", "toward", "towards", "of", "inside", "throughout"}
FUNCTION_WORDS = {"of", "and", "the", "for", "in", "on", "to", "a", "an", "at", "de", "al"}
# words of a place's name around a place inside it ("the South China Sea", "the Gulf of Aden")
GEO_WORDS = {"sea", "gulf", "bay", "strait", "straits", "river", "lake", "ocean", "island", "islands", "peninsula",
             "desert", "valley", "mountains", "mountain", "coast", "canal", "shoal", "strip", "bank", "heights",
             "border", "crossing", "plain", "plateau", "basin", "delta", "channel", "sound", "cape", "north", "south",
             "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower", "greater"}
JOINERS = {"-", "al", "bin", "ibn", "el", "de", "van", "von", "da", "dos", "del", "la", "le"}


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


class RuleEntities:
    """Sets `doc.ents` (DATE, TIME, GPE, PERSON) from rules, the dictionary matches and the gazetteer."""

    def __init__(self, title_words: set[str], gazetteer: Callable[[], Gazetteer] = Gazetteer.load):
        self.title_words = title_words
        self._gazetteer = gazetteer
        relative = date_table().relative
        self.phrases: dict[str, list[tuple[str, ...]]] = {}  # relative date phrases by first word, longest first
        for phrase in relative:
            words = tuple(phrase.split())
            self.phrases.setdefault(words[0], []).append(words)
        for bucket in self.phrases.values():
            bucket.sort(key=len, reverse=True)
        # the words a date or time expression can start with (others, and numbers, are passed over at once)
        self.openers = (set(self.phrases) | set(WEEKDAYS) | WEEKDAY_LEADS | set(MONTHS) | {m + "." for m in MONTHS}
                        | COUNT_WORDS | UNITS | CLOCK_UNITS | DAY_PARTS)

    def __call__(self, doc: Doc, matches: dict[int, Match]) -> None:
        if not len(doc) or doc.has_annotation("ENT_IOB"):
            return  # the recognizer's entities stand
        lower = [t.lower_ for t in doc]
        spans: list[Span] = []
        taken: set[int] = set()

        def add(start: int, end: int, label: str) -> None:
            if end > start and not any(i in taken for i in range(start, end)):
                spans.append(Span(doc, start, end, label=label))
                taken.update(range(start, end))

        for i, m in sorted(matches.items()):
            if m.start == i and m.kind == KIND_PERSON:
                add(m.start, m.end, "PERSON")
        used = set(matches)
        openers = self.openers
        numeric = doc.to_array(LIKE_NUM).tolist()
        i, n = 0, len(doc)
        while i < n:
            if i in used or i in taken or not (lower[i] in openers or numeric[i] or lower[i][:1].isdigit()):
                i += 1
                continue
            found = self._time(doc, lower, i)
            if found is not None:
                end, label = found
                if not any(k in used for k in range(i, end)):
                    add(i, end, label)
                    i = end
                    continue
            i += 1
        self._names(doc, matches, taken, add)
        self._countries_inside(doc, matches, add)
        doc.set_ents(sorted(spans, key=lambda s: s.start), default="outside")

    # ---- dates and times -------------------------------------------------------------------------
    def _time(self, doc: Doc, lower: list[str], i: int) -> tuple[int, str] | None:
        """(end, DATE or TIME) of a date or time expression starting at token i."""
        n, w = len(doc), lower[i]
        for words in self.phrases.get(w, ()):  # "last week", "earlier this month", "yesterday"
            if tuple(lower[i:i + len(words)]) == words:
                return i + len(words), "DATE"
        lead = 1 if w in WEEKDAY_LEADS and i + 1 < n and lower[i + 1] in WEEKDAYS else 0
        if lower[i + lead] in WEEKDAYS:
            end = i + lead + 1
            if end < n and lower[end] in DAY_PARTS:
                return end + 1, "TIME"  # "Friday morning": a time, no date
            return end, "DATE"
        month = self._month_at(doc, lower, i)
        if month is not None:
            return month, "DATE"
        tok = doc[i]
        if DAY_RE.match(w) and i + 1 < n and self._is_month(doc, lower, i + 1, True):
            end = i + 2  # "5 March", "5 March 2022"
            if end < n and YEAR_RE.match(lower[end]):
                end += 1
            return end, "DATE"
        if YEAR_RE.match(w) and i + 2 < n and lower[i + 1] in ("-", "–", "to") and YEAR_RE.match(lower[i + 2]):
            return i + 3, "TIME"  # "the 1991-1995 war": a period, no date
        if YEAR_RE.match(w) and tok.tag_ == "CD" and not (i + 1 < n and doc[i + 1].tag_ in ("NNS", "NNPS")):
            return i + 1, "DATE"  # "in 2014", not "2000 troops"
        if DECADE_RE.match(w):
            return i + 1, "DATE"
        if CLOCK_RE.match(w) and i + 1 < n and lower[i + 1] in MERIDIEM:
            return i + 2, "TIME"
        # a count of units: "two weeks ago", "11 days", "recent years", "the past few days", "decades"
        k = i
        while k < n and k - i < 4 and (lower[k] in COUNT_WORDS or doc[k].like_num):
            k += 1
        if k < n and (lower[k] in UNITS or lower[k] in CLOCK_UNITS):
            # a duration is a TIME: a word of time to the grammar, but no date to resolve ("ending 29 years
            # of presence" is no event of 29 years ago); a count back from now is a DATE ("two weeks ago")
            if k == i:
                return (k + 1, "TIME") if lower[k] in BARE_UNITS else None  # "for decades", "over the weekend"
            if not any(lower[j] in COUNTS or doc[j].like_num for j in range(i, k)):
                return None  # "the day", "the last days"
            if k + 1 < n and lower[k + 1] in AGO and lower[k] not in CLOCK_UNITS:
                return k + 2, "DATE"
            return k + 1, "TIME"  # "72 hours", "11 days", "recent years"
        if w in DAY_PARTS and tok.pos_ == "NOUN":
            return i + 1, "TIME"  # "later that evening", "at night"
        return None

    def _is_month(self, doc: Doc, lower: list[str], i: int, beside_number: bool) -> bool:
        tok = doc[i]
        if _month(lower[i]) is None or not tok.text[:1].isupper():
            return False
        if lower[i].rstrip(".") in AMBIGUOUS_MONTHS and not beside_number:
            return tok.tag_ in PROPER_TAGS and i > 0 and doc[i - 1].lower_ in MONTH_LEADS
        return tok.tag_ in PROPER_TAGS or beside_number or len(lower[i].rstrip(".")) > 3

    def _month_at(self, doc: Doc, lower: list[str], i: int) -> int | None:
        """End of "March", "March 5", "March 5, 2022", "March 2022", "July of 2022" at token i."""
        n = len(doc)
        if _month(lower[i]) is None:
            return None
        nxt = lower[i + 1] if i + 1 < n else ""
        numbered = bool(DAY_RE.match(nxt) or YEAR_RE.match(nxt))
        if not self._is_month(doc, lower, i, numbered):
            return None
        end = i + 1
        if DAY_RE.match(nxt):
            end += 1
            k = end + 1 if end < n and lower[end] in (",", ".") else end
            if k < n and YEAR_RE.match(lower[k]):
                end = k + 1
        elif YEAR_RE.match(nxt):
            end += 1
        elif nxt == "of" and i + 2 < n and YEAR_RE.match(lower[i + 2]):
            end += 2
        return end

    # ---- names -----------------------------------------------------------------------------------
    def _names(self, doc: Doc, matches: dict[int, Match], taken: set[int],
               add: Callable[[int, int, str], None]) -> None:
        """Runs of proper nouns ("South China Sea", "Gulf of Aden", "Foreign Minister Karim Rahmanov"),
        the places the dictionaries know among them: the place alone is a GPE ("Kherson"); a longer name
        around it (no title or agent word in it) is another place, a LOC ("the South China Sea" is not
        China); of the rest, a name the gazetteer knows is a GPE, else a person."""
        countries = document_countries(matches, ("country", "adjective", "demonym"))
        people: set[str] = set()
        n, i = len(doc), 0

        def part(k: int) -> bool:  # a word a run of names is made of
            m = matches.get(k)
            if k in taken:
                return False
            if m is not None:
                return m.kind in PLACE_KINDS
            return self._proper(doc[k])

        while i < n:
            if not part(i):
                i += 1
                continue
            end = i + 1
            while end < n and (part(end) or (end not in matches and end not in taken and self._joiner(doc, end))):
                end += 1
            while end > i + 1 and not part(end - 1):
                end -= 1
            self._run(doc, i, end, matches, countries, people, add)
            i = end

    def _run(self, doc: Doc, start: int, end: int, matches: dict[int, Match], countries: list[str],
             people: set[str], add: Callable[[int, int, str], None]) -> None:
        places = [k for k in range(start, end) if k in matches]
        if places:
            rest = [g for g in _groups(doc, start, end) if not any(k in matches for k in range(g[0], g[1]))]
            geo = all(g[2] in GEO_WORDS or g[2] == "of" for g in rest)
            titled = any(self._title(g[2]) and g[2] not in GEO_WORDS for g in rest)
            named_after = len(rest) > 1 and rest[0][0] > places[-1]  # "Ambassador to Moscow Pierre Levy"
            if rest and (geo or not (titled or named_after)) and doc[end - 1].lower_ not in REGION_WORDS:
                add(start, end, "LOC")  # "South China Sea", "Gulf of Aden", "Washington Post": not the place inside
                return
            for k in places:
                m = matches[k]
                if m.start == k:
                    the = m.start > 0 and doc[m.start - 1].lower_ == "the" and m.start - 1 not in matches \
                        and (m.end - m.start > 1 or doc[m.start].tag_ == "NNPS") \
                        and all(t.text[:1].isupper() for t in doc[m.start:m.end])  # not "the Kursk region"
                    add(m.start - 1 if the else m.start, m.end, "GPE")  # "the United States"
            after = places[-1] + 1
            if after < end:
                self._name(doc, after, end, countries, people, add)  # "Kyiv Mayor Vitali Klitschko"
            return
        self._name(doc, start, end, countries, people, add)

    def _name(self, doc: Doc, start: int, end: int, countries: list[str], people: set[str],
              add: Callable[[int, int, str], None]) -> None:
        groups = _groups(doc, start, end)  # "Vice-President" is one word, as the title words have it
        titled = False
        while groups and self._title(groups[0][2]):  # "Foreign Minister Karim Rahmanov"
            groups, titled = groups[1:], True
        if not groups or any(self._title(g[2]) for g in groups):
            return  # a title, or an organisation ("Security Service", "Anti-Corruption Commission")
        start, end = groups[0][0], groups[-1][1]
        words = doc[start:end]
        if all(is_abbreviation(t.text) or not t.text.isalpha() for t in words if t.text != "-"):
            if words.text.isupper() and len(words.text) > 3 and self._place(words.text, countries):
                add(start, end, "GPE")  # a dateline: "MOSCOW", "KUALA LUMPUR"
            return  # "NATO", "M23": organisations and the like
        text = words.text
        if any(g[2] == "of" for g in groups):  # "Bay of Bengal", "University of Tehran": no person
            place = self._place(text, countries)
            add(start, end, "GPE" if place else "LOC")
            return
        known_person = titled or text in people or (end - start > 1 and words[-1].text in people)
        if not known_person and self._place(text, countries):
            add(start, end, "GPE")
            return
        if not known_person and start > 0 and doc[start - 1].lower_ in PLACE_PREPS:
            add(start, end, "LOC")  # "sent missiles to Veldonia", "the president of Veldonia": a place
            return
        people.add(text)
        people.add(words[-1].text)
        add(start, end, "PERSON")

    def _countries_inside(self, doc: Doc, matches: dict[int, Match], add: Callable[[int, int, str], None]) -> None:
        """A country named inside an organisation's name after a preposition is a place too ("Maoist rebels
        in Nepal", "the Security Service of Ukraine"; not "China Coast Guard")."""
        countries = self._gazetteer().countries
        for i, m in matches.items():
            if m.kind in PLACE_KINDS or m.kind == KIND_PERSON or i == m.start or doc[i - 1].tag_ != "IN":
                continue
            for k in (2, 1):
                if i + k <= m.end and doc[i:i + k].text in countries and doc[i].text[:1].isupper():
                    add(i, i + k, "GPE")
                    break

    def _place(self, text: str, countries: list[str]) -> bool:
        """Does the gazetteer know the name as a place: by its own name, or in a country the document
        names ("Safwan" in a story about Iraq, not "Arava" as another spelling of a town elsewhere)?"""
        place = self._gazetteer().lookup(text, countries)
        return place is not None and (place.name.lower() == " ".join(text.lower().split())
                                      or place.country in countries)

    @staticmethod
    def _proper(tok) -> bool:
        return tok.tag_ in PROPER_TAGS and tok.text[:1].isupper()

    @staticmethod
    def _joiner(doc: Doc, i: int) -> bool:
        """A word inside a name: "al" in "Abdel Fattah al-Burhan", the hyphen of "Tae-yul", "of" in "Gulf
        of Aden"."""
        tok = doc[i]
        if i + 1 >= len(doc) or i == 0:
            return False
        if tok.text == "-":
            return not doc[i - 1].whitespace_ and not tok.whitespace_
        if tok.lower_ == "of":
            return doc[i - 1].tag_ in PROPER_TAGS and doc[i + 1].tag_ in PROPER_TAGS and doc[i + 1].text[:1].isupper()
        return tok.lower_ in JOINERS and (tok.tag_ in PROPER_TAGS or doc[i + 1].text == "-")

    def _title(self, word: str) -> bool:
        """A title or agent word ("minister", "vice-president"), or one made of them ("Vice-Minister");
        not a function word of an agent phrase ("chief of staff")."""
        if word in FUNCTION_WORDS:
            return False
        return word in self.title_words or ("-" in word and all(p in self.title_words for p in word.split("-") if p))


def _groups(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words of tokens start..end as written: tokens joined by hyphens without spaces are one word
    ("Anti-Corruption"): (start, end, lower-case text) of each."""
    out: list[tuple[int, int, str]] = []
    i = start
    while i < end:
        j = i + 1
        while j + 1 < end and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_:
            j += 2
        out.append((i, j, doc[i:j].text.lower()))
        i = j
    return out
