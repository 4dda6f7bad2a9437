"""The diff and matrix windows close as secondary windows do: Esc, Ctrl+W or their Close button."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from persona_studio.gui.compare.diff_view import DiffWindow
from persona_studio.gui.compare.matrix import CompareMatrixWindow
from persona_studio.gui.theme import LIGHT

PERSONAS = Path(__file__).resolve().parents[3] / "personas"


def _diff(qtbot) -> DiffWindow:
    window = DiffWindow.open_files(
        LIGHT, str(PERSONAS / "backend.chatmode.md"), str(PERSONAS / "qa.chatmode.md")
    )
    qtbot.addWidget(window)
    return window


def _matrix(qtbot) -> CompareMatrixWindow:
    window = CompareMatrixWindow(LIGHT, [str(PERSONAS)])
    qtbot.addWidget(window)
    return window


def _shown(qtbot, window):
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # inspect it after closing
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


@pytest.mark.parametrize("make", [_diff, _matrix], ids=["diff", "matrix"])
@pytest.mark.parametrize(
    "key, modifier",
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ],
    ids=["esc", "ctrl-w"],
)
def test_a_key_closes_the_window(qtbot, make, key, modifier) -> None:
    window = _shown(qtbot, make(qtbot))
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, key, modifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


@pytest.mark.parametrize("make", [_diff, _matrix], ids=["diff", "matrix"])
def test_the_close_button_closes_the_window(qtbot, make) -> None:
    window = _shown(qtbot, make(qtbot))
    assert window.close_button.isVisible()
    assert window.close_button.text() == "Close"
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
