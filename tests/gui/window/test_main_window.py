"""The real window, driven as a user would: tick a tool, type, fix, undo, save, close."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from persona_studio.core import edits
from persona_studio.core.document import parse
from persona_studio.gui.window.documents import saving as saving_module
from persona_studio.gui.window.main_window import CANCEL, DISCARD, SAVE, MainWindow

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "personas" / "backend.chatmode.md"


@pytest.fixture
def window(qtbot, monkeypatch):
    made = MainWindow()
    # No modal dialog may block a test: unsaved changes are discarded unless a test says else.
    monkeypatch.setattr(made.interaction, "save_changes", lambda session: DISCARD)
    qtbot.addWidget(made)
    made.resize(1400, 900)
    made.show()
    return made


@pytest.fixture
def agent_copy(tmp_path):
    """The seed persona as a custom agent: its legacy tool names draw renamed-tool infos."""
    path = tmp_path / "backend.agent.md"
    shutil.copyfile(SEED, path)
    return path


@pytest.fixture
def chatmode_copy(tmp_path):
    path = tmp_path / "backend.chatmode.md"
    shutil.copyfile(SEED, path)
    return path


def _tools_line(text: str) -> str:
    return text.splitlines()[1]


def test_ticking_a_tool_changes_exactly_the_tools_line_and_updates_preview_and_panel(
    window, qtbot, chatmode_copy
):
    session = window.open_file(str(chatmode_copy))
    tab = window.tab()
    tab.preview.render_now()
    original = chatmode_copy.read_text()
    assert "runNotebooks" not in tab.preview.toPlainText()
    before_rows = window.validator.counts()

    tab.structured.tool_picker.set_checked("runNotebooks", True)

    expected = original.replace("'github']", "'github', 'runNotebooks']", 1)
    assert session.text() == expected
    qtbot.waitUntil(lambda: "runNotebooks" in tab.preview.toPlainText(), timeout=3000)
    # The panel follows the new text: still no error or warning for a known tool.
    qtbot.waitUntil(lambda: not session.diagnostics_outdated, timeout=3000)
    # (today's VS Code reads this chat mode as an agent: the old set name is one more info)
    after_rows = window.validator.counts()
    assert (after_rows["error"], after_rows["warning"]) == (
        before_rows["error"],
        before_rows["warning"],
    )
    assert after_rows["info"] == before_rows["info"] + 1
    assert session.is_dirty
    assert window.tabs.tabText(window.tabs.currentIndex()).endswith("•")


def test_a_bad_key_typed_in_the_source_view_shows_in_the_panel_and_status_bar(
    window, qtbot, chatmode_copy
):
    session = window.open_file(str(chatmode_copy))
    tab = window.tab()
    tab.show_source()
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(4)  # line 2, before "tools:"
    tab.source.setTextCursor(cursor)
    tab.source.insertPlainText("colour: blue\n")
    qtbot.waitUntil(lambda: window.validator.counts()["warning"] == 1, timeout=3000)
    assert "1 warning" in window.status.problems.text()
    assert any(d.name == "unknown-key" and d.span.line == 2 for d in session.diagnostics)


def test_typing_in_the_source_view_updates_the_form(window, qtbot, chatmode_copy):
    session = window.open_file(str(chatmode_copy))
    tab = window.tab()
    tab.show_source()
    text = session.text()
    start = text.index("Backend specialist")
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(start)
    cursor.setPosition(start + len("Backend"), QTextCursor.MoveMode.KeepAnchor)
    tab.source.setTextCursor(cursor)
    qtbot.keyClicks(tab.source, "Server")
    assert parse(session.text()).data["description"].startswith("Server specialist")
    tab.show_structured()
    field = tab.structured.field_widget("description")
    value = field.toPlainText() if hasattr(field, "toPlainText") else field.text()
    assert value.startswith("Server specialist")
    # The tool picker follows typed tools too.
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.text().index("'github'") + len("'github'"))
    cursor.insertText(", 'runNotebooks'")
    qtbot.waitUntil(lambda: tab.structured.tool_picker.is_checked("runNotebooks"), timeout=3000)


def test_quick_fix_then_undo_and_redo_restore_the_exact_bytes(window, qtbot, agent_copy):
    session = window.open_file(str(agent_copy))
    original = session.text()
    assert session.target == "vscode-agent"
    panel = window.validator
    row = next(
        i
        for i, d in enumerate(panel.visible_diagnostics())
        if d.name == "renamed-tool" and "'codebase'" in d.message
    )
    panel.view.setCurrentIndex(panel.view.model().index(row, 0))
    assert panel.quick_fix()
    fixed = session.text()
    assert "'search/codebase'" in _tools_line(fixed)
    assert "'codebase'" not in _tools_line(fixed)
    assert fixed.splitlines()[2:] == original.splitlines()[2:]
    window.actions.undo_action.trigger()
    assert session.text() == original
    window.actions.redo_action.trigger()
    assert session.text() == fixed


def test_next_problem_jumps_to_the_span_in_the_source_view(window, qtbot, agent_copy):
    session = window.open_file(str(agent_copy))
    window.actions.next_problem_action.trigger()
    tab = window.tab()
    cursor = tab.source.textCursor()
    selected = cursor.selectedText()
    # Read as an agent today the seed has only infos (an unknown tool is a Hint in VS Code
    # 1.140), so the first problem is the first in the text: the old name 'changes', at
    # characters 13-20 (line 2).
    assert selected == "changes"
    assert cursor.blockNumber() == 1
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (13, 20)
    assert session.text()[13:20] == selected


def test_save_and_reload_round_trip(window, qtbot, tmp_path):
    path = tmp_path / "crlf.agent.md"
    data = SEED.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + data)
    session = window.open_file(str(path))
    window.tab().structured.tool_picker.set_checked("web/fetch", True)
    assert window.save()
    saved = path.read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") and b"\r\n" in saved and b"\n\n" not in saved
    assert saved.replace(b", 'web/fetch']", b"]", 1) == b"\xef\xbb\xbf" + data
    assert not session.is_dirty
    window.close_tab(window.tabs.currentIndex())
    again = window.open_file(str(path))
    assert again.file_bytes() == saved


def test_closing_a_dirty_tab_asks_and_cancel_keeps_it(window, qtbot, monkeypatch, chatmode_copy):
    session = window.open_file(str(chatmode_copy))
    session.apply_edit(edits.add_tool(session.snapshot, "x"))
    asked = []
    monkeypatch.setattr(window.interaction, "save_changes", lambda s: asked.append(s) or CANCEL)
    assert not window.close_tab(window.tabs.currentIndex())
    assert asked == [session] and window.tabs.count() == 1
    monkeypatch.setattr(window.interaction, "save_changes", lambda s: DISCARD)
    assert window.close_tab(window.tabs.currentIndex())
    assert window.tabs.count() == 0
    assert chatmode_copy.read_bytes() == SEED.read_bytes()  # discarded: the file is untouched


def test_closing_the_window_with_unsaved_changes_can_save(
    window, qtbot, monkeypatch, chatmode_copy
):
    session = window.open_file(str(chatmode_copy))
    window.tab().structured.tool_picker.set_checked("runNotebooks", True)
    monkeypatch.setattr(window.interaction, "save_changes", lambda s: SAVE)
    assert window.close()
    assert "'runNotebooks'" in _tools_line(chatmode_copy.read_text())
    assert not session.is_dirty


def test_opening_a_binary_file_shows_a_message_and_opens_nothing(window, monkeypatch, tmp_path):
    bad = tmp_path / "bad.agent.md"
    bad.write_bytes(b"---\x00\x01binary")
    shown = []
    monkeypatch.setattr(
        window.interaction, "show_error", lambda title, message: shown.append(message)
    )
    assert window.open_file(str(bad)) is None
    assert window.tabs.count() == 0
    assert len(shown) == 1 and "NUL" in shown[0]


def test_new_persona_has_every_schema_section(window):
    session = window.new_document()
    titles = [section.title for section in session.snapshot.sections]
    assert titles[0].startswith("Persona:")
    assert "Core Belief" in titles and "When to Use This Persona" in titles
    assert session.path is None and window.tabs.tabText(0).startswith("Untitled")


def test_save_as_suggests_the_targets_file_name(window, chatmode_copy):
    session = window.open_file(str(chatmode_copy))
    assert window.suggested_path(session).endswith("backend.chatmode.md")
    session.set_target("vscode-agent")
    assert window.suggested_path(session).endswith("backend.agent.md")


def test_recent_files_and_preview_toggle_persist(window, chatmode_copy):
    window.open_file(str(chatmode_copy))
    assert window.settings.recent_files()[0] == str(chatmode_copy)
    window.toggle_preview(False)
    assert not window.tab().preview.isVisible()
    assert MainWindow().actions.preview_action.isChecked() is False


def test_find_and_replace_is_one_undo_step(window, chatmode_copy):
    session = window.open_file(str(chatmode_copy))
    original = session.text()
    window.show_find(True)
    window.find_bar.find_edit.setText("reliability")
    window.find_bar.replace_edit.setText("dependability")
    count = window.find_bar.replace_all()
    assert count == original.lower().count("reliability")
    assert "reliability" not in session.text().lower()
    assert session.text().count("dependability") == count
    session.undo()
    assert session.text() == original


def test_dropping_a_file_opens_it(window, qtbot, chatmode_copy):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(chatmode_copy))])
    where, action = QPoint(10, 10), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # As a drag does it: the window accepts the drag entering, then takes the drop.
    enter = QDragEnterEvent(where, action, mime, buttons, keys)
    assert QApplication.sendEvent(window, enter) and enter.isAccepted()
    assert QApplication.sendEvent(window, QDropEvent(where, action, mime, buttons, keys))
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=3000)
    assert window.session().path == str(chatmode_copy)


def test_screenshot_command_writes_a_png_of_the_window(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    result = subprocess.run(
        [sys.executable, "-m", "persona_studio", "gui", "--screenshot", str(out), str(SEED)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    assert result.stderr == ""


def test_without_a_display_the_gui_says_what_to_do(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["PYTHONPATH"] = str(ROOT / "src")
    result = subprocess.run(
        [sys.executable, "-m", "persona_studio", str(SEED)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no display" in result.stderr and "--screenshot" in result.stderr
    assert "Traceback" not in result.stderr


def test_saving_an_installed_library_persona_asks_where_and_leaves_it_alone(
    window, monkeypatch, tmp_path
):
    installed = tmp_path / "site-packages" / "personas"
    installed.mkdir(parents=True)
    shipped = installed / "qa.chatmode.md"
    shutil.copyfile(ROOT / "personas" / "qa.chatmode.md", shipped)
    monkeypatch.setattr(saving_module, "personas_dir", lambda: installed)
    monkeypatch.setattr(saving_module, "personas_dir_is_installed", lambda: True)
    mine = tmp_path / "mine" / "qa.chatmode.md"
    mine.parent.mkdir()
    asked = []
    monkeypatch.setattr(
        window.interaction, "save_path", lambda s, suggested: asked.append(s) or str(mine)
    )
    session = window.open_file(str(shipped))
    window.tab().structured.tool_picker.set_checked("runNotebooks", True)
    assert window.save()
    assert asked == [session]
    assert shipped.read_bytes() == (ROOT / "personas" / "qa.chatmode.md").read_bytes()
    assert "'runNotebooks'" in mine.read_text().splitlines()[1]
    assert session.path == str(mine)


def test_library_compare_opens_a_diff_for_two_and_a_matrix_for_more(window, qtbot):
    from persona_studio.gui.compare.diff_view import DiffWindow
    from persona_studio.gui.compare.matrix import CompareMatrixWindow

    library = ROOT / "personas"
    window.library.compareRequested.emit(
        [str(library / "qa.chatmode.md"), str(library / "backend.chatmode.md")]
    )
    diffs = [w for w in window.compare._open if isinstance(w, DiffWindow)]
    assert len(diffs) == 1 and diffs[0].change_count() > 0
    window.library.compareRequested.emit([str(library)])
    assert any(isinstance(w, CompareMatrixWindow) for w in window.compare._open)
    for widget in window.compare._open:
        widget.close()


def test_export_action_opens_the_dialog_for_the_current_document(
    window, monkeypatch, chatmode_copy
):
    from persona_studio.gui.export import dialog as export_dialog

    shown = []
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda self: shown.append(self) or 0)
    assert not window.compare.export.isEnabled()
    window.open_file(str(chatmode_copy))
    assert window.compare.export.isEnabled()
    window.compare.export.trigger()
    assert len(shown) == 1


def test_the_questions_are_one_object_a_test_swaps_whole(window, chatmode_copy):
    class Scripted:
        """Answers every question the window may ask here; records what it was asked."""

        def __init__(self) -> None:
            self.asked = []

        def save_changes(self, session):
            self.asked.append(("save_changes", session.display_name))
            return CANCEL

        def line_number(self, current, count):
            self.asked.append(("line_number", current, count))
            return 3

    session = window.open_file(str(chatmode_copy))
    session.apply_edit(edits.add_tool(session.snapshot, "x"))
    scripted, fixture_answers = Scripted(), window.interaction
    window.interaction = scripted
    assert window.context.interaction is scripted
    window.actions.goto_action.trigger()
    assert window.tab().source.textCursor().blockNumber() == 2
    assert not window.close_tab(window.tabs.currentIndex())
    count = session.text_document.blockCount()
    assert scripted.asked == [
        ("line_number", 1, count),
        ("save_changes", "backend.chatmode.md"),
    ]
    window.interaction = fixture_answers  # Discard: the window closes when the test ends
