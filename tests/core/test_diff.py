"""The text diff: difflib-compatible line chunks, word spans inside changed pairs, the options,
the size limit and the unified form."""

from __future__ import annotations

import difflib
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from _shared import SEED, shared_path
from persona_studio.core.diff import (
    MAX_WORD_DIFF_LINE,
    DiffChunk,
    DiffOptions,
    diff_lines,
    diff_texts,
    diff_words,
    line_content,
    match_sequences,
    split_lines,
    unified_diff,
)
from persona_studio.core.diff import matcher as diff_matcher


def corpus_text(name: str) -> str:
    """A file of ../shared/corpus (the test skips, or fails under CI=true, without it)."""
    __tracebackhide__ = True
    return shared_path("corpus", name).read_text(encoding="utf-8")


def check_cover(chunks: list[DiffChunk], a: list, b: list) -> None:
    """The chunks cover both sequences in order, and equal chunks are equal."""
    i = j = 0
    previous = None
    for chunk in chunks:
        assert isinstance(chunk, DiffChunk)
        assert (chunk.start_a, chunk.start_b) == (i, j)
        assert chunk.tag in ("equal", "replace", "delete", "insert")
        if chunk.tag == "equal":
            assert a[chunk.start_a : chunk.end_a] == b[chunk.start_b : chunk.end_b]
        elif chunk.tag == "delete":
            assert chunk.start_b == chunk.end_b and chunk.start_a < chunk.end_a
        elif chunk.tag == "insert":
            assert chunk.start_a == chunk.end_a and chunk.start_b < chunk.end_b
        else:
            assert chunk.start_a < chunk.end_a and chunk.start_b < chunk.end_b
        if previous is not None:
            assert not (previous.tag != "equal" and chunk.tag != "equal"), "unmerged changes"
        previous = chunk
        i, j = chunk.end_a, chunk.end_b
    assert (i, j) == (len(a), len(b))


# -- lines ------------------------------------------------------------------------------------


def test_split_lines_keeps_every_kind_of_line_break() -> None:
    assert split_lines("a\nb\r\nc\rd") == ["a\n", "b\r\n", "c\r", "d"]
    assert split_lines("a\n\nb\n") == ["a\n", "\n", "b\n"]
    assert split_lines("") == []
    assert split_lines("\n") == ["\n"]
    assert [line_content(line) for line in split_lines("a\r\nb\rc\n")] == ["a", "b", "c"]


def test_chunks_are_difflib_opcodes() -> None:
    a = ["one\n", "two\n", "three\n", "four\n"]
    b = ["zero\n", "one\n", "TWO\n", "three\n"]
    chunks = diff_lines(a, b)
    assert chunks == [
        DiffChunk("insert", 0, 0, 0, 1),
        DiffChunk("equal", 0, 1, 1, 2),
        DiffChunk("replace", 1, 2, 2, 3),
        DiffChunk("equal", 2, 3, 3, 4),
        DiffChunk("delete", 3, 4, 4, 4),
    ]
    assert chunks == [
        DiffChunk(*code) for code in difflib.SequenceMatcher(None, a, b).get_opcodes()
    ]
    assert chunks[0].tag == chunks[0][0] == "insert"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 6), max_size=40),
    st.lists(st.integers(0, 6), max_size=40),
)
def test_any_two_sequences_are_covered(a: list[int], b: list[int]) -> None:
    check_cover(match_sequences(a, b), a, b)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 4), max_size=40),
    st.lists(st.integers(0, 4), max_size=40),
)
def test_large_gaps_without_unique_lines_are_covered(a: list[int], b: list[int]) -> None:
    # Every gap without a unique line goes to the rare-anchor matcher, not to difflib.
    with patch.object(diff_matcher, "_MAX_FALLBACK", 0):
        check_cover(match_sequences(a, b), a, b)


def test_a_text_repeated_twice_still_aligns() -> None:
    block = [f"line {k}\n" for k in range(3000)]
    a = block + block
    b = list(a)
    b[10] = "changed\n"
    b[4000] = "changed too\n"
    result = diff_texts("".join(a), "".join(b))
    assert result.changes == (
        DiffChunk("replace", 10, 11, 10, 11),
        DiffChunk("replace", 4000, 4001, 4000, 4001),
    )


def test_moved_line_is_one_delete_and_one_insert() -> None:
    a = "".join(f"{word}\n" for word in ("alpha", "beta", "gamma", "delta", "epsilon"))
    b = "".join(f"{word}\n" for word in ("beta", "gamma", "delta", "alpha", "epsilon"))
    result = diff_texts(a, b)
    assert result.changes == (DiffChunk("delete", 0, 1, 0, 0), DiffChunk("insert", 4, 4, 3, 4))


def test_real_files_apply_back() -> None:
    a = corpus_text("azure-principal-architect.chatmode.md")
    b = corpus_text("azure-principal-architect.agent.md")
    result = diff_texts(a, b)
    check_cover(list(result.chunks), list(result.a_lines), list(result.b_lines))
    rebuilt = []
    for chunk in result.chunks:
        if chunk.tag == "equal":
            rebuilt += result.a_lines[chunk.start_a : chunk.end_a]
        else:
            rebuilt += result.b_lines[chunk.start_b : chunk.end_b]
    assert "".join(rebuilt) == b
    assert not result.equal
    assert diff_texts(a, a).equal
    count = len(result.a_lines)
    assert diff_texts(a, a).chunks == (DiffChunk("equal", 0, count, 0, count),)


# -- words ------------------------------------------------------------------------------------


def test_word_spans_inside_a_changed_pair() -> None:
    a = "## Decision Pattern\n- Reliability > features > convenience\n- Automation\n"
    b = "## Decision Pattern\n- Reliability > speed > convenience\n- Automation\n"
    result = diff_texts(a, b)
    assert result.changes == (DiffChunk("replace", 1, 2, 1, 2),)
    (pair,) = result.pairs
    assert (pair.line_a, pair.line_b) == (1, 1)
    assert pair.text_a == "- Reliability > features > convenience"
    assert pair.spans_a == ((16, 24),)
    assert pair.spans_b == ((16, 21),)
    assert pair.text_a[16:24] == "features"
    assert pair.text_b[16:21] == "speed"
    assert pair.chunks == (
        DiffChunk("equal", 0, 16, 0, 16),
        DiffChunk("replace", 16, 24, 16, 21),
        DiffChunk("equal", 24, 38, 21, 35),
    )


def test_neighbouring_changed_words_are_one_span() -> None:
    (pair,) = diff_texts("x\nfast and cheap now\n", "x\nslow or costly now\n").pairs
    assert pair.spans_a == ((0, 14),)
    assert pair.spans_b == ((0, 14),)


def test_inserted_and_deleted_words() -> None:
    (pair,) = diff_texts(
        "Design for failure (circuit breakers, retries)\n",
        "Design for partial failure (circuit breakers)\n",
    ).pairs
    assert [pair.text_b[s:e] for s, e in pair.spans_b] == ["partial"]
    assert [pair.text_a[s:e] for s, e in pair.spans_a] == [", retries"]


def test_diff_words_chunks_cover_both_lines() -> None:
    chunks = diff_words("a b c", "a x c d")
    assert chunks[0] == DiffChunk("equal", 0, 2, 0, 2)
    assert chunks[-1].end_a == 5 and chunks[-1].end_b == 7


def test_lines_of_a_replace_chunk_pair_with_the_similar_line() -> None:
    a = "top\n- Monitor everything (metrics, logs, traces)\nend\n"
    b = (
        "top\n- A brand new line\n- Monitor everything (metrics, logs and traces)\n"
        "- Another new one\nend\n"
    )
    result = diff_texts(a, b)
    assert result.changes == (DiffChunk("replace", 1, 2, 1, 4),)
    (pair,) = result.pairs
    assert (pair.line_a, pair.line_b) == (1, 2)
    assert [pair.text_b[s:e] for s, e in pair.spans_b] == ["and"]


def test_word_level_work_is_skipped_above_the_limit_with_a_note() -> None:
    a = "".join(f"line {k} old words\n" for k in range(50))
    b = "".join(f"line {k} new words\n" for k in range(50))
    full = diff_texts(a, b)
    assert len(full.pairs) == 50 and not full.notes
    limited = diff_texts(a, b, word_limit=100)
    assert limited.pairs == ()
    assert limited.changes == full.changes
    assert len(limited.notes) == 1
    assert "Word-level differences were skipped" in limited.notes[0]


def test_very_long_lines_get_no_word_diff() -> None:
    long_a = "word " * (MAX_WORD_DIFF_LINE // 5)
    long_b = "ward " * (MAX_WORD_DIFF_LINE // 5)
    result = diff_texts(f"x\n{long_a}\ny\nshort a\n", f"x\n{long_b}\ny\nshort b\n")
    assert [(pair.line_a, pair.line_b) for pair in result.pairs] == [(3, 3)]
    assert any("longer than" in note for note in result.notes)


# -- options ----------------------------------------------------------------------------------


def test_ignore_whitespace() -> None:
    a = "- Be  conservative with data\n\tindented\nend\n"
    b = "-  Be conservative with data   \n    indented\r\nend\n"
    assert not diff_texts(a, b).equal
    assert diff_texts(a, b, DiffOptions(ignore_whitespace=True)).equal
    changed = diff_texts(a, b.replace("data", "state"), DiffOptions(ignore_whitespace=True))
    (pair,) = changed.pairs
    assert [pair.text_b[s:e] for s, e in pair.spans_b] == ["state"]


def test_ignore_case() -> None:
    a = "## Core Belief\nReliability first.\n"
    b = "## core belief\nRELIABILITY first.\n"
    assert not diff_texts(a, b).equal
    assert diff_texts(a, b, DiffOptions(ignore_case=True)).equal
    words = diff_texts("Keep THIS word\n", "keep this Other\n", DiffOptions(ignore_case=True))
    (pair,) = words.pairs
    assert [pair.text_a[s:e] for s, e in pair.spans_a] == ["word"]


def test_ignore_blank_lines() -> None:
    a = "# T\n\n## A\n- one\n## B\n- two\n"
    b = "# T\n\n\n## A\n- one\n\n## B\n- two\n\n"
    plain = diff_texts(a, b)
    assert not plain.equal
    ignoring = diff_texts(a, b, DiffOptions(ignore_blank_lines=True))
    assert ignoring.equal
    assert ignoring.changes == ()
    # The chunks still cover both texts.
    check_cover(list(ignoring.chunks), list(ignoring.a_lines), list(ignoring.b_lines))
    assert list(unified_diff(ignoring)) == []
    # A real change next to blank ones still counts.
    changed = diff_texts(a, b.replace("- two", "- three"), DiffOptions(ignore_blank_lines=True))
    assert [c.tag for c in changed.changes] == ["replace"]


def test_line_breaks_count_unless_whitespace_is_ignored() -> None:
    assert not diff_texts("a\nb\n", "a\r\nb\r\n").equal
    assert diff_texts("a\nb\n", "a\r\nb\r\n", DiffOptions(ignore_whitespace=True)).equal


# -- unified ----------------------------------------------------------------------------------


def test_unified_diff_matches_difflib() -> None:
    a = [f"line {k}\n" for k in range(40)]
    b = list(a)
    b[5] = "changed 5\n"
    b[20:22] = []
    b.insert(30, "new\n")
    ours = list(unified_diff(diff_texts("".join(a), "".join(b)), "a/x.md", "b/x.md"))
    theirs = list(difflib.unified_diff(a, b, "a/x.md", "b/x.md", lineterm="\n"))
    assert ours == theirs


def test_unified_diff_context_and_missing_newline() -> None:
    result = diff_texts("a\nb\nc", "a\nb\nd")
    assert list(unified_diff(result, context=1)) == [
        "--- a\n",
        "+++ b\n",
        "@@ -2,2 +2,2 @@\n",
        " b\n",
        "-c\n",
        "\\ No newline at end of file\n",
        "+d\n",
        "\\ No newline at end of file\n",
    ]
    assert list(unified_diff(diff_texts("same\n", "same\n"))) == []


def test_hunk_lines_carry_word_highlights() -> None:
    result = diff_texts("keep\nold word here\nkeep\n", "keep\nnew word here\nkeep\n")
    (hunk,) = result.hunks()
    assert hunk.header == "@@ -1,3 +1,3 @@"
    kinds = [(line.kind, line.a_index, line.b_index, line.text) for line in hunk.lines]
    assert kinds == [
        (" ", 0, 0, "keep"),
        ("-", 1, None, "old word here"),
        ("+", None, 1, "new word here"),
        (" ", 2, 2, "keep"),
    ]
    assert hunk.lines[1].highlights == ((0, 3),)
    assert hunk.lines[2].highlights == ((0, 3),)


def test_seed_edit_round_trip() -> None:
    seed = SEED.read_text(encoding="utf-8")
    edited = seed.replace("Reliability > features", "Reliability > speed")
    result = diff_texts(seed, edited)
    assert len(result.changes) == 1
    (pair,) = result.pairs
    assert [pair.text_a[s:e] for s, e in pair.spans_a] == ["features"]
    assert [pair.text_b[s:e] for s, e in pair.spans_b] == ["speed"]
