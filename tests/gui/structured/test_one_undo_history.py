"""One undo history: Ctrl+Z and Ctrl+Shift+Z pressed in a form field go to the document's history
(what the field had not committed yet is committed first), and the custom tool box's Undo takes
back the Add."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.theme import LIGHT

TEXT = (
    "---\nname: Helper\ndescription: Helps\nargument-hint: GPT-4.1\ntools: ['read']\n---\n\n"
    "# Helper\n"
)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def editor(qtbot):
    session = DocumentSession(TEXT, path="/tmp/x/helper.agent.md")
    made = StructuredEditor(session, LIGHT)
    qtbot.addWidget(made)
    made.resize(900, 1000)
    made.show()
    qtbot.waitExposed(made)
    return made


def _focus(qtbot, widget):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_ctrl_z_in_a_field_undoes_the_typing_in_the_document(editor, qtbot):
    session = editor.session
    field = editor.field_widget("argument-hint")
    _focus(qtbot, field)
    field.end(False)
    qtbot.keyClicks(field, "-mini")  # not committed yet: no pause, no Return
    assert session.text() == TEXT
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert session.text() == TEXT
    assert field.text() == "GPT-4.1"
    assert not session.is_dirty  # the field's undo is no new edit
    # redo brings the typing back, in the document and the field
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL | SHIFT)
    assert "argument-hint: GPT-4.1-mini\n" in session.text()
    assert field.text() == "GPT-4.1-mini"
    assert session.is_dirty


def test_ctrl_z_after_a_commit_takes_back_that_step_and_then_the_one_before(editor, qtbot):
    session = editor.session
    name, model = editor.field_widget("name"), editor.field_widget("argument-hint")
    _focus(qtbot, name)
    name.end(False)
    qtbot.keyClicks(name, "er")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    _focus(qtbot, model)
    model.selectAll()
    qtbot.keyClicks(model, "Claude")
    qtbot.keyClick(model, Qt.Key.Key_Return)
    assert "name: Helperer\n" in session.text() and "argument-hint: Claude\n" in session.text()
    qtbot.keyClick(model, Qt.Key.Key_Z, CTRL)
    assert "name: Helperer\n" in session.text() and "argument-hint: GPT-4.1\n" in session.text()
    assert model.text() == "GPT-4.1"
    qtbot.keyClick(model, Qt.Key.Key_Z, CTRL)  # the other field's edit: one history
    assert session.text() == TEXT
    assert name.text() == "Helper"


def test_the_description_box_undoes_through_the_document_too(editor, qtbot):
    session = editor.session
    box = editor.field_widget("description")
    _focus(qtbot, box)
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, " a lot")
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert session.text() == TEXT
    assert box.toPlainText() == "Helps"
    assert not box.dirty  # nothing is left to commit later
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL | SHIFT)
    assert "description: Helps a lot\n" in session.text()


def test_undo_in_the_custom_tool_box_takes_back_the_add(editor, qtbot):
    session = editor.session
    picker = editor.tool_picker
    box = picker.custom
    _focus(qtbot, box)
    qtbot.keyClicks(box, "myserver/*")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert "tools: ['read', 'myserver/*']" in session.text()
    assert box.text() == ""
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert session.text() == TEXT  # the add is undone ...
    assert box.text() == ""  # ... and the name does not come back into the box
    assert "myserver/*" not in picker.selected_names()
    # typing not yet added is the box's own: its undo stays in the box
    qtbot.keyClicks(box, "ab")
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.text() == ""
    assert session.text() == TEXT
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL | SHIFT)  # its redo: the text comes back
    assert box.text() == "ab"


def test_the_search_box_keeps_its_own_undo(editor, qtbot):
    picker = editor.tool_picker
    _focus(qtbot, picker.search)
    qtbot.keyClicks(picker.search, "rea")
    qtbot.keyClick(picker.search, Qt.Key.Key_Z, CTRL)
    assert picker.search.text() == ""
    assert editor.session.text() == TEXT
