"""Copying one change of a diff into one of its sides, as a core edit.

Plain Python, no Qt. The edit replaces the lines of the change on the receiving side with the
other side's lines of that change, so that after it the change is gone; offsets are code points
into the receiving side's text, as ``DocumentSession.apply_edit`` expects. Text copied into an
open document gets "\\n" line breaks, as the editor holds them.
"""

from __future__ import annotations

from itertools import accumulate

from persona_studio.core.diff import DiffChunk, TextDiff
from persona_studio.core.edits import Edit

__all__ = ["change_edit"]


def _model_text(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def change_edit(diff: TextDiff, chunk: DiffChunk, into: str, label: str = "Copy change") -> Edit:
    """The edit that makes side ``into`` ("a" or "b") equal to the other side in ``chunk``."""
    if into == "b":
        lines, other = diff.b_lines, diff.a_lines
        start, end, other_start, other_end = chunk.start_b, chunk.end_b, chunk.start_a, chunk.end_a
    elif into == "a":
        lines, other = diff.a_lines, diff.b_lines
        start, end, other_start, other_end = chunk.start_a, chunk.end_a, chunk.start_b, chunk.end_b
    else:
        raise ValueError(f"a side is 'a' or 'b', not {into!r}")
    offsets = [0, *accumulate(len(line) for line in lines)]
    text = _model_text("".join(other[other_start:other_end]))
    return Edit(offsets[start], offsets[end], text, label)
