"""Whatever is opened, the window answers and stays usable. How fast is the benchmarks' business
(tests/benchmarks); here a generous watchdog (WATCHDOG_MS) only tells a hang from a slow machine.

The inputs come from `make_bad_inputs` in tests/conftest.py; docs/failure-cases.md lists them with
what the program does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from persona_studio.gui.window.main_window import DISCARD, MainWindow

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "personas" / "backend.chatmode.md"
WATCHDOG_MS = 60_000

# Refused with a message that says what is wrong.
REFUSED = {
    "binary": "binary file, not text",
    "latin1": "not valid UTF-8",
    "utf16": "UTF-16",
    "big": "larger than the 5.0 MB limit",
    "nul": "NUL byte at line 4",
    "folder": "This is a folder",
    "fifo": "named pipe (FIFO)",
    "dangling": "symbolic link",
}
# Opened as text, with the problem in the Problems panel (a rule name, or None for no error).
OPENED = {
    "deep-list": ("yaml-syntax", "nested more than 64 deep"),
    "deep-map": ("yaml-syntax", "nested more than 64 deep"),
    "alias-bomb": ("yaml-alias", "anchors (&a) are not allowed"),
    "unterminated": ("front-matter-unterminated", "no closing '---' line"),
    "mixed-newlines": (None, None),
    "empty": (None, None),
}


@pytest.fixture
def window(qtbot, monkeypatch):
    made = MainWindow(remember_layout=False)
    monkeypatch.setattr(made.interaction, "save_changes", lambda session: DISCARD)
    made.errors = []
    monkeypatch.setattr(
        made.interaction, "show_error", lambda title, message: made.errors.append(message)
    )
    qtbot.addWidget(made)
    made.resize(1200, 800)
    made.show()
    return made


def still_usable(window: MainWindow, qtbot, tmp_path: Path) -> None:
    """A good file opens and takes typing after the bad one."""
    good = tmp_path / "good.chatmode.md"
    shutil.copyfile(SEED, good)
    session = window.open_file(str(good))
    assert session is not None
    tab = window.tab()
    tab.show_source()
    qtbot.keyClicks(tab.source, "ok")
    assert "ok" in session.text()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_files_that_cannot_be_text_are_refused_with_a_message(
    window, qtbot, bad_inputs, tmp_path, name
):
    if name not in bad_inputs:
        pytest.skip(f"no {name} on this platform")
    assert window.open_file(str(bad_inputs[name])) is None
    assert window.tabs.count() == 0
    [message] = window.errors
    assert REFUSED[name] in message
    assert "\n" not in message and "Traceback" not in message
    still_usable(window, qtbot, tmp_path)


@pytest.mark.parametrize("name", sorted(OPENED))
def test_files_that_can_be_text_open_with_their_problems_in_the_panel(
    window, qtbot, bad_inputs, tmp_path, name
):
    session = window.open_file(str(bad_inputs[name]))
    assert session is not None
    tab = window.tab()
    session.refresh_diagnostics()
    tab.preview.render_now()
    tab.structured.refresh()
    assert window.errors == []
    rule, words = OPENED[name]
    shown = window.validator.diagnostics()
    if rule is None:
        assert not any(d.severity.label == "error" for d in shown)
    else:
        [diagnostic] = [d for d in shown if d.name == rule]
        assert words in diagnostic.message
    # Typing in it still works.
    tab.show_source()
    before = len(session.text())
    qtbot.keyClicks(tab.source, "x")
    session.refresh_diagnostics()
    assert len(session.text()) == before + 1
    still_usable(window, qtbot, tmp_path)


def test_the_mixed_newlines_file_says_so(window, bad_inputs):
    window.open_file(str(bad_inputs["mixed-newlines"]))
    assert window.file_bar.isVisible()
    assert "mixes line endings" in window.file_bar.message.text()


def test_dropping_every_bad_input_at_once(window, qtbot, bad_inputs):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in bad_inputs.values()])
    where, action = QPoint(10, 10), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # As a drag does it: the window accepts the drag entering, then takes the drop.
    enter = QDragEnterEvent(where, action, mime, buttons, keys)
    assert QApplication.sendEvent(window, enter) and enter.isAccepted()
    assert QApplication.sendEvent(window, QDropEvent(where, action, mime, buttons, keys))
    qtbot.waitUntil(
        lambda: len(window.errors) + window.tabs.count() == len(bad_inputs), timeout=WATCHDOG_MS
    )
    assert window.tabs.count() == sum(1 for name in bad_inputs if name in OPENED)


def test_a_missing_file_is_refused_with_a_message(window, tmp_path):
    assert window.open_file(str(tmp_path / "gone.chatmode.md")) is None
    [message] = window.errors
    assert "The file does not exist" in message
