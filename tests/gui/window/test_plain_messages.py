"""File names in the window's messages are shown as written, never as HTML (a cloned repository
can deliver a file named `<h1>BIG<img src=pic.png><a href=mailto:x@y>click me.chatmode.md`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from persona_studio.gui.window.interaction import plain_message_box

HOSTILE = "<h1>BIG<img src=/dev/zero><a href=mailto:x@y>click me.chatmode.md"


def _labels(box: QMessageBox) -> list[QLabel]:
    return [label for label in box.findChildren(QLabel) if label.text()]


def test_a_hostile_file_name_is_plain_text(qtbot):
    box = plain_message_box(
        None, QMessageBox.Icon.Warning, "Cannot Rename", f"{HOSTILE} already exists.", HOSTILE
    )
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == f"{HOSTILE} already exists."
    # The informative text is escaped rich text: the name shows as written, with no tag alive.
    informative = box.informativeText()
    assert "<img" not in informative and "&lt;img src=/dev/zero&gt;" in informative
    shown = {label.text() for label in _labels(box)}
    assert f"{HOSTILE} already exists." in shown
