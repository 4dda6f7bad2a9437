"""The main window, as an assembly: it makes the parts, hands them the application context and
wires their signals together. It does no work of its own and keeps no per-document state.

The parts, each in its own module:

- `AppContext` (context.py): the settings, the theme manager, the recovery journal, the current
  session and the status line, handed to the parts instead of the window;
- `Interaction` (interaction.py): every question to the user, one object tests swap
  (``window.interaction = ...``) or patch for scripted answers;
- `Documents` (documents/tabs.py): the tabs, opening, new documents, closing;
- `Saving` (documents/saving.py): Save and Save As, conflicts with the file on disk;
- `FileStates` (documents/file_state.py): files changed by other programs, the file bar;
- `CrashRecovery` (documents/restore.py): what a crashed program left unsaved;
- `FileDrop` (documents/drop.py): files dropped on the window;
- `WindowActions` (menus.py) over `ViewCommands` (view.py) and the `CompareActions` of the
  compare room: the menus;
- `Screenshot` (screenshot.py): ``persona-studio gui --screenshot``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QVBoxLayout, QWidget

from persona_studio.core.files.journal import Journal, JournalEntry
from persona_studio.gui.compare.actions import CompareActions
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import Theme, ThemeManager
from persona_studio.gui.window.context import AppContext
from persona_studio.gui.window.document_tab import DocumentTab
from persona_studio.gui.window.documents.drop import FileDrop
from persona_studio.gui.window.documents.file_state import FileStates
from persona_studio.gui.window.documents.rename import FileRename
from persona_studio.gui.window.documents.restore import CrashRecovery
from persona_studio.gui.window.documents.saving import Saving
from persona_studio.gui.window.documents.tabs import Documents
from persona_studio.gui.window.interaction import (
    CANCEL,
    COMPARE,
    DISCARD,
    FILE_FILTER,
    OVERWRITE,
    SAVE,
    Interaction,
)
from persona_studio.gui.window.library_panel import LibraryPanel
from persona_studio.gui.window.memory import IdleCollector
from persona_studio.gui.window.menus import WindowActions
from persona_studio.gui.window.screenshot import Screenshot
from persona_studio.gui.window.settings import Placement, dock_extent
from persona_studio.gui.window.status_bar import StatusBar
from persona_studio.gui.window.validator_panel import ValidatorPanel
from persona_studio.gui.window.view import ViewCommands
from persona_studio.gui.window.workspace_actions import WorkspaceActions

if TYPE_CHECKING:
    from persona_studio.gui.editor.find_bar import FindBar
    from persona_studio.gui.window.documents.file_watch import FileStateBar

# The answers of the Interaction are imported from here too.
__all__ = ["CANCEL", "COMPARE", "DISCARD", "FILE_FILTER", "OVERWRITE", "SAVE", "MainWindow"]


class MainWindow(QMainWindow):
    def __init__(
        self,
        themes: ThemeManager | None = None,
        parent: QWidget | None = None,
        *,
        remember_layout: bool = True,
        recovery: bool = True,
    ) -> None:
        super().__init__(parent)
        self._remember_layout = remember_layout
        self.context = context = AppContext.start(self, themes, recovery=recovery)
        self.settings = context.settings
        self.themes = context.themes
        self.setWindowTitle("Persona Studio")
        self.setDockNestingEnabled(True)
        theme = self.themes.theme

        # The documents, saving them, and their files on disk.
        self.documents = Documents(context, self, save=lambda s: self.saving.save(s))
        self.tabs = self.documents.tabs
        self.file_states = FileStates(
            context,
            theme,
            self,
            sessions=self.sessions,
            retitle=self.documents.retitle,
            place=self._place_file_bar,
        )
        self.file_watcher = self.file_states.watcher
        self.saving = Saving(
            context, compare_with_disk=self.compare_with_disk, saved=self._document_saved
        )
        self.recovery = CrashRecovery(context, self.documents, restored=self._update_file_bar)
        self.drop = FileDrop(self, self.open_files)
        self.collector = IdleCollector(self)

        # The widgets around them.
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The file bar goes above, once there is something to say about a file; the Find bar
        # below, once Find is asked for.
        layout.addWidget(self.documents.stack, 1)
        self.setCentralWidget(central)
        self.library = LibraryPanel(theme, self)
        self.library_dock = self._dock(
            "Library", "library", self.library, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.validator = ValidatorPanel(theme, self)
        # The quick fix that moves a file (a chat mode renamed to an agent), one step undoable.
        self.renamer = FileRename(
            self, done=self._renamed, show_error=lambda t, m: self.interaction.show_error(t, m)
        )
        self.validator_dock = self._dock(
            "Problems", "problems", self.validator, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.status = StatusBar(theme, self)
        self.setStatusBar(self.status)
        context.follow(self.documents.session, self.status.showMessage)

        # The commands.
        self.view = ViewCommands(context, self.documents, layout)
        self.compare = CompareActions(
            context,
            self,
            library=self.library,
            compare_with_disk=self.compare_with_disk,
            open_file=self.open_file,
        )
        self.actions = WindowActions(
            context,
            self,
            documents=self.documents,
            saving=self.saving,
            view=self.view,
            validator=self.validator,
            compare=self.compare,
            docks=[self.library_dock, self.validator_dock],
            library_selection=self.library.selected_paths,
            undo_rename=self.renamer.undo_action,
        )
        self.workspace = WorkspaceActions(
            context,
            self,
            open_file=self.open_file,
            show_widget=self.compare._show,
            compare_paths=self.compare.compare_paths,
        )
        self.workspace.install_menus()
        self.library.workspaceRequested.connect(self.workspace.open_folder)
        self.screenshots = Screenshot(self, self.documents, size_docks=self._size_docks)
        self._wire()
        self.apply_theme(theme)
        self._restore()
        self.actions.update()
        if context.journal_problem:
            self.status.showMessage(context.journal_problem, 15000)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}-dock")
        dock.setWidget(widget)
        dock.setAccessibleName(f"{title} panel")
        self.addDockWidget(area, dock)
        return dock

    def _wire(self) -> None:
        documents = self.documents
        documents.tabAdded.connect(self._tab_added)
        documents.tabsChanged.connect(self.file_watcher.refresh)
        documents.tabsChanged.connect(self._update_file_bar)
        documents.tabsChanged.connect(self.actions.update)
        documents.currentChanged.connect(self._current_changed)
        documents.titleChanged.connect(self.setWindowTitle)
        self.library.openRequested.connect(self.open_file)
        self.library.newFromRequested.connect(self.new_from_file)
        self.validator.jumpRequested.connect(self._jump)
        self.validator.revealRequested.connect(lambda s, e: self._jump(s, e, focus=False))
        self.validator.renameRequested.connect(
            lambda path: self.renamer.rename(self.session(), path)
        )
        self.status.targetRequested.connect(self._set_target)
        self.themes.changed.connect(self.apply_theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._application_state_changed)

    def _tab_added(self, tab: DocumentTab) -> None:
        session = tab.session
        tab.cursorMoved.connect(self.status.set_position)
        tab.structured.message.connect(self._form_message)
        # Bound methods of the window and its parts: Qt disconnects them when the window goes.
        session.snapshotChanged.connect(self._session_changed)
        session.targetChanged.connect(self._session_changed)
        session.diagnosticsChanged.connect(self._session_diagnosed)
        session.diskStateChanged.connect(self.file_states.disk_changed)
        session.dirtyChanged.connect(self.file_states.dirty_changed)
        session.pathChanged.connect(self.file_states.moved)
        session.journalFailed.connect(self._journal_failed)

    # -- the questions ----------------------------------------------------------------------
    @property
    def interaction(self) -> Interaction:
        """Every question to the user; assign another object to script the answers."""
        return self.context.interaction

    @interaction.setter
    def interaction(self, interaction: Interaction) -> None:
        self.context.interaction = interaction

    @property
    def journal(self) -> Journal | None:
        """This program's recovery journal (in the context), or None."""
        return self.context.journal

    @journal.setter
    def journal(self, journal: Journal | None) -> None:
        self.context.journal = journal

    # -- documents (the window's commands, as the app, the tests and the menus call them) ----
    def tab(self, index: int | None = None) -> DocumentTab | None:
        return self.documents.tab(index)

    def session(self) -> DocumentSession | None:
        return self.documents.session()

    def sessions(self) -> list[DocumentSession]:
        return self.documents.sessions()

    def add_session(self, session: DocumentSession) -> DocumentTab:
        return self.documents.add_session(session)

    def open_file(self, path: str) -> DocumentSession | None:
        """Open a file, or switch to its tab when it is open already."""
        return self.documents.open_file(path)

    def open_files(self, paths: Iterable[str]) -> None:
        self.documents.open_files(paths)

    def new_document(self) -> DocumentSession:
        return self.documents.new_document()

    def new_from_file(self, path: str) -> DocumentSession | None:
        return self.documents.new_from_file(path)

    def close_tab(self, index: int) -> bool:
        return self.documents.close_tab(index)

    def save(self, session: DocumentSession | None = None) -> bool:
        return self.saving.save(session)

    def save_as(self, session: DocumentSession | None = None) -> bool:
        return self.saving.save_as(session)

    def suggested_path(self, session: DocumentSession) -> str:
        return self.saving.suggested_path(session)

    def offer_recovery(self) -> int:
        """Offer back what crashed programs left unsaved; how many documents were restored."""
        return self.recovery.offer()

    def restore_entry(self, entry: JournalEntry) -> DocumentSession:
        return self.recovery.restore_entry(entry)

    def toggle_preview(self, shown: bool | None = None) -> None:
        self.actions.toggle_preview(shown)

    def show_find(self, replace: bool) -> None:
        self.view.show_find(replace)

    @property
    def find_bar(self) -> FindBar:
        """The Find and Replace bar below the tabs (made the first time it is asked for)."""
        return self.view.find_bar

    # -- files changed by other programs ----------------------------------------------------
    def check_files(self) -> None:
        """Compare every open file with what its document loaded (size, time and hash)."""
        self.file_watcher.check_all()

    def reload_from_disk(self, session: DocumentSession | None = None) -> bool:
        """Replace the text with the file on disk (one undo step)."""
        session = session or self.session()
        return session is not None and self.file_states.reload(session)

    def keep_mine(self, session: DocumentSession | None = None) -> None:
        """Keep this text over the file changed on disk; the next Save overwrites it."""
        session = session or self.session()
        if session is not None:
            self.file_states.keep_mine(session)

    def compare_with_disk(self, session: DocumentSession | None = None) -> None:
        """Show what differs between the file on disk and the text here."""
        session = session or self.session()
        if session is not None:
            self.file_states.compare_with_disk(session)

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check_files()

    @property
    def file_bar(self) -> FileStateBar:
        """What happened to the current document's file (made the first time it is needed)."""
        return self.file_states.bar

    def _place_file_bar(self, bar: FileStateBar) -> None:
        """The file bar, just made: above the tabs, its buttons wired."""
        self.centralWidget().layout().insertWidget(0, bar)
        bar.reloadRequested.connect(self.reload_from_disk)
        bar.keepMineRequested.connect(self.keep_mine)
        bar.compareRequested.connect(lambda: self.compare_with_disk())
        bar.saveRequested.connect(lambda: self.save())
        bar.saveAsRequested.connect(lambda: self.save_as())

    def _update_file_bar(self, *_: object) -> None:
        self.file_states.update_bar()

    def _document_saved(self, session: DocumentSession) -> None:
        self.file_states.saved(session)
        self.library.refresh()
        self.file_watcher.refresh()
        self._update_file_bar()

    def _renamed(self, session: DocumentSession, path: str) -> None:
        self.settings.add_recent_file(path)
        self._document_saved(session)
        self.status.showMessage(f"Moved to {path} (Edit > Undo Rename moves it back)", 6000)

    def _form_message(self, message: str) -> None:
        """What the form says (a value written in another style, an edit it cannot make)."""
        self.status.showMessage(message, 15000)

    def _journal_failed(self, message: str) -> None:
        self.status.showMessage(message, 15000)

    # -- following the current document -----------------------------------------------------
    def _current_changed(self, session: DocumentSession | None) -> None:
        tab = self.tab()
        self.validator.set_session(session)
        self.view.follow_current_tab()
        self.status.set_session(session)
        if tab is not None:  # the line and column of this document, not the last one's
            self.status.set_position(*tab.source.cursor_line_column())
        self.actions.update()
        self._update_file_bar()

    def _session_changed(self, *_: object) -> None:
        self.collector.poke()  # a full garbage collection waits for a pause in editing
        if self.sender() is self.session():
            self.status.set_session(self.session())

    def _session_diagnosed(self, diagnostics: list) -> None:
        if self.sender() is self.session():
            self.status.set_diagnostics(diagnostics)

    def _jump(self, start: int, end: int, *, focus: bool = True) -> None:
        tab = self.tab()
        if tab is not None:
            tab.go_to(start, end, focus=focus)

    def _set_target(self, target: str) -> None:
        session = self.session()
        if session is not None:
            session.set_target(target)

    def apply_theme(self, theme: Theme) -> None:
        self.library.apply_theme(theme)
        self.validator.apply_theme(theme)
        self.status.apply_theme(theme)
        self.file_states.apply_theme(theme)
        self.view.apply_theme(theme)

    # -- the window's own life: layout, closing, screenshots --------------------------------
    def _restore(self) -> None:
        placement = self.settings.placement() if self._remember_layout else None
        geometry = self.settings.geometry() if self._remember_layout else None
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        if placement is not None and area is not None:
            frame = placement.on(area)
            self.resize(frame.size())  # the frame's own size: close enough before it shows
            self.move(frame.topLeft())
            if placement.maximized:
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        elif geometry is not None:  # saved by an older version, in pixels of its scale
            self.restoreGeometry(geometry)
            if area is not None:
                frame = Placement.of(self.frameGeometry(), area, False).on(area)
                self.resize(frame.size())
                self.move(frame.topLeft())
        else:
            self.resize(QSize(1400, 900))
        state = self.settings.window_state() if self._remember_layout else None
        if state is not None:
            self.restoreState(state)
        self._first_show = state is None
        # Fitted once the restored layout shows (None: nothing to fit).
        self._dock_shares = self.settings.dock_shares() if state is not None else None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._first_show:
            QTimer.singleShot(0, self._size_docks)
        elif self._dock_shares is not None:
            QTimer.singleShot(0, self._fit_docks)

    def _size_docks(self) -> None:
        """On the first start: a slim library and a Problems panel of a few rows."""
        if not self._first_show:
            return
        self._first_show = False
        em = self.fontMetrics().height()
        self.resizeDocks([self.library_dock], [em * 16], Qt.Orientation.Horizontal)
        self.resizeDocks([self.validator_dock], [em * 9], Qt.Orientation.Vertical)

    def _docks(self) -> list[tuple[str, QDockWidget, Qt.Orientation, int, int]]:
        """The docks whose size is kept, with their direction, extent and the window's."""
        library, problems = self.library_dock, self.validator_dock
        kept = [
            ("library", library, Qt.Orientation.Horizontal, library.width(), self.width()),
            ("problems", problems, Qt.Orientation.Vertical, problems.height(), self.height()),
        ]
        return [item for item in kept if item[1].isVisible() and not item[1].isFloating()]

    def _fit_docks(self) -> None:
        """After a restored layout shows: each dock at the share of the window it had (its
        saved pixels are the last session's scale's), never crowding out the documents."""
        shares, self._dock_shares = self._dock_shares or {}, None
        least = self.fontMetrics().height() * 4
        for name, dock, way, extent, window in self._docks():
            wanted = dock_extent(shares.get(name), extent, window, least, name)
            if abs(wanted - extent) > 1:
                self.resizeDocks([dock], [wanted], way)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.documents.may_close_all():
            event.ignore()
            return
        if self._remember_layout:
            self.settings.set_geometry(self.saveGeometry())
            screen = self.screen()
            if screen is not None:
                frame = self.normalGeometry() if self.isMaximized() else self.frameGeometry()
                self.settings.set_placement(
                    Placement.of(frame, screen.availableGeometry(), self.isMaximized())
                )
            self.settings.set_window_state(self.saveState())
            self.settings.set_dock_shares(
                {name: extent / max(1, window) for name, _d, _w, extent, window in self._docks()}
            )
        # A clean exit: every question was answered, so nothing is left to recover.
        self.documents.close_journals()
        if self.journal is not None:
            self.journal.close()
        self.collector.stop()  # a closed window runs no full collection later
        event.accept()

    def settle(self) -> None:
        """Finish every pending render and lint of the current document (for screenshots)."""
        self.screenshots.settle()

    def screenshot(self, path: str) -> None:
        self.screenshots.save(path)
