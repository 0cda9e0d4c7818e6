"""Scoring against sentence-level news gold, on records and events written for these tests."""
from __future__ import annotations

from detente.evaluate_news import (NewsGold, actor_key, is_news_gold, match_level, render_news_report,
                                   same_sentence, score_news)


def event(doc, sentence, source, cameo, target=None, speaker=None, country=None):
    return {"doc_id": doc, "sentence": sentence, "cameo": cameo,
            "source": {"code": source, "country": country} if source else None,
            "target": {"code": target, "country": None} if target else None,
            "attribution": {"speaker": {"code": speaker}} if speaker else None, "trigger": {"text": "x"}}


S1 = "Chile criticized Peru on Monday, the ministry said."
S2 = "\u201cWe will respond,\u201d the minister said."


def test_sentences_match_across_quotes_spaces_and_cuts():
    assert same_sentence(S2, '"We will   respond," the minister said.')
    assert same_sentence("Chile criticized Peru on Monday", S1)  # a cut sentence is inside the full one
    assert not same_sentence("Peru praised Chile.", S1)
    assert not same_sentence("", S1)


def test_actor_keys():
    assert actor_key("IGOEUR") == "EUR" and actor_key("IGO") == "IGO" and actor_key("NGOAMN") == "NGO"
    assert actor_key("RUSGOV") == "RUS" and actor_key(None) is None


def test_levels():
    g = NewsGold("d", S1, "CHLGOV", "PERGOV", "111")
    assert match_level(event("d", S1, "CHL", "112", "PER"), g) == 0  # same root, actors by country
    assert match_level(event("d", S1, "CHL", "111", "BOL"), g) == 1
    assert match_level(event("d", S1, "ARG", "111", "PER"), g) == 2
    assert match_level(event("d", S1, "GOV", "111", "PER", country="CHL"), g) == 0  # a filled country counts
    assert match_level(event("d", S1, "CHL", "110", "PER"), g) == 0
    assert match_level(event("d", S1, "CHL", "120", "PER"), g) is None
    assert match_level(event("d", S1, "IGOUNO", "111"), NewsGold("d", S1, "IGO", None, "111")) == 0
    assert match_level(event("d", S1, "CHL", "057"), NewsGold("d", S1, "CHL", None, "050")) == 0  # no gold target


def test_pairing_is_one_to_one_strictest_first():
    gold = [NewsGold("d", S1, "CHL", "PER", "111"), NewsGold("d", S1, "CHL", "BOL", "111")]
    events = [event("d", S1, "CHL", "111", "BOL"), event("d", S1, "CHL", "111", "PER")]
    result = score_news(gold, events)
    assert result["recall_triple"] == 1.0 and result["precision_triple"] == 1.0
    # one event cannot serve two records: the second record is missed
    result = score_news(gold, events[:1])
    assert result["recall_triple"] == 0.5 and result["recall_source"] == 0.5
    assert result["reports"]["d"]["missed"][0]["gold"] == "CHL 111 PER"


def test_events_of_other_reports_are_not_scored_and_claims_are_compared():
    gold = [NewsGold("d", S1, "CHL", "PER", "111", claimed_by="CHLGOV"), NewsGold("d", S2, "CHL", None, "130")]
    events = [event("d", S1, "CHL", "111", "PER", speaker="CHLGOV"), event("d", S2, "CHL", "138", speaker="CHL"),
              event("elsewhere", S1, "CHL", "111", "PER")]
    result = score_news(gold, events)
    assert result["events"] == 2 and result["precision_triple"] == 1.0
    assert result["claimed_agreement"] == 0.5  # the threat is not a claim in the gold, but has a speaker
    text = render_news_report(result)
    assert "triple    precision 1.0000  recall 1.0000  F1 1.0000" in text


def test_format_detection():
    assert is_news_gold([{"doc": "a", "sentence": "b", "cameo": "111"}])
    assert not is_news_gold([{"id": "x", "text": "y", "event": "AGREE"}])
    assert not is_news_gold([])
