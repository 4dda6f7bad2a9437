"""Find and Replace in the Source view: plain text or regular expression, match case."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

MAX_COUNTED = 10_000  # matches counted; more show as "10,000+ matches"


def _count_text(count: int) -> str:
    more = "+" if count >= MAX_COUNTED else ""
    return f"{count:,}{more} match{'' if count == 1 else 'es'}"


class FindBar(QWidget):
    """A bar below the editor. `set_editor` tells it which Source view to search."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor: QPlainTextEdit | None = None
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText("Find")
        self.find_edit.setAccessibleName("Find text")
        self.find_edit.setToolTip(
            "Text or regular expression to find (Enter: next, Shift+Enter: previous)"
        )
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText("Replace with")
        self.replace_edit.setAccessibleName("Replacement text")
        self.replace_edit.setToolTip("Replacement; with Regex, \\1 refers to a group")
        self.regex = QCheckBox("Regex", self)
        self.regex.setToolTip("Treat the search text as a regular expression")
        self.case = QCheckBox("Match case", self)
        self.case.setToolTip("Match upper and lower case exactly")
        self.status = QLabel(self)
        self.status.setAccessibleName("Find status")
        buttons = []
        for text, tip, slot in (
            ("Previous", "Find the previous match (Shift+F3)", self.find_previous),
            ("Next", "Find the next match (F3)", self.find_next),
            ("Replace", "Replace this match and find the next", self.replace_one),
            ("Replace All", "Replace every match (one undo step)", self.replace_all),
        ):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setAccessibleName(text)
            button.clicked.connect(slot)
            buttons.append(button)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Close the find bar (Esc)")
        close.setAccessibleName("Close find bar")
        close.clicked.connect(self.hide_bar)
        layout = QGridLayout(self)
        layout.addWidget(self.find_edit, 0, 0)
        layout.addWidget(buttons[0], 0, 1)
        layout.addWidget(buttons[1], 0, 2)
        layout.addWidget(self.regex, 0, 3)
        layout.addWidget(self.case, 0, 4)
        layout.addWidget(close, 0, 5)
        layout.addWidget(self.replace_edit, 1, 0)
        layout.addWidget(buttons[2], 1, 1)
        layout.addWidget(buttons[3], 1, 2)
        layout.addWidget(self.status, 1, 3, 1, 3)
        layout.setColumnStretch(0, 1)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(lambda _text: self.show_count())
        self.regex.toggled.connect(lambda _on: self.show_count())
        self.case.toggled.connect(lambda _on: self.show_count())
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide_bar)
        QShortcut(QKeySequence("Shift+Return"), self.find_edit, self.find_previous)

    def set_editor(self, editor: QPlainTextEdit | None) -> None:
        self._editor = editor
        if self.isVisible():
            self.show_count()

    def show_bar(self, replace: bool = False) -> None:
        self.setVisible(True)
        if self._editor is not None:
            selected = self._editor.textCursor().selectedText()
            if selected and "\u2029" not in selected:
                self.find_edit.setText(selected)
        (self.replace_edit if replace and self.find_edit.text() else self.find_edit).setFocus()
        self.find_edit.selectAll()
        self.show_count()

    def hide_bar(self) -> None:
        self.setVisible(False)
        if self._editor is not None:
            self._editor.setFocus()
        self.closed.emit()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _pattern(self) -> str | QRegularExpression | None:
        text = self.find_edit.text()
        if not text:
            return None
        if not self.regex.isChecked():
            return text
        options = QRegularExpression.PatternOption.NoPatternOption
        if not self.case.isChecked():
            options |= QRegularExpression.PatternOption.CaseInsensitiveOption
        expression = QRegularExpression(text, options)
        if not expression.isValid():
            self.status.setText(f"Invalid regular expression: {expression.errorString()}")
            return None
        return expression

    def _find(self, backward: bool) -> bool:
        editor = self._editor
        pattern = self._pattern()
        if editor is None or pattern is None:
            return False
        document = editor.document()
        flags = self._flags(backward)
        found = document.find(pattern, editor.textCursor(), flags)
        if found.isNull():  # wrap around
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(pattern, start, flags)
        if found.isNull():
            self.status.setText("No matches")
            return False
        editor.setTextCursor(found)
        editor.centerCursor()
        starts = self._match_starts()
        position = (
            starts.index(found.selectionStart()) + 1 if found.selectionStart() in starts else 0
        )
        total = _count_text(len(starts))
        self.status.setText(f"{position:,} of {total}" if position else total)
        return True

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def count_matches(self) -> int:
        return len(self._match_starts())

    def show_count(self) -> None:
        """Say how many matches the search text has (as it is typed), or that it has none."""
        if not self.find_edit.text():
            self.status.setText("")
            return
        if self._pattern() is None:  # an invalid expression: the status says why
            return
        count = len(self._match_starts())
        self.status.setText(_count_text(count) if count else "No matches")

    def _match_starts(self) -> list[int]:
        """Where each match starts (up to MAX_COUNTED of them)."""
        editor, pattern = self._editor, self._pattern()
        if editor is None or pattern is None:
            return []
        document = editor.document()
        cursor = QTextCursor(document)
        starts: list[int] = []
        while len(starts) < MAX_COUNTED:
            cursor = document.find(pattern, cursor, self._flags())
            if cursor.isNull() or not cursor.hasSelection():
                break
            starts.append(cursor.selectionStart())
        return starts

    def _replacement(self, matched: str) -> str:
        replacement = self.replace_edit.text()
        pattern = self._pattern()
        if isinstance(pattern, QRegularExpression):
            match = pattern.match(matched)
            if match.hasMatch():
                for group in range(pattern.captureCount(), -1, -1):
                    replacement = replacement.replace(f"\\{group}", match.captured(group))
        return replacement

    def _selection_matches(self) -> bool:
        editor, pattern = self._editor, self._pattern()
        if editor is None or pattern is None or not editor.textCursor().hasSelection():
            return False
        selected = editor.textCursor().selectedText()
        if isinstance(pattern, QRegularExpression):
            match = pattern.match(selected)
            return match.hasMatch() and match.capturedLength(0) == len(selected)
        if self.case.isChecked():
            return selected == pattern
        return selected.casefold() == pattern.casefold()

    def replace_one(self) -> None:
        if self._editor is None:
            return
        if self._selection_matches():
            cursor = self._editor.textCursor()
            cursor.insertText(self._replacement(cursor.selectedText()))
        self.find_next()

    def replace_all(self) -> int:
        editor, pattern = self._editor, self._pattern()
        if editor is None or pattern is None:
            return 0
        document = editor.document()
        cursor = QTextCursor(document)
        edit = QTextCursor(document)
        edit.beginEditBlock()
        count = 0
        while True:
            cursor = document.find(pattern, cursor, self._flags())
            if cursor.isNull() or not cursor.hasSelection():
                break
            cursor.insertText(self._replacement(cursor.selectedText()))
            count += 1
        edit.endEditBlock()
        self.status.setText(f"Replaced {count}")
        return count
