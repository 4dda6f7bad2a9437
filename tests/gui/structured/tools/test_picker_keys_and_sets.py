"""The tool picker as a desktop user expects it: Delete removes the selected tool, and a tool set
with some of its tools chosen shows a partial tick (and ticking it gives them all)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from persona_studio.core.catalog import load_catalog
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.theme import LIGHT

TEXT = (
    "---\ndescription: Reads\ntools: ['read/readFile', 'read/problems', 'web/fetch']\n---\n\n# R\n"
)


@pytest.fixture
def editor(qtbot):
    session = DocumentSession(TEXT, path="/tmp/x/reader.agent.md")
    made = StructuredEditor(session, LIGHT)
    qtbot.addWidget(made)
    made.resize(900, 1000)
    made.show()
    qtbot.waitExposed(made)
    return made


def test_delete_removes_the_selected_tool(editor, qtbot):
    order = editor.tool_picker.order
    order.list.setCurrentRow(1)
    order.list.setFocus()
    qtbot.keyClick(order.list, Qt.Key.Key_Delete)
    assert "tools: ['read/readFile', 'web/fetch']" in editor.session.text()
    assert editor.tool_picker.selected_names() == ["read/readFile", "web/fetch"]
    assert order.list.currentRow() == 1  # the next tool is selected, Delete again goes on
    qtbot.keyClick(order.list, Qt.Key.Key_Delete)
    assert "tools: ['read/readFile']" in editor.session.text()
    editor.session.undo()
    editor.session.undo()
    assert editor.session.text() == TEXT


def test_delete_in_the_catalog_unticks_the_current_tool(editor, qtbot):
    tree = editor.tool_picker.tree
    tree.setCurrentItem(tree.find("web/fetch"))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert "tools: ['read/readFile', 'read/problems']" in editor.session.text()


def test_a_partly_chosen_tool_set_shows_a_partial_tick_and_ticking_it_gives_all(editor, qtbot):
    picker = editor.tool_picker
    members = load_catalog().target("vscode-agent").tool_sets["read"]
    header = picker.item("read")
    assert header.checkState(0) == Qt.CheckState.PartiallyChecked
    assert header.text(1) == f"2 of {len(members)}"
    picker.tree.setCurrentItem(header)
    picker.tree.setFocus()
    qtbot.keyClick(picker.tree, Qt.Key.Key_Space)  # as a click on its box
    assert "'web/fetch', 'read']" in editor.session.text()
    header = picker.item("read")
    assert header.checkState(0) == Qt.CheckState.Checked
    assert header.text(1) == f"{len(members)} of {len(members)}"
    # unticking the set takes the set away; its two tools were named on their own and stay
    qtbot.keyClick(picker.tree, Qt.Key.Key_Space)
    assert editor.session.text() == TEXT
    assert picker.item("read").checkState(0) == Qt.CheckState.PartiallyChecked
