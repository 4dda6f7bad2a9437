"""The workspace in the window: the Workspace panel (a dock), File > Open Folder as Workspace,
opening a file at a reference from the graph, a history comparison in the diff window, and
Rename Agent with its references (a diff shown first, one undo step: Edit > Undo Agent Rename).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow

from persona_studio.core.errors import PersonaStudioError
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.window.context import AppContext

if TYPE_CHECKING:
    from persona_studio.core.workspace.rename import RenamePlan
    from persona_studio.gui.workspace.panel import WorkspacePanel


class WorkspaceActions:
    def __init__(
        self,
        context: AppContext,
        window: QMainWindow,
        *,
        open_file: Callable[[str], DocumentSession | None],
        show_widget: Callable[[object], None],
        compare_paths: Callable[[list[str]], None],
    ) -> None:
        self.context = context
        self.window = window
        self._open_file = open_file
        self._show_widget = show_widget
        self._compare_paths = compare_paths
        self._panel: WorkspacePanel | None = None
        self.dock = QDockWidget("Workspace", window)
        self.dock.setObjectName("workspace-dock")
        self.dock.setAccessibleName("Workspace panel")
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        # The panel (its graph, timeline and their modules) is made when the dock first shows.
        self.dock.visibilityChanged.connect(self._dock_visible)
        self.last_plan: RenamePlan | None = None
        self.open_action = QAction("Open &Folder as Workspace…", window)
        self.open_action.setStatusTip(
            "A folder's agents, chat modes, Claude subagents and skills: by kind, as a graph, "
            "and their history"
        )
        self.open_action.triggered.connect(self.choose_folder)
        self.undo_action = QAction("Undo Agent Rename", window)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo_rename)
        self.matrix_action = QAction("Comparison Matrix of the &Workspace", window)
        self.matrix_action.setStatusTip(
            "Tools and sections of every persona in the folder open as a workspace, side by side"
        )
        self.matrix_action.setEnabled(False)  # until a workspace has been read
        self.matrix_action.triggered.connect(lambda: self.panel.compare_all())
        compare = getattr(window, "compare", None)  # the window's CompareActions, made before
        if compare is not None:  # the matrix's Workspace source is the folder open here
            compare.workspace_root = lambda: None if self._panel is None else self._panel.root

    @property
    def panel(self) -> WorkspacePanel:
        """The dock's panel, made on first use (the first window does not show it)."""
        panel = self._panel
        if panel is None:
            from persona_studio.gui.workspace.panel import WorkspacePanel

            panel = self._panel = WorkspacePanel(self.window)
            self.dock.setWidget(panel)
            panel.openRequested.connect(self.open_at)
            panel.compareRequested.connect(self.compare_revisions)
            panel.renameRequested.connect(self.rename_agent)
            panel.followRequested.connect(self.follow_rename)
            panel.scanned.connect(
                lambda: self.matrix_action.setEnabled(bool(panel.persona_paths()))
            )
            compare = getattr(self.window, "compare", None)
            if compare is not None:  # "workspace" as the matrix's source
                panel.matrixRequested.connect(
                    lambda paths: compare.workspace_matrix(panel.root or "", paths)
                )
            else:
                panel.matrixRequested.connect(self._compare_paths)
        return panel

    def _dock_visible(self, visible: bool) -> None:
        if visible:
            self.panel  # noqa: B018 - made on first show

    def install_menus(self) -> None:
        """Put the actions in the File and Edit menus and the dock's toggle in View."""
        for menu_action in self.window.menuBar().actions():
            menu = menu_action.menu()
            if menu is None:
                continue
            title = menu.title().replace("&", "")
            if title == "File":
                after = next((a for a in menu.actions() if a.menu() is not None), None)
                menu.insertAction(after, self.open_action) if after else menu.addAction(
                    self.open_action
                )
            elif title == "Edit":
                menu.insertAction(
                    menu.actions()[3] if len(menu.actions()) > 3 else None, self.undo_action
                )
            elif title == "View":
                menu.addAction(self.dock.toggleViewAction())
            elif title == "Compare":
                menu.addAction(self.matrix_action)

    def choose_folder(self) -> None:
        self.dock.show()
        self.panel.choose_folder()

    def open_folder(self, folder: str) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.open_folder(folder)

    def open_at(self, path: str, line: int) -> None:
        session = self._open_file(path)
        if session is None:
            return
        document = session.snapshot
        start = document.offset(max(1, line))
        for tab_index in range(self.window.documents.tabs.count()):  # type: ignore[attr-defined]
            tab = self.window.documents.tab(tab_index)  # type: ignore[attr-defined]
            if tab is not None and tab.session is session:
                tab.go_to(start, start)
                break

    def compare_revisions(self, path: str, older: str, newer: str) -> None:
        from persona_studio.core.git.revision import read_at_revision
        from persona_studio.gui.compare.diff_sides import DiffSide
        from persona_studio.gui.compare.diff_view import DiffWindow
        from persona_studio.gui.editor.session import to_model_text

        name = os.path.basename(path)
        try:
            left_text = read_at_revision(path, older)
            right_text = read_at_revision(path, newer)
        except PersonaStudioError as error:
            self.context.interaction.show_error("Cannot compare", str(error))
            return
        left = DiffSide(
            f"{name} @ {older[:7]}{'^' if older.endswith('^') else ''}",
            to_model_text(left_text),
            None,
            path,
        )
        right = DiffSide(f"{name} @ {newer[:7]}", to_model_text(right_text), None, path)
        window = DiffWindow(self.context.themes.theme, left, right, self.window)
        self._show_widget(window)

    def rename_agent(self, path: str) -> None:
        from persona_studio.core.catalog import load_catalog
        from persona_studio.core.workspace.graph import read_persona
        from persona_studio.gui.workspace.rename_dialog import RenameDialog

        try:
            current = read_persona(path, load_catalog()).name
        except PersonaStudioError as error:
            self.context.interaction.show_error("Cannot rename", str(error))
            return
        dialog = RenameDialog(path, current, self.panel.root, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.plan is None:
            return
        self.apply(dialog.plan)

    def follow_rename(self, path: str, old_name: str) -> None:
        """An agent renamed by hand: show the updates of the references still naming its old
        name, and write them (one undo step) if the user agrees."""
        from persona_studio.core.workspace.rename import plan_follow
        from persona_studio.gui.workspace.rename_dialog import PlanDialog

        try:
            plan = plan_follow(path, old_name, root=self.panel.root)
        except PersonaStudioError as error:
            self.context.interaction.show_error("Cannot update the references", error.message)
            return
        dialog = PlanDialog(plan, "Update References", self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply(plan)

    def _unsaved(self, plan: RenamePlan) -> str | None:
        """The first file of ``plan`` open in a tab with unsaved changes: writing it would leave
        the tab holding text that, once saved, drops the update."""
        paths = {os.path.abspath(edit.path) for edit in plan.edits}
        for session in self.window.documents.sessions():  # type: ignore[attr-defined]
            if session.path and os.path.abspath(session.path) in paths and session.is_dirty:
                return str(session.path)
        return None

    def _follow(self, plan: RenamePlan) -> None:
        """Tabs open on the files ``plan`` just wrote show the new text, and a tab whose file
        was moved follows it to its new name (saving it must not bring the old file back).
        None of them has unsaved changes: :meth:`_unsaved` refused the plan otherwise."""
        edits = {os.path.abspath(edit.path): edit for edit in plan.edits}
        for session in self.window.documents.sessions():  # type: ignore[attr-defined]
            edit = edits.get(os.path.abspath(session.path)) if session.path else None
            if edit is None:
                continue
            try:
                session.reload(edit.new_path)
            except PersonaStudioError as error:
                self.context.interaction.show_error("Cannot show the renamed file", str(error))

    def apply(self, plan: RenamePlan) -> bool:
        unsaved = self._unsaved(plan)
        if unsaved is not None:
            self.context.interaction.show_error(
                "Rename not written",
                f"{unsaved} has unsaved changes: save or discard them first. Nothing was written.",
            )
            return False
        from persona_studio.core.workspace.rename import apply_plan

        try:
            apply_plan(plan)
        except PersonaStudioError as error:
            self.context.interaction.show_error("Rename not written", str(error))
            return False
        self._follow(plan)
        self.last_plan = plan
        self.undo_action.setEnabled(True)
        self.undo_action.setText(f"Undo Rename of '{plan.old_name}'")
        self.panel.refresh()
        return True

    def undo_rename(self) -> None:
        plan = self.last_plan
        if plan is None:
            return
        unsaved = self._unsaved(plan.inverse())
        if unsaved is not None:
            self.context.interaction.show_error(
                "Rename not undone",
                f"{unsaved} has unsaved changes: save or discard them first. Nothing was written.",
            )
            return
        from persona_studio.core.workspace.rename import apply_plan

        try:
            apply_plan(plan.inverse())
        except PersonaStudioError as error:
            self.context.interaction.show_error("Rename not undone", str(error))
            return
        self._follow(plan.inverse())
        self.last_plan = None
        self.undo_action.setEnabled(False)
        self.undo_action.setText("Undo Agent Rename")
        # Undoing the update of the references to an agent renamed by hand leaves them naming
        # its old name again: the panel offers the update again (a full rename's undo gives the
        # agent its old name back, so nothing is offered).
        self.panel.expect_rename(plan.agent, plan.old_name)
        self.panel.refresh()
