"""The document tabs: open, new and close documents, one `DocumentTab` per session.

`Documents` owns the tab widget and the empty page shown when no document is open; it names each
tab after its session (dirty, deleted, changed on disk). What a new tab is connected to (the status
bar, the file bar, the journal) is the window's business: it listens to `tabAdded`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QWidget

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.fileio import read_text
from persona_studio.core.files.journal import DiskState
from persona_studio.core.resources import personas_dir
from persona_studio.core.schema import load_schema
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.window.context import AppContext
from persona_studio.gui.window.document_tab import DocumentTab
from persona_studio.gui.window.interaction import DISCARD, SAVE

EMPTY_PAGE = (
    "<h2>Persona Studio</h2><p>Open a persona from the library on the left,<br>"
    "or start one with <b>File › New</b> (Ctrl+N).</p>"
)


class Documents(QObject):
    """The open documents of one window, in tabs."""

    tabAdded = Signal(object)  # DocumentTab, before it shows
    tabsChanged = Signal()  # a tab was added or closed
    currentChanged = Signal(object)  # DocumentSession or None
    titleChanged = Signal(str)  # the window title for the current document

    def __init__(
        self,
        context: AppContext,
        parent: QWidget,
        *,
        save: Callable[[DocumentSession], bool],
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._save = save
        self.tabs = QTabWidget(parent)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setAccessibleName("Open documents")
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._current_changed)
        self.empty = QLabel(EMPTY_PAGE, parent)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("No document open")
        self.stack = QStackedWidget(parent)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)

    # -- what is open -------------------------------------------------------------------------
    def tab(self, index: int | None = None) -> DocumentTab | None:
        widget = self.tabs.widget(self.tabs.currentIndex() if index is None else index)
        return widget if isinstance(widget, DocumentTab) else None

    def all_tabs(self) -> list[DocumentTab]:
        return [tab for i in range(self.tabs.count()) if (tab := self.tab(i)) is not None]

    def session(self) -> DocumentSession | None:
        tab = self.tab()
        return tab.session if tab is not None else None

    def sessions(self) -> list[DocumentSession]:
        return [tab.session for tab in self.all_tabs()]

    def tab_of(self, session: DocumentSession) -> DocumentTab | None:
        return next((tab for tab in self.all_tabs() if tab.session is session), None)

    def show(self, session: DocumentSession) -> None:
        """Bring the tab of `session` to the front."""
        self.tabs.setCurrentIndex(self.tabs.indexOf(self.tab_of(session)))

    def step(self, delta: int) -> None:
        """Show the next (1) or previous (-1) tab, wrapping around at the ends."""
        count = self.tabs.count()
        if count > 1:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + delta) % count)

    # -- opening --------------------------------------------------------------------------------
    def add_session(self, session: DocumentSession) -> DocumentTab:
        settings = self.context.settings
        tab = DocumentTab(session, self.context.themes.theme, self.tabs)
        session.setParent(tab)  # the session lives and dies with its tab
        tab.set_preview_shown(settings.preview_shown())
        tab.preview.set_engine(settings.preview_engine())
        zoom = settings.zoom()
        for _ in range(abs(zoom)):
            (tab.source.zoom_in if zoom > 0 else tab.source.zoom_out)()
        session.dirtyChanged.connect(self._session_renamed)
        session.pathChanged.connect(self._session_renamed)
        self.tabAdded.emit(tab)
        index = self.tabs.addTab(tab, session.display_name)
        self.tabs.setCurrentIndex(index)
        self.retitle(session)
        self.stack.setCurrentWidget(self.tabs)
        session.attach_journal(self.context.journal)
        self.tabsChanged.emit()
        return tab

    def open_file(self, path: str) -> DocumentSession | None:
        """Open a file, or switch to its tab when it is open already."""
        path = os.path.abspath(path)
        for tab in self.all_tabs():
            if tab.session.path == path:
                self.tabs.setCurrentWidget(tab)
                return tab.session
        settings = self.context.settings
        try:
            session = DocumentSession.open(path, default_target=settings.default_target())
        except PersonaStudioError as error:
            self.context.interaction.show_error("Cannot open the file", str(error))
            return None
        self.add_session(session)
        settings.add_recent_file(path)
        settings.set_last_folder(os.path.dirname(path))
        return session

    def open_files(self, paths: Iterable[str]) -> None:
        for path in paths:
            self.open_file(path)

    def open_dialog(self) -> None:
        self.open_files(self.context.interaction.open_paths(self.context.settings.last_folder()))

    def new_document(self) -> DocumentSession:
        text = load_schema().template("Name")
        session = DocumentSession(text, default_target=self.context.settings.default_target())
        self.add_session(session)
        return session

    def new_from_file(self, path: str) -> DocumentSession | None:
        """An untitled copy of a persona (from the library): saving asks where."""
        try:
            loaded = read_text(path)
        except PersonaStudioError as error:
            self.context.interaction.show_error("Cannot open the file", str(error))
            return None
        session = DocumentSession(
            loaded.text, loaded=loaded, default_target=self.context.settings.default_target()
        )
        self.add_session(session)
        return session

    def new_from_library(self, selected: list[str]) -> None:
        """A copy of the first selected library persona, or of one the user picks."""
        if selected:
            self.new_from_file(selected[0])
            return
        name = self.context.interaction.library_persona(sorted(os.listdir(personas_dir())))
        if name:
            self.new_from_file(os.path.join(personas_dir(), name))

    # -- closing --------------------------------------------------------------------------------
    def may_close(self, session: DocumentSession) -> bool:
        """Ask about unsaved changes; True when the document may go."""
        if not session.needs_saving:
            return True
        answer = self.context.interaction.save_changes(session)
        if answer == SAVE:
            return self._save(session)
        return answer == DISCARD

    def may_close_all(self) -> bool:
        return all(self.may_close(tab.session) for tab in self.all_tabs())

    def close_tab(self, index: int) -> bool:
        tab = self.tab(index)
        if tab is None or not self.may_close(tab.session):
            return False
        tab.session.close_journal()
        self.tabs.removeTab(index)
        tab.deleteLater()
        self.tabsChanged.emit()
        if self.tabs.count() == 0:
            self.stack.setCurrentWidget(self.empty)
            self._current_changed(-1)
        return True

    def close_journals(self) -> None:
        """A clean exit: every question was answered, so nothing is left to recover."""
        for session in self.sessions():
            session.close_journal()

    # -- names ----------------------------------------------------------------------------------
    def retitle(self, session: DocumentSession) -> None:
        """Name the tab of `session` (and the window, when it is the current one)."""
        tab = self.tab_of(session)
        if tab is not None:
            index = self.tabs.indexOf(tab)
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
            self.titleChanged.emit(window_title(session))

    def _session_renamed(self, *_: object) -> None:
        session = self.sender()
        if isinstance(session, DocumentSession):
            self.retitle(session)

    def _current_changed(self, _index: int) -> None:
        session = self.session()
        self.currentChanged.emit(session)
        self.titleChanged.emit(window_title(session))


def window_title(session: DocumentSession | None) -> str:
    if session is None:
        return "Persona Studio"
    dirty = " •" if session.is_dirty else ""
    return f"{session.display_name}{dirty} — {session.path or 'Not saved yet'} — Persona Studio"
