"""The checks made before parsing: English is never dropped however short; other languages are named."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from detente.records import Document
from detente.text_checks import check_text

ROOT = Path(__file__).resolve().parents[1]

ENGLISH_BRIEFS = [
    "Blinken met Wang Yi in Beijing. Sullivan also met Chinese officials in Vienna.",
    "Iran criticized Iraq.",
    "Kenya protests",
    "Van Hollen met Blinken in Washington on Monday.",
    "Ursula von der Leyen met Olaf Scholz in Berlin.",
    "Luiz Inacio Lula da Silva met Pedro Sanchez in Madrid.",
    "Die Linke leader met Scholz in Berlin.",
    "Le Pen met Macron in Paris.",
    "I am told the talks will resume, Lavrov said.",
    "Mohammed bin Salman hosted Erdogan in Riyadh.",
    "El Salvador jailed gang leaders on Tuesday.",
    "De Mistura met Moroccan officials in Rabat.",
    "Abdel Fattah al-Sisi met Tebboune in Algiers.",
    "Police arrest 12 in Lagos",
    "Ceasefire holds in Gaza, mediators say",
]
FOREIGN = [
    ("Le président a rencontré le chancelier à Berlin.", "fr"),
    ("Le gouvernement a annoncé mardi de nouvelles mesures pour les agriculteurs.", "fr"),
    ("El presidente se reunió con el canciller en Madrid.", "es"),
    ("Der Kanzler traf den Präsidenten in Berlin.", "de"),
    ("Die Regierung hat am Montag die neuen Regeln beschlossen.", "de"),
    ("Il presidente ha incontrato il cancelliere a Roma.", "it"),
    ("O presidente encontrou o chanceler em Lisboa.", "pt"),
    ("De premier heeft de minister van Defensie ontslagen.", "nl"),
]


@pytest.mark.parametrize("text", ENGLISH_BRIEFS)
def test_short_english_is_coded(text):
    assert check_text(Document("d", text), 10_000) is None


@pytest.mark.parametrize("text, language", FOREIGN)
def test_short_foreign_text_is_skipped_with_its_language(text, language):
    assert check_text(Document("d", text), 10_000) == f"not English (looks like '{language}')"


def test_non_latin_script():
    assert check_text(Document("d", "Правительство заявило о новых мерах"), 10_000) == \
        "not English (mostly non-Latin script)"


def test_every_brief_cut_from_english_articles_is_coded():
    """Each sentence, each pair of sentences and the first three and six words of each sentence of the
    bundled samples and the test sets written for detente: over a thousand short English texts, none
    skipped."""
    texts = [json.loads(line)["text"] for line in
             (ROOT / "src/detente/data/samples/articles.jsonl").read_text(encoding="utf-8").splitlines() if line]
    texts += [r["text"] for r in json.loads((ROOT / "tests/data/validation.json").read_text(encoding="utf-8"))]
    texts += [d["text"] for d in json.loads((ROOT / "tests/data/quotes.json").read_text(encoding="utf-8"))]
    briefs = []
    for text in texts:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if re.search(r"[A-Za-z]{2}", s)]
        briefs += sentences + [" ".join(pair) for pair in zip(sentences, sentences[1:])]
        briefs += [" ".join(s.split()[:n]) for s in sentences for n in (3, 6)]  # headline-length starts
    assert len(briefs) > 1000
    skipped = [(b, why) for b in briefs for why in [check_text(Document("d", b), 1_000_000)] if why]
    assert skipped == []


def test_limit_message_names_no_command_line_flag():
    why = check_text(Document("d", "word " * 300), 1000)
    assert why == "text has 1,500 characters; the limit is 1,000" and "--" not in why
