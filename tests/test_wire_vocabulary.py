"""The verbs, verb + object phrases and nouns wire copy uses for each CAMEO category, and the grammar
they need (participles read as relative clauses, small clauses, nominal acts named by a claim or a
reaction), on sentences written for these tests.

A case lists a triple (source code, CAMEO code or prefix + "*", target code) that must be among the
events of the sentence; None means "no actor", "*" any actor or none. A negative case lists a triple
that must not be there.
"""
from __future__ import annotations

import pytest

from conftest import triples


def match(pattern, value):
    if pattern == "*":  # anything, no actor included
        return True
    if pattern is None or value is None:
        return pattern == value
    return value.startswith(pattern[:-1]) if pattern.endswith("*") else value == pattern


def has(events, source, code, target):
    return any(match(source, s) and match(code, c) and match(target, t) for s, c, t in triples(events))


def show(events):
    return sorted(triples(events), key=str)


CASES = [
    # ---- 04 consult: hosting, greeting, calls
    ("receive-for-talks", "Widodo received the Turkish foreign minister for talks.", ("IDNGOV", "043", "TURGOV")),
    ("receive-visitor", "Widodo received Fidan in Jakarta on Friday.", ("IDNGOV", "043", "TURGOV")),
    ("welcome-visitor", "Erdogan welcomed Putin in Ankara on Monday.", ("TURGOV", "043", "RUSGOV")),
    ("welcome-decision", "Iran welcomed the decision.", ("IRN", "051", None)),
    ("video-conference", "Macron and Scholz held a video conference on Tuesday.", ("FRAGOV", "041", "DEUGOV")),
    ("establish-relations-both-ways", "Israel and the UAE established diplomatic relations.", ("ARE", "054", "ISR")),
    # ---- 03 intent: announced aid is a commitment
    ("announce-weapons", "Japan announced new air defence missiles for Ukraine.", ("JPN", "0332", "UKR")),
    ("plan-mistagged", "Putin and Erdogan plan to meet next month.", ("RUSGOV", "036", "TURGOV")),
    # ---- 11 disapprove
    ("express-deep-concern", "The African Union chief expressed deep concern over the violence in Mozambique.",
     ("IGOAFU", "110", "MOZ")),
    ("voice-concern", "South Korea and Japan voiced concern over North Korea's missile launches.",
     ("KOR", "110", "PRK*")),
    ("disapproval-of-act-by", "Japan expressed its disapproval of the launch of a missile by North Korea.",
     ("JPN", "110", "PRK")),
    ("drew-criticism-from", "Israel's settlement plan drew sharp criticism from Germany.", ("DEU", "111", "ISR")),
    ("faced-criticism-from", "Hungary faced criticism from the European Union over the law.",
     ("IGOEUR", "111", "HUN")),
    ("met-with-criticism-in", "Mali's use of Russian mercenaries has been met with criticism in France and Germany.",
     ("DEU", "111", "MLI")),
    ("sparked-condemnation", "Russia's decision sparked condemnation from Poland.", ("POL", "111", "RUS")),
    ("drew-praise", "Qatar's mediation drew praise from Washington.", ("USA", "051", "QAT")),
    ("dismiss-as", "Iran dismissed the American proposal as a provocation.", ("IRN", "111", "USA")),
    ("summoned-to-ministry", "The French ambassador was summoned to the Russian Foreign Ministry on Wednesday.",
     ("RUSGOV", "114", "FRA*")),
    ("passive-protest-announced",
     "A strong protest was lodged with the Indian envoy, Pakistan's Foreign Ministry said.",
     ("PAKGOV", "114", "IND*")),
    ("passive-arrest-announced", "Eight Serbs were arrested, Kosovo police said.", ("KSVCOP", "173", "SRB")),
    ("letter-of-protest", "Iraq summoned the Turkish ambassador and handed him a letter of protest.",
     ("IRQ", "114", "TUR*")),
    # ---- 13 threaten
    ("final-warning", "Erdogan gave the Kurdish militia a final warning.", ("TURGOV", "139", "TURREB")),
    ("deadline-until", "African leaders gave the M23 rebels until March 30 to withdraw from occupied areas.",
     ("AFRGOV", "139", "CODREB")),
    ("responsible-for-safety", "The United States holds Maduro responsible for the safety of the detained "
     "opposition leaders.", ("USA", "130", "VENGOV")),
    ("going-to", "We are going to destroy the terrorists in northern Syria, Erdogan said.",
     ("TURGOV", "13*", "SYRREB")),
    # ---- 15 force posture
    ("missile-test", "North Korea fired two short-range ballistic missiles on Sunday.", ("PRK", "150", None)),
    ("maintain-readiness", "The South Korean military maintains full readiness.", ("KORMIL", "152", None)),
    ("order-own-army", "Serbia ordered its army to advance to the border with Kosovo.", ("SRB", "154", "*")),
    # ---- 08 yield
    ("tone-down-attacks", "Hezbollah said it had toned down its attacks on Israel.", ("LBNREB", "087", "ISR")),
    ("flee-battlefield", "The Sudanese rebels fled from the battlefield.", ("SDNREB", "0874", None)),
    ("scrap-warrant", "Colombia's prosecutor scrapped an arrest warrant for the rebel negotiator.",
     ("COLJUD", "081", "*")),
    # ---- 16 reduce relations
    ("order-diplomat-out", "Nicaragua ordered the German ambassador to leave the country.", ("NIC", "161", "DEU*")),
    ("persona-non-grata", "Moscow declared two Estonian diplomats persona non grata.", ("RUS", "161", "EST*")),
    ("persona-non-grata-passive", "Three French diplomats have been declared persona non grata.",
     (None, "161", "FRA*")),
    ("decision-by-to", "The ministry cited a decision by France to expel 41 Russian diplomats.",
     ("FRA", "161", "RUS*")),
    ("decision-of-to", "Zakharova called the decision of the Dutch authorities to expel 17 Russian diplomats "
     "arbitrariness.", ("NLDGOV", "161", "RUS*")),
    ("possessor-move-to", "Azerbaijan condemned Armenia's move to expel two Azerbaijani diplomats.",
     ("ARM", "161", "AZE*")),
    ("sanctions-target", "The new US sanctions target Russian banks.", ("USA", "163", "RUS*")),
    ("called-off-following", "The talks were called off by the Colombian government following a car bomb attack.",
     ("COL*", "164", None)),
    ("blacklist", "Washington added the Chinese firm to its trade blacklist.", ("USA", "163", "CHN*")),
    ("nominal-expulsion-of-envoy", "Thailand's expulsion of the Cambodian ambassador angered Phnom Penh.",
     ("THA", "161", "KHM*")),
    ("nominal-withdrawal-of-envoy", "Thailand's withdrawal of its ambassador from Phnom Penh deepened the rift.",
     ("THA", "161", None)),
    # ---- 17 coerce
    ("water-cannon-vessel", "The Chinese coast guard fired water cannon at a Philippine vessel.",
     ("CHNMIL", "170", "PHL*")),
    ("water-cannon-crowd", "Georgian police fired water cannon at protesters in Tbilisi.", ("GEOCOP", "175", "GEO*")),
    ("water-cannon-verb", "The China Coast Guard water cannoned a Philippine vessel.", ("CHNMIL", "170", "PHL*")),
    ("police-clash-protesters", "Kenyan police clashed with protesters in Nairobi.", ("KENCOP", "175", "KENCVL")),
    ("police-attack-opposition", "Police attacked opposition supporters in Kampala.", ("UGACOP", "175", "UGAOPP")),
    ("protesters-storm", "Protesters stormed the parliament building in Colombo.", ("LKACVL", "145", "LKAGOV")),
    ("gunmen-storm", "Gunmen stormed a hotel in Mogadishu.", ("SOMREB", "190", "SOM")),
    ("keep-under-house-arrest", "Ugandan police kept the opposition leader under house arrest.",
     ("UGACOP", "173", "UGAOPP")),
    # ---- 19 fight
    ("neutralize", "Turkish forces neutralized five PKK terrorists in northern Iraq.", ("TURMIL", "190", "TURREB")),
    ("participle-with-object", "Turkish forces neutralized at least four PKK terrorists in northern Iraq, the "
     "Defense Ministry said.", ("TURMIL", "190", "TURREB")),
    ("eliminate-militants", "Israeli troops eliminated three Hamas militants in Khan Younis.",
     ("ISRMIL", "190", "PSEREB")),
    ("beat-back", "Ukrainian forces beat back a Russian assault near Pokrovsk.", ("UKRMIL", "190", "RUS*")),
    ("thwart-attack", "Sudanese troops thwarted an attack on El Fasher.", ("SDNMIL", "190", "SDN")),
    ("inflict-losses", "The Sudanese army inflicted heavy losses on the rebels in Darfur.",
     ("SDNMIL", "190", "SDNREB")),
    ("breach-border", "Russian troops breached the border with Ukraine on Monday.", ("RUSMIL", "192", "UKR")),
    ("rocketed", "Hamas militants rocketed southern Israel on Friday.", ("PSEREB", "194", "ISR")),
    ("strike-with-missiles", "Israeli jets struck Hezbollah targets with missiles.", ("ISRMIL", "195", "LBNREB")),
    ("pull-back-adverb", "Russia pulled its troops back from Kherson.", ("RUS", "0874", None)),
    # ---- nouns of violence with an actor modifier, possessor or agent
    ("nominal-adjective-strikes", "Israeli strikes on Gaza killed 20 people.", ("ISR", "19*", "PSE*")),
    ("nominal-adjective-shelling", "Russian shelling of Kharkiv continued overnight.", ("RUS", "194", "UKR")),
    ("nominal-drone-attacks", "Ukrainian drone attacks on Russian refineries have increased.", ("UKR", "1952", "RUS*")),
    ("nominal-bombardment", "Heavy Russian bombardment of Avdiivka forced the Ukrainian troops to withdraw.",
     ("RUS", "194", "UKR")),
    ("nominal-one-strike", "Iran condemned the Israeli strike on Damascus.", ("ISR", "190", "SYR")),
    ("strike-named-before", "Israel's military said the strike had killed a senior Hamas commander.",
     (None, "19*", "PSEREB")),
    ("agent-strikes-once", "Two hospitals were hit by Israeli strikes.", ("ISR", "190", "HLH")),
    ("nominal-operation-against", "Iraq condemned Turkey's latest cross-border operation against the PKK.",
     ("TUR", "190", "TURREB")),
    # an armed group of no named country fought by a state's forces is taken for its own insurgents
    ("nominal-intervention-against", "The Turkish army's intervention against the Kurdish militia began on Monday.",
     ("TURMIL", "190", "TURREB")),
    ("nominal-firing-by", "Pakistan protested the unprovoked firing by Indian troops along the border.",
     ("INDMIL", "190", "PAK")),  # the firing's target read from the protest against it
    ("nominal-recapture", "The Sudanese army's recapture of Omdurman was announced on Tuesday.",
     ("SDNMIL", "192", "SDN")),
    ("fighting-raged-between", "Heavy fighting raged between Israeli troops and Hamas militants in Rafah.",
     ("PSEREB", "190", "ISRMIL")),
    ("claimed-responsibility-for", "Hamas claimed responsibility for the attack on Israeli soldiers.",
     ("PSEREB", "190", "ISRMIL")),
    ("claimed-attacks", "The Houthis on Saturday claimed a series of attacks on a British tanker.",
     ("YEMREB", "190", "GBR")),
    ("shared-owner", "Israel's blockade and bombardment of Gaza continued.", ("ISR", "194", "PSE")),
    ("shared-object", "Chinese coast guard ships routinely block or shadow Philippine supply boats.",
     ("CHNMIL", "191", "PHL*")),
    ("means-drones", "Ukrainian drones struck an oil refinery in Russia's Krasnodar region.",
     ("UKRMIL", "1952", "RUS")),
    ("means-warplanes", "Israeli warplanes hit Hezbollah targets in southern Lebanon.", ("ISRMIL", "195", "LBNREB")),
    ("means-artillery-agent", "Two civilians were killed by Russian artillery in Kherson.",
     ("RUSMIL", "194", "UKRCVL")),
    ("air-defence-systems", "Germany pledged to provide more air defence systems to Ukraine.", ("DEU", "0332", "UKR")),
    ("block-vessel", "Chinese coast guard ships blocked a Philippine supply boat near the shoal.",
     ("CHNMIL", "191", "PHL*")),
]


@pytest.mark.parametrize("name,sentence,expected", CASES, ids=[c[0] for c in CASES])
def test_wire_vocabulary(code, name, sentence, expected):
    events = code(sentence)
    assert has(events, *expected), f"{expected} not in {show(events)}"


NOT_CODED = [
    # "expected an attempt to breach": the attempt is only mentioned, not made by the one expecting it
    ("expected-attempt", "The Polish border guard said it expected a forced attempt to breach the border.",
     ("POL*", "19*", None)),
    # "their" in "expressed their disapproval" is the sources themselves, not a target
    ("own-possessive", "Japan and South Korea expressed their disapproval of the launch.", ("JPN", "110", "JPN*")),
    # "cited a decision by France to expel": the one citing does not expel
    ("citing-decision", "The ministry cited a decision by France to expel 41 Russian diplomats.",
     ("RUS*", "16*", None)),
    # receiving aid is no hosting, and welcoming a statement is praise
    ("receive-aid", "Ukraine received aid from Japan.", ("UKR", "043", None)),
    ("welcome-statement", "Germany welcomed President Biden's latest policy statement.", ("DEU", "043", "USA*")),
    # "met resistance", "was met with criticism": a reaction received, no meeting
    ("met-resistance", "Kosovo police said officers met resistance in Mitrovica.", ("*", "04*", None)),
    ("met-with-criticism", "The plan was met with criticism in Germany.", ("*", "04*", "DEU")),
    # a rights group reporting arrests did not make them
    ("passive-arrest-reported", "Three journalists were arrested, Amnesty International said.", ("NGO*", "173", "*")),
    # the ones given a deadline to withdraw are asked to, the ones setting it do not withdraw
    ("deadline-complement", "African leaders gave the M23 rebels until March 30 to withdraw from occupied areas.",
     ("AFRGOV", "087*", "*")),
    # sanctions that "target" or "hit" someone are no attack
    ("sanctions-hit", "EU sanctions hit Russian oligarchs on Monday.", ("*", "19*", "*")),
    # a pattern of acts named as background is no event; one act named as a noun is
    ("escalating-attacks", "The two leaders discussed the escalating Russian strikes on Ukraine.", ("RUS", "19*", "*")),
    ("repeated-raids", "Tensions are high amid repeated Israeli raids into Palestinian towns.", ("ISR", "19*", "*")),
    ("rise-in-attacks", "The violence has involved a rise in Palestinian attacks on Israelis.", ("PSE", "19*", "*")),
    # violence with no one named and nothing that says how is not coded, active or passive
    ("violence-killed", "The violence has killed at least 14,000 people.", ("*", "19*", "*")),
    ("injured-by-firearm", "One person was seriously injured by a firearm.", ("*", "18*", "*")),
    ("ambushed", "The men were ambushed in their vehicle on Saturday.", ("*", "19*", "*")),
    # a circumstance ("following the killing in an airstrike") gives the verb no cue
    ("adjunct-no-cue", "Tensions intensified between the two armies following the killing of a commander in an "
     "Israeli airstrike.", ("*", "195", "*MIL")),
    # firing an official is dismissing him (0831); intelligence operations are no attacks
    ("firing-official", "Upon firing him, Zelensky said staff had collaborated with Russia.", ("*", "19*", "*")),
    ("intelligence-operations", "The officer is accused of conducting intelligence operations for Russia.",
     ("*", "19*", "*")),
    # missiles fired at someone are an attack; missiles that missed are no test
    ("missile-at-target", "Iran fired missiles at Israel.", ("IRN", "150", "*")),
    ("missiles-missed", "However, the Russian missiles did not hit the power plant.", ("*", "150", "*")),
    # ordering another to act is a demand, ordering one's own army is the act
    ("order-other", "Israel ordered Gazans to leave the north.", ("ISR", "154", "*")),
    # the strikes that hit the hospitals are that act, not a second one with no target
    ("agent-strikes-no-second", "Two hospitals were hit by Israeli strikes.", ("ISR", "19*", None)),
    # fighters are combatants, not fighter jets
    ("fighters-not-jets", "Ukrainian fighters attacked Russian positions near Bakhmut.", ("*", "195", "*")),
    # "hammered out a deal" is no shelling
    ("hammer-out", "Iran and Iraq hammered out a deal on water.", ("IRN", "19*", "IRQ")),
]


@pytest.mark.parametrize("name,sentence,absent", NOT_CODED, ids=[c[0] for c in NOT_CODED])
def test_not_coded(code, name, sentence, absent):
    events = code(sentence)
    assert not has(events, *absent), f"{absent} in {show(events)}"


def test_a_statement_on_a_phone_call_is_no_appeal(code):
    assert not code("The Kremlin did not reply to a request for comment after issuing a statement on the phone call.")
    assert [e.cameo for e in code("The UN issued a call for calm in Gaza.")] == ["020"]


def test_taken_to_a_police_station_is_an_arrest(code):
    events = code("Ugandan opposition leader Bobi Wine was taken to a police station before being driven home.",
                  date="2021-01-18")
    assert [(e.cameo, e.target.code) for e in events] == [("173", "UGAOPP")], events
