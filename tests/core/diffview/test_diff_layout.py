"""What the diff window shows, without the window: the rows of both layouts keep every line of
each side in order, side by side keeps the panes level, and copying a change removes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from persona_studio.core.diff import diff_texts, line_content
from persona_studio.core.diffview.copy_change import change_edit
from persona_studio.core.diffview.layout import ADDED, FILLER, REMOVED, side_by_side, unified

LINES = st.lists(st.sampled_from(["alpha", "beta", "gamma delta", "", "- item", "# Title"]))
TEXTS = LINES.map(lambda lines: "".join(line + "\n" for line in lines))


def shown(rows, side: str) -> list[int]:
    return [row.line_a if side == "a" else row.line_b for row in rows if row.state != FILLER]


@given(TEXTS, TEXTS)
@settings(max_examples=150, deadline=None)
def test_side_by_side_keeps_both_sides_whole_and_level(a: str, b: str) -> None:
    diff = diff_texts(a, b)
    layout = side_by_side(diff)
    left, right = layout.panes
    assert len(left) == len(right) == layout.row_count
    assert shown(left, "a") == list(range(len(diff.a_lines)))
    assert shown(right, "b") == list(range(len(diff.b_lines)))
    assert [r.text for r in left if r.state != FILLER] == [line_content(x) for x in diff.a_lines]
    for index, block in enumerate(layout.blocks):
        assert block.index == index and block.first < block.last
        assert {left[row].change for row in range(block.first, block.last)} == {index}
    for line in range(len(diff.a_lines)):
        assert left[layout.row_of("a", line)].line_a == line


@given(TEXTS, TEXTS)
@settings(max_examples=150, deadline=None)
def test_unified_shows_each_line_once_with_its_sign(a: str, b: str) -> None:
    diff = diff_texts(a, b)
    [rows] = unified(diff).panes
    assert [r.line_a for r in rows if r.state != ADDED] == list(range(len(diff.a_lines)))
    assert [r.line_b for r in rows if r.state != REMOVED] == list(range(len(diff.b_lines)))
    signs = {REMOVED: "-", ADDED: "+"}
    assert all(r.text[0] == signs.get(r.state, " ") for r in rows)


@given(TEXTS, TEXTS, st.sampled_from(["a", "b"]))
@settings(max_examples=150, deadline=None)
def test_copying_a_change_makes_that_part_of_the_side_equal(a: str, b: str, into: str) -> None:
    diff = diff_texts(a, b)
    for chunk in diff.changes:
        edit = change_edit(diff, chunk, into)
        if into == "b":
            expected = diff.b_lines[: chunk.start_b] + diff.a_lines[chunk.start_a : chunk.end_a]
            expected += diff.b_lines[chunk.end_b :]
            assert edit.apply(b) == "".join(expected)
        else:
            expected = diff.a_lines[: chunk.start_a] + diff.b_lines[chunk.start_b : chunk.end_b]
            expected += diff.a_lines[chunk.end_a :]
            assert edit.apply(a) == "".join(expected)


def test_copying_into_a_side_that_is_not_a_or_b_is_refused() -> None:
    diff = diff_texts("a\n", "b\n")
    with pytest.raises(ValueError, match="'c'"):
        change_edit(diff, diff.changes[0], "c")
