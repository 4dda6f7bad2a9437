"""The status bar's word count: the per-line counter agrees with counting the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from persona_studio.core.text.stats import WordCounter, approximate_tokens, word_count

PIECES = st.sampled_from([*"ab c-'’\t\r\u00e9\u2028", "don't", "x1", "well-known"])
LINES = st.lists(st.lists(PIECES, max_size=12).map("".join), max_size=8)


def test_words_and_tokens_of_a_small_text():
    assert word_count("Don't panic: re-read the well-known docs.\n- twice") == 7
    assert approximate_tokens("12345678") == 2


@given(st.lists(LINES, min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_the_counter_agrees_with_a_full_count_through_any_edits(versions):
    counter = WordCounter()
    for lines in versions:  # the same counter over successive versions of a text
        text = "\n".join(lines)
        assert counter.count(text) == word_count(text)


def test_the_counter_forgets_lines_that_are_gone():
    counter = WordCounter()
    counter.count("one two\nthree")
    assert counter.count("four") == 1
    assert counter.count("one two\nthree") == 3
