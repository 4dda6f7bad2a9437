"""The window's Compare and Export commands: which diff, matrix or export dialog to open for
what the user has in front of them. Kept out of main_window.py, which only wires them in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.readers.filekind import dialog_patterns
from persona_studio.core.resources import personas_dir
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import ThemeManager

FILTER = f"Persona files ({' '.join(dialog_patterns())});;All files (*)"


class _Library(Protocol):
    compareRequested: SignalInstance  # paths the user chose to compare

    def selected_paths(self) -> list[str]: ...

    def refresh(self) -> None: ...


class _Folders(Protocol):
    def last_folder(self) -> str: ...


class _Errors(Protocol):
    def show_error(self, title: str, message: str) -> None: ...


class CompareContext(Protocol):
    """What the commands use of the application context the window hands them. Stated here, not
    imported, so that this room does not depend on the window room that depends on it."""

    themes: ThemeManager
    settings: _Folders
    interaction: _Errors

    def session(self) -> DocumentSession | None: ...


class CompareActions:
    """Owns the actions; every window it opens follows the theme and closes with the app.

    `parent` is the QWidget parent of every action, menu and window they make; `library` the
    library panel; `compare_with_disk` and `open_file` the window's commands of those names."""

    def __init__(
        self,
        context: CompareContext,
        parent: QWidget,
        *,
        library: _Library,
        compare_with_disk: Callable[[], None],
        open_file: Callable[[str], object],
    ) -> None:
        self.context = context
        self.parent = parent
        self.library = library
        self._compare_with_disk = compare_with_disk
        self._open_file = open_file
        self._open: list[QWidget] = []
        # The root of the folder open as a workspace, or None: set by the window's workspace
        # commands, asked by the matrix's Workspace source.
        self.workspace_root: Callable[[], str | None] | None = None
        self.with_disk = self._action(
            "Compare with File on &Disk",
            self.compare_with_disk,
            "Differences between the document and its saved file",
        )
        self.with_revision = self._action(
            "Compare with &Git Revision…",
            self.compare_with_revision,
            "Differences between the document and its file at a git commit",
        )
        self.two_files = self._action(
            "Compare Two &Files…",
            self.compare_two_files,
            "Differences between any two persona files",
        )
        self.matrix = self._action(
            "Comparison &Matrix of a Folder…",
            self.matrix_of_folder,
            "Tools and sections of every persona in a folder, side by side",
        )
        self.library_matrix = self._action(
            "Comparison Matrix of the &Library",
            lambda: self.compare_paths([str(personas_dir())]),
            "Tools and sections of the shipped personas, side by side",
        )
        self.export = self._action(
            "&Export…",
            self.export_document,
            "Write the persona as a chat mode, custom agent or Claude Code subagent file",
            shortcut="Ctrl+E",
        )
        self.export_library = self._action(
            "Export &Library Selection…",
            self.export_selection,
            "Export the personas selected in the library",
        )
        library.compareRequested.connect(self.compare_paths)
        context.themes.changed.connect(self._retheme)

    def _action(self, text: str, slot, tip: str, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.parent)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: self._guard(slot))
        return action

    def menu(self) -> QMenu:
        menu = QMenu("&Compare", self.parent)
        for action in (
            self.with_disk,
            self.with_revision,
            self.two_files,
            None,
            self.matrix,
            self.library_matrix,
        ):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def update(self) -> None:
        session = self.context.session()
        has_file = session is not None and session.path is not None
        self.with_disk.setEnabled(has_file)
        self.with_revision.setEnabled(has_file)
        self.export.setEnabled(session is not None)

    def _guard(self, slot) -> None:
        try:
            slot()
        except PersonaStudioError as error:
            self.context.interaction.show_error("Cannot compare", str(error))

    def _show(self, widget: QWidget | None) -> None:
        if widget is None:
            return
        self._open = [w for w in self._open if _alive(w)]
        self._open.append(widget)
        widget.show()
        widget.raise_()

    def _retheme(self, theme) -> None:
        self._open = [w for w in self._open if _alive(w)]
        for widget in self._open:
            widget.apply_theme(theme)

    # -- compare ------------------------------------------------------------------------
    def compare_with_disk(self) -> None:
        self._compare_with_disk()

    def compare_with_revision(self) -> None:
        from persona_studio.gui.compare.diff_view import DiffWindow

        session = self.context.session()
        if session is not None:
            self._show(
                DiffWindow.open_document_vs_revision(
                    self.context.themes.theme, session, parent=self.parent
                )
            )

    def compare_two_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from persona_studio.gui.compare.diff_view import DiffWindow

        folder = self.context.settings.last_folder()
        first, _ = QFileDialog.getOpenFileName(self.parent, "Compare: first file", folder, FILTER)
        if not first:
            return
        second, _ = QFileDialog.getOpenFileName(self.parent, "Compare: second file", folder, FILTER)
        if second:
            self._show(DiffWindow.open_files(self.context.themes.theme, first, second, self.parent))

    def matrix_of_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self.parent, "Compare the personas in", self.context.settings.last_folder()
        )
        if folder:
            self.compare_paths([folder])

    def compare_paths(self, paths: list[str]) -> None:
        """Two files: a diff; more, or a folder: the matrix (the library's Compare)."""
        from persona_studio.gui.compare.matrix import open_comparison

        try:
            made = open_comparison(
                self.context.themes.theme,
                paths,
                self.parent,
                workspace_root=self._workspace_root,
            )
        except PersonaStudioError as error:
            self.context.interaction.show_error("Cannot compare", str(error))
            return
        if hasattr(made, "openRequested"):
            made.openRequested.connect(self._open_file)
        self._show(made)

    def workspace_matrix(self, root: str, paths: list[str]) -> None:
        """The matrix of a workspace's persona files (its panel's Compare All): its source is the
        workspace, so Reload reads the workspace again, files added since included."""
        from persona_studio.core.compare import compare_paths
        from persona_studio.gui.compare.matrix import CompareMatrixWindow
        from persona_studio.gui.compare.matrix_sources import WORKSPACE, Source

        made = CompareMatrixWindow(
            self.context.themes.theme,
            paths,
            self.parent,
            matrix=compare_paths(paths),
            source=Source(WORKSPACE, (root,)),
            workspace_root=self._workspace_root,
        )
        made.openRequested.connect(self._open_file)
        self._show(made)

    def _workspace_root(self) -> str | None:
        return self.workspace_root() if self.workspace_root is not None else None

    # -- export -------------------------------------------------------------------------
    def export_document(self) -> None:
        from persona_studio.gui.export.dialog import ExportDialog

        session = self.context.session()
        if session is None:
            return
        dialog = ExportDialog.for_session(session, self.context.themes.theme, self.parent)
        dialog.exported.connect(lambda _paths: self.library.refresh())
        dialog.exec()

    def export_selection(self) -> None:
        from persona_studio.gui.export.dialog import ExportDialog

        paths = self.library.selected_paths() or [str(personas_dir())]
        dialog = ExportDialog.for_paths(paths, self.context.themes.theme, self.parent)
        dialog.exported.connect(lambda _paths: self.library.refresh())
        dialog.exec()


def _alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:  # deleted on close (WA_DeleteOnClose)
        return False
    return True
