"""The rows a diff view shows: a text diff laid out side by side or unified.

Plain data, no Qt: the panes paint these rows. Side by side, both panes get the same number of
rows, so their lines stay level: a line of one side with no counterpart faces a filler row, and
inside a changed chunk the line pairs of the word-level diff face each other. Unified, the whole
text is shown once, each changed chunk as its removed lines ("-") then its added lines ("+").

Each row knows its state (equal, removed, added, filler), its source line on each side (0-based,
None where it has none), its word highlights (code-point ranges of ``text``) and the index of its
change in ``TextDiff.changes`` (-1 outside a counted change).

Both layouts take ``cancel``, a ``CancelToken`` checked before each chunk (``Cancelled`` once it
is set).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import zip_longest

from persona_studio.core.diff import EQUAL, DiffChunk, TextDiff, line_content
from persona_studio.core.jobs import CancelToken, checker

__all__ = [
    "ADDED",
    "EQUAL_ROW",
    "FILLER",
    "REMOVED",
    "Block",
    "Layout",
    "Row",
    "side_by_side",
    "unified",
]

EQUAL_ROW = "equal"
REMOVED = "removed"
ADDED = "added"
FILLER = "filler"


@dataclass(frozen=True, slots=True)
class Row:
    state: str
    text: str
    line_a: int | None = None
    line_b: int | None = None
    spans: tuple[tuple[int, int], ...] = ()
    change: int = -1


@dataclass(frozen=True, slots=True)
class Block:
    """The rows ``[first, last)`` of one counted change, and its chunk."""

    index: int
    chunk: DiffChunk
    first: int
    last: int


@dataclass(frozen=True)
class Layout:
    """The rows of each pane (one pane when unified) and where each change and line sits."""

    panes: tuple[tuple[Row, ...], ...]
    blocks: tuple[Block, ...]
    row_of_a: dict[int, int] = field(default_factory=dict, repr=False)
    row_of_b: dict[int, int] = field(default_factory=dict, repr=False)

    @property
    def row_count(self) -> int:
        return len(self.panes[0]) if self.panes else 0

    def row_of(self, side: str, line: int) -> int | None:
        """The row showing a 0-based line of side "a" or "b"."""
        return (self.row_of_a if side == "a" else self.row_of_b).get(line)

    def block_at(self, row: int) -> Block | None:
        """The change whose rows hold ``row``."""
        for block in self.blocks:
            if block.first <= row < block.last:
                return block
        return None


def _change_indexes(diff: TextDiff) -> dict[DiffChunk, int]:
    return {chunk: index for index, chunk in enumerate(diff.changes)}


def _pairs(diff: TextDiff, chunk: DiffChunk) -> list[tuple[int, int]]:
    found = []
    for i in range(chunk.start_a, chunk.end_a):
        pair = diff.pair_of_a(i)
        if pair is not None and chunk.start_b <= pair.line_b < chunk.end_b:
            found.append((i, pair.line_b))
    return found


def side_by_side(diff: TextDiff, *, cancel: CancelToken | None = None) -> Layout:
    """Two panes of equal length: A on the left, B on the right."""
    check = checker(cancel)
    left: list[Row] = []
    right: list[Row] = []
    row_of_a: dict[int, int] = {}
    row_of_b: dict[int, int] = {}
    blocks: list[Block] = []
    indexes = _change_indexes(diff)

    def put(i: int | None, j: int | None, change: int, paired: bool) -> None:
        row = len(left)
        if i is not None:
            row_of_a[i] = row
        if j is not None:
            row_of_b[j] = row
        pair = diff.pair_of_a(i) if paired and i is not None else None
        if i is None:
            left.append(Row(FILLER, "", None, j, (), change))
        else:
            spans = pair.spans_a if pair is not None else ()
            left.append(Row(REMOVED, line_content(diff.a_lines[i]), i, j, spans, change))
        if j is None:
            right.append(Row(FILLER, "", i, None, (), change))
        else:
            spans = pair.spans_b if pair is not None else ()
            right.append(Row(ADDED, line_content(diff.b_lines[j]), i, j, spans, change))

    for chunk in diff.chunks:
        check()
        if chunk.tag == EQUAL:
            for k in range(chunk.end_a - chunk.start_a):
                i, j = chunk.start_a + k, chunk.start_b + k
                row_of_a[i] = row_of_b[j] = len(left)
                left.append(Row(EQUAL_ROW, line_content(diff.a_lines[i]), i, j))
                right.append(Row(EQUAL_ROW, line_content(diff.b_lines[j]), i, j))
            continue
        change = indexes.get(chunk, -1)
        first = len(left)
        next_a, next_b = chunk.start_a, chunk.start_b
        for i, j in [*_pairs(diff, chunk), (chunk.end_a, chunk.end_b)]:
            for a, b in zip_longest(range(next_a, i), range(next_b, j)):
                put(a, b, change, paired=False)
            if i < chunk.end_a:
                put(i, j, change, paired=True)
            next_a, next_b = i + 1, j + 1
        if change >= 0:
            blocks.append(Block(change, chunk, first, len(left)))
    return Layout((tuple(left), tuple(right)), tuple(blocks), row_of_a, row_of_b)


def unified(diff: TextDiff, *, cancel: CancelToken | None = None) -> Layout:
    """One pane: every line once, prefixed " ", "-" or "+"; word highlights shift with it."""
    check = checker(cancel)
    rows: list[Row] = []
    row_of_a: dict[int, int] = {}
    row_of_b: dict[int, int] = {}
    blocks: list[Block] = []
    indexes = _change_indexes(diff)
    for chunk in diff.chunks:
        check()
        if chunk.tag == EQUAL:
            for k in range(chunk.end_a - chunk.start_a):
                i, j = chunk.start_a + k, chunk.start_b + k
                row_of_a[i] = row_of_b[j] = len(rows)
                rows.append(Row(EQUAL_ROW, " " + line_content(diff.a_lines[i]), i, j))
            continue
        change = indexes.get(chunk, -1)
        first = len(rows)
        for i in range(chunk.start_a, chunk.end_a):
            pair = diff.pair_of_a(i)
            spans = _shift(pair.spans_a) if pair is not None else ()
            row_of_a[i] = len(rows)
            rows.append(Row(REMOVED, "-" + line_content(diff.a_lines[i]), i, None, spans, change))
        for j in range(chunk.start_b, chunk.end_b):
            pair = diff.pair_of_b(j)
            spans = _shift(pair.spans_b) if pair is not None else ()
            row_of_b[j] = len(rows)
            rows.append(Row(ADDED, "+" + line_content(diff.b_lines[j]), None, j, spans, change))
        if change >= 0:
            blocks.append(Block(change, chunk, first, len(rows)))
    return Layout((tuple(rows),), tuple(blocks), row_of_a, row_of_b)


def _shift(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    return tuple((start + 1, end + 1) for start, end in spans)
