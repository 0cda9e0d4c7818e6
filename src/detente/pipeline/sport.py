"""Sport is not politics: a sentence with a score ("2-1", "3–0") codes nothing, and in a sentence with
two sports words ("Brazil beat Argentina in the World Cup final" is no assault) only the acts of state
agents stay ("police detained the fans")."""
from __future__ import annotations

import re

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Span

from ..lexicon import Lexicon
from .context import RawEvent

SCORE_RE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")
# Two short numbers around a dash anywhere in a text: what a score needs (checked in full per sentence).
_SHORT_NUMBER = r"(?:\d[\d.,/]{0,2}|\d(?:st|nd|rd|th)|one|two|six|ten)"
SCORE_IN_TEXT = re.compile(rf"(?<![^\W\d_]){_SHORT_NUMBER}\s*[-–]\s*{_SHORT_NUMBER}(?![^\W\d_])", re.IGNORECASE)
STATE_SECTORS = {"GOV", "COP", "JUD", "LEG", "MIL", "SPY"}  # agents of a state


class SportCheck:
    def __init__(self, lexicon: Lexicon):
        self.sports_words = lexicon.sports_words
        self.first_words = {w.split()[0] for w in lexicon.sports_words}

    def possible(self, doc, text: str) -> bool:
        """Can any sentence of the document be about sport: a sports word (or the first word of one), or
        something like a score ("2-1", "3 – 0")? Most documents have neither, and their sentences need no
        look."""
        if not len(doc):
            return False
        strings = doc.vocab.strings
        # a set of the hashes, not numpy.unique: that sorts, and its first call imports numpy.ma (30 ms)
        words = {strings[h].lower() for h in set(doc.to_array([LOWER, LEMMA]).ravel().tolist())}
        return bool(words & self.first_words) or SCORE_IN_TEXT.search(text) is not None

    def __call__(self, sent: Span) -> str | None:
        """"score" for a sentence with a score, "words" for one with two sports words, else None."""
        toks = list(sent)
        texts = [t.text for t in toks]
        lowers = [w.lower() for w in texts]
        for k in range(len(toks) - 2):
            if texts[k + 1] in ("-", "–") and len(texts[k]) <= 3 and len(texts[k + 2]) <= 3 \
                    and toks[k].like_num and toks[k + 2].like_num:
                return "score"
        if any(SCORE_RE.match(w) for w in texts):
            return "score"
        sports = self.sports_words
        words = {w for w in lowers if w in sports}
        words |= {f"{a} {b}" for a, b in zip(lowers, lowers[1:]) if f"{a} {b}" in sports}
        if len(words) < 2:  # lemmas only when the forms leave it open ("strikers", "tournaments")
            words |= {t.lemma_.lower() for t in toks if t.lemma_.lower() in sports}
        return "words" if len(words) >= 2 else None


def state_acts(events: list[RawEvent]) -> list[RawEvent]:
    """The events of a sentence about sport that stay: those whose source is an agent of a state."""
    return [ev for ev in events if any(a.sector in STATE_SECTORS for a in ev.sources)]
