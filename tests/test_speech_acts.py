"""Speech acts coded from what is said (pipeline/speech_acts.py, data/lexicon/speech.yaml), on sentences
written for these tests: the speaker's act toward the actor the statement is about, while the
statement's own events stay the speaker's claims."""
from __future__ import annotations

import pytest

from detente.lexicon import Lexicon
from detente.records import CodedDocument, Document

ROLES = ("said_of", "done_by", "warned", "response", "denial")


def coded(coder, text, date="2024-09-06"):
    [r] = list(coder.code_documents([Document("s", text, date=date)]))
    assert isinstance(r, CodedDocument)
    return r


def triple(e):
    return (e.source.code if e.source else None, e.cameo, e.target.code if e.target else None)


def speech_acts(r):
    """Events of the speech-act stage (their pattern names the speech.yaml role)."""
    return [e for e in r.events if e.pattern.split(":")[0] in ROLES]


# (text, the speech act (source, CAMEO code, target), the content event's CAMEO root that stays a claim
# and its speaker, or None when the statement has no event of its own)
POSITIVE = [
    # said_of: predicative evaluation, reported clause with the speaker after it
    ("The government in Kyiv is criminal, the Russian foreign minister told a newspaper.",
     ("RUSGOV", "111", "UKRGOV"), None),
    # direct quote before its attribution; coordinated evaluations give one act
    ('"The regime in Kyiv is illegitimate and aggressive," Lavrov said.', ("RUSGOV", "111", "UKRGOV"), None),
    # direct quote after its attribution, evaluative noun as predicate
    ('Lavrov said: "The government in Kyiv is a puppet of Washington."', ("RUSGOV", "111", "UKRGOV"), None),
    # labelling verb with an object complement, outside any quote
    ("Zelensky called the Russian president a murderer and a war criminal.", ("UKRGOV", "111", "RUSGOV"), None),
    # "describe X as E": the act belongs to the owner of the decision
    ("The Russian foreign ministry described the decision of the Dutch government as arbitrary.",
     ("RUSGOV", "111", "NLDGOV"), None),
    # "consider X to be E": accusation aimed at whose act it was
    ("Japan considers the North Korean missile launch to be a violation of UN resolutions.",
     ("JPN", "112", "PRKMIL"), None),
    # "compared X to ..." (likening)
    ("The US national security adviser compared the Venezuelan president to dictators.",
     ("USAGOV", "111", "VENGOV"), None),
    # disapproval (110) said of an act, owner through "of"
    ("The Polish border guard described the presence of Belarusian forces near the border as alarming.",
     ("POLCOP", "110", "BLRMIL"), None),
    # accusation: "responsible for", "behind"
    ("The Iraqi foreign ministry said Turkey was responsible for the attack on the camp.",
     ("IRQGOV", "112", "TUR"), None),
    ('"Washington is behind the unrest," Iran\'s foreign minister said.', ("IRNGOV", "112", "USA"), None),
    # done_by: a verb of wrongdoing aimed at its subject
    ("Pakistan said India is destabilizing the region.", ("PAK", "112", "IND"), None),
    ("Serbia said that Croatian forces had committed crimes against civilians.", ("SRB", "1121", "HRVMIL"), None),
    # an adverb of wrongdoing: the act stays a claim, the adverb is the speaker's accusation
    ("The Chinese coast guard said Philippine vessels had illegally entered Chinese waters.",
     ("CHNMIL", "112", "PHL"), None),
    # an evaluative noun aimed at its owner ("by" agent; possessor)
    ("The Azerbaijani foreign minister said that this provocation by Armenia aims to derail the talks.",
     ("AZEGOV", "112", "ARM"), None),
    ('"Armenia\'s provocations must stop," the Azerbaijani president said.', ("AZEGOV", "112", "ARM"), None),
    # in a direct quote, an adjective on the actor itself; the content event stays the speaker's claim
    ('"The criminal regime in Kyiv has shelled Donetsk," Lavrov said.', ("RUSGOV", "111", "UKRGOV"), ("19", "RUSGOV")),
    # said of the subject of an extraposed clause; the clause's act stays the speaker's claim
    ("It is unacceptable that Russia continues to shell Ukrainian cities, the German chancellor said.",
     ("DEUGOV", "111", "RUS"), ("19", "DEUGOV")),
    # a third party said to bear the responsibility is accused (no claim of responsibility: 015)
    ('"Russia bears full responsibility for the war," the Polish president said.', ("POLGOV", "112", "RUS"), None),
    # praise: a constructive role, a reliable partner
    ("The Turkish foreign minister said Qatar had played a constructive role in the talks.",
     ("TURGOV", "051", "QAT"), None),
    ('"Germany has been a reliable partner," the Ukrainian president said.', ("UKRGOV", "051", "DEU"), None),
    # a negated praise is criticism
    ("The Kremlin spokesman said Zelensky was not a legitimate president.", ("RUSGOV", "111", "UKRGOV"), None),
    ("Erdogan said Israel's actions in Gaza amounted to genocide.", ("TURGOV", "1124", "ISR"), None),
    ('"The Americans are our friends," the Polish president said.', ("POLGOV", "051", "USA"), None),
    # coordinated bearers: one act toward each
    ("The Kremlin said Ukraine and Moldova were puppets of the West.", ("RUSGOV", "111", "MDA"), None),
    # warnings: what the target will suffer
    ('"Israel will pay a heavy price," the Iranian foreign minister said.', ("IRNGOV", "130", "ISR"), None),
    ("The Chinese defence ministry said Taiwan would face serious consequences.", ("CHNGOV", "130", "TWN"), None),
    ("The United States holds the Venezuelan government responsible for his safety.",
     ("USA", "130", "VENGOV"), None),
    # "we" in the quote is the speaker's side
    ('"We hold Hamas fully responsible for the safety of the hostages," the Israeli prime minister said.',
     ("ISRGOV", "130", "PSEREB"), None),
    ('"We consider the Armenian decision to be a provocation," Azerbaijan\'s foreign minister said.',
     ("AZEGOV", "112", "ARM"), None),
    ('"There will be consequences for Belgrade," the Albanian prime minister said.', ("ALBGOV", "130", "SRB"), None),
    # the speaker's side announces its response
    ("Moscow said it would take countermeasures against Finland.", ("RUS", "130", "FIN"), None),
    ('"We will respond decisively to any provocation," the Turkish foreign minister said.',
     ("TURGOV", "130", None), None),
    # denial of an accusation: predicative, and in a relative clause on the accusation
    ('"Kyiv\'s accusations are baseless," the Russian foreign ministry said.', ("RUSGOV", "016", "UKR"), None),
    ("Ukraine has accused Russia of shelling civilians, a charge Moscow denies.", ("RUS", "016", "UKR"), None),
    ("Israel accused Hamas of hiding weapons in schools, which the group denies.", ("PSEREB", "016", "ISR"), None),
    ("Turkey said Greece was violating the airspace over the Aegean, which Athens denies.",
     ("GRC", "016", "TUR"), ("19", "TUR")),
    # "this step", "the launch": the act coded before, aimed at its doer
    ("Russia expelled ten French diplomats on Monday. The French foreign ministry said this step was unacceptable.",
     ("FRAGOV", "111", "RUS"), None),
    ("North Korea fired a ballistic missile into the sea. Japan described the launch as a violation of UN "
     "resolutions.", ("JPN", "112", "PRK"), None),
    # the side accused says it did not do it: a denial; the negated act stays a claim
    ('"Our forces did not attack the hospital," the Israeli army said.', ("ISRMIL", "016", None), ("19", "ISRMIL")),
    ('"There were no Russian strikes on the city," the Russian defence ministry said.', ("RUSGOV", "016", None),
     ("19", "RUSGOV")),
    # an appeal to rise against someone rallies opposition against it (113), no mere appeal (020)
    ("The opposition leader called on Ugandans to rise up peacefully against President Museveni.",
     ("UGAOPP", "113", "UGAGOV"), None),
    ('Soldiers stormed the presidential palace in La Paz. "We need the Bolivian people to mobilize against the '
     'coup," the Bolivian president said.', ("BOLGOV", "113", "BOLMIL"), None),
    # the "that" clause of a statement noun is what its owner says
    ("The Kremlin repeated its claim that the Ukrainian government is illegitimate.",
     ("RUSGOV", "111", "UKRGOV"), None),
]


@pytest.mark.parametrize("text, act, claim", POSITIVE, ids=[t[:48] for t, _, _ in POSITIVE])
def test_speech_act(coder, text, act, claim):
    r = coded(coder, text)
    found = [e for e in r.events if triple(e) == act]
    assert found, f"{act} not in {[triple(e) for e in r.events]}"
    e = found[0]
    assert not e.claimed and e.attribution is None  # a speech act is the statement itself, never a claim
    if claim is not None:
        root, speaker = claim
        content = [c for c in r.events if c.cameo_root == root]
        assert content and all(c.claimed and c.attribution["speaker"]["code"] == speaker for c in content)


# Statements that are no act of the speaker toward anyone.
NEGATIVE = [
    # a neutral report of a fact stays a claim of the fact
    "The Russian defence ministry said Ukrainian troops had crossed the border.",
    # negated criticism
    "The Turkish foreign minister said Greece was not a threat.",
    # a question
    '"Is the government in Kyiv criminal?" Lavrov said.',
    # hypotheticals
    "The Azerbaijani president said that Armenia would be an aggressor if it attacked.",
    "Lavrov said that such a decision could be illegal.",
    # a newspaper reporting is not a newspaper accusing
    "The Serbian newspaper reported that Croatian forces had committed crimes against civilians.",
    # asked to stop doing it is no statement that it was done
    "The EU urged Kosovo to stop provoking Serbia.",
    "France urged Syria to withdraw its troops and stop interfering in Lebanon.",
    # outside a direct quote an adjective on an actor is the reporter's word, not the speaker's
    "Lavrov said the criminal regime in Kyiv had shelled Donetsk.",
    # a third party's response, and a response in the past, are no threat of the speaker's
    "Iran said the United States would retaliate.",
    "Russia took countermeasures against the sanctions, the ministry said.",
    # the speaker's side said to be legitimate, or claiming to be: no act toward another
    '"Our position is legitimate," the Russian foreign minister said.',
    "Maduro and Guaido both claim to be Venezuela's legitimate leaders.",
    # "there was no fighting" from a witness denies nothing of the witness's side
    '"There was no fighting, but they came to bomb the village," a resident said.',
    # a situation "in Gaza" is no actor
    "The UN said the humanitarian situation in Gaza was alarming.",
    # "it" is what was said, not a state
    'Putin spoke to reporters in Kyrgyzstan on Friday. "It is disappointing," he said.',
    # "de-escalate" is not "escalate"
    "The Greek foreign minister said Turkey should de-escalate tensions.",
]


@pytest.mark.parametrize("text", NEGATIVE, ids=[t[:48] for t in NEGATIVE])
def test_no_speech_act(coder, text):
    r = coded(coder, text)
    assert speech_acts(r) == [], [(triple(e), e.pattern) for e in speech_acts(r)]
    assert not [e for e in r.events if e.cameo_root in ("11", "13") and not e.claimed]


def test_neutral_report_stays_a_claim(coder):
    r = coded(coder, "The Russian defence ministry said Ukrainian troops had crossed the border.")
    [e] = r.events
    assert e.claimed and e.attribution["speaker"]["code"] == "RUSGOV" and e.source.code == "UKRMIL"


def test_speech_act_has_the_statements_date_and_its_trigger(coder):
    r = coded(coder, "Ukraine said on Tuesday that Russia was behind the cyberattack on its banks.")
    [e] = [e for e in r.events if e.cameo == "112"]
    assert triple(e) == ("UKR", "112", "RUS")
    assert (e.date, e.date_source, e.date_text) == ("2024-09-03", "relative", "Tuesday")
    assert e.trigger.text == "behind" and e.pattern == "said_of: behind"


def test_speech_act_without_a_dated_statement_has_the_document_date(coder):
    r = coded(coder, "Pakistan said India is destabilizing the region.", date="2024-05-01")
    [e] = speech_acts(r)
    assert (e.date, e.date_source) == ("2024-05-01", "document")


def test_grammar_act_is_not_coded_twice(coder):
    # "denounced ... as illegal": the grammar's 111 from the cue verb; "illegal" adds nothing
    r = coded(coder, "Iran denounced the British sanctions as illegal.")
    assert [triple(e) for e in r.events if e.cameo_root == "11"] == [("IRN", "111", "GBR")]


def test_responsibility_said_of_another_is_no_claim_of_responsibility(coder):
    r = coded(coder, '"Russia bears full responsibility for the war," the Polish president said.')
    assert [triple(e) for e in r.events] == [("POLGOV", "112", "RUS")]


def test_appeal_to_rise_against_is_no_mere_appeal(coder):
    r = coded(coder, "The opposition leader called on Ugandans to rise up peacefully against President Museveni.")
    assert [triple(e) for e in r.events] == [("UGAOPP", "113", "UGAGOV")]


def test_hold_responsible_is_a_warning_not_a_claim_of_responsibility(coder):
    r = coded(coder, "The United States holds the Venezuelan government responsible for his safety.")
    assert [triple(e) for e in r.events] == [("USA", "130", "VENGOV")]


def test_criticism_of_an_act_coded_before_is_aimed_at_its_doer(coder):
    r = coded(coder, "Russia expelled ten French diplomats on Monday. France said it strongly condemns this move.")
    assert ("FRA", "111", "RUS") in [triple(e) for e in r.events]
    r = coded(coder, "Police arrested the opposition leader in Caracas. The United States condemned the arrest.")
    assert ("USA", "111", "VENCOP") in [triple(e) for e in r.events]


def test_speakers_own_verbal_act_in_a_quote_is_not_claimed(coder):
    r = coded(coder, '"We condemn the Israeli strikes on Gaza," the Turkish foreign minister said.')
    [own] = [e for e in r.events if e.cameo == "111"]
    assert own.source.code == "TURGOV" and own.source.text == "We"
    assert not own.claimed and own.attribution is None
    strikes = [e for e in r.events if e.cameo_root == "19"]
    assert strikes and all(e.claimed for e in strikes)


def test_speech_lexicon_negation_and_sections():
    lex = Lexicon.default()
    assert lex.speech_negated("051") == "111" and lex.speech_negated("111") is None
    assert lex.match_speech("said_of", "criminal", set()).code == "111"
    assert lex.match_speech("said_of", "crime", {"war"}).code == "1124"
    assert lex.match_speech("warned", "face", {"consequence"}).code == "130"
    assert lex.match_speech("warned", "face", set()) is None
    assert {"call", "describe", "consider"} <= lex.labelling_verbs


def test_speech_lexicon_rejects_an_unknown_role(tmp_path):
    from detente.errors import DataFileError

    lex = Lexicon()
    with pytest.raises(DataFileError):
        lex.load_text("speech:\n  said_to: {evil: '111'}\n", "extra.yaml")


def test_an_evaluation_of_an_unnamed_government_is_aimed_at_the_one_the_story_is_about(code):
    events = code("Russia accused Ukraine of shelling Donetsk. Lavrov said the regime was criminal.")
    assert [(e.source.code, e.target.code, e.target_inferred) for e in events if e.cameo == "111"] == [
        ("RUSGOV", "UKR", True)]
    # the regime of a country the sentence names is that country's, not the story's
    events = code("Russia accused Ukraine of shelling Donetsk. Lavrov said the regime in Minsk was criminal.")
    assert {e.target.code for e in events if e.cameo == "111"} <= {"BLR", "BLRGOV"}


def test_harm_done_to_relations_is_criticism_of_its_doer(code):
    events = code("Chile expelled two Peruvian diplomats on Monday. The Peruvian foreign ministry said this act inflicts "
                  "serious damage on bilateral relations.")
    assert ("PERGOV", "111", "CHL") in {(e.source.code, e.cameo, e.target.code) for e in events if e.target}


def test_necessary_measures_announced_by_the_speaker_side_are_a_threat(code):
    events = code("Turkish jets struck targets in northern Iraq on Monday. \u201cWe will take all necessary measures,\u201d "
                  "Iraqi Foreign Minister Fuad Hussein said.")
    assert any(e.cameo == "130" and e.source.country == "IRQ" for e in events), [(e.cameo, e.source) for e in events]


def test_declaring_a_rally_illegal_bans_it(code):
    events = code("The Ugandan police declared the opposition rally illegal.")
    assert [(e.source.code, e.cameo) for e in events] == [("UGACOP", "1721")], [(e.cameo, e.source) for e in events]


def test_a_reporter_citing_hostile_comments_criticizes_their_author(code):
    events = code("The French ambassador has been asked to leave Mali within 72 hours, Mali's government said, citing "
                  "French Foreign Minister Jean-Yves Le Drian's \"hostile and outrageous\" comments.", date="2022-01-31")
    assert any(e.cameo == "111" and e.source.code == "MLIGOV" and e.target.country == "FRA" for e in events), \
        [(e.cameo, e.source, e.target) for e in events]


def test_force_named_with_contempt_is_criticism_of_its_doer(code):
    # the act is named five sentences after it was told: too far to be its antecedent; the story says whose
    events = code("Venezuelan intelligence agents arrested Roberto Marrero on Thursday. Thousands of people gathered "
                  "in Caracas on Friday. The crowd sang the national anthem. Many carried flags. The rally ended "
                  "peacefully in the evening. Guaido told reporters that \"we won't be intimidated\" by the \"vile, "
                  "vulgar kidnapping.\"", date="2019-03-21")
    assert any(e.cameo == "111" and e.sentence_index == 5 for e in events), \
        [(e.sentence_index, e.cameo, e.source, e.target) for e in events]
