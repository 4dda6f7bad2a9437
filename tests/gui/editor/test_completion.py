"""Help while writing in the Source view: the completion popup, hovers over keys and tools, and
Ctrl+. on a problem with a fix, driven with real keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.editor.source_editor import SourceEditor
from persona_studio.gui.theme import LIGHT

TEXT = """---
name: Planner
tools: ['read', ]
handoffs:
  - label: Go
    agent: Implementer
    prompt: Do it.
---

# Planner

Use the tools.
"""


@pytest.fixture
def editor(qtbot, tmp_path):
    agents = tmp_path / ".github" / "agents"
    agents.mkdir(parents=True)
    (agents / "implementer.agent.md").write_text("---\nname: Implementer\n---\nx\n")
    (agents / "reviewer.agent.md").write_text("---\nname: Code Reviewer\n---\nx\n")
    path = agents / "planner.agent.md"
    path.write_text(TEXT)
    session = DocumentSession(TEXT, path=str(path))
    view = SourceEditor(session, LIGHT)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    return view


def popup_names(view: SourceEditor) -> list[str]:
    model = view.assist.completer.completionModel()
    role = Qt.ItemDataRole.UserRole + 1
    return [model.index(row, 0).data(role) for row in range(model.rowCount())]


def test_typing_a_tool_name_offers_tools_with_their_descriptions(qtbot, editor):
    editor.go_to_offset(TEXT.index("'read', ") + len("'read', "))
    qtbot.keyClicks(editor, "'readF")
    qtbot.waitUntil(editor.assist.popup_visible)
    assert popup_names(editor)[0] == "read/readFile"
    shown = editor.assist.completer.completionModel().index(0, 0).data()
    assert "Reads the contents of a file." in shown
    qtbot.keyClick(editor.assist.completer.popup(), Qt.Key.Key_Return)
    assert "tools: ['read', 'read/readFile]" in editor.session.text()


def test_a_key_at_the_start_of_a_header_line_offers_the_readers_keys(qtbot, editor):
    editor.go_to_offset(TEXT.index("\ntools:"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "user")
    qtbot.waitUntil(editor.assist.popup_visible)
    names = popup_names(editor)
    assert "user-invocable" in names and "name" not in names
    qtbot.keyClick(editor.assist.completer.popup(), Qt.Key.Key_Return)
    assert "name: Planner\nuser-invocable: \ntools:" in editor.session.text()


def test_handoff_agents_are_offered_by_display_name(qtbot, editor):
    editor.go_to_offset(TEXT.index("Implementer") + len("Implementer"))
    for _ in "Implementer":
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "Code")
    qtbot.waitUntil(editor.assist.popup_visible)
    assert popup_names(editor) == ["Code Reviewer"]
    qtbot.keyClick(editor.assist.completer.popup(), Qt.Key.Key_Tab)
    assert "    agent: Code Reviewer\n" in editor.session.text()


def test_tool_references_in_the_body_and_ctrl_space(qtbot, editor):
    editor.go_to_offset(TEXT.index("the tools."))
    qtbot.keyClicks(editor, "#tool:")
    qtbot.waitUntil(editor.assist.popup_visible)
    assert "search/codebase" in popup_names(editor)
    qtbot.keyClick(editor.assist.completer.popup(), Qt.Key.Key_Escape)
    assert not editor.assist.popup_visible()
    qtbot.keyClicks(editor, "codeb")
    qtbot.waitUntil(editor.assist.popup_visible)
    qtbot.keyClick(editor.assist.completer.popup(), Qt.Key.Key_Return)
    assert "Use #tool:search/codebasethe tools." in editor.session.text()
    # Ctrl+Space opens the popup where nothing was typed yet: the keys on an empty header line.
    editor.go_to_offset(editor.session.text().index("\ntools:"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert editor.assist.popup_visible()
    assert "description" in popup_names(editor)


def hover_text(editor: SourceEditor, needle: str) -> str:
    editor.go_to_offset(editor.session.text().index(needle) + 1)
    point = editor.cursorRect().center()
    point.setX(point.x() + 2)
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    return QToolTip.text()


def test_hovers_explain_keys_and_tools(editor):
    text = hover_text(editor, "handoffs:")
    assert "Buttons that hand the conversation to another agent" in text
    text = hover_text(editor, "read'")
    assert "read (tool set)" in text and "reads files" in text
    QToolTip.hideText()


def test_ctrl_period_applies_the_quick_fix_at_the_cursor(qtbot, editor):
    session = editor.session
    cursor = editor.textCursor()
    cursor.setPosition(session.to_qt(TEXT.index("'read'") + 1))
    cursor.setPosition(session.to_qt(TEXT.index("'read'") + 5), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.insertPlainText("serch")
    session.refresh_diagnostics()
    qtbot.waitUntil(lambda: any(d.name == "unknown-tool" for d in session.diagnostics))
    editor.go_to_offset(session.text().index("serch") + 2)
    qtbot.keyClick(editor, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert "tools: ['search', ]" in session.text()
    session.undo()
    assert "tools: ['serch', ]" in session.text()
