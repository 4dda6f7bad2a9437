"""What the window does when the files of its documents change on disk.

`FileWatcher` (file_watch.py) notices the changes and each session finds out what happened to its
file; `FileStates` decides what that means. A clean document follows its file quietly (one undo
step; the status bar says so); a dirty one keeps its text. The current document's `FileStateBar`
says what happened to its file (changed: Reload, Keep Mine, Compare; deleted or moved; cannot be
read now) or shows a notice (mixed line endings) until the user dismisses it. Compare shows the
document against its file, in the diff window or as a unified diff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from persona_studio.core.errors import PersonaStudioError
from persona_studio.core.files.disk import DiskState
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.theme import Theme
from persona_studio.gui.window.context import AppContext
from persona_studio.gui.window.documents.file_watch import FileStateBar, FileWatcher

NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}


class FileStates(QObject):
    """The file bar and the watcher of one window, and what it remembers per document: the
    reason a changed file could not be read, and the notices the user dismissed.

    The current session, the questions and the status line come from the context; `retitle`
    names a session's tab again; `place` puts the bar in the window when it is first made."""

    def __init__(
        self,
        context: AppContext,
        theme: Theme,
        parent: QWidget,
        *,
        sessions: Callable[[], Iterable[DocumentSession]],
        retitle: Callable[[DocumentSession], None],
        place: Callable[[FileStateBar], None],
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._current = context.session
        self._retitle = retitle
        self._unreadable: dict[str, str] = {}  # doc_id -> why its changed file cannot be read
        self._dismissed: set[str] = set()  # doc_ids whose notice the user closed
        self._theme = theme
        self._parent = parent
        self._place = place
        self._bar: FileStateBar | None = None  # made the first time there is something to say
        self.watcher = FileWatcher(sessions, self)

    @property
    def bar(self) -> FileStateBar:
        """The bar above the tabs; made (and handed to `place`) the first time it is asked for:
        most windows never have anything to say about their files."""
        if self._bar is None:
            bar = self._bar = FileStateBar(self._theme, self._parent)
            bar.dismissed.connect(self._bar_dismissed)
            self._place(bar)
        return self._bar

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._bar is not None:
            self._bar.apply_theme(theme)

    # -- the session's signals (connected by the window for each session) ----------------------
    def disk_changed(self, *_: object) -> None:
        session = self.sender()
        if not isinstance(session, DocumentSession):
            return
        state = session.known_disk_state
        if state is DiskState.CHANGED and not session.is_dirty:
            try:
                session.reload()  # a clean document follows its file quietly (Undo goes back)
            except PersonaStudioError as error:
                self._unreadable[session.doc_id] = error.message
            else:
                self._unreadable.pop(session.doc_id, None)
                self.context.say(f"Reloaded {session.display_name}: it was changed on disk", 6000)
        elif state is not DiskState.CHANGED:
            self._unreadable.pop(session.doc_id, None)
        self._retitle(session)
        if session is self._current():
            self.update_bar()

    def dirty_changed(self, *_: object) -> None:
        if self.sender() is self._current():
            self.update_bar()

    def moved(self, *_: object) -> None:
        self.watcher.refresh()

    # -- the window's calls ---------------------------------------------------------------------
    def saved(self, session: DocumentSession) -> None:
        """The document was written: what could not be read before no longer matters."""
        self._unreadable.pop(session.doc_id, None)

    def update_bar(self) -> None:
        """Show the bar for the current document's file (or hide it)."""
        show = self._news(self._current())
        if show is not None:
            show(self.bar)
        elif self._bar is not None:  # nothing to say: a bar never made stays unmade
            self._bar.clear()

    def _news(self, session: DocumentSession | None) -> Callable[[FileStateBar], None] | None:
        """What the bar says about `session`'s file, or None when it says nothing."""
        if session is None:
            return None
        name = session.display_name
        state = session.known_disk_state
        if state is DiskState.MISSING:
            return lambda bar: bar.show_missing(name)
        if state is DiskState.CHANGED and session.doc_id in self._unreadable:
            if session.doc_id in self._dismissed:
                return None
            reason = self._unreadable[session.doc_id]
            return lambda bar: bar.show_unreadable(name, reason)
        if state is DiskState.CHANGED:
            dirty = session.is_dirty
            return lambda bar: bar.show_changed(name, dirty=dirty)
        if state is DiskState.UNREADABLE and session.doc_id not in self._dismissed:
            return lambda bar: bar.show_unreadable(name)
        if session.file.mixed_newlines and session.doc_id not in self._dismissed:
            style = NEWLINE_NAMES.get(session.file.newline, "LF")
            notice = (
                f"{name} mixes line endings (LF, CRLF or CR). They are shown as usual, and"
                f" saving writes them all as {style}, the file's first line ending."
            )
            return lambda bar: bar.show_notice(notice)
        return None

    def reload(self, session: DocumentSession) -> bool:
        """Replace the text with the file on disk (one undo step)."""
        try:
            session.reload()
        except PersonaStudioError as error:
            self.context.interaction.show_error("Cannot reload the file", str(error))
            return False
        self._retitle(session)
        self.update_bar()
        return True

    def keep_mine(self, session: DocumentSession) -> None:
        """Keep this text over the file changed on disk; the next Save overwrites it."""
        session.keep_mine()
        self._retitle(session)
        self.update_bar()

    def compare_with_disk(self, session: DocumentSession) -> None:
        """Show what differs between the file on disk and the text here: in the diff window
        where it is available, else as a unified diff in a dialog."""
        interaction = self.context.interaction
        if interaction.open_diff_window(session):
            return
        from persona_studio.gui.window.documents.recovery import diff_text  # loads the differ

        disk = session.disk_text()
        name = session.display_name
        diff = diff_text(
            disk or "",
            session.text(),
            f"{name} (on disk)" if disk is not None else "(nothing readable on disk)",
            f"{name} (yours, unsaved)",
        )
        interaction.show_diff(
            f"Compare — {name}",
            diff,
            "Lines starting with − are in the file on disk; lines starting with + are in your"
            " text.",
        )

    def _bar_dismissed(self) -> None:
        session = self._current()
        if session is not None:
            self._dismissed.add(session.doc_id)
