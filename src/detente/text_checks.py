"""Checks made on a document's text before it is parsed: why it cannot be coded (empty, binary, too
long, not English), or None.

The language check must never drop English, however short (a headline, a two-sentence brief): a text is
taken for another language only when that language's frequent words, none of them English words, number
two or more and outnumber the English words; one in a non-Latin script when most of its letters are.
A text too short to tell is coded."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .records import Document

WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
SAMPLE_CHARS = 20_000  # the checks read the start of a text
MIN_FOREIGN_WORDS = 2  # another language's frequent words needed to call a text not English
NAME_PARTICLES = {"von", "van", "der", "den", "de", "da", "das", "dos", "do", "del", "della", "di", "la", "le",
                  "el", "al", "bin", "ibn", "ter", "ten", "zu", "du", "des"}


@dataclass(frozen=True)
class LanguageWords:
    english: frozenset[str]
    others: dict[str, frozenset[str]]  # language code -> its frequent words that are not English words


@lru_cache(maxsize=1)
def language_words() -> LanguageWords:
    text = resources.files("detente").joinpath("data/function_words.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present
    english = frozenset(str(w).lower() for w in data["english"])
    others = {lang: frozenset(str(w).lower() for w in words) - english for lang, words in data["others"].items()}
    return LanguageWords(english, others)


def foreign_language(words: list[str]) -> str | None:
    """The language a Latin-script text is in when it is clearly not English: its language's frequent
    words number at least MIN_FOREIGN_WORDS and outnumber the English ones. Too few words to tell:
    None (the text is coded)."""
    table = language_words()
    lowered = [w.lower() for w in words]
    english = sum(1 for w in lowered if w in table.english)
    # particles after a capitalised word (not the first) belong to a name: "Ursula von der Leyen"
    counted: list[str] = []
    in_name = False
    for i, (w, low) in enumerate(zip(words, lowered)):
        if in_name and low in NAME_PARTICLES and not w[:1].isupper():
            continue
        counted.append(low)
        in_name = i > 0 and w[:1].isupper()
    hits = {lang: sum(1 for w in counted if w in vocab) for lang, vocab in table.others.items()}
    best = max(hits, key=lambda lang: hits[lang])
    if hits[best] >= MIN_FOREIGN_WORDS and hits[best] > english:
        return best
    return None


def check_text(doc: Document, max_chars: int) -> str | None:
    """Why a document cannot be coded, or None. Cheap checks done before parsing."""
    text = doc.text
    if not isinstance(text, str):
        return "text is not a string"
    if not text.strip():
        return "empty or whitespace-only text"
    if len(text) > max_chars:
        return f"text has {len(text):,} characters; the limit is {max_chars:,}"
    sample = text[:SAMPLE_CHARS]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * len(sample) or "\x00" in sample:
        return "looks like binary data, not text"
    words = WORD_RE.findall(sample)
    if not words:
        return "no words in the text"
    letters = [ch for w in words for ch in w]
    latin = sum(1 for ch in letters if ch.isascii() or ord(ch) < 0x250)
    if len(letters) >= 5 and latin < 0.5 * len(letters):
        return "not English (mostly non-Latin script)"
    language = foreign_language(words)
    if language is not None:
        return f"not English (looks like '{language}')"
    return None
