"""The figures of a text diff: the numbers a summary shows.

``figures(text_diff)`` gives the similarity (0 to 1) and the lines, words and approximate tokens
(characters / 4, rounded up) added and removed. It takes ``cancel``, a ``CancelToken`` checked
before each chunk; ``Cancelled`` is raised once it is set.

Standard library and core only; never Qt.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from persona_studio.core.diff import EQUAL, REPLACE, TextDiff, line_content
from persona_studio.core.jobs import CancelToken, checker

__all__ = ["Figures", "figures"]

_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Figures:
    """Numbers for a summary of a text diff. Tokens are approximate: characters / 4."""

    similarity: float
    lines_added: int
    lines_removed: int
    words_added: int
    words_removed: int
    chars_added: int
    chars_removed: int

    @property
    def tokens_added(self) -> int:
        return math.ceil(self.chars_added / 4)

    @property
    def tokens_removed(self) -> int:
        return math.ceil(self.chars_removed / 4)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lines_added": self.lines_added,
            "lines_removed": self.lines_removed,
            "words_added": self.words_added,
            "words_removed": self.words_removed,
            "tokens_added": self.tokens_added,
            "tokens_removed": self.tokens_removed,
            "chars_added": self.chars_added,
            "chars_removed": self.chars_removed,
        }


def figures(diff: TextDiff, *, cancel: CancelToken | None = None) -> Figures:
    """Similarity and counts of a text diff.

    Lines added and removed are the lines of the counted changes (a changed line counts once on
    each side). A word is a run of letters, digits or underscores. Words and characters are
    counted in the changed parts of paired lines (the words that differ), and in whole lines
    otherwise; line breaks and whitespace at the ends of a part are not counted. Similarity is
    the share of characters, on both sides together, outside the changes: 1.0 for equal texts
    only, 0.0 for texts with nothing in common.
    """
    lines_added = lines_removed = 0
    words_added = words_removed = 0
    chars_added = chars_removed = 0
    check = checker(cancel)
    for chunk in diff.changes:
        check()
        lines_removed += chunk.end_a - chunk.start_a
        lines_added += chunk.end_b - chunk.start_b
        for i in range(chunk.start_a, chunk.end_a):
            pair = diff.pair_of_a(i)
            words, chars = _changed_part(
                line_content(diff.a_lines[i]) if pair is None else pair.text_a,
                None if pair is None else _side(pair.chunks, 1),
            )
            words_removed += words
            chars_removed += chars
        for j in range(chunk.start_b, chunk.end_b):
            pair = diff.pair_of_b(j)
            words, chars = _changed_part(
                line_content(diff.b_lines[j]) if pair is None else pair.text_b,
                None if pair is None else _side(pair.chunks, 3),
            )
            words_added += words
            chars_added += chars
    total = sum(map(len, diff.a_lines)) + sum(map(len, diff.b_lines))
    changed_raw = _changed_raw(diff)
    if diff.equal or total == 0:
        similarity = 1.0
    else:  # texts that differ are never 1.0, even when only line breaks differ
        similarity = min(max(0.0, (total - changed_raw) / total), 1.0 - 1.0 / total)
    return Figures(
        similarity=similarity,
        lines_added=lines_added,
        lines_removed=lines_removed,
        words_added=words_added,
        words_removed=words_removed,
        chars_added=chars_added,
        chars_removed=chars_removed,
    )


def _side(chunks: Iterable[Any], side: int) -> list[tuple[int, int]]:
    return [
        (chunk[side], chunk[side + 1])
        for chunk in chunks
        if chunk.tag != EQUAL and chunk[side] < chunk[side + 1]
    ]


def _changed_part(text: str, ranges: list[tuple[int, int]] | None) -> tuple[int, int]:
    """Words and characters (whitespace at the ends of each range left out) in the changed
    ranges of a line, or in the whole line when ``ranges`` is None."""
    if ranges is None:
        return len(_WORD_RE.findall(text)), len(text.strip())
    words = chars = 0
    for start, end in ranges:
        piece = text[start:end]
        words += len(_WORD_RE.findall(piece))
        chars += len(piece.strip())
    return words, chars


def _changed_raw(diff: TextDiff) -> int:
    """Characters, on both sides, inside counted changes (line breaks included)."""
    changed = 0
    for chunk in diff.changes:
        for i in range(chunk.start_a, chunk.end_a):
            pair = diff.pair_of_a(i) if chunk.tag == REPLACE else None
            if pair is None:
                changed += len(diff.a_lines[i])
            else:
                changed += sum(end - start for start, end in _side(pair.chunks, 1))
        for j in range(chunk.start_b, chunk.end_b):
            pair = diff.pair_of_b(j) if chunk.tag == REPLACE else None
            if pair is None:
                changed += len(diff.b_lines[j])
            else:
                changed += sum(end - start for start, end in _side(pair.chunks, 3))
    return changed
