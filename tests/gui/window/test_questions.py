"""The real question before closing a document with unsaved changes: Save is the default,
and each button gives its answer. Also: a window's questions are one object, swapped whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import ThemeManager
from persona_studio.gui.window.interaction import CANCEL, DISCARD, SAVE, Interaction


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
    session = DocumentSession("# Persona\n", path="/nowhere/backend.chatmode.md")
    interaction = Interaction(parent, ThemeManager("light", parent))
    assert interaction.save_changes(session) == answer
    assert seen == [("Save the changes to backend.chatmode.md?", True)]
