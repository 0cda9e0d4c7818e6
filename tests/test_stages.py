"""The pipeline's stages without the spaCy model: documents parsed by hand (words, heads, labels) run
through the same stages the coder builds, and the stages' contracts are checked."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from detente.coder import Coder
from detente.pipeline import PipelineOrderError, check_order
from detente.pipeline.countries import fill_country
from detente.pipeline.event_records import trigger_span
from detente.pipeline.sport import SportCheck
from detente.records import Actor, Document


@pytest.fixture(scope="module")
def blank_coder():
    """A Coder over spaCy's blank English pipeline: the tokenizer only, no model."""
    return Coder(nlp=spacy.blank("en"))


def parsed(coder: Coder, rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """A Doc from rows (word, head index, dependency, POS, tag, lemma)."""
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows))
    return Doc(coder.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def code(coder: Coder, rows, date: str = "2024-09-06"):
    doc = parsed(coder, rows)
    return coder.code_parsed(Document(id="t", text=doc.text, date=date), doc)


def triples(result):
    return sorted((e.source.code if e.source else None, e.cameo, e.target.code if e.target else None)
                  for e in result.events)


ACTIVE = [("Russian", 1, "amod", "ADJ", "JJ", "russian"), ("troops", 2, "nsubj", "NOUN", "NNS", "troop"),
          ("shelled", 2, "ROOT", "VERB", "VBD", "shell"), ("Ukrainian", 4, "amod", "ADJ", "JJ", "ukrainian"),
          ("positions", 2, "dobj", "NOUN", "NNS", "position"), (".", 2, "punct", "PUNCT", ".", ".")]
PASSIVE = [("Ukrainian", 1, "amod", "ADJ", "JJ", "ukrainian"), ("soldiers", 3, "nsubjpass", "NOUN", "NNS", "soldier"),
           ("were", 3, "auxpass", "AUX", "VBD", "be"), ("attacked", 3, "ROOT", "VERB", "VBN", "attack"),
           ("by", 3, "agent", "ADP", "IN", "by"), ("Russian", 6, "amod", "ADJ", "JJ", "russian"),
           ("troops", 4, "pobj", "NOUN", "NNS", "troop"), (".", 3, "punct", "PUNCT", ".", ".")]
RECIPROCAL = [("Armenia", 3, "nsubj", "PROPN", "NNP", "Armenia"), ("and", 0, "cc", "CCONJ", "CC", "and"),
              ("Azerbaijan", 0, "conj", "PROPN", "NNP", "Azerbaijan"), ("signed", 3, "ROOT", "VERB", "VBD", "sign"),
              ("a", 6, "det", "DET", "DT", "a"), ("peace", 6, "compound", "NOUN", "NN", "peace"),
              ("agreement", 3, "dobj", "NOUN", "NN", "agreement"), (".", 3, "punct", "PUNCT", ".", ".")]


def test_stages_run_on_a_hand_parsed_document(blank_coder):
    result = code(blank_coder, ACTIVE)
    assert triples(result) == [("RUSMIL", "194", "UKR")]  # shelling is fighting with artillery
    assert result.sentences == 1 and result.words == 5
    assert [m.code for m in result.mentions if m.code.startswith(("RUS", "UKR"))][:1] == ["RUSMIL"]


def test_passive_agent_is_the_source(blank_coder):
    found = triples(code(blank_coder, PASSIVE))
    assert any(s == "RUSMIL" and c.startswith("19") and t == "UKRMIL" for s, c, t in found), found


def test_compound_subject_without_target_is_reciprocal(blank_coder):
    found = triples(code(blank_coder, RECIPROCAL))
    assert ("ARM", "057", "AZE") in found and ("AZE", "057", "ARM") in found, found


def test_events_keep_the_document_date_without_date_expressions(blank_coder):
    ev = code(blank_coder, ACTIVE, date="2024-03-05").events[0]
    assert (ev.date, ev.date_precision, ev.date_source) == ("2024-03-05", "day", "document")
    ev = code(blank_coder, ACTIVE, date="sometime").events[0]  # an unreadable date is kept as written
    assert (ev.date, ev.date_precision, ev.date_source) == ("sometime", None, None)


def test_stage_order_is_checked(blank_coder):
    check_order(blank_coder.stages)  # the coder's own order works
    names = [s.name for s in blank_coder.stages]
    assert names[:5] == ["actor_mentions", "clause_events", "pairs", "countries", "event_records"]
    assert names[-2:] == ["mentions", "unknown_names"]
    with pytest.raises(PipelineOrderError, match="clause_events"):
        check_order(blank_coder.stages[1:])  # no stage finds the actor mentions the grammar reads
    with pytest.raises(PipelineOrderError, match="countries"):
        check_order([s for s in blank_coder.stages if s.name != "pairs"])


def test_stages_declare_what_they_read_and_set(blank_coder):
    from detente.pipeline.context import DocContext

    fields = set(DocContext.__dataclass_fields__)
    for stage in blank_coder.stages:
        assert stage.assigns and set(stage.requires) <= fields and set(stage.assigns) <= fields, stage.name


def test_bare_sectors_take_a_country():
    police = Actor("police", "COP", None, "COP", 0, 6)
    rebels = Actor("rebels", "REB", None, "REB", 10, 16)
    kenya = Actor("Kenya", "KEN", "KEN", None, 20, 25)
    assert fill_country(police, None, ["UGA"], ["KEN"]).code == "UGACOP"  # the event's place first
    assert fill_country(police, kenya, [], ["TZA"]).code == "KENCOP"  # then the other actor
    assert fill_country(rebels, None, [], ["MLI", "NER"]).code == "MLIREB"  # then the sentence's first country
    assert fill_country(police, None, [], []) is police  # nothing to go by: unchanged
    assert fill_country(kenya, police, ["UGA"], []) is kenya  # an actor with a country is never refilled
    un = Actor("the UN", "IGOUNO", None, "IGO", 0, 6)
    assert fill_country(un, kenya, [], []) is un  # organisations are not bare sectors


def test_long_triggers_show_their_first_word(blank_coder):
    doc = parsed(blank_coder, ACTIVE)
    assert trigger_span(doc, [doc[2], doc[4]]).text == "shelled Ukrainian positions"
    far = Doc(blank_coder.nlp.vocab, words=["a"] * 12)
    assert trigger_span(far, [far[0], far[9]]).text == "a"


def test_sport_scores_and_words(blank_coder):
    sport = SportCheck(blank_coder.lexicon)
    score = Doc(blank_coder.nlp.vocab, words="Brazil beat Argentina 2 - 1 .".split())
    assert sport(score[:]) == "score"
    plain = Doc(blank_coder.nlp.vocab, words="Brazil criticized Argentina .".split(), lemmas=[
        "Brazil", "criticize", "Argentina", "."])
    assert sport(plain[:]) is None
