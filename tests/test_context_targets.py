"""Targets the clause leaves unstated, read from the story (context_targets stage), and three parser
repairs for who acts: a list of countries read as an apposition, a subject coordinated with an opening
day, a "by" agent hung on the noun of the verb's own phrase. Sentences written for these tests."""
from __future__ import annotations

import pytest


def found(events, source, code):
    return {(e.target.code if e.target else None, e.target_inferred) for e in events
            if e.source and e.source.code == source and e.cameo == code}


CASES = [
    # 1. the other side of another act in the same sentence
    ("Armenia accused Azerbaijan of shelling its villages and vowed to retaliate.",
     "ARM", "1384", {("AZE", True)}),
    # 2. the act answered, a sentence before
    ("Chile expelled two Peruvian diplomats on Monday. Peru vowed to retaliate.",
     "PER", "1384", {("CHL", True)}),
    ("Serbian troops shelled a Kosovo village. Kosovo lodged a protest on Tuesday.",
     "KSV", "114", {("SRB", True)}),
    # a reaction that names the act it answers keeps that act's actor, named, not inferred
    ("Chile expelled two Peruvian diplomats on Monday. Peru condemned the decision.",
     "PER", "111", {("CHL", False)}),
    # 3. the document's main counterpart of the source
    ("Ghana criticized Togo on Monday. Togo rejected the criticism. Officials in Accra met in the evening. "
     "The capital was quiet. Ghana said it remains ready for talks.",
     "GHA", "036", {("TGO", True)}),
    # a group within a state is a side of its own: the army's answer to rebels is aimed at the rebels
    ("Rebels attacked an army base in northern Mali on Sunday. The army said it had repelled the assault.",
     "MLIMIL", "190", {("MLIREB", True)}),
    ("Police fired tear gas at opposition supporters in Kampala. The opposition vowed to continue protests.",
     "UGAOPP", "133", {("UGACOP", True)}),
    # a target the clause names is kept and not marked
    ("Chile expelled two Peruvian diplomats. Peru condemned Bolivia.", "PER", "111", {("BOL", False)}),
    # nothing in the story to read a target from
    ("Norway offered to mediate.", "NOR", "039", {(None, False)}),
]


@pytest.mark.parametrize("text, source, cameo, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_unstated_targets_come_from_the_story(code, text, source, cameo, expected):
    assert found(code(text), source, cameo) == expected


def test_co_actors_of_one_act_are_not_each_others_target(code):
    events = code("Portugal and Spain condemned the coup in Guinea-Bissau.")
    assert {(e.source.code, e.target.code if e.target else None) for e in events if e.cameo == "111"} \
        <= {("PRT", None), ("ESP", None), ("PRT", "GNB"), ("ESP", "GNB")}


def test_an_offer_to_mediate_is_not_aimed_at_the_side_armed_in_the_same_sentence(code):
    events = code("Hungary sent rifles to Moldova while offering to mediate. Romania criticized Hungary.")
    assert ("MDA", True) not in found(events, "HUN", "039")


def test_force_is_not_aimed_at_an_international_body(code):
    events = code("The United Nations criticized Sudan. Sudanese troops shelled the camp on Friday.")
    assert all(e.target is None or e.target.country for e in events if e.cameo_root == "19")


def test_a_list_of_countries_read_as_an_apposition_acts_together(code):
    events = code("The USA, Canada, Norway and the Netherlands announced new missiles for Moldova.")
    assert {e.source.code for e in events if e.cameo == "0332" and e.source} == {"USA", "CAN", "NOR", "NLD"}


def test_a_subject_coordinated_with_the_opening_day_acts(code):
    events = code("On Monday, France, Germany, Italy and the Netherlands announced new air defense systems for "
                  "Moldova.")
    pairs = {(e.source.code if e.source else None, e.target.code if e.target else None)
             for e in events if e.cameo == "0332"}
    assert pairs == {("FRA", "MDA"), ("DEU", "MDA"), ("ITA", "MDA"), ("NLD", "MDA")}


def test_a_by_agent_on_the_noun_of_the_verbs_phrase(code):
    events = code("Dozens of migrants were blocked at a bridge by Greek soldiers.")
    assert any(e.source and e.source.code == "GRCMIL" for e in events), [(e.cameo, e.source) for e in events]


def test_weapons_handed_over_to_a_state_are_military_aid(code):
    assert {e.cameo for e in code("Norway handed over to Estonia an air defense system.")} == {"072"}
    assert "0873" in {e.cameo for e in code("The rebels handed over their weapons in March.")}


@pytest.mark.parametrize("text, expected", [
    ("Biden said he came away disappointed from a phone call with Xi Jinping on Thursday.", ("USAGOV", "CHNGOV")),
    ("Erdogan said after a phone call with Putin that the grain deal would be extended.", ("TURGOV", "RUSGOV")),
])
def test_a_call_with_someone_in_a_phrase_of_the_clause_is_the_subjects(code, text, expected):
    # the clause's subject took part in the meeting or call its time phrase names
    assert expected in {(e.source.code, e.target.code) for e in code(text) if e.cameo == "041"}


def test_a_call_with_no_one_taking_part_named_is_not_coded(code):
    assert not [e for e in code("The weather turned cold after a phone call with the embassy.") if e.cameo == "041"]


def test_the_speaker_is_not_the_one_the_help_it_reports_goes_to(code):
    events = code("Lavrov said Ankara needs to stop supplying drones.")
    assert not [e for e in events if e.cameo == "072" and e.target is not None and e.target.country == "RUS"]


def test_one_record_per_act_in_a_sentence(code):
    # "repelled" and "inflicted heavy losses on the rebels": one act, kept with the target it names
    events = code("The Chadian army repelled the assault and inflicted heavy losses on the rebels, it said.")
    [e] = [e for e in events if e.cameo[:3] == "190" and e.source and e.source.code == "TCDMIL"]
    assert e.target is not None and e.target.sector == "REB" and not e.target_inferred
    # two acts of different codes, or toward different sides, stay two
    events = code("Ecuador summoned the Mexican ambassador and expelled two Colombian diplomats.")
    assert {(e.cameo[:2], e.target.country) for e in events if e.target} >= {("16", "COL")}
    assert len(events) >= 2


def test_co_actors_of_the_sentences_acts_are_allies(code):
    events = code("Portugal and Spain condemned the coup and demanded the release of the president.")
    assert not [e for e in events if e.source and e.target and {e.source.country, e.target.country} == {"PRT", "ESP"}]


def test_an_act_named_again_by_a_noun_is_not_a_new_act(code):
    events = code("Chile expelled two Peruvian diplomats on Monday. Lima said Chile's expulsion of its diplomats "
                  "was unjustified.")
    assert [(e.sentence_index, e.cameo) for e in events if e.cameo == "161"] == [(0, "161")]
    assert any(e.cameo == "111" and e.source.country == "PER" for e in events)
    # force named again is most often another incident, and stays
    events = code("Israeli warplanes struck a camp in Gaza on Sunday. An Israeli airstrike on Rafah followed on Monday.")
    assert len([e for e in events if e.cameo_root == "19"]) == 2


def test_an_international_body_read_from_the_story_keeps_its_code(code):
    events = code("The United Nations criticized Sudan on Monday. Sudan vowed to retaliate.")
    assert all(e.target is None or e.target.code for e in events)
    assert any(e.source and e.source.code == "SDN" and e.target_inferred and e.target.code.startswith("IGO")
               for e in events), [(e.cameo, e.source, e.target) for e in events]


def test_a_condemnation_answers_the_hostile_act_before_a_friendly_one(code):
    events = code("Russia expelled three French diplomats on Monday, days after Austria hosted talks on the crisis. "
                  "France issued a statement on Tuesday. We can only condemn it, the French minister said.")
    assert {(e.target.country, e.target_inferred) for e in events if e.cameo == "111"} == {("RUS", True)}


def test_a_pronoun_object_of_condemnation_is_the_act_it_answers(coder):
    # the stage alone, on records of a story whose "it" the pronoun resolver gave to a country named before
    from dataclasses import replace
    from types import SimpleNamespace

    from detente.pipeline.context_targets import ContextTargets
    from detente.records import Actor, Document

    text = "Austria hosted talks on the crisis. Russia expelled three French diplomats. France condemned it."
    [r] = list(coder.code_documents([Document("p", text, date="2024-05-01")]))
    events = [e for e in r.events if e.cameo in ("045", "161")]
    [condemned] = [e for e in r.events if e.cameo == "111"]
    it = Actor("it", "AUT", "AUT", None, text.index("it."), text.index("it.") + 2)
    ctx = SimpleNamespace(events=events + [replace(condemned, target=it, target_inferred=False)])
    ContextTargets(coder.lexicon)(ctx)
    answer = ctx.events[-1]
    assert (answer.target.country, answer.target_inferred) == ("RUS", True)
    # an "it" that is no object of disapproval keeps the resolver's antecedent
    praised = replace(condemned, cameo="051", cameo_root="05", quad_class=1, target=it, target_inferred=False)
    ctx = SimpleNamespace(events=events + [praised])
    ContextTargets(coder.lexicon)(ctx)
    assert ctx.events[-1].target is it


def test_a_call_and_the_discussion_on_it_are_one_consultation(code):
    events = code("Ukrainian President Zelensky held a phone call with US President Biden on Friday and the two leaders "
                  "discussed air defence.")
    consultations = [(e.source.country, e.target.country) for e in events if e.cameo_root == "04" and e.target]
    assert sorted(consultations) == sorted(set(consultations)) and ("UKR", "USA") in consultations


def test_no_actor_of_a_pair_consults_itself(code):
    events = code("Foreign ministers Kenji Sato of Japan and Park Min of South Korea spoke for an hour to discuss the "
                  "relations of the two countries.")
    assert not [e for e in events if e.source and e.target and e.source.country == e.target.country]
