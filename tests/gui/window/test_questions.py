"""The real question before closing a document with unsaved changes: Save is the default,
and each button gives its answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from persona_studio.gui.window.questions import CANCEL, DISCARD, SAVE, ask_save_changes


@pytest.mark.parametrize(
    ("button", "answer"),
    [
        (QMessageBox.StandardButton.Save, SAVE),
        (QMessageBox.StandardButton.Discard, DISCARD),
        (QMessageBox.StandardButton.Cancel, CANCEL),
    ],
)
def test_save_changes_answers(qtbot, button, answer):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(
            (box.text(), box.defaultButton() is box.button(QMessageBox.StandardButton.Save))
        )
        box.button(button).click()

    QTimer.singleShot(0, click)
    assert ask_save_changes(parent, "backend.chatmode.md") == answer
    assert seen == [("Save the changes to backend.chatmode.md?", True)]
