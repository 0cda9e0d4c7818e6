"""Entities by rule (pipeline/entities.py) for documents parsed without the model's recognizer, and the
attribute lookup that stands in for the model's attribute_ruler (tag_attributes.py)."""
from __future__ import annotations

import numpy
import pytest
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, MORPH, POS, TAG

TEXT = ("Bangladeshi Foreign Minister Karim Rahmanov met Gan Wei, a spokesperson for Chile's coast guard, in "
        "Dhaka on Monday night. Rahmanov said on 5 March 2022 that the talks held in May had failed two weeks "
        "ago, after 29 years of quiet. French Ambassador to Moscow Pierre Levy wrote in the Washington Post "
        "that ships sailed through the Gulf of Aden and the South China Sea at 9:50 am last week.")


def entities(coder, text):
    doc = coder.nlp(text)
    matches = coder.resolver.find_matches(doc)
    coder.stages[0].entities(doc, matches)
    return {(e.text, e.label_) for e in doc.ents}


def test_default_pipeline_leaves_out_the_recognizer(coder):
    assert "ner" not in coder.nlp.pipe_names
    assert "tag_attributes" in coder.nlp.pipe_names and "attribute_ruler" not in coder.nlp.pipe_names


def test_rule_entities(coder):
    found = entities(coder, TEXT)
    for want in [("Karim Rahmanov", "PERSON"), ("Gan Wei", "PERSON"), ("Rahmanov", "PERSON"),
                 ("Pierre Levy", "PERSON"), ("Dhaka", "GPE"), ("Moscow", "GPE"), ("Monday night", "TIME"),
                 ("5 March 2022", "DATE"), ("May", "DATE"), ("two weeks ago", "DATE"), ("29 years", "TIME"),
                 ("9:50 am", "TIME"), ("last week", "DATE"), ("Gulf of Aden", "LOC"), ("South China Sea", "LOC"),
                 ("Washington Post", "LOC")]:
        assert want in found, want
    assert not any(text in ("Foreign Minister", "China", "Aden") for text, _ in found)


def test_months_that_are_words(coder):
    found = entities(coder, "Protesters may march on the capital. They met in March and will meet on May 4.")
    assert ("March", "DATE") in found and ("May 4", "DATE") in found
    assert not any(text.lower() in ("may", "march") and text.islower() for text, _ in found)


def test_a_dateline_is_a_place_and_no_speaker(coder):
    found = entities(coder, "NAIROBI, Aug 31 - Kenya's president said the police had arrested six men.")
    assert ("NAIROBI", "GPE") in found and ("Aug 31", "DATE") in found


def test_durations_are_no_dates(code):
    events = code("Chile completed the withdrawal of its troops from Peru on Tuesday, ending 29 years of "
                  "military presence.", date="2024-09-06")
    assert events and all(e.date in ("2024-09-03", "2024-09-06") for e in events)


def test_titled_person_learned_without_recognizer(code):
    events = code("Bangladeshi Foreign Minister Karim Rahmanov criticized Chile on Monday. "
                  "Rahmanov also accused Peru of lying.")
    assert any(e.source is not None and e.source.code.startswith("BGD") and e.cameo.startswith("11")
               and e.target is not None and e.target.code.startswith("PER") for e in events)


@pytest.mark.slow
def test_tag_attributes_match_the_attribute_ruler(coder):
    """The lookup sets exactly what the model's attribute_ruler sets, word for word."""
    from detente.nlp import load_model

    full = load_model(exclude=("ner",))
    texts = [TEXT, "We're gonna do it, y'all. Let's go! I ain't done.  Gotta   run\n\n",
             "It is what it is; there are many who'd say so, and he's been there.",
             "Doin' nothin' 'em ol' 'nuff c'mon. She can't and won't; they'd had it."]
    cols = [POS, TAG, MORPH, LEMMA, DEP, HEAD, IS_SPACE]
    for a, b in zip(full.pipe(texts), coder.nlp.pipe(texts)):
        assert numpy.array_equal(a.to_array(cols), b.to_array(cols))
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]


@pytest.mark.slow
def test_full_pipeline_keeps_the_recognizer():
    from detente.coder import Coder, CoderOptions

    full = Coder(CoderOptions(full_pipeline=True))
    assert "ner" in full.nlp.pipe_names and "attribute_ruler" in full.nlp.pipe_names
    events = full.code_text("Chile criticized Peru on Monday.", date="2024-09-06")
    assert [(e.source.code, e.cameo[:2], e.target.code, e.date) for e in events] == [
        ("CHL", "11", "PER", "2024-09-02")]


def test_an_unknown_untitled_name_after_a_preposition_of_place_is_a_place(coder):
    found = entities(coder, "Moscow would send missiles to Veldonia, the minister said.")
    assert ("Veldonia", "LOC") in found and ("Veldonia", "PERSON") not in found
