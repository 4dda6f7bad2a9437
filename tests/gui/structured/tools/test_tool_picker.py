"""The tool picker of the Structured view: every tick, untick, move and migrate is one exact edit
of the `tools` line, undone in one step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QToolButton

from _shared import SEED as SEED_PATH
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.structured import StructuredEditor
from persona_studio.gui.structured.tools.picker import NAME_ROLE
from persona_studio.gui.theme import LIGHT

SEED = SEED_PATH.read_text(encoding="utf-8")
TOOLS_LINE = SEED.splitlines()[1]
LAST_TOOL = "'github']"


def with_tools(line: str) -> str:
    """The seed with another tools line."""
    return SEED.replace(TOOLS_LINE, line, 1)


@pytest.fixture
def open_editor(qtbot):
    def make(path: str = "/tmp/x/backend.chatmode.md", text: str = SEED):
        # A chat mode here is read with the legacy chat-mode profile (VS Code 1.101 to 1.105),
        # whose picker these tests are about; today's default reads it as an agent.
        legacy = "vscode-chatmode" if path.endswith(".chatmode.md") else None
        session = DocumentSession(text, path=path, target=legacy)
        editor = StructuredEditor(session, LIGHT)
        qtbot.addWidget(editor)
        editor.resize(700, 1000)
        editor.show()
        return session, editor

    return make


def test_ticking_a_tool_appends_it_and_nothing_else_changes(open_editor):
    session, editor = open_editor("/tmp/x/backend.agent.md")
    picker = editor.tool_picker
    assert not picker.is_checked("web/fetch")

    picker.set_checked("web/fetch", True)

    assert session.text() == with_tools(TOOLS_LINE.replace(LAST_TOOL, "'github', 'web/fetch']"))
    assert picker.is_checked("web/fetch")
    assert "web/fetch" in picker.selected_names()

    picker.set_checked("web/fetch", False)
    assert session.text() == SEED
    assert not picker.is_checked("web/fetch")


def test_one_tick_is_one_undo_step(open_editor):
    session, editor = open_editor("/tmp/x/backend.agent.md")
    editor.tool_picker.set_checked("read/readFile", True)
    editor.tool_picker.set_checked("web/fetch", True)
    session.undo()
    assert session.text() == with_tools(TOOLS_LINE.replace(LAST_TOOL, "'github', 'read/readFile']"))
    session.undo()
    assert session.text() == SEED
    assert not editor.tool_picker.is_checked("read/readFile")


def test_unticking_a_chat_mode_tool_removes_just_that_name(open_editor):
    session, editor = open_editor()
    picker = editor.tool_picker
    assert picker.is_checked("fetch")
    picker.set_checked("fetch", False)
    assert session.text() == with_tools(TOOLS_LINE.replace("'fetch', ", ""))
    assert "fetch" not in picker.selected_names()
    session.undo()
    assert session.text() == SEED
    assert picker.is_checked("fetch")


def test_tool_sets_are_checkable_group_headers(open_editor):
    _session, editor = open_editor()
    picker = editor.tool_picker
    header = picker.item("runCommands")
    assert header is not None and header.parent() is None
    assert header.checkState(0) == Qt.CheckState.Checked
    assert not picker.is_checked("runNotebooks")


def test_typing_in_the_source_updates_the_checks(open_editor):
    session, editor = open_editor()
    picker = editor.tool_picker
    assert not picker.is_checked("todos")
    cursor = QTextCursor(session.text_document)
    cursor.setPosition(session.to_qt(SEED.index("'github'")))
    cursor.insertText("'todos', ")
    assert picker.is_checked("todos")
    assert picker.selected_names()[-2:] == ["todos", "github"]


def test_mcp_and_unknown_names_get_groups_of_their_own(open_editor):
    _session, editor = open_editor("/tmp/x/backend.agent.md")
    picker = editor.tool_picker
    mcp = picker.item("microsoft.docs.mcp")
    unknown = picker.item("findTestFiles")
    assert mcp.parent().text(0) == "MCP and extensions"
    assert unknown.parent().text(0) == "Unknown"
    assert "github" in [mcp.parent().child(i).text(0) for i in range(mcp.parent().childCount())]


def test_add_custom_tool(open_editor):
    session, editor = open_editor()
    picker = editor.tool_picker
    picker.custom.setText("playwright/*")
    picker.custom_button.click()
    assert session.text() == with_tools(TOOLS_LINE.replace(LAST_TOOL, "'github', 'playwright/*']"))
    assert picker.custom.text() == ""
    assert picker.item("playwright/*").parent().text(0) == "MCP and extensions"
    # The same name again is refused with a message, and the text does not change.
    picker.custom.setText("playwright/*")
    picker.custom_button.click()
    assert editor.message_bar.isVisible()
    assert "already" in editor.message_bar.label.text()
    assert session.text().count("playwright/*") == 1


def test_legacy_names_show_their_current_name_and_migrate_in_place(open_editor):
    session, editor = open_editor("/tmp/x/backend.agent.md")
    picker = editor.tool_picker
    item = picker.item("fetch")
    assert item.text(0) == "fetch → web/fetch"
    assert picker.legacy_notice.isVisible()
    button = picker.tree.itemWidget(item, 1)
    assert isinstance(button, QToolButton)
    button.click()
    assert session.text() == with_tools(TOOLS_LINE.replace("'fetch'", "'web/fetch'"))
    assert picker.is_checked("web/fetch")
    assert picker.item("fetch") is None
    session.undo()
    assert session.text() == SEED


def test_migrating_a_name_that_became_several(open_editor):
    session, editor = open_editor("/tmp/x/backend.agent.md")
    editor.tool_picker.tree.itemWidget(editor.tool_picker.item("runTasks"), 1).click()
    expected = TOOLS_LINE.replace(
        "'runTasks'", "'execute/runTask', 'execute/createAndRunTask', 'execute/getTaskOutput'"
    )
    assert session.text() == with_tools(expected)


def test_migrate_all_is_one_undo_step(open_editor):
    session, editor = open_editor("/tmp/x/backend.agent.md")
    editor.tool_picker.migrate_all_button.click()
    expected = (
        "tools: ['search/changes', 'search/codebase', 'edit/editFiles', 'vscode/extensions', "
        "'web/fetch', 'findTestFiles', 'web/githubRepo', 'vscode/newWorkspace', "
        "'vscode/getProjectSetupInfo', 'vscode/installExtension', 'vscode/runCommand', "
        "'vscode/openIntegratedBrowser', 'read/problems', 'execute/runInTerminal', "
        "'execute/getTerminalOutput', "
        "'read/terminalLastCommand', 'read/terminalSelection', 'execute/runTask', "
        "'execute/createAndRunTask', 'execute/getTaskOutput', 'execute/runTests', 'search', "
        "'search/searchResults', 'execute/testFailure', 'search/usages', 'vscode/vscodeAPI', "
        "'microsoft.docs.mcp', 'github']"
    )
    assert session.text() == with_tools(expected)
    assert not editor.tool_picker.legacy_notice.isVisible()
    session.undo()
    assert session.text() == SEED


def test_dragging_a_selected_tool_moves_it_in_the_text(open_editor, qtbot):
    session, editor = open_editor()
    picker = editor.tool_picker
    # What an internal drag does to the list's model: move row 0 ('changes') below 'editFiles'.
    assert picker.selected.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    expected = TOOLS_LINE.replace(
        "'changes', 'codebase', 'editFiles'", "'codebase', 'editFiles', 'changes'"
    )
    qtbot.waitUntil(lambda: session.text() == with_tools(expected))
    assert picker.selected_names()[:3] == ["codebase", "editFiles", "changes"]
    session.undo()
    assert session.text() == SEED


def test_move_buttons_reorder_the_selected_tool(open_editor):
    session, editor = open_editor()
    picker = editor.tool_picker
    picker.selected.setCurrentRow(1)
    picker.order.down.click()
    assert session.text() == with_tools(
        TOOLS_LINE.replace("'codebase', 'editFiles'", "'editFiles', 'codebase'")
    )
    assert picker.selected.currentRow() == 2
    picker.order.remove.click()
    assert session.text() == with_tools(TOOLS_LINE.replace("'codebase', ", ""))


def test_search_filters_the_catalog(open_editor):
    _session, editor = open_editor()
    picker = editor.tool_picker
    picker.search.setText("terminal")
    visible = []
    for top in range(picker.tree.topLevelItemCount()):
        header = picker.tree.topLevelItem(top)
        for index in range(header.childCount()):
            child = header.child(index)
            if not header.isHidden() and not child.isHidden():
                visible.append(child.data(0, NAME_ROLE))
    assert visible == [
        "runInTerminal",
        "getTerminalOutput",
        "terminalLastCommand",
        "terminalSelection",
    ]
    picker.search.clear()
    assert not picker.item("fetch").isHidden()


def test_a_file_without_tools_says_so_and_ticking_writes_a_list(open_editor):
    text = SEED.replace(TOOLS_LINE + "\n", "")
    session, editor = open_editor(text=text)
    picker = editor.tool_picker
    assert picker.no_tools.isVisible()
    picker.set_checked("fetch", True)
    assert session.text() == text.replace("OCI)'\n---", "OCI)'\ntools: ['fetch']\n---", 1)
    assert not picker.no_tools.isVisible()


def test_the_target_decides_the_catalog(open_editor):
    session, editor = open_editor()
    assert editor.tool_picker.item("web/fetch") is None
    session.set_target("vscode-agent")
    assert editor.tool_picker.item("web/fetch") is not None
    assert editor.tool_picker.item("fetch").text(0) == "fetch → web/fetch"


def test_a_selected_tool_s_tooltip_says_what_it_does(open_editor, qtbot):
    _session, editor = open_editor("/tmp/x/backend.chatmode.md")
    rows = editor.tool_picker.selected
    tips = {rows.item(row).text(): rows.item(row).toolTip() for row in range(rows.count())}
    # The same words as the tool tree's tooltip, not just the tool's name.
    assert "web page" in tips["fetch"].casefold()
    assert "searches the workspace" in tips["search"].casefold()
    assert tips["fetch"].splitlines()[0] == "fetch"
    tree_tip = next(
        item.toolTip(0)
        for item in editor.tool_picker.tree.findItems(
            "fetch", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        )
    )
    assert tips["fetch"].splitlines()[1] in tree_tip
