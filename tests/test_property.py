"""detente.code never raises on arbitrary Unicode."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = st.sampled_from(["Russia", "criticized", "Türkiye", "for", "supplying", "weapons", "to", "Ukraine",
                         "not", "will", "agree", "and", "the", "it", "he", "was", "by", ",", ".", "'s",
                         "offered", "to", "mediate", "urged", "Kiev", "Lavrov", "\u200b", "“", "”"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_unicode(coder, text):
    events = coder.code_text(text)
    assert isinstance(events, list)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_word_salad(coder, text):
    for e in coder.code_text(text):
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
