"""Checks made on a document's text before it is parsed: why it cannot be coded (empty, binary, too
long, not English), or None."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from .records import Document

WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    text = resources.files("detente").joinpath("data/function_words.yaml").read_text(encoding="utf-8")
    return {lang: frozenset(str(w).lower() for w in words) for lang, words in yaml.safe_load(text).items()}


def check_text(doc: Document, max_chars: int) -> str | None:
    """Why a document cannot be coded, or None. Cheap checks done before parsing."""
    text = doc.text
    if not isinstance(text, str):
        return "text is not a string"
    if not text.strip():
        return "empty or whitespace-only text"
    if len(text) > max_chars:
        return f"text has {len(text):,} characters; the limit is {max_chars:,} (raise it with --max-chars)"
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 20000) or "\x00" in text[:20000]:
        return "looks like binary data, not text"
    words = WORD_RE.findall(text[:20000])
    if not words:
        return "no words in the text"
    latin = sum(1 for w in words if w.isascii())
    if len(words) >= 5 and latin < 0.5 * len(words):
        return "not English (mostly non-Latin script)"
    if len(words) >= 8:  # shorter texts (headlines) carry too few function words to judge
        hits = {lang: sum(1 for w in words if w.lower() in fw) for lang, fw in function_words().items()}
        best = max(hits, key=lambda lang: hits[lang])
        if hits[best] > hits.get("en", 0) and hits[best] >= 3:
            return f"not English (looks like '{best}')"
        if len(words) >= 40 and hits.get("en", 0) < 0.04 * len(words):
            return "not English (too few common English words)"
    return None
