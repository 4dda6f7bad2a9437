"""The main window: document tabs, the library and validator panels, menus and the status bar.

The window wires widgets together and handles files; it does not edit personas itself (the
views send core edits to their session) and it keeps no state it could derive from a session.

Never losing work is wired here too: each session writes its unsaved text to this program's
recovery journal; `offer_recovery()` (called by the app once the window shows) offers back what a
crashed program left; the file watcher and a focus-in check notice files changed by other
programs (a clean document reloads quietly, a dirty one shows the file bar); Save refuses to
overwrite a file that changed on disk without asking. Every question is a method a test replaces:
ask_save_changes, ask_save_conflict, ask_save_failed, ask_save_path, ask_recovery,
open_diff_window and show_diff.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from persona_studio import __version__
from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.disk import DiskState, SaveConflictError
from persona_studio.core.files.fileio import read_text
from persona_studio.core.files.journal import Journal, JournalEntry
from persona_studio.core.readers.filekind import dialog_patterns, persona_stem
from persona_studio.core.resources import personas_dir, personas_dir_is_installed
from persona_studio.core.schema import load_schema
from persona_studio.gui.compare.actions import CompareActions
from persona_studio.gui.editor.find_bar import FindBar
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import Theme, ThemeManager
from persona_studio.gui.window import questions
from persona_studio.gui.window.document_tab import DocumentTab
from persona_studio.gui.window.file_state import FileStates
from persona_studio.gui.window.library_panel import LibraryPanel
from persona_studio.gui.window.memory import IdleCollector
from persona_studio.gui.window.preferences import PreferencesDialog
from persona_studio.gui.window.questions import CANCEL, COMPARE, DISCARD, OVERWRITE, SAVE
from persona_studio.gui.window.recovery import RESTORE, RecoveryDialog, UnifiedDiffDialog, diff_text
from persona_studio.gui.window.settings import Settings
from persona_studio.gui.window.status_bar import StatusBar
from persona_studio.gui.window.validator_panel import ValidatorPanel

# The answers of the ask_* methods are imported from here too.
__all__ = ["CANCEL", "COMPARE", "DISCARD", "FILE_FILTER", "OVERWRITE", "SAVE", "MainWindow"]

FILE_FILTER = f"Persona files ({' '.join(dialog_patterns())});;All files (*)"


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
        self.journal: Journal | None = None
        self.journal_problem = ""
        if recovery:
            try:
                self.journal = Journal.start()
            except PersonaStudioError as error:
                self.journal_problem = str(error)
        self.settings = Settings()
        self.themes = themes or ThemeManager(self.settings.theme(), self)
        self.setWindowTitle("Persona Studio")
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        theme = self.themes.theme

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setAccessibleName("Open documents")
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._current_changed)
        self.empty = QLabel(
            "<h2>Persona Studio</h2><p>Open a persona from the library on the left,<br>"
            "or start one with <b>File › New</b> (Ctrl+N).</p>",
            self,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("No document open")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.file_states = FileStates(
            theme,
            self,
            sessions=self.sessions,
            current=self.session,
            retitle=self._update_title,
            show_error=lambda title, message: self.show_error(title, message),
            say=lambda message, ms: self.status.showMessage(message, ms),
        )
        self.file_bar = self.file_states.bar
        self.file_watcher = self.file_states.watcher
        self.file_bar.reloadRequested.connect(self.reload_from_disk)
        self.file_bar.keepMineRequested.connect(self.keep_mine)
        self.file_bar.compareRequested.connect(lambda: self.compare_with_disk())
        self.file_bar.saveRequested.connect(lambda: self.save())
        self.file_bar.saveAsRequested.connect(lambda: self.save_as())
        self.collector = IdleCollector(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.file_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

        self.library = LibraryPanel(theme, self)
        self.library.openRequested.connect(self.open_file)
        self.library.newFromRequested.connect(self.new_from_file)
        self.library_dock = self._dock(
            "Library", "library", self.library, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.validator = ValidatorPanel(theme, self)
        self.validator.jumpRequested.connect(self._jump)
        self.validator_dock = self._dock(
            "Problems", "problems", self.validator, Qt.DockWidgetArea.BottomDockWidgetArea
        )

        self.status = StatusBar(theme, self)
        self.setStatusBar(self.status)
        self.status.targetRequested.connect(self._set_target)

        self._build_menus()
        self.themes.changed.connect(self.apply_theme)
        self.apply_theme(theme)
        self._restore()
        self._update_actions()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._application_state_changed)
        if self.journal_problem:
            self.status.showMessage(self.journal_problem, 15000)

    # -- building ---------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}-dock")
        dock.setWidget(widget)
        dock.setAccessibleName(f"{title} panel")
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self, text: str, slot, shortcut=None, tip: str = "", checkable: bool = False
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.setStatusTip(action.toolTip())
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_action = self._action(
            "&New Persona",
            self.new_document,
            keys.New,
            "A blank persona with every section of the schema",
        )
        self.new_from_action = self._action(
            "New from &Library Persona…",
            self.new_from_library,
            tip="A copy of a persona from the library",
        )
        self.open_action = self._action("&Open…", self.open_dialog, keys.Open)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save_action = self._action("&Save", self.save, keys.Save)
        self.save_as_action = self._action("Save &As…", self.save_as, keys.SaveAs)
        self.close_action = self._action(
            "&Close", lambda: self.close_tab(self.tabs.currentIndex()), keys.Close
        )
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.compare = CompareActions(self)
        for item in (
            self.new_action,
            self.new_from_action,
            None,
            self.open_action,
            self.recent_menu,
            None,
            self.save_action,
            self.save_as_action,
            None,
            self.compare.export,
            self.compare.export_library,
            None,
            self.close_action,
            None,
            self.quit_action,
        ):
            self._add(file_menu, item)

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self._action("&Undo", lambda: self._session_call("undo"), keys.Undo)
        self.redo_action = self._action("&Redo", lambda: self._session_call("redo"), keys.Redo)
        self.find_action = self._action("&Find…", lambda: self.show_find(False), keys.Find)
        self.replace_action = self._action(
            "Find and &Replace…", lambda: self.show_find(True), keys.Replace
        )
        self.find_next_action = self._action("Find &Next", self.find_bar.find_next, keys.FindNext)
        self.find_previous_action = self._action(
            "Find Pre&vious", self.find_bar.find_previous, keys.FindPrevious
        )
        self.goto_action = self._action("&Go to Line…", self.go_to_line, "Ctrl+G")
        self.preferences_action = self._action(
            "&Preferences…", self.show_preferences, keys.Preferences
        )
        for item in (
            self.undo_action,
            self.redo_action,
            None,
            self.find_action,
            self.replace_action,
            self.find_next_action,
            self.find_previous_action,
            self.goto_action,
            None,
            self.preferences_action,
        ):
            self._add(edit_menu, item)

        view_menu = bar.addMenu("&View")
        self.structured_action = self._action(
            "S&tructured View", self._show_structured, "Ctrl+1", "Edit through the form"
        )
        self.source_action = self._action(
            "&Source View", self._show_source, "Ctrl+2", "Edit the Markdown text"
        )
        self.preview_action = self._action(
            "Show &Preview",
            self.toggle_preview,
            "Ctrl+Shift+P",
            "Show or hide the live preview",
            checkable=True,
        )
        self.preview_action.setChecked(self.settings.preview_shown())
        self.zoom_in_action = self._action("Zoom &In", lambda: self.zoom(1), keys.ZoomIn)
        self.zoom_out_action = self._action("Zoom &Out", lambda: self.zoom(-1), keys.ZoomOut)
        self.zoom_reset_action = self._action("&Reset Zoom", lambda: self.zoom(0), "Ctrl+0")
        theme_menu = QMenu("&Theme", self)
        self.theme_actions = {}
        for key, label in (("system", "Follow the System"), ("light", "Light"), ("dark", "Dark")):
            action = self._action(label, lambda _=False, k=key: self.set_theme(k), checkable=True)
            action.setChecked(self.themes.preference == key)
            self.theme_actions[key] = action
            theme_menu.addAction(action)
        for item in (
            self.structured_action,
            self.source_action,
            self.preview_action,
            None,
            self.zoom_in_action,
            self.zoom_out_action,
            self.zoom_reset_action,
            None,
            theme_menu,
            None,
            self.library_dock.toggleViewAction(),
            self.validator_dock.toggleViewAction(),
        ):
            self._add(view_menu, item)

        go_menu = bar.addMenu("&Go")
        self.next_problem_action = self._action("&Next Problem", self.validator.next_problem, "F8")
        self.previous_problem_action = self._action(
            "&Previous Problem", self.validator.previous_problem, "Shift+F8"
        )
        go_menu.addAction(self.next_problem_action)
        go_menu.addAction(self.previous_problem_action)

        bar.addMenu(self.compare.menu())

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About Persona Studio", self.show_about))

    @staticmethod
    def _add(menu: QMenu, item: QAction | QMenu | None) -> None:
        if item is None:
            menu.addSeparator()
        elif isinstance(item, QMenu):
            menu.addMenu(item)
        else:
            menu.addAction(item)

    # -- documents ------------------------------------------------------------------------
    def tab(self, index: int | None = None) -> DocumentTab | None:
        widget = self.tabs.widget(self.tabs.currentIndex() if index is None else index)
        return widget if isinstance(widget, DocumentTab) else None

    def session(self) -> DocumentSession | None:
        tab = self.tab()
        return tab.session if tab is not None else None

    def sessions(self) -> list[DocumentSession]:
        return [self.tab(i).session for i in range(self.tabs.count()) if self.tab(i)]

    def add_session(self, session: DocumentSession) -> DocumentTab:
        tab = DocumentTab(session, self.themes.theme, self.tabs)
        session.setParent(tab)  # the session lives and dies with its tab
        tab.set_preview_shown(self.preview_action.isChecked())
        if self.settings.zoom():
            for _ in range(abs(self.settings.zoom())):
                (tab.source.zoom_in if self.settings.zoom() > 0 else tab.source.zoom_out)()
        tab.cursorMoved.connect(self.status.set_position)
        # Bound methods of the window and its parts: Qt disconnects them when the window goes.
        session.dirtyChanged.connect(self._session_renamed)
        session.pathChanged.connect(self._session_renamed)
        session.snapshotChanged.connect(self._session_changed)
        session.targetChanged.connect(self._session_changed)
        session.diagnosticsChanged.connect(self._session_diagnosed)
        session.diskStateChanged.connect(self.file_states.disk_changed)
        session.dirtyChanged.connect(self.file_states.dirty_changed)
        session.pathChanged.connect(self.file_states.moved)
        session.journalFailed.connect(self._journal_failed)
        index = self.tabs.addTab(tab, session.display_name)
        self.tabs.setCurrentIndex(index)
        self._update_title(session)
        self.stack.setCurrentWidget(self.tabs)
        session.attach_journal(self.journal)
        self.file_watcher.refresh()
        self._update_file_bar()
        return tab

    def open_file(self, path: str) -> DocumentSession | None:
        """Open a file, or switch to its tab when it is open already."""
        path = os.path.abspath(path)
        for index in range(self.tabs.count()):
            tab = self.tab(index)
            if tab is not None and tab.session.path == path:
                self.tabs.setCurrentIndex(index)
                return tab.session
        try:
            session = DocumentSession.open(path, default_target=self.settings.default_target())
        except PersonaStudioError as error:
            self.show_error("Cannot open the file", str(error))
            return None
        self.add_session(session)
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(os.path.dirname(path))
        return session

    def open_files(self, paths: Iterable[str]) -> None:
        for path in paths:
            self.open_file(path)

    def new_document(self) -> DocumentSession:
        text = load_schema().template("Name")
        session = DocumentSession(text, default_target=self.settings.default_target())
        self.add_session(session)
        return session

    def new_from_file(self, path: str) -> DocumentSession | None:
        """An untitled copy of a persona (from the library): saving asks where."""
        try:
            loaded = read_text(path)
        except PersonaStudioError as error:
            self.show_error("Cannot open the file", str(error))
            return None
        session = DocumentSession(
            loaded.text, loaded=loaded, default_target=self.settings.default_target()
        )
        self.add_session(session)
        return session

    def new_from_library(self) -> None:
        paths = self.library.selected_paths()
        if paths:
            self.new_from_file(paths[0])
            return
        names = sorted(os.listdir(personas_dir()))
        name, ok = QInputDialog.getItem(
            self, "New from Library Persona", "Start from a copy of:", names, 0, False
        )
        if ok and name:
            self.new_from_file(os.path.join(personas_dir(), name))

    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open Persona", self.settings.last_folder(), FILE_FILTER
        )
        self.open_files(paths)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear Recent Files", self.settings.clear_recent_files)

    # -- saving ---------------------------------------------------------------------------
    def save(self, session: DocumentSession | None = None) -> bool:
        session = session or self.session()
        if session is None:
            return False
        if session.path is None or self._is_shipped(session.path):
            return self.save_as(session)
        return self._write(session, None)

    def save_as(self, session: DocumentSession | None = None) -> bool:
        session = session or self.session()
        if session is None:
            return False
        path = self.ask_save_path(session)
        if not path:
            return False
        return self._write(session, path)

    def ask_save_path(self, session: DocumentSession) -> str | None:
        """The Save As dialog; the suggested name follows the document's target."""
        path, _ = QFileDialog.getSaveFileName(
            self, "Save Persona As", self.suggested_path(session), FILE_FILTER
        )
        return path or None

    def suggested_path(self, session: DocumentSession) -> str:
        from persona_studio.core.catalog import load_catalog

        target = load_catalog().target(session.target)
        title = session.snapshot.title
        base = persona_stem(session.display_name)
        if session.path is None and title is not None:
            base = title.title.split(":", 1)[-1].strip() or "persona"
        slug = "-".join("".join(c if c.isalnum() else " " for c in base.lower()).split())
        folder = (
            os.path.dirname(session.path)
            if session.path and not self._is_shipped(session.path)
            else self.settings.last_folder()
        )
        # The file keeps its kind's suffix, unless the user picked another target for it.
        kind = session.file_kind.spec
        keep = kind is not None and kind.suffix and session.chosen_target is None
        suffix = kind.suffix if keep else target.suffix
        return os.path.join(folder, f"{slug or 'persona'}{suffix}")

    def _write(self, session: DocumentSession, path: str | None) -> bool:
        force = False
        while True:
            try:
                session.save(path, force=force)
                break
            except SaveConflictError:
                answer = self.ask_save_conflict(session)
                if answer == OVERWRITE:
                    force = True
                else:
                    if answer == COMPARE:  # look first; the next Save asks again
                        self.compare_with_disk(session)
                    return False
            except PersonaStudioError as error:
                # Nothing on disk changed and the document stays dirty (and journaled).
                if self.ask_save_failed(session, error):
                    return self.save_as(session)
                return False
        self.file_states.saved(session)
        self.settings.add_recent_file(session.path or "")
        self.status.showMessage(f"Saved {session.path}", 4000)
        self.library.refresh()
        self.file_watcher.refresh()
        self._update_file_bar()
        return True

    def ask_save_failed(self, session: DocumentSession, error: PersonaStudioError) -> bool:
        """A save failed: say why; True when the user wants Save As."""
        return questions.ask_save_failed(self, session.display_name, error)

    def ask_save_conflict(self, session: DocumentSession) -> str:
        """The file changed on disk since it was loaded: OVERWRITE, COMPARE or CANCEL."""
        return questions.ask_save_conflict(self, session.display_name)

    @staticmethod
    def _is_shipped(path: str) -> bool:
        """The copies installed with the program are never overwritten."""
        if not personas_dir_is_installed():
            return False
        shipped = os.path.realpath(personas_dir())
        return os.path.realpath(path).startswith(shipped + os.sep)

    # -- closing --------------------------------------------------------------------------
    def ask_save_changes(self, session: DocumentSession) -> str:
        """Save, Discard or Cancel for a document with unsaved changes."""
        return questions.ask_save_changes(self, session.display_name)

    def _may_close(self, session: DocumentSession) -> bool:
        if not session.needs_saving:
            return True
        answer = self.ask_save_changes(session)
        if answer == SAVE:
            return self.save(session)
        return answer == DISCARD

    def close_tab(self, index: int) -> bool:
        tab = self.tab(index)
        if tab is None:
            return False
        if not self._may_close(tab.session):
            return False
        tab.session.close_journal()
        self.tabs.removeTab(index)
        tab.deleteLater()
        self.file_watcher.refresh()
        if self.tabs.count() == 0:
            self.stack.setCurrentWidget(self.empty)
            self._current_changed(-1)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        for index in range(self.tabs.count()):
            tab = self.tab(index)
            if tab is not None and not self._may_close(tab.session):
                event.ignore()
                return
        if self._remember_layout:
            self.settings.set_geometry(self.saveGeometry())
            self.settings.set_window_state(self.saveState())
        # A clean exit: every question was answered, so nothing is left to recover.
        for session in self.sessions():
            session.close_journal()
        if self.journal is not None:
            self.journal.close()
        event.accept()

    def _restore(self) -> None:
        geometry = self.settings.geometry() if self._remember_layout else None
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(QSize(1400, 900))
        state = self.settings.window_state() if self._remember_layout else None
        if state is not None:
            self.restoreState(state)
        self._first_show = state is None

    # -- reacting to sessions ---------------------------------------------------------------
    def _current_changed(self, _index: int) -> None:
        tab = self.tab()
        session = tab.session if tab else None
        self.validator.set_session(session)
        self.find_bar.set_editor(tab.source if tab else None)
        self.status.set_session(session)
        self._update_actions()
        self._update_file_bar()
        if session is not None:
            self._update_title(session)
        else:
            self.setWindowTitle("Persona Studio")

    def _session_renamed(self, *_: object) -> None:
        session = self.sender()
        if isinstance(session, DocumentSession):
            self._update_title(session)

    def _session_changed(self, *_: object) -> None:
        self.collector.poke()  # a full garbage collection waits for a pause in editing
        if self.sender() is self.session():
            self.status.set_session(self.session())

    def _session_diagnosed(self, diagnostics: list) -> None:
        if self.sender() is self.session():
            self.status.set_diagnostics(diagnostics)

    def _update_title(self, session: DocumentSession) -> None:
        for index in range(self.tabs.count()):
            tab = self.tab(index)
            if tab is not None and tab.session is session:
                name = session.display_name + (" •" if session.is_dirty else "")
                tip = session.path or "Not saved yet"
                if session.file_missing:
                    name += " (deleted)"
                    tip += "\nThe file was deleted or moved on disk: Save writes it again."
                elif session.known_disk_state is DiskState.CHANGED:
                    tip += "\nThe file was changed on disk by another program."
                self.tabs.setTabText(index, name)
                self.tabs.setTabToolTip(index, tip)
        if session is self.session():
            where = session.path or "Not saved yet"
            self.setWindowTitle(
                f"{session.display_name}{' •' if session.is_dirty else ''} — "
                f"{where} — Persona Studio"
            )

    def _update_actions(self) -> None:
        has = self.session() is not None
        for action in (
            self.save_action,
            self.save_as_action,
            self.close_action,
            self.undo_action,
            self.redo_action,
            self.find_action,
            self.replace_action,
            self.goto_action,
            self.structured_action,
            self.source_action,
            self.next_problem_action,
            self.previous_problem_action,
        ):
            action.setEnabled(has)
        self.compare.update()

    def _session_call(self, name: str) -> None:
        session = self.session()
        if session is not None:
            getattr(session, name)()

    def _jump(self, start: int, end: int) -> None:
        tab = self.tab()
        if tab is not None:
            tab.go_to(start, end)

    def _set_target(self, target: str) -> None:
        session = self.session()
        if session is not None:
            session.set_target(target)

    # -- view -----------------------------------------------------------------------------
    def _show_structured(self) -> None:
        if self.tab():
            self.tab().show_structured()

    def _show_source(self) -> None:
        if self.tab():
            self.tab().show_source()

    def toggle_preview(self, shown: bool | None = None) -> None:
        shown = (
            self.preview_action.isChecked()
            if shown is None or not isinstance(shown, bool)
            else shown
        )
        self.preview_action.setChecked(shown)
        self.settings.set_preview_shown(shown)
        for index in range(self.tabs.count()):
            self.tab(index).set_preview_shown(shown)

    def zoom(self, step: int) -> None:
        steps = 0 if step == 0 else self.settings.zoom() + step
        self.settings.set_zoom(steps)
        for index in range(self.tabs.count()):
            source = self.tab(index).source
            if step > 0:
                source.zoom_in()
            elif step < 0:
                source.zoom_out()
            else:
                source.zoom_reset()

    def set_theme(self, preference: str) -> None:
        self.settings.set_theme(preference)
        for key, action in self.theme_actions.items():
            action.setChecked(key == preference)
        self.themes.set_preference(preference)

    def apply_theme(self, theme: Theme) -> None:
        self.library.apply_theme(theme)
        self.validator.apply_theme(theme)
        self.status.apply_theme(theme)
        self.file_bar.apply_theme(theme)
        for index in range(self.tabs.count()):
            self.tab(index).apply_theme(theme)

    def show_find(self, replace: bool) -> None:
        tab = self.tab()
        if tab is None:
            return
        tab.show_source()
        self.find_bar.set_editor(tab.source)
        self.find_bar.show_bar(replace)

    def go_to_line(self) -> None:
        tab = self.tab()
        if tab is None:
            return
        count = tab.session.text_document.blockCount()
        line, ok = QInputDialog.getInt(
            self,
            "Go to Line",
            f"Line (1 to {count}):",
            tab.source.textCursor().blockNumber() + 1,
            1,
            count,
        )
        if ok:
            tab.show_source()
            tab.source.go_to_line(line)
            tab.source.setFocus()

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec():
            self.set_theme(self.settings.theme())

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Persona Studio",
            f"<h3>Persona Studio {__version__}</h3>"
            "<p>Write, check, compare and export AI-assistant personas: VS Code Copilot chat "
            "modes and custom agents, GitHub Copilot agents and Claude Code subagents.</p>"
            f"<p>Qt {QApplication.instance().applicationVersion() or ''}</p>",
        )

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._first_show:
            QTimer.singleShot(0, self._size_docks)

    def _size_docks(self) -> None:
        """On the first start: a slim library and a Problems panel of a few rows."""
        if not self._first_show:
            return
        self._first_show = False
        em = self.fontMetrics().height()
        self.resizeDocks([self.library_dock], [em * 16], Qt.Orientation.Horizontal)
        self.resizeDocks([self.validator_dock], [em * 9], Qt.Orientation.Vertical)

    # -- files changed by other programs ----------------------------------------------------
    def check_files(self) -> None:
        """Compare every open file with what its document loaded (size, time and hash)."""
        self.file_watcher.check_all()

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check_files()

    def _journal_failed(self, message: str) -> None:
        self.status.showMessage(message, 15000)

    def _update_file_bar(self) -> None:
        self.file_states.update_bar()

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
        """Show what differs between the file on disk and the text here: in the diff window
        where it is available, else as a unified diff in a dialog."""
        session = session or self.session()
        if session is None or self.open_diff_window(session):
            return
        disk = session.disk_text()
        name = session.display_name
        diff = diff_text(
            disk or "",
            session.text(),
            f"{name} (on disk)" if disk is not None else "(nothing readable on disk)",
            f"{name} (yours, unsaved)",
        )
        self.show_diff(
            f"Compare — {name}",
            diff,
            "Lines starting with − are in the file on disk; lines starting with + are in your"
            " text.",
        )

    def open_diff_window(self, session: DocumentSession) -> bool:
        """The file on disk against the document in the full diff window (gui/compare/diff_view.py),
        if that module is there and can read the file; False to fall back to `show_diff`."""
        try:
            from persona_studio.gui.compare.diff_view import DiffWindow

            window = DiffWindow.open_document_vs_disk(self.themes.theme, session, self)
        except (ImportError, AttributeError, TypeError, PersonaStudioError):
            return False
        window.show()
        window.raise_()
        window.activateWindow()
        return True

    def show_diff(self, title: str, diff: str, summary: str = "") -> None:
        """A unified diff in a dialog (tests replace this method)."""
        UnifiedDiffDialog(title, diff, self.themes.theme, self, summary=summary).exec()

    # -- recovering after a crash -----------------------------------------------------------
    def offer_recovery(self) -> int:
        """Offer back the unsaved documents of programs that crashed or were killed; return how
        many were restored. Entries left for later stay in the journal for the next start."""
        if self.journal is None:
            return 0
        entries = self.journal.orphans()
        if not entries:
            self.journal.release()
            return 0
        choices = self.ask_recovery(entries)
        restored = 0
        if choices is not None:
            for entry in entries:
                choice = choices.get(entry.doc_id)
                if choice is None:
                    continue  # no answer: kept for the next start
                if choice == RESTORE:
                    self.restore_entry(entry)
                    restored += 1
                self.journal.forget(entry)
        self.journal.release()
        if restored:
            self.status.showMessage(
                f"Restored {restored} document{'s' if restored != 1 else ''}: they are unsaved",
                8000,
            )
        return restored

    def ask_recovery(self, entries: list[JournalEntry]) -> dict[str, str] | None:
        """The recovery dialog: doc_id -> RESTORE or DISCARD, or None to decide later."""
        dialog = RecoveryDialog(entries, self.themes.theme, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choices()

    def restore_entry(self, entry: JournalEntry) -> DocumentSession:
        """Open a journal entry's text as an unsaved document (over its file's text, so Undo
        goes back to the file), in the tab of that file when it is open already."""
        session = None
        if entry.path is not None:
            for candidate in self.sessions():
                if candidate.path == entry.path:
                    session = candidate
                    self.tabs.setCurrentIndex(self.tabs.indexOf(self._tab_of(candidate)))
                    break
        if session is None:
            target = self.settings.default_target()
            try:
                if entry.path is None or not os.path.isfile(entry.path):
                    raise FileNotFoundError
                session = DocumentSession.open(entry.path, default_target=target)
            except (PersonaStudioError, FileNotFoundError):
                session = DocumentSession(entry.text, path=entry.path, default_target=target)
            self.add_session(session)
        session.restore_from(entry)
        self._update_title(session)
        self._update_file_bar()
        return session

    def _tab_of(self, session: DocumentSession) -> DocumentTab | None:
        for index in range(self.tabs.count()):
            tab = self.tab(index)
            if tab is not None and tab.session is session:
                return tab
        return None

    # -- drag and drop --------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.open_files(paths))

    # -- screenshots ----------------------------------------------------------------------
    def settle(self) -> None:
        """Finish every pending render and lint of the current document (for screenshots)."""
        tab = self.tab()
        QApplication.processEvents()
        self._size_docks()
        QApplication.processEvents()
        if tab is not None:
            tab.session.refresh_diagnostics()
            tab.preview.render_now()
            tab.structured.refresh()
        QApplication.processEvents()

    def screenshot(self, path: str) -> None:
        self.settle()
        # PNG quality 80 is lighter compression: as small a file here, in 30 ms instead of 50.
        if not self.grab().save(path, "PNG", 80):
            raise PersonaStudioError(f"cannot write the screenshot to {path}")
