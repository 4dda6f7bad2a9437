"""Offsets into a text, and their 1-based line and column."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

NEWLINE_RE = re.compile(r"\r\n|\r|\n")
_LINE_FEED = re.compile("\n")


class Span(NamedTuple):
    """A half-open range `[start, end)` of character offsets, with 1-based line and column.

    A named tuple rather than a frozen dataclass: a document has tens of thousands of spans, and
    a tuple is several times cheaper to make."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end or self.start == offset == self.end

    def to_dict(self) -> dict[str, int]:
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


_new_tuple = tuple.__new__


class LineIndex:
    """Maps offsets to (line, column) and back. A line break is \\r\\n, \\r or \\n.

    A byte order mark at the start of the text is invisible in an editor, so it takes no column:
    the first character after it is line 1, column 1 (and `line_start(1)` is the offset after it).
    """

    __slots__ = ("_length", "_starts")

    def __init__(self, text: str) -> None:
        first = 1 if text.startswith("\ufeff") else 0
        if "\r" in text:
            self._starts = [first]
            self._starts.extend(match.end() for match in NEWLINE_RE.finditer(text))
        else:  # \n alone: found by one literal search (faster than splitting the text)
            self._starts = [first, *[match.end() for match in _LINE_FEED.finditer(text)]]
        self._length = len(text)

    @property
    def line_starts(self) -> list[int]:
        """The offset of each line's first character, in order (read it, never change it)."""
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self._starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._length))
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return index + 1, max(1, offset - self._starts[index] + 1)

    def span(self, start: int, end: int) -> Span:
        """``position`` of both ends; the line of the start is searched for, and that of the end
        only when it is not on the same line (most spans are on one line)."""
        starts = self._starts
        length = self._length
        first = 0 if start < 0 else length if start > length else start
        index = bisect.bisect_right(starts, first) - 1
        if index < 0:
            index = 0
        last = 0 if end < 0 else length if end > length else end
        end_index = index
        if last < starts[index] or (index + 1 < len(starts) and last >= starts[index + 1]):
            end_index = bisect.bisect_right(starts, last) - 1
            if end_index < 0:
                end_index = 0
        column = first - starts[index] + 1
        end_column = last - starts[end_index] + 1
        return _new_tuple(  # Span(...) without the named tuple's keyword-taking constructor
            Span,
            (
                start,
                end,
                index + 1,
                column if column > 1 else 1,
                end_index + 1,
                end_column if end_column > 1 else 1,
            ),
        )

    def span_near(self, start: int, end: int, start_line: int, end_line: int) -> Span:
        """`span` for callers that know (or can guess) the 0-based lines of `start` and `end`:
        a right guess skips the search, a wrong one costs the search."""
        starts = self._starts
        first = self._line_index(start, start_line)
        last = self._line_index(end, end_line)
        return _new_tuple(
            Span,
            (
                start,
                end,
                first + 1,
                max(1, start - starts[first] + 1),
                last + 1,
                max(1, end - starts[last] + 1),
            ),
        )

    def _line_index(self, offset: int, guess: int) -> int:
        starts = self._starts
        if (
            0 <= guess < len(starts)
            and starts[guess] <= offset
            and (guess + 1 == len(starts) or offset < starts[guess + 1])
            and 0 <= offset <= self._length
        ):
            return guess
        return self.position(offset)[0] - 1
