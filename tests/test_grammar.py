"""Each grammar construction the coder handles, on sentences written for these tests.

A case lists a triple (source code, CAMEO code or prefix + "*", target code) that must be among the
events of the sentence; None means "no actor".
"""
from __future__ import annotations

import pytest

from conftest import triples


def match(pattern, value):
    if pattern is None or value is None:
        return pattern == value
    return value.startswith(pattern[:-1]) if pattern.endswith("*") else value == pattern


def has(events, source, code, target):
    return any(match(source, s) and match(code, c) and match(target, t) for s, c, t in triples(events))


def show(events):
    return sorted(triples(events), key=str)


CASES = [
    # active subject and direct object
    ("active", "Iran criticized Saudi Arabia on Monday.", ("IRN", "111", "SAU")),
    ("active-dative", "Finland gave Tanzania a grant of two million euros.", ("FIN", "07*", "TZA")),
    # passive voice with and without a by-agent
    ("passive-agent", "A convoy of Ukrainian soldiers was attacked by Russian troops near Kharkiv.",
     ("RUSMIL", "19*", "UKRMIL")),
    ("passive-no-agent", "Three Iraqi policemen were kidnapped in Mosul on Sunday.", (None, "18*", "IRQCOP")),
    ("acl-participle", "Hundreds of Sudanese refugees attacked by militiamen crossed into Chad.",
     (None, "19*", "SDNREF")),
    # prepositional targets
    ("prep-to", "Norway sent humanitarian aid to Sudan.", ("NOR", "073", "SDN")),
    ("prep-to-dative", "Turkey sent warships to Libya.", ("TUR", "154", "LBY")),
    ("prep-on", "Canada imposed sanctions on Belarus.", ("CAN", "163", "BLR")),
    ("prep-with", "Kenya signed a security pact with Somalia.", ("KEN", "057", "SOM")),
    ("prep-against", "Azerbaijan launched an offensive against Armenia.", ("AZE", "19*", "ARM")),
    # coordination of actors and of verbs
    ("coord-subjects", "France and Germany criticized Hungary.", ("DEU", "111", "HUN")),
    ("coord-objects", "Turkey criticized Israel and Iran.", ("TUR", "111", "IRN")),
    ("reciprocal", "Armenia and Azerbaijan signed a peace agreement.", ("AZE", "057", "ARM")),
    ("coord-verbs", "Egypt hosted the delegation and praised Qatar.", ("EGY", "051", "QAT")),
    # control and complement verbs
    ("offer-to", "Qatar offered to mediate between Israel and Hamas.", ("QAT", "039", "ISR")),
    ("agree-to", "Serbia agreed to withdraw its troops from Kosovo.", ("SRB", "0356", "KSV")),
    ("refuse-to", "Iran refused to negotiate with the United States.", ("IRN", "125", "USA")),
    ("threaten-to", "North Korea threatened to attack South Korea.", ("PRK", "138*", "KOR")),
    ("urge-object", "The European Union urged Myanmar to release political prisoners.", ("IGOEUR", "0253", "MMR")),
    ("call-on", "Egypt called on Hamas to release the hostages.", ("EGY", "0253", "PSEREB")),
    ("call-for", "Pakistan called for a ceasefire in Kashmir.", ("PAK", "02*", None)),
    ("demand-that", "Lithuania demanded that Belarus release the detained journalists.", ("LTU", "1053", "BLR")),
    ("criticize-for", "Greece criticized Turkey for supplying weapons to Libya.", ("GRC", "111", "TUR")),
    ("criticize-for-2", "Greece criticized Turkey for supplying weapons to Libya.", ("TUR", "072", "LBY")),
    ("committed-to", "Vietnam is committed to opening its markets to Japan.", ("VNM", "03*", "JPN")),
    # negation and modality
    ("negated-agree", "Russia will not agree to a temporary ceasefire.", ("RUS", "1246", None)),
    ("future-intent", "Germany will send tanks to Ukraine.", ("DEU", "0332", "UKR")),
    # nominal events with a clear actor
    ("nominal-possessive", "Ukraine's incursion into the Kursk region alarmed Moscow.", ("UKR", "19*", "RUS")),
    ("nominal-light-verb", "Oman launched a mediation effort between Iran and the United States.",
     ("OMN", "04*", "IRN")),
    # appositions, titles and sector nouns
    ("apposition", "Hakan Fidan, Turkey's foreign minister, criticized Greece.", ("TURGOV", "111", "GRC")),
    ("title-unknown-name", "Russian Foreign Minister Ivan Petrovsky criticized Poland.", ("RUSGOV", "111", "POL")),
    ("sector-company", "Turkish defence company Baykar delivered drones to Ukraine.", ("TURBUS", "072", "UKR")),
    ("sector-troops", "Ukrainian troops shelled Russian positions near Belgorod.", ("UKRMIL", "19*", "RUS")),
    ("capital-metonym", "Ankara has been providing Kiev with drones.", ("TUR", "072", "UKR")),
    ("seat-metonym", "The Kremlin criticized the European Union.", ("RUSGOV", "111", "IGOEUR")),
    ("person-dated", "Sergey Lavrov met Hakan Fidan in Antalya.", ("RUSGOV", "04*", "TURGOV")),
    # targets found through places and domestic conventions
    ("visit-place", "Iraqi President Saddam Hussein arrived in Amman on Wednesday.", ("IRQ*", "042", "JOR")),
    ("location-target", "Turkish authorities imposed a curfew in the town of Cizre.", ("TURGOV", "1723", "TUR")),
    ("domestic-protest", "Thousands of Egyptian students demonstrated in Alexandria on Sunday.",
     ("EGY*", "141", "EGYGOV")),
    ("ethnic-minority", "Ethnic Albanians demonstrated in Macedonia on Tuesday.", ("MKDCVL", "141", "MKDGOV")),
    ("partitive-head", "Leaders of the Georgian opposition condemned the government.", ("GEOOPP", "111", "GEOGOV")),
    ("stative-participle", "Israel is opposed to French mediation.", ("ISR", "126", "FRA")),
    ("light-verb-of", "Italy announced a suspension of air links with Serbia.", ("ITA", "16*", "SRB")),
    ("light-verb-noun", "Mitterrand gave a warm welcome to Nelson Mandela.", ("FRA*", "043", "ZAF*")),
    ("coordinated-adjectives", "Türkiye hosted talks between Russian and Ukrainian delegations in Istanbul that spring.",
     ("TUR", "043", "UKRGOV")),
    ("proposal-author", "Ivory Coast rebels rejected a Senegalese peace plan.", ("CIVREB", "127", "SEN")),
    ("conditional-threat-target", "Azerbaijan threatened to break relations with Russia unless Moscow closed its base.",
     ("AZE", "1313", "RUS")),
    ("announced-decision", "The United States announced it would prohibit all aid to the rebels in Macedonia.",
     ("USA", "162", "MKDREB")),
    ("sworn-to", "The rebels have sworn to fight until they capture the capital.", ("REB", "1384", None)),
    ("not-light-verb", "Turkish police prevented the demonstration in Sivas.", ("TURCOP", "17*", "TUR")),
    ("demand-with-date", "China on Tuesday demanded that the US cancel the arms sale.", ("CHN", "10*", "USA")),
    ("demonym-of-place", "The Albanians of southern Serbia demanded autonomy from the Serbian authorities.",
     ("SRBCVL", "10*", "SRBGOV")),
    ("demand-noun-clause", "The ILO reiterated its demand that Israel ease restrictions on Palestinian workers.",
     ("IGOILO", "10*", "ISR")),
    ("control-noun", "Israel and the Palestinians reached a consensus to exchange information on water.",
     ("ISR", "031*", "PSE")),
    ("own-theme-not-target", "Syria offered its troops to Lebanon's president.", ("SYR", "03*", "LBNGOV")),
    ("protest-that", "Amnesty International protested that Croatia was failing to protect refugees.",
     ("NGOAMN", "114", "HRV")),
    ("decide-to", "Sudan's government decided to lift the state of emergency in Darfur.", ("SDNGOV", "0814", "SDN")),
    ("attempt-to", "Gunmen tried to assassinate the governor of Kandahar.", ("AFGREB", "185", "AFGGOV")),
    ("try-to-same", "North Korea tried to hack the computers of South Korean officers.", ("PRK", "17*", "KOR*")),
    ("instrument-subject", "A roadside bombing near Kandahar killed two Canadian soldiers.", (None, "1833", "CANMIL")),
    ("instrument-in", "An Israeli airstrike killed ten people in Gaza.", ("ISR", "195", "PSECVL")),
    ("passive-subject-modifier", "Diplomatic ties with Iran were severed by Saudi Arabia on Sunday.",
     ("SAU", "161", "IRN")),
    ("participle-agent-target", "Positions held by M23 rebels near Goma were attacked by Congolese army helicopters.",
     ("CODMIL", "19*", "CODREB")),
    ("bare-sector-weak-target", "Pakistan extradited a suspected financier to the United States.",
     ("PAK", "063", "USA")),
    ("clause-control-unknown-act", "Greece insisted on Wednesday that Macedonia change its name.",
     ("GRC", "100", "MKD")),
    ("protest-at-embassy", "Thousands of South Koreans held a rally outside the US embassy in Seoul.",
     ("KOR*", "141", "USA*")),
    ("instrument-inherited-subject", "A car bomb exploded outside a police station, killing dozens of Iraqi police "
     "recruits.", (None, "1832", "IRQCOP")),
    ("domestic-concession", "Ivory Coast's Supreme Court decided to allow the opposition candidate to run.",
     ("CIVJUD", "080", "CIV")),
    ("domestic-refusal", "Kenya's vice-president declined to resign despite pressure.", ("KENGOV", "123*", "KEN")),
    ("transfer-recipient", "The Taliban refused to hand over bin Laden to the United States.", ("AFGREB", "12*", "USA")),
    ("passive-self-directed", "Tens of thousands of Russian troops have been massed near the border with Ukraine.",
     ("RUSMIL", "15*", "UKR")),
    ("border-with", "Hezbollah placed its fighters on full alert along the border with Israel.",
     ("LBNREB", "152", "ISR")),
    ("instrument-not-target", "Azerbaijani forces violated the ceasefire with heavy artillery fire.",
     ("AZEMIL", "196", None)),
    ("clash-with", "Ukrainian troops clashed with Russian forces near Bakhmut.", ("UKRMIL", "190", "RUSMIL")),
    # mutual acts: "between A and B", and compound actors named through "of"
    ("between-passive", "Talks between Chile and Peru were held in Lima last week.", ("CHL", "04*", "PER")),
    ("between-passive-back", "Talks between Chile and Peru were held in Lima last week.", ("PER", "04*", "CHL")),
    ("between-nominal", "Negotiations between Sudan and South Sudan resumed in Addis Ababa.", ("SDN", "046", "SSD")),
    ("between-nominal-back", "Negotiations between Sudan and South Sudan resumed in Addis Ababa.",
     ("SSD", "046", "SDN")),
    ("between-fighting", "Clashes between Kenyan police and protesters broke out in Nairobi.",
     ("KENCOP", "190", "KENCVL")),
    ("of-conjuncts", "The prime ministers of Spain and Portugal signed a water treaty.", ("ESPGOV", "057", "PRTGOV")),
    ("of-conjuncts-back", "The prime ministers of Spain and Portugal signed a water treaty.",
     ("PRTGOV", "057", "ESPGOV")),
    ("of-conjuncts-targets", "The Indian foreign minister met the foreign ministers of Chile, Peru and Mexico.",
     ("INDGOV", "04*", "MEXGOV")),
    ("subject-on-auxiliary", "Egypt and Qatar are mediating between Israel and Hamas.", ("QAT", "045", "PSEREB")),
    ("means-owner", "Two farmers were killed in a Turkish drone strike near Qamishli.", ("TUR", "19*", "SYR*")),
    ("mutual-verb", "Olaf Scholz and Emmanuel Macron talked for two hours on Friday.", ("DEUGOV", "040", "FRAGOV")),
    ("mutual-verb-back", "Olaf Scholz and Emmanuel Macron talked for two hours on Friday.",
     ("FRAGOV", "040", "DEUGOV")),
    ("compound-meeting-place", "Narendra Modi and Xi Jinping met in Kazan on Wednesday.", ("CHNGOV", "04*", "INDGOV")),
    ("two-sides", "Egypt's foreign minister met his Ethiopian counterpart in Cairo. The two sides agreed to resume "
     "talks on the dam.", ("ETH*", "036", "EGYGOV")),
    ("they-after-pair", "Narendra Modi received Olaf Scholz in New Delhi. They signed a migration pact.",
     ("DEUGOV", "057", "INDGOV")),
    ("cause-owner", "Three farmers were wounded in an Azerbaijani artillery attack on border villages.",
     ("AZE", "18*", "AGR")),
    ("cause-due-to", "Two nurses were killed due to Russian aggression in the Sumy region.", ("RUS", "190", "UKR*")),
    ("victims-not-attackers", "Six civilians were wounded in Russian strikes on Odesa.", ("RUS", "18*", "UKRCVL")),
    ("rebels-domestic-victims", "Malian rebels attacked a village near Gao, killing ten people.",
     ("MLIREB", "19*", "MLICVL")),
    ("mutual-topic-not-target", "Pedro Sanchez and Emmanuel Macron spoke by phone about the reform of the "
     "budget rules.", ("ESPGOV", "041", "FRAGOV")),
    # pronouns resolved to an actor in the sentence or the one before
    ("pronoun-it", "Poland expelled three Russian diplomats on Tuesday. It accused Russia of espionage.",
     ("POL", "112*", "RUS")),
    ("pronoun-he", "Emmanuel Macron arrived in Beijing on Wednesday. He praised China for its restraint.",
     ("FRAGOV", "051", "CHN")),
    ("pronoun-plural", "Polish farmers blocked roads near Warsaw on Monday. They urged the European Union to "
     "stop grain imports from Ukraine.", ("POL*", "02*", "IGOEUR")),
    ("pronoun-subject-first", "Fidan said that Ankara would support Ukraine's integrity and that it offered to "
     "mediate between Moscow and Kyiv.", ("TUR", "039", "RUS")),
]


@pytest.mark.parametrize("name,sentence,expected", CASES, ids=[c[0] for c in CASES])
def test_construction(code, name, sentence, expected):
    events = code(sentence)
    assert has(events, *expected), f"{expected} not in {show(events)}"


def test_guiding_example(code):
    text = ("Russia's foreign minister Sergey Lavrov criticized Türkiye for supplying weapons to Ukraine while "
            "offering to mediate. Ankara has been providing Kiev with drones. Kiev later abandoned the talks. "
            "Russia is open to a political settlement but will not agree to a temporary ceasefire.")
    events = code(text)
    # targets the text leaves unstated are read from the story (context_targets): the mediation offer is
    # aimed at Russia, not at Ukraine, which Türkiye arms; Russia's settlement and ceasefire at Ukraine
    for expected in [("RUSGOV", "111", "TUR"), ("TUR", "072", "UKR"), ("TUR", "039", "RUS"),
                     ("UKR", "164", "*"), ("RUS", "037", "UKR"), ("RUS", "1246", "UKR")]:
        assert has(events, *expected), f"{expected} not in {show(events)}"
    assert not has(events, "TUR", "039", "UKR")
    inferred = {(e.source.code, e.cameo) for e in events if e.target_inferred}
    assert inferred == {("TUR", "039"), ("UKR", "164"), ("RUS", "037"), ("RUS", "1246")}


@pytest.mark.parametrize("text", [
    "The missile appears to be an ICBM fired on a high trajectory, the army said.",
    "Four soldiers were killed near the border on Sunday.",
    "Several people were wounded in the capital, the hospital said.",
    "Dozens of villagers killed overnight were buried on Monday.",
])
def test_violence_with_no_agent_and_no_means_is_not_coded(code, text):
    # no one is named as the perpetrator and nothing says how: no actor is guessed
    assert not any(e.cameo_root in ("18", "19", "20") for e in code(text)), show(code(text))


def test_agentless_violence_with_a_named_means_is_coded(code):
    events = code("Three policemen were killed by a roadside bomb in Kandahar.")
    assert any(e.cameo_root == "18" for e in events), show(events)


def test_speaking_to_others_is_no_mutual_act(code):
    assert not any(e.cameo_root == "04" for e in code("Olaf Scholz and Emmanuel Macron spoke to reporters in Paris."))
    assert not any(e.cameo_root == "04" for e in code("Olaf Scholz spoke for an hour in the Bundestag."))


def test_two_sides_without_two_actors_before_is_nobody(code):
    events = code("The weather was mild. The two sides agreed to meet again.")
    assert all(e.source is None for e in events), show(events)


def test_only_mutual_acts_of_a_compound_subject_go_both_ways(code):
    # condemning is not mutual: each condemns, neither condemns the other
    events = code("France and Germany condemned the coup on Monday.")
    assert has(events, "FRA", "111", None) and has(events, "DEU", "111", None), show(events)
    assert not has(events, "FRA", "111", "DEU") and not has(events, "DEU", "111", "FRA"), show(events)
    # a mediator is not a side: "between" names the targets of its act
    events = code("Norway mediated between Colombia and the rebels.")
    assert has(events, "NOR", "045", "COL") and not has(events, "COL", "045", None), show(events)


def test_negation_is_flagged(code):
    events = code("Israel did not attack Lebanon.")
    assert events and all(e.negated for e in events)


def test_refusal_from_negation_has_reject_code(code):
    [e] = [e for e in code("Russia will not agree to a temporary ceasefire.") if e.source]
    assert e.negated and e.cameo_root == "12"


def test_conditional_modality(code):
    # "would impose sanctions if ..." is a conditional threat of sanctions
    events = code("If the talks fail, Turkey would impose sanctions on Syria.")
    assert any(e.modality == "conditional" and e.cameo == "1312" and e.target.code == "SYR" for e in events), \
        show(events)


def test_condition_clause_is_not_an_event(code):
    events = code("Hezbollah threatened to resume attacks unless Israel withdrew its troops from Lebanon.")
    assert has(events, "LBNREB", "138*", "ISR"), show(events)
    assert not any(e.cameo.startswith("08") for e in events), show(events)


def test_reported_would_is_future(code):
    events = code("Palestinian officials said they would boycott all contacts with the United States.")
    assert has(events, "PSEGOV", "133", "USA"), show(events)


def test_must_in_reported_speech_is_a_demand(code):
    events = code("The British foreign secretary said that Libya must hand over the suspects.")
    assert has(events, "GBRGOV", "1053", "LBY") or has(events, "GBRGOV", "10*", "LBY"), show(events)


@pytest.mark.parametrize("text, expected", [
    ("Peskov said Kyiv has to withdraw its troops.", ("RUSGOV", "1056", "UKR")),
    ("Lavrov said Ankara needs to stop supplying drones.", ("RUSGOV", "10*", "TUR")),
])
def test_has_to_and_needs_to_in_reported_speech_are_demands(code, text, expected):
    events = code(text)
    assert has(events, *expected), show(events)


def test_what_a_speaker_says_its_own_side_must_do_is_no_demand(code):
    events = code("Lavrov said Russia has to respond. The Russian minister said Moscow must stay calm.")
    assert not [e for e in events if e.cameo_root == "10"], show(events)


def test_a_state_organ_announcing_an_act_of_states_did_it(code):
    assert has(code("The Israeli army confirmed the arrest of a Palestinian in Jenin."), "ISRMIL", "173", "PSE")
    # a rights group that confirms an arrest did not make it
    events = code("Amnesty International confirmed the arrest of two journalists in Cairo.")
    assert not [e for e in events if e.cameo_root == "17" and e.source is not None], show(events)


def test_the_subject_of_a_passive_request_is_the_one_asked(code):
    events = code("The Chilean ambassador has been asked to leave Peru within 72 hours, the Peruvian government said.")
    assert has(events, "PERGOV", "*", "CHLGOV"), show(events)
    assert not has(events, "CHLGOV", "*", "*"), show(events)


def test_a_cue_noun_after_a_preposition_of_aim_is_the_target(code):
    events = code("The Chinese coast guard fired water cannon at Philippine ships near the disputed shoal in the South "
                  "China Sea.")
    assert has(events, "CHNMIL", "170", "PHL"), show(events)
    assert has(code("Germany sent tanks to Ukraine."), "DEU", "072", "UKR")  # the tanks are still no target


@pytest.mark.parametrize("text", [
    "Iranian boats harassed a tanker in the Gulf of Oman.",
    "China sent warships to the Taiwan Strait.",
    "Russian jets buzzed a patrol plane over the Sea of Japan.",
])
def test_a_country_in_the_name_of_a_sea_or_strait_is_no_actor(code, text):
    events = code(text)
    assert not [e for e in events if e.target and e.target.country in ("OMN", "TWN", "JPN")], show(events)


def test_a_list_read_as_an_apposition_gives_one_event_per_item(code):
    events = code("Fidan held meetings with the Japanese foreign minister, the US secretary of state and his "
                  "Norwegian counterpart.")
    assert {e.target.code for e in events if e.cameo == "040"} == {"JPNGOV", "USAGOV", "NORGOV"}, show(events)
    # a name with its title in apposition stays one actor; so does a parenthesis
    assert has(code("Sergey Lavrov, Russia's foreign minister, met Fidan."), "RUSGOV", "040", "TURGOV")
    events = code("The envoy was summoned by the director general (Europe and Asia) of the Chilean ministry.")
    assert not [e for e in events if e.source and e.source.code.startswith("IGO")], show(events)


def test_a_source_filled_from_its_target_is_not_the_target_itself(code):
    # "the director general" is no Indian official summoning India's envoy: the document's other country
    events = code("Pakistan protested the firing. The Indian deputy high commissioner was summoned by the director "
                  "general today.")
    assert has(events, "PAKGOV", "114", "INDGOV") and not has(events, "INDGOV", "114", "INDGOV"), show(events)


@pytest.mark.parametrize("text, expected", [
    ("Japan is deeply concerned about the missile launch by North Korea.", ("JPN", "110", "PRK")),
    ("Biden said he came away disappointed from a phone call with Xi Jinping.", ("USAGOV", "110", "CHNGOV")),
])
def test_concern_and_disappointment_said_of_the_subject_are_disapproval(code, text, expected):
    assert has(code(text), *expected), show(code(text))


def test_concerned_alone_is_no_event(code):
    assert not [e for e in code("The concerned parties met in Geneva.") if e.cameo_root == "11"]


def test_rights_groups_are_ngos_of_no_country_unless_one_is_named(code):
    events = code("Rights groups accuse the Ethiopian military of extrajudicial killings.")
    assert has(events, "NGO", "1122", "ETHMIL") or has(events, "NGO", "1122", "ETH"), show(events)
    for text, source in [("Human rights groups accused the army of torture.", "NGO"),
                         ("A Ugandan rights group accused the police of torture.", "UGANGO")]:
        assert {e.source.code for e in code(text) if e.cameo_root == "11"} == {source}, text


@pytest.mark.parametrize("text, expected", [
    ("Three militants were neutralized near the border, the Turkish defence ministry said.", ("TURMIL", "190", "TURREB")),
    ("Three of the militants were neutralized near the border, the ministry said. Turkish forces are fighting the "
     "PKK.", ("TURMIL", "190", "TURREB")),
    ("Two Armenian soldiers were killed in the clash, the Azerbaijani defence ministry said.",
     ("AZEMIL", "190", "ARMMIL")),
])
def test_a_state_reporting_an_agentless_armed_act_against_armed_enemies_did_it(code, text, expected):
    assert has(code(text), *expected), show(code(text))


@pytest.mark.parametrize("text", [
    "Four soldiers were killed near the border, the Nigerian army said.",  # its own losses
    "Ten civilians were killed in the village, the Malian army said.",  # civilians: no one is named
])
def test_an_army_reporting_losses_or_civilian_deaths_is_not_their_cause(code, text):
    assert not [e for e in code(text) if e.cameo_root == "19"], show(code(text))


def test_the_pronoun_of_a_statement_clause_is_the_statements_owner(code):
    events = code("The Kremlin on Wednesday dismissed Moldovan President Maia Sandu's statement that she was ready "
                  "for direct talks with Putin.")
    assert has(events, "MDAGOV", "036", "RUSGOV") and not has(events, "RUSGOV", "036", "*"), show(events)


def test_backing_an_armed_group_is_aid_not_praise(code):
    assert has(code("Iran backs the Houthi rebels in Yemen."), "IRN", "070", "YEMREB")
    assert has(code("The United States supports the Ukrainian government."), "USA", "051", "UKRGOV")


@pytest.mark.parametrize("text", [
    "The United States has repeatedly warned Maduro against arresting Guaido or his aides.",
    "Israel refrained from attacking the port.",
    "The council decided against sending troops to Mali.",
])
def test_an_act_warned_against_or_refrained_from_is_no_event(code, text):
    assert not [e for e in code(text) if e.cameo_root in ("07", "17", "18", "19")], show(code(text))


def test_clashes_between_forces_of_two_coordinated_countries_go_both_ways(code):
    events = code("Clashes erupted between Thai and Cambodian forces near the temple.")
    assert has(events, "THAMIL", "190", "KHMMIL") and has(events, "KHMMIL", "190", "THAMIL"), show(events)


@pytest.mark.parametrize("text, expected", [
    ("Fighting broke out between Thai and Cambodian troops on Thursday. Both sides accused each other of "
     "starting the fighting.", {("THA", "KHM"), ("KHM", "THA")}),
    ("India and Pakistan blamed one another for the attack.", {("IND", "PAK"), ("PAK", "IND")}),
])
def test_acts_on_each_other_go_both_ways(code, text, expected):
    events = [e for e in code(text) if e.cameo_root == "11"]
    assert {(e.source.country, e.target.country) for e in events if e.target} == expected, show(events)


def test_future_is_intent(code):
    [e] = [e for e in code("Germany will send tanks to Ukraine.")]
    assert e.modality == "intent"


def test_same_name_codes_differently_by_date(code):
    early = code("Vladimir Putin criticized Georgia.", date="2009-01-10")
    late = code("Dmitry Medvedev criticized Georgia.", date="2024-01-10")
    assert has(early, "RUSGOV", "111", "GEO")
    assert has(late, "RUSGOV", "111", "GEO")


def test_trigger_span_points_into_text(code):
    text = "Iran criticized Saudi Arabia on Monday."
    [e] = code(text)
    assert text[e.trigger.start:e.trigger.end] == e.trigger.text == "criticized"
    assert text[e.source.start:e.source.end] == "Iran"
    assert text[e.target.start:e.target.end] == "Saudi Arabia"


def test_prevented_protest_is_not_a_protest(code):
    events = code("Turkish police prevented the demonstration in Sivas.")
    assert not any(e.cameo_root == "14" for e in events), show(events)


@pytest.mark.parametrize("text", [
    "Who attacked Iraq?",
    "Which country criticized Iran on Monday?",
    "The minister who criticized Iran resigned.",
    "That was attacked.",
])
def test_relative_and_question_pronouns_terminate(code, text):
    assert isinstance(code(text), list)


@pytest.mark.parametrize("text", [
    "Brazil beat Argentina 2-1 in the World Cup final on Sunday.",
    "The French striker attacked the goal but the Italian goalkeeper held firm.",
    "India crushed Pakistan in the cricket tournament as the batsman scored a century.",
])
def test_sport_is_not_politics(code, text):
    assert code(text) == []


def test_political_act_about_sport_is_kept(code):
    assert code("Iran called for a boycott of the World Cup over the US sanctions.")
    # state agents acting in a sentence about sport: the act stays, the match does not
    events = code("Nigerian authorities jailed 52 opposition members for playing in a football tournament "
                  "at the national stadium.")
    assert has(events, "NGAGOV", "173", "NGAOPP"), show(events)


def test_published_report_is_no_release(code):
    events = code("Human Rights Watch said in a report released on Tuesday that detainees were tortured.")
    assert not any(e.cameo.startswith("084") for e in events), show(events)


def test_no_event_without_actor(code):
    assert code("The weather was cold and it rained all day.") == []


def test_gerund_with_pronoun_object_is_the_main_subjects_act(code):
    # "after accusing them": "them" is the main object, so the main subject accuses
    events = code("Poland expelled three Russian diplomats after accusing them of espionage.")
    assert has(events, "POL", "112*", "RUSGOV"), show(events)
    assert not has(events, "RUSGOV", "112*", None), show(events)
    # without a pronoun the object of "for" acts, as before
    assert has(code("Egypt praised Qatar for helping the refugees."), "EGY", "051", "QAT")


@pytest.mark.parametrize("text", [
    "The three governments accused Tehran of cheating and warned that they were ready to act.",
    "China's military sent warships and aircraft toward the strait on Friday.",
])
def test_no_event_aimed_at_its_own_source(code, text):
    # a pronoun object or a bare sector filled from the source's own country is not a target
    for s, c, t in triples(code(text)):
        assert s is None or s != t, (s, c, t)


def test_regions_code_as_actors_and_the_west_bank_stays_a_place(code):
    assert has(code("The Kremlin warned Western governments against sending weapons."), "RUSGOV", "13*", "WSTGOV")
    assert has(code("European leaders criticized Russia on Monday."), "EURGOV", "111", "RUS")
    assert has(code("Russia accused the West of prolonging the war."), "RUS", "112", "WST")
    # "the West" must not swallow "the West Bank"; a region's bare name is a place ("the Europe Bridge")
    assert has(code("Israel reimposed blockades in the West Bank on Friday."), "ISR", "191", "PSE")
    assert not any("EUR" in (s or "") + (t or "") for s, _, t in
                   triples(code("French workers blocked the Europe Bridge on Monday.")))


def test_what_is_discussed_is_no_party(code):
    events = code("Chilean President Gabriel Boric held a phone call with Argentine President Javier Milei on "
                  "Friday and the two leaders discussed the escalating Venezuelan crisis.")
    assert not [e for e in events if e.target and e.target.country == "VEN"], show(events)
    assert has(code("Boric discussed the Venezuelan crisis with Milei."), "CHL*", "040", "ARG*")


def test_a_plural_practice_named_by_an_adjective_is_no_act(code):
    events = code("Spain has criticized the French military campaign but also rejected Western sanctions on "
                  "Algeria.")
    assert not [e for e in events if e.cameo_root == "16"], show(events)
    assert has(code("Palestinian riots against the Israeli occupation are continuing."), "PSE", "145", "ISR")


def test_a_designation_hung_on_a_noun_is_a_standing_status(code):
    events = code("The ELN, designated as a terrorist organization by Colombia and the United States, has "
                  "bombed a pipeline.")
    assert not [e for e in events if e.cameo_root == "17"], show(events)
    assert has(code("Colombia designated the ELN as a terrorist organization."), "COL", "1722", "COLREB")


@pytest.mark.parametrize("text, claim", [
    ("The PKK has been responsible for the deaths of thousands of people.", False),
    ("Hamas said it was responsible for the rocket attack on Ashkelon.", True),
])
def test_responsibility_is_claimed_only_by_its_bearer(code, text, claim):
    assert bool([e for e in code(text) if e.cameo == "015"]) == claim, show(code(text))


@pytest.mark.parametrize("text, expected", [
    ("The Belgian ambassador has been asked to leave Niger within 48 hours, Niger's government said.",
     ("NERGOV", "161", "BELGOV")),
    ("Mali ordered the French ambassador to leave the country within 72 hours.", ("MLI", "161", "FRAGOV")),
    ("Estonia expelled 20 Russian diplomats. They were ordered to leave the territory of Estonia within a week.",
     ("ESTGOV", "161", "RUSGOV")),
])
def test_a_diplomat_told_to_leave_a_country_is_expelled_by_it(code, text, expected):
    assert has(code(text), *expected), show(code(text))


def test_others_asked_to_leave_a_place_are_not_expelled(code):
    assert not [e for e in code("Police asked protesters to leave the square.") if e.cameo_root == "16"]


def test_a_conflict_breaking_out_between_two_sides_is_fighting_both_ways(code):
    events = code("The conflict in Sudan broke out in April 2023 between the Sudanese Armed Forces and the Rapid "
                  "Support Forces.")
    assert has(events, "SDNMIL", "190", "SDNREB") and has(events, "SDNREB", "190", "SDNMIL"), show(events)
    assert not [e for e in code("The war between Sudan's army and the Rapid Support Forces has displaced "
                                "millions.") if e.cameo_root == "19"]


@pytest.mark.parametrize("text", [
    'The State Department urged Burundi to "stop supporting the rebel group and withdraw its soldiers from Congo".',
    "Guterres urged all Mozambicans to maintain calm, exercise restraint and reject violence.",
])
def test_acts_asked_for_are_not_done(code, text):
    events = code(text)
    assert [e.cameo_root for e in events] == ["02"], show(events)


@pytest.mark.parametrize("text, expected", [
    ("Turkey has refused to accept shipments from Crimea since Russia seized the peninsula from Ukraine in "
     "2014.", ("RUS", "19*", "UKR")),
    ("China urged the United States not to abuse force and called on Iran to exercise restraint.", ("CHN", "02*", "IRN")),
])
def test_a_clause_of_its_own_inside_a_request_is_still_read(code, text, expected):
    assert has(code(text), *expected), show(code(text))


@pytest.mark.parametrize("text, expected", [
    ("North Korea fired a ballistic missile on Monday. Japan considers the launch a violation of UN resolutions.",
     ("JPN", "112", "PRK")),
    ("Germany considers Russia a threat to European security.", ("DEU", "112", "RUS")),
    ("Ankara considers the YPG to be a terrorist organization.", ("TUR", "112", "SYRREB")),
])
def test_considering_something_as_something_is_an_evaluation(code, text, expected):
    events = code(text)
    assert has(events, *expected) and not [e for e in events if e.cameo == "014"], show(events)


def test_considering_an_option_is_still_considering_it(code):
    assert has(code("The government is considering sanctions against Iran."), "*", "014", "*")


def test_attacks_undergone_are_aimed_at_the_subject(code):
    events = code("Kharkiv was subjected to artillery shelling, air strikes and drone attacks overnight.")
    assert {e.cameo for e in events if e.target and e.target.country == "UKR"} == {"1952", "195", "194"}, show(events)
    assert has(code("Ukrainian positions came under Russian artillery fire."), "RUS*", "194", "UKR*")


def test_a_control_verb_read_as_a_noun_of_the_subject_still_controls(code):
    # the tagger reads "Erdoğan plan" as a compound noun of the subject
    events = code("Russian President Vladimir Putin and Turkish leader Recep Tayyip Erdoğan plan to meet in the near "
                  "future, the Kremlin said.")
    assert has(events, "RUSGOV", "036", "TURGOV") and has(events, "TURGOV", "036", "RUSGOV"), show(events)
    assert not [e for e in events if e.cameo_root == "04"], show(events)


def test_a_relative_pronoun_object_is_read_as_its_antecedent(code):
    events = code("M23 rebels advanced on Goma. The mining town of Rubaya, which was seized on Sunday, fell quickly.")
    assert [e.cameo for e in events if e.trigger and "seized" in e.trigger.text] == ["192"], show(events)


@pytest.mark.parametrize("text", [
    "Many of the projectiles crossed into Israeli territory from Lebanon.",
    "He later opened fire on Israeli soldiers near the bus stop.",  # no one before "he"
])
def test_a_doer_named_by_no_actor_makes_no_event(code, text):
    assert not code(text), show(code(text))


@pytest.mark.parametrize("text, expected", [
    ("A roadside bomb killed three Afghan soldiers in Helmand.", (None, "18*", "AFGMIL")),
    ("An attempt to assassinate the mayor of Kharkiv was thwarted, police said.", (None, "186", "UKRGOV")),
    ("Islamic fundamentalists began a hunger strike to demand the resignation of the Tunisian president.",
     ("TUNREL", "1041", "TUNGOV")),
])
def test_acts_means_and_known_agents_are_kept_as_subjects(code, text, expected):
    assert has(code(text), *expected), show(code(text))


def test_a_call_named_again_in_its_sentence_keeps_its_direction(code):
    events = code("Chilean President Gabriel Boric held a phone call with Argentine President Javier Milei on Friday "
                  "and the two leaders discussed the Venezuelan crisis.")
    assert [(e.source.country, e.target.country) for e in events if e.cameo_root == "04"] == [("CHL", "ARG")], \
        show(events)
    events = code("Boric and Milei met in Santiago.")
    assert {(e.source.country, e.target.country) for e in events} == {("CHL", "ARG"), ("ARG", "CHL")}, show(events)


def test_the_plural_of_a_pair_noun_names_the_two_actors_of_the_story(code):
    text = ("South Korean Foreign Minister Cho Tae-yul held a phone call with his Japanese counterpart, Yoko "
            "Kamikawa, on Tuesday. They discussed trade and other issues. Expressing concerns about North Korea's "
            "provocations and its cooperation with Russia, the ministers agreed to work closely with the United "
            "States. The two sides also agreed to coordinate closely at the United Nations.")
    events = code(text)
    assert has(events, "KOR*", "110", "PRK*") and has(events, "JPN*", "110", "PRK*"), show(events)
    assert has(events, "JPN*", "03*", "USA*") and has(events, "KOR*", "03*", "JPN*"), show(events)
    assert not [e for e in events if e.cameo_root == "03" and e.source.country in ("RUS", "USA")], show(events)


def test_a_passive_label_in_quote_marks_is_still_a_label(code):
    events = code("Russia's foreign ministry summoned the French ambassador on Wednesday. \u201cAs a response, 34 French "
                  "diplomats have been declared \u2018persona non grata\u2019,\u201d the ministry added.")
    assert has(events, "RUS*", "161", "FRA*"), show(events)


@pytest.mark.parametrize("text, forward, back", [
    ("Kenyan police clashed with protesters in Nairobi.", ("KENCOP", "175", "KENCVL"), ("KENCVL", "145", "KENCOP")),
    ("Police in Kosovo clashed with local Serbs outside the municipal building.", ("KSVCOP", "175", "KSVCVL"),
     ("KSVCVL", "145", "KSVCOP")),
    ("Sudanese troops clashed with the Rapid Support Forces in Omdurman.", ("SDNMIL", "190", "SDNREB"),
     ("SDNREB", "190", "SDNMIL")),
])
def test_a_clash_with_someone_goes_both_ways_coded_by_who_fights(code, text, forward, back):
    events = code(text)
    assert has(events, *forward) and has(events, *back), show(events)


def test_the_last_item_of_a_list_parsed_as_a_second_object_stays_in_the_list(code):
    events = code("Fidan also held separate closed-door meetings with Moroccan Foreign Minister Nasser Bourita, US "
                  "Secretary of State Antony Blinken, and his Norwegian counterpart Espen Eide.")
    assert {e.target.country for e in events if e.cameo_root == "04"} == {"MAR", "USA", "NOR"}, show(events)


def test_a_list_item_the_parser_hangs_on_the_verb_is_found_with_its_list():
    # the parse the model gives some such sentences: "counterpart" a second object of "held", the "and" on
    # the list's second item
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    from detente.pipeline.targets import _list_before
    words = ["Fidan", "held", "meetings", "with", "Bourita", ",", "Blinken", ",", "and", "his", "counterpart", "."]
    heads = [1, 1, 1, 2, 3, 4, 4, 6, 6, 10, 1, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "conj", "punct", "cc", "poss", "dobj", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    assert _list_before(doc[10]).text == "Bourita"
    assert _list_before(doc[4]) is None


def test_an_act_on_a_place_beside_the_same_act_on_a_group_there_is_one_act(code):
    events = code("Israeli fighter jets targeted a Hezbollah weapons depot and hit military infrastructure in the town "
                  "of Aitaroun.")
    assert [(e.source.code, e.target.code) for e in events if e.cameo_root == "19"] == [("ISRMIL", "LBNREB")], \
        show(events)


@pytest.mark.parametrize("text, expected", [
    ("Ukraine supports all efforts to stop the killings.", None),
    ("Ukraine supports American proposals.", ("UKR", "051", "USA")),
])
def test_endorsing_what_is_no_ones_endorses_no_one(code, text, expected):
    events = [e for e in code(text) if e.cameo_root == "05"]
    assert (has(events, *expected) if expected else not events), show(events)


def test_a_rebel_group_and_its_state_agreeing_are_two_sides(code):
    events = code("Colombia and the ELN guerrilla group have agreed to a six-month ceasefire in Havana.")
    assert has(events, "COL", "0871", "COLREB") and has(events, "COLREB", "0871", "COL"), show(events)


def test_aid_thanked_for_is_coded_as_aid(code):
    events = code("Kamikawa thanked the South Korean government for its provision of humanitarian assistance to Japan.")
    assert has(events, "KORGOV", "073", "*"), show(events)


def test_a_main_verb_joined_to_a_reported_clause_keeps_the_main_subject(code):
    events = code("South Korean Foreign Minister Cho Tae-yul held a phone call with his Japanese counterpart, Yoko "
                  "Kamikawa, on Tuesday. They assessed that ties have normalized and agreed on the importance of "
                  "continuing cooperation.")
    assert has(events, "KOR*", "03*", "JPN*") and has(events, "JPN*", "03*", "KOR*"), show(events)


def test_a_general_material_act_beside_a_specific_one_between_the_same_sides_is_one_act(code):
    events = code("Germany handed over to Ukraine a Patriot air defense system to help protect its skies.")
    assert [e.cameo for e in events] == ["072"], show(events)
    events = code("Erdogan has made similar threats against the YPG and on Friday gave the YPG a final warning.")
    assert {e.cameo for e in events} >= {"130", "139"}, show(events)


def test_a_discussion_after_a_call_between_the_same_sides_is_the_calls(code):
    events = code("Chilean President Gabriel Boric spoke by phone with Argentine President Javier Milei on Friday. "
                  "In a note about the call, Boric said the two leaders discussed trade.")
    assert [e.cameo_root for e in events] == ["04"], show(events)
    assert len(code("Boric and Milei discussed trade on Friday.")) == 2


@pytest.mark.parametrize("text, expected", [
    ("Mozambican opposition leader Venancio Mondlane confirmed the killings in Maputo, prompting a police "
     "investigation.", ("MOZCOP", "090", None)),
    ("A Saudi businessman said his plant was damaged in a missile attack in August.", None),
])
def test_a_force_named_by_a_compound_owns_the_act(code, text, expected):
    events = code(text)
    if expected:
        assert has(events, *expected), show(events)
    else:
        assert not [e for e in events if e.source and e.source.sector == "MIL"], show(events)
