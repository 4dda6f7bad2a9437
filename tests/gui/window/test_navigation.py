"""Moving around the window as a desktop user does: document tabs by keyboard, the status bar's
line and column per document, a single click in the Problems list, and the About box."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from persona_studio import __version__
from persona_studio.gui.window.document_tab import SOURCE, STRUCTURED
from persona_studio.gui.window.main_window import DISCARD, MainWindow

ROOT = Path(__file__).resolve().parents[3]
PERSONAS = ROOT / "personas"


@pytest.fixture
def window(qtbot, monkeypatch):
    made = MainWindow()
    monkeypatch.setattr(made.interaction, "save_changes", lambda session: DISCARD)
    qtbot.addWidget(made)
    made.resize(1400, 900)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    qtbot.waitUntil(made.isActiveWindow, timeout=2000)
    return made


@pytest.fixture
def three(window, tmp_path):
    """Three documents open, the last one current."""
    for name in ("backend", "qa", "mentor"):
        path = tmp_path / f"{name}.agent.md"
        shutil.copyfile(PERSONAS / f"{name}.chatmode.md", path)
        window.open_file(str(path))
    assert window.tabs.count() == 3
    return window


def _press(qtbot, key, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def _current_name(window) -> str:
    return window.session().display_name


def test_ctrl_page_keys_and_ctrl_tab_switch_document_tabs(three, qtbot):
    window = three
    window.tab().source.setFocus()
    names = [window.tab(i).session.display_name for i in range(3)]
    assert _current_name(window) == names[2]
    _press(qtbot, Qt.Key.Key_PageDown)  # wraps to the first
    assert _current_name(window) == names[0]
    _press(qtbot, Qt.Key.Key_PageUp)
    assert _current_name(window) == names[2]
    _press(qtbot, Qt.Key.Key_PageUp)
    assert _current_name(window) == names[1]
    # Ctrl+Tab goes through the documents too (not the Structured/Source views)
    window.tab().show_source()
    window.tab().source.setFocus()
    _press(qtbot, Qt.Key.Key_Tab)
    assert _current_name(window) == names[2]
    _press(
        qtbot,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _current_name(window) == names[1]
    assert window.tab().views.currentIndex() == SOURCE
    # the views have their own keys: Ctrl+1 and Ctrl+2
    _press(qtbot, Qt.Key.Key_1)
    assert window.tab().views.currentIndex() == STRUCTURED
    _press(qtbot, Qt.Key.Key_2)
    assert window.tab().views.currentIndex() == SOURCE
    assert _current_name(window) == names[1]


def test_the_status_bar_shows_the_line_and_column_of_the_current_document(three, qtbot):
    window = three
    first, last = window.tab(0), window.tab(2)
    block = last.source.document().findBlockByNumber(6)
    while len(block.text()) < 4:
        block = block.next()
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + 3)
    last.source.setTextCursor(cursor)
    where = f"Ln {block.blockNumber() + 1}, Col 4"
    assert window.status.position.text() == where
    window.tabs.setCurrentIndex(0)
    line, column = first.source.cursor_line_column()
    assert (line, column) == (1, 1)
    assert window.status.position.text() == "Ln 1, Col 1"
    window.tabs.setCurrentIndex(2)
    assert window.status.position.text() == where


def test_a_single_click_on_a_problem_moves_the_cursor_and_keeps_the_list_focused(
    window, qtbot, tmp_path
):
    path = tmp_path / "backend.agent.md"
    shutil.copyfile(PERSONAS / "backend.chatmode.md", path)
    session = window.open_file(str(path))
    qtbot.waitUntil(
        lambda: not session.diagnostics_outdated and bool(window.validator.diagnostics())
    )
    panel = window.validator
    view = panel.view
    view.setFocus()
    rows = panel.visible_diagnostics()
    target_row = len(rows) - 1  # not the first: the cursor has to move
    index = panel.proxy.index(target_row, 0)
    diagnostic = panel._diagnostic_at(index)
    view.scrollTo(index)
    rect = view.visualRect(index)
    assert view.viewport().rect().contains(rect.center()), (rect, view.viewport().rect())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cursor = window.tab().source.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (
        diagnostic.span.start,
        diagnostic.span.end,
    )
    assert window.tab().views.currentIndex() == SOURCE
    assert view.hasFocus()  # the keyboard stays in the list, as in VS Code
    assert window.status.position.text().startswith(f"Ln {diagnostic.span.line},")
    # a double click goes there: the Source view gets the keyboard
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tab().source.hasFocus()


def test_about_names_the_qt_version_and_the_app_version_apart(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.actions.about_action.trigger()
    (text,) = shown
    assert f"Persona Studio {__version__}" in text
    assert f"Qt {qVersion()}" in text
    assert f"PySide6 {pyside_version}" in text
    assert f"Qt {__version__}<" not in text and qVersion() != __version__


def test_file_new_writes_no_trailing_spaces(window):
    window.actions.new_action.trigger()
    text = window.session().text()
    assert "## " in text
    assert [line for line in text.splitlines() if line != line.rstrip()] == []


def test_an_unclosed_quote_is_reported_on_its_own_line(window, qtbot, tmp_path):
    path = tmp_path / "quote.agent.md"
    path.write_text('---\nname: Quote\ndescription: Helps\nmodel: "GPT-4.1\n---\n\n# Quote\n')
    session = window.open_file(str(path))
    tab = window.tab()
    tab.show_structured()
    assert "problem on line 4:" in tab.structured.banner.label.text()
    assert "no closing quote" in tab.structured.banner.label.text()
    qtbot.waitUntil(lambda: not session.diagnostics_outdated)
    (syntax,) = [d for d in window.validator.diagnostics() if "closing quote" in d.message]
    assert syntax.span.line == 4
    window.actions.next_problem_action.trigger()
    assert tab.source.textCursor().blockNumber() == 3


def test_find_counts_the_matches_as_you_type_and_says_which_one_is_shown(window, qtbot, tmp_path):
    path = tmp_path / "count.agent.md"
    path.write_text("---\ndescription: Cats\n---\n\n# Cats\n\ncat, Cat and cat.\n")
    window.open_file(str(path))
    window.actions.find_action.trigger()
    bar = window.find_bar
    assert bar.isVisible() and bar.find_edit.hasFocus()
    qtbot.keyClicks(bar.find_edit, "ca")
    assert bar.status.text() == "5 matches"  # Cats, Cats, cat, Cat, cat
    qtbot.keyClicks(bar.find_edit, "t,")
    assert bar.status.text() == "1 match"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Backspace)
    bar.case.setChecked(True)
    assert bar.status.text() == "2 matches"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    assert bar.status.text() == "1 of 2 matches"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    assert bar.status.text() == "2 of 2 matches"
    qtbot.keyClicks(bar.find_edit, "z")
    assert bar.status.text() == "No matches"


def test_undo_in_a_form_field_of_the_window_is_one_step_of_the_document(window, qtbot, tmp_path):
    text = "---\nname: Helper\ndescription: Helps\nargument-hint: GPT-4.1\n---\n\n# Helper\n"
    path = tmp_path / "helper.agent.md"
    path.write_text(text)
    session = window.open_file(str(path))
    tab = window.tab()
    tab.show_structured()
    name, model = tab.structured.field_widget("name"), tab.structured.field_widget("argument-hint")
    name.setFocus()
    name.end(False)
    qtbot.keyClicks(name, "s")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    model.setFocus()
    model.end(False)
    qtbot.keyClicks(model, "-mini")
    qtbot.keyClick(model, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # exactly the uncommitted typing went (not the name too, not the field's own undo)
    assert session.text() == text.replace("Helper\n", "Helpers\n", 1)
    # Edit › Undo from the menu commits a field's typing first, then takes it back
    qtbot.keyClicks(model, "x")
    window.actions.undo_action.trigger()
    assert session.text() == text.replace("Helper\n", "Helpers\n", 1)
    assert model.text() == "GPT-4.1"
    window.actions.undo_action.trigger()
    assert session.text() == text
    assert not session.is_dirty


def _double_click_preview_at(qtbot, tab, position: int) -> None:
    preview = tab.preview
    cursor = QTextCursor(preview.document())
    cursor.setPosition(position)
    preview.setTextCursor(cursor)
    preview.ensureCursorVisible()
    rect = preview.cursorRect(cursor)
    qtbot.mouseDClick(preview.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_double_click_in_the_preview_reveals_and_focuses_the_form_field(window, qtbot, tmp_path):
    path = tmp_path / "backend.agent.md"
    shutil.copyfile(PERSONAS / "backend.chatmode.md", path)
    session = window.open_file(str(path))
    tab = window.tab()
    tab.show_structured()
    tab.preview.render_now()
    chunk = next(c for c in tab.preview.result.chunks if c.title == "Core Belief")
    start = tab.preview._page.position_of(chunk.anchor)
    _double_click_preview_at(qtbot, tab, start + 3)
    card = tab.structured.sections.card("Core Belief")
    focus = QApplication.focusWidget()
    assert focus is not None and card.isAncestorOf(focus)
    qtbot.waitUntil(lambda: not card.visibleRegion().isEmpty(), timeout=2000)
    assert tab.views.currentIndex() == STRUCTURED
    # the header card: its description row gives the description field
    description = tab.structured.field_widget("description")
    text = tab.preview.toPlainText()
    _double_click_preview_at(qtbot, tab, text.index(session.snapshot.data["description"][:20]))
    assert description.hasFocus()
    # in the Source view the same double click puts the cursor on the section's line
    tab.show_source()
    _double_click_preview_at(qtbot, tab, start + 3)
    assert tab.source.textCursor().blockNumber() + 1 == chunk.line
    assert tab.source.hasFocus()
