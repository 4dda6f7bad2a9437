"""The Source view's underlines: each diagnostic with the extra selection that underlines its
span (a wavy line in its severity's colour). The selections' cursors follow the text as the user
types, so the marks stay on their characters until the next lint replaces them. Positions here
are Qt's (UTF-16); the editor turns them into code-point offsets."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from persona_studio.core.lint import Diagnostic, Severity


@dataclass
class Mark:
    """One diagnostic and the extra selection that underlines it (its cursor follows edits)."""

    diagnostic: Diagnostic
    selection: QTextEdit.ExtraSelection

    @property
    def start(self) -> int:
        return self.selection.cursor.selectionStart()

    @property
    def end(self) -> int:
        return self.selection.cursor.selectionEnd()

    def covers(self, position: int) -> bool:
        start, end = self.start, self.end
        return start <= position < end or start == position == end


def marks_match(marks: list[Mark], ranges: list[tuple[Diagnostic, int, int]]) -> bool:
    """The underlines shown are these: same places, same severities."""
    return len(ranges) == len(marks) and all(
        mark.start == start and mark.end == end and mark.diagnostic.severity == diagnostic.severity
        for mark, (diagnostic, start, end) in zip(marks, ranges, strict=True)
    )


def widen(document: QTextDocument, position: int) -> tuple[int, int]:
    """An empty span at `position` as the character after it (before it at a line's end), so
    its underline shows; on an empty line it stays empty."""
    block = document.findBlock(position)
    block_end = block.position() + block.length() - 1
    if position < block_end:
        cursor = QTextCursor(block)
        cursor.setPosition(position)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        return position, cursor.position()
    if position > block.position():
        cursor = QTextCursor(block)
        cursor.setPosition(position)
        cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
        return cursor.position(), position
    return position, position


def worst_by_line(document: QTextDocument, marks: list[Mark]) -> dict[int, Severity]:
    """Block number -> the worst severity of the marks that start on it."""
    worst: dict[int, Severity] = {}
    for mark in marks:
        number = document.findBlock(mark.start).blockNumber()
        severity = mark.diagnostic.severity
        if severity > worst.get(number, 0):
            worst[number] = severity
    return worst
