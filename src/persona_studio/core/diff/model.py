"""The plain data a diff is made of: chunks (difflib's opcodes), the options, changed line pairs
with their word-level chunks, and unified hunks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

EQUAL = "equal"

REPLACE = "replace"

DELETE = "delete"

INSERT = "insert"


class DiffChunk(NamedTuple):
    """One difflib opcode: ``a[start_a:end_a]`` is ``tag`` to ``b[start_b:end_b]``."""

    tag: str
    start_a: int
    end_a: int
    start_b: int
    end_b: int


@dataclass(frozen=True, slots=True)
class DiffOptions:
    ignore_whitespace: bool = False
    ignore_blank_lines: bool = False
    ignore_case: bool = False


@dataclass(frozen=True, slots=True)
class LinePair:
    """A changed line of A paired with a changed line of B, and their word-level chunks.

    ``text_a`` and ``text_b`` are the lines without line breaks; ``chunks`` cover both in
    character offsets. With the options that ignore case or whitespace, an ``equal`` chunk may
    differ in length on the two sides.
    """

    line_a: int
    line_b: int
    text_a: str
    text_b: str
    chunks: tuple[DiffChunk, ...]

    @property
    def spans_a(self) -> tuple[tuple[int, int], ...]:
        """The changed character ranges of line A: what a viewer marks as removed."""
        return _highlights(self.chunks, self.text_a, "a")

    @property
    def spans_b(self) -> tuple[tuple[int, int], ...]:
        """The changed character ranges of line B: what a viewer marks as added."""
        return _highlights(self.chunks, self.text_b, "b")


def _highlights(
    chunks: Sequence[DiffChunk], text: str, side: Literal["a", "b"]
) -> tuple[tuple[int, int], ...]:
    """The changed ranges of one side: whitespace trimmed off their ends, and ranges with only
    whitespace between them joined."""
    spans: list[tuple[int, int]] = []
    for chunk in chunks:
        start, end = (chunk.start_a, chunk.end_a) if side == "a" else (chunk.start_b, chunk.end_b)
        if chunk.tag == EQUAL or start == end:
            continue
        piece = text[start:end]
        if piece.strip():
            start += len(piece) - len(piece.lstrip())
            end -= len(piece) - len(piece.rstrip())
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return tuple(spans)


@dataclass(frozen=True, slots=True)
class HunkLine:
    """One line of a unified hunk: kind " " (context), "-" (from A) or "+" (from B).

    ``text`` has no line break; ``no_newline`` is True for a last line without one.
    ``highlights`` are the word-level changed ranges of ``text`` (empty when the whole line
    changed or word-level work was skipped).
    """

    kind: str
    a_index: int | None
    b_index: int | None
    text: str
    no_newline: bool = False
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Hunk:
    """A group of changes with context; starts are 0-based line indexes."""

    a_start: int
    a_count: int
    b_start: int
    b_count: int
    lines: tuple[HunkLine, ...]

    @property
    def header(self) -> str:
        return f"@@ -{_range(self.a_start, self.a_count)} +{_range(self.b_start, self.b_count)} @@"


def _range(start: int, count: int) -> str:
    # The unified format: 1-based start; an empty range names the line before it.
    first = start + 1 if count else start
    return str(first) if count == 1 else f"{first},{count}"
