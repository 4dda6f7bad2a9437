"""The workspace in the main window: File > Open Folder as Workspace shows the panel; a click in
the graph opens the file at the reference; Rename Agent writes the plan it previewed and
Edit > Undo Agent Rename puts every byte back in one step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from _team import make_team
from persona_studio.gui.window.main_window import DISCARD, MainWindow
from persona_studio.gui.workspace import rename_dialog

PLANNER = ".github/agents/planner.agent.md"
CODER = ".github/agents/coder.agent.md"


@pytest.fixture
def window(qtbot, monkeypatch):
    made = MainWindow()
    monkeypatch.setattr(made.interaction, "save_changes", lambda session: DISCARD)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(
        made.interaction, "show_error", lambda title, message: errors.append((title, message))
    )
    made.errors = errors
    qtbot.addWidget(made)
    made.resize(1200, 800)
    made.show()
    return made


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return make_team(tmp_path / "team")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _rename_file_to_architect(monkeypatch) -> None:
    """The Rename Agent dialog, answered: name 'architect', the file renamed too."""

    def accept(dialog):
        dialog.name_edit.setText("architect")
        dialog.file_box.setChecked(True)
        return rename_dialog.QDialog.DialogCode.Accepted

    monkeypatch.setattr(rename_dialog.RenameDialog, "exec", accept)


def test_the_menus_hold_the_workspace_commands(window):
    texts = [
        action.text()
        for menu in window.menuBar().actions()
        if menu.menu() is not None
        for action in menu.menu().actions()
    ]
    assert "Open &Folder as Workspace…" in texts
    assert "Undo Agent Rename" in texts
    assert "Workspace" in texts  # the dock's toggle in View


def test_a_click_in_the_graph_opens_the_file_at_the_reference(window, team):
    window.workspace.open_folder(str(team))
    panel = window.workspace.panel
    assert panel.wait_until_scanned()
    assert window.workspace.dock.isVisible()
    scene = panel.graph_view.scene
    edge = next(item for item in scene.edge_items if item.edge.ref == "Reviewer")
    assert scene.activate_at(edge.line().pointAt(0.6))
    session = window.session()
    assert session.path == str(team / PLANNER)
    cursor = window.tab().source.textCursor()
    assert cursor.blockNumber() + 1 == 11  # the handoff's agent: line


def test_rename_then_undo_in_one_step(window, team, monkeypatch):
    window.workspace.open_folder(str(team))
    assert window.workspace.panel.wait_until_scanned()
    before = _snapshot(team)

    _rename_file_to_architect(monkeypatch)
    window.workspace.rename_agent(str(team / PLANNER))
    assert not (team / PLANNER).exists()
    assert "agent: architect" in (team / CODER).read_text()
    assert "(architect.agent.md)" in (team / CODER).read_text()
    undo = window.workspace.undo_action
    assert undo.isEnabled() and undo.text() == "Undo Rename of 'Planner'"
    undo.trigger()
    assert _snapshot(team) == before
    assert not undo.isEnabled()
    assert window.errors == []


def test_a_tab_open_on_the_renamed_file_follows_it_and_undo_brings_it_back(
    window, team, monkeypatch
):
    window.open_file(str(team / PLANNER))
    window.open_file(str(team / CODER))
    planner, coder = window.documents.sessions()
    window.workspace.open_folder(str(team))
    assert window.workspace.panel.wait_until_scanned()

    _rename_file_to_architect(monkeypatch)
    window.workspace.rename_agent(str(team / PLANNER))
    moved = team / ".github/agents/architect.agent.md"
    assert planner.path == str(moved)  # the tab follows the file, its title with it
    tab_titles = [window.documents.tabs.tabText(i) for i in range(window.documents.tabs.count())]
    assert any("architect.agent.md" in title for title in tab_titles)
    assert planner.text() == moved.read_text() and not planner.is_dirty
    assert "agent: architect" in coder.text() and not coder.is_dirty
    planner.save()  # saving the followed tab writes the new file, never the old one again
    assert not (team / PLANNER).exists()

    window.workspace.undo_action.trigger()
    assert planner.path == str(team / PLANNER)
    assert planner.text() == (team / PLANNER).read_text()
    assert "agent: architect" not in coder.text()
    assert window.errors == []


def test_a_library_folder_opens_as_a_workspace(window, team):
    window.library.workspaceRequested.emit(str(team))
    panel = window.workspace.panel
    assert panel.wait_until_scanned()
    assert panel.root == str(team)
    assert window.workspace.dock.isVisible()
    assert panel.tree.topLevelItem(0).text(0) == "Agents (2)"


def test_two_commits_open_in_the_diff_window(window, team, monkeypatch):
    opened = []
    monkeypatch.setattr(window.workspace, "_show_widget", opened.append)
    monkeypatch.setattr(
        "persona_studio.core.git.revision.read_at_revision",
        lambda path, revision: f"text at {revision}\n",
    )
    window.workspace.compare_revisions(str(team / CODER), "abc1234^", "abc1234")
    assert len(opened) == 1
    sides = opened[0]._sides
    assert [side.text for side in sides] == ["text at abc1234^\n", "text at abc1234\n"]
    assert sides[0].label == "coder.agent.md @ abc1234^"
    opened[0].close()


def test_compare_all_puts_the_workspace_in_the_matrix(window, team, monkeypatch):
    window.workspace.open_folder(str(team))
    panel = window.workspace.panel
    assert panel.wait_until_scanned()
    shown = []
    monkeypatch.setattr(window.compare, "_show", shown.append)
    panel.matrix_button.click()
    assert len(shown) == 1
    matrix = shown[0]
    assert len(matrix._paths) == 4  # two agents, the subagent, the skill
    assert matrix.model.columnCount() >= 4
    assert matrix.windowTitle() == "Compare 4 Personas of the Workspace — Persona Studio"
    (team / ".github" / "agents" / "reviewer.agent.md").write_text(
        "---\ndescription: Reviews\n---\n# Reviewer\n"
    )
    matrix.reload_action.trigger()  # the workspace is read again: the new agent comes in
    assert matrix.wait_until_loaded()
    assert "reviewer" in [p.label for p in matrix.model.matrix.personas]
    assert len(matrix.model.matrix.personas) == 5
    matrix.close()


def test_the_compare_menu_offers_the_workspace_matrix_once_a_folder_is_read(
    window, team, monkeypatch
):
    compare_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Compare"
    )
    action = next(
        a for a in compare_menu.actions() if a.text() == "Comparison Matrix of the &Workspace"
    )
    assert not action.isEnabled()  # no workspace yet
    window.workspace.open_folder(str(team))
    assert window.workspace.panel.wait_until_scanned()
    assert action.isEnabled()
    shown = []
    monkeypatch.setattr(window.compare, "_show", shown.append)
    action.trigger()
    assert len(shown) == 1
    assert shown[0].windowTitle() == "Compare 4 Personas of the Workspace — Persona Studio"
    shown[0].close()


def test_a_rename_by_hand_offers_to_update_the_references(window, team, monkeypatch, qtbot):
    window.workspace.open_folder(str(team))
    panel = window.workspace.panel
    assert panel.wait_until_scanned()
    planner = team / PLANNER
    planner.write_text(planner.read_text().replace("name: Planner", "name: Architect"))
    qtbot.waitUntil(lambda: panel.follow_button.isVisible(), timeout=10_000)
    assert panel.notice.text() == (
        "'Planner' was renamed to 'Architect': 1 reference still names 'Planner'."
    )
    monkeypatch.setattr(
        rename_dialog.PlanDialog, "exec", lambda dialog: rename_dialog.QDialog.DialogCode.Accepted
    )
    coder_before = (team / CODER).read_bytes()
    panel.follow_button.click()
    assert "    agent: Architect\n" in (team / CODER).read_text()
    assert panel.wait_until_scanned()
    assert not panel.follow_button.isVisible()
    window.workspace.undo_action.trigger()
    assert (team / CODER).read_bytes() == coder_before


def _edit_menu_action(window, text: str):
    edit = next(
        m.menu()
        for m in window.menuBar().actions()
        if m.menu() and m.text().replace("&", "") == "Edit"
    )
    return next(a for a in edit.actions() if a.text() == text)


def test_a_name_renamed_in_the_editor_updates_references_in_one_step_undone_from_edit(
    window, team, monkeypatch, qtbot
):
    """The user types the new name into the planner's `name:` in the source editor and saves;
    the panel offers Update References; the update of the coder's handoff is one step, and
    Edit > Undo Rename puts the coder back (on disk and in its open tab) in one step, after which
    the offer shows again. The editor's own undo still holds the typed name."""
    window.workspace.open_folder(str(team))
    panel = window.workspace.panel
    assert panel.wait_until_scanned()
    coder_before = (team / CODER).read_bytes()
    coder = window.open_file(str(team / CODER))  # open, clean: it follows the disk
    planner = window.open_file(str(team / PLANNER))
    tab = window.tab()
    tab.show_source()
    start = planner.text().index("name: Planner") + len("name: ")
    cursor = QTextCursor(planner.text_document)
    cursor.setPosition(start)
    cursor.setPosition(start + len("Planner"), QTextCursor.MoveMode.KeepAnchor)
    tab.source.setTextCursor(cursor)
    qtbot.keyClicks(tab.source, "Architect")
    assert window.save(planner)
    assert "name: Architect\n" in (team / PLANNER).read_text()

    qtbot.waitUntil(lambda: panel.follow_button.isVisible(), timeout=10_000)
    assert panel.notice.text() == (
        "'Planner' was renamed to 'Architect': 1 reference still names 'Planner'."
    )
    shown = []

    def accept(dialog):
        shown.append(dialog)
        return rename_dialog.QDialog.DialogCode.Accepted

    monkeypatch.setattr(rename_dialog.PlanDialog, "exec", accept)
    qtbot.mouseClick(panel.follow_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1  # the diff was shown before anything was written
    after = (team / CODER).read_text()
    assert after == coder_before.decode().replace("agent: Planner", "agent: Architect")
    qtbot.waitUntil(lambda: coder.text() == after, timeout=5_000)  # the open tab follows
    assert panel.wait_until_scanned()
    qtbot.waitUntil(lambda: not panel.follow_button.isVisible(), timeout=5_000)

    undo = _edit_menu_action(window, "Undo Rename of 'Planner'")
    assert undo.isEnabled()
    undo.trigger()  # one step: every reference the update wrote is put back
    assert (team / CODER).read_bytes() == coder_before
    qtbot.waitUntil(lambda: coder.text() == coder_before.decode(), timeout=5_000)
    assert not coder.is_dirty
    assert not window.workspace.undo_action.isEnabled()
    assert "name: Architect\n" in (team / PLANNER).read_text()  # the hand edit stays
    qtbot.waitUntil(lambda: panel.follow_button.isVisible(), timeout=10_000)  # offered again
    planner.undo()  # the editor's own undo: the typed name
    assert "name: Planner\n" in planner.text()
    assert window.errors == []


def test_the_matrix_source_workspace_is_the_folder_open_in_the_window(window, team, monkeypatch):
    """A matrix opened on the library, then Source > Workspace: the open workspace's personas."""
    window.workspace.open_folder(str(team))
    assert window.workspace.panel.wait_until_scanned()
    shown = []
    monkeypatch.setattr(window.compare, "_show", shown.append)
    window.compare.library_matrix.trigger()
    matrix = shown[0]
    assert len(matrix.model.matrix.personas) == 11
    matrix.workspace_source_action.trigger()
    assert matrix.wait_until_loaded()
    assert sorted(p.label for p in matrix.model.matrix.personas) == [
        "coder",
        "planner",
        "tester",
        "testing",
    ]
    assert matrix.windowTitle() == "Compare 4 Personas of the Workspace — Persona Studio"
    matrix.close()


def test_a_reference_update_waits_for_unsaved_changes_in_a_tab(window, team, monkeypatch, qtbot):
    """The coder is open with unsaved edits: updating its handoff on disk would be lost when the
    tab is saved, so nothing is written and the user is told why."""
    window.workspace.open_folder(str(team))
    panel = window.workspace.panel
    assert panel.wait_until_scanned()
    coder = window.open_file(str(team / CODER))
    tab = window.tab()
    tab.show_source()
    cursor = QTextCursor(coder.text_document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    tab.source.setTextCursor(cursor)
    tab.source.insertPlainText("More notes.\n")
    assert coder.is_dirty
    coder_before = (team / CODER).read_bytes()
    planner = team / PLANNER
    planner.write_text(planner.read_text().replace("name: Planner", "name: Architect"))
    qtbot.waitUntil(lambda: panel.follow_button.isVisible(), timeout=10_000)
    monkeypatch.setattr(
        rename_dialog.PlanDialog, "exec", lambda dialog: rename_dialog.QDialog.DialogCode.Accepted
    )
    panel.follow_button.click()
    assert (team / CODER).read_bytes() == coder_before
    assert window.errors == [
        (
            "Rename not written",
            f"{team / CODER} has unsaved changes: save or discard them first. Nothing was written.",
        )
    ]
    assert not window.workspace.undo_action.isEnabled()
    assert window.save(coder)  # saved: the update goes through
    panel.follow_button.click()
    assert "agent: Architect" in (team / CODER).read_text()
    assert "More notes." in (team / CODER).read_text()
