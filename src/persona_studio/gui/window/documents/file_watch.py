"""Watching open files for changes made by other programs, and the bar that says so.

`FileWatcher` watches each open document's file and its folder with QFileSystemWatcher (an
atomic save by another editor replaces the file, which ends a watch on the file itself; the folder
watch sees the new one) and, a moment after the last event, asks each affected session to
`check_disk()`. The window decides what a change means (a clean document reloads quietly, a dirty
one shows the bar). The program's own saves update the session's stamp before any event is
handled, so they never count as a change.

`FileStateBar` is the bar above the editor: "changed on disk" (Reload, Keep Mine, Compare),
"deleted or moved" (Save, Save As), "cannot be read now", or a notice (mixed line endings).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from persona_studio.core.lint import Severity
from persona_studio.gui.editor.session import DocumentSession
from persona_studio.gui.icons import icon_size, severity_pixmap
from persona_studio.gui.theme import Theme

CHECK_DELAY_MS = 250  # events come in bursts (write, rename, attributes): check once after them


class FileWatcher(QObject):
    """Watches the files of sessions; `check_all()` is the focus-in check."""

    def __init__(
        self, sessions: Callable[[], Iterable[DocumentSession]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_event)
        self._watcher.directoryChanged.connect(self._on_event)
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self._check_pending)

    def refresh(self) -> None:
        """Watch exactly the files (and folders) of the open sessions."""
        wanted_files: set[str] = set()
        wanted_dirs: set[str] = set()
        for session in self._sessions():
            if session.path:
                wanted_dirs.add(os.path.dirname(session.path))
                if os.path.exists(session.path):
                    wanted_files.add(session.path)
        self._sync(set(self._watcher.files()), wanted_files)
        self._sync(set(self._watcher.directories()), {d for d in wanted_dirs if os.path.isdir(d)})

    def _sync(self, have: set[str], wanted: set[str]) -> None:
        if have - wanted:
            self._watcher.removePaths(sorted(have - wanted))
        if wanted - have:
            self._watcher.addPaths(sorted(wanted - have))

    def _on_event(self, path: str) -> None:
        self._pending.add(path)
        self._timer.start()

    def _check_pending(self) -> None:
        pending, self._pending = self._pending, set()
        for session in list(self._sessions()):
            path = session.path
            if path and (path in pending or os.path.dirname(path) in pending):
                session.check_disk()
        self.refresh()  # a replaced or re-created file needs a new watch

    def check_all(self) -> None:
        """Check every open file now (the window regained focus: size, time and hash)."""
        for session in list(self._sessions()):
            if session.path:
                session.check_disk()
        self.refresh()


# ------------------------------------------------------------------------------------- the bar

CHANGED, MISSING, UNREADABLE, NOTICE = "changed", "missing", "unreadable", "notice"


class FileStateBar(QFrame):
    """A bar above the editor about the current document's file. Buttons emit signals."""

    reloadRequested = Signal()
    keepMineRequested = Signal()
    compareRequested = Signal()
    saveRequested = Signal()
    saveAsRequested = Signal()
    dismissed = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("file-state-bar")
        self.setAccessibleName("File changed on disk")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.kind: str | None = None
        self.icon = QLabel(self)
        self.icon.setAccessibleName("Warning")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("File state message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = self._button(
            "&Reload", "Replace your text with the file on disk (Undo brings yours back)"
        )
        self.keep_button = self._button(
            "&Keep Mine", "Keep your text; the next Save overwrites the file on disk"
        )
        self.compare_button = self._button(
            "Co&mpare", "Show the differences between the file on disk and your text"
        )
        self.save_button = self._button("&Save", "Write your text to the file again")
        self.save_as_button = self._button("Save &As…", "Save your text under another name")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this message")
        self.close_button.setAccessibleName("Hide message")
        self.reload_button.clicked.connect(self.reloadRequested)
        self.keep_button.clicked.connect(self.keepMineRequested)
        self.compare_button.clicked.connect(self.compareRequested)
        self.save_button.clicked.connect(self.saveRequested)
        self.save_as_button.clicked.connect(self.saveAsRequested)
        self.close_button.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        em = self.fontMetrics().height()
        layout.setContentsMargins(em // 2, em // 3, em // 3, em // 3)
        layout.setSpacing(em // 2)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message, 1)
        for widget in (
            self.reload_button,
            self.keep_button,
            self.compare_button,
            self.save_button,
            self.save_as_button,
            self.close_button,
        ):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
        self._theme = theme
        self._severity = Severity.WARNING
        self.apply_theme(theme)
        self.hide()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        return button

    # -- what it shows ----------------------------------------------------------------------
    def show_changed(self, name: str, *, dirty: bool = True) -> None:
        mine = "You have unsaved changes here" if dirty else "The text here is the older one"
        self._show(
            CHANGED,
            f"{name} was changed on disk by another program. {mine}: reload the file, keep"
            " your text, or compare the two.",
            Severity.WARNING,
            (self.reload_button, self.keep_button, self.compare_button),
        )

    def show_missing(self, name: str) -> None:
        self._show(
            MISSING,
            f"{name} was deleted or moved on disk. Your text is still here: Save writes the file"
            " again, Save As puts it somewhere else.",
            Severity.WARNING,
            (self.save_button, self.save_as_button),
        )

    def show_unreadable(self, name: str, reason: str = "") -> None:
        detail = f" ({reason})" if reason else ""
        self._show(
            UNREADABLE,
            f"{name} changed on disk and cannot be read now{detail}. Your text is kept here.",
            Severity.WARNING,
            (self.save_as_button,),
        )

    def show_notice(self, message: str) -> None:
        self._show(NOTICE, message, Severity.INFO, ())

    def clear(self) -> None:
        self.kind = None
        self.hide()

    def _show(
        self, kind: str, message: str, severity: Severity, buttons: tuple[QPushButton, ...]
    ) -> None:
        self.kind = kind
        self._severity = severity
        self.message.setText(message)
        self.setToolTip(message)
        for button in (
            self.reload_button,
            self.keep_button,
            self.compare_button,
            self.save_button,
            self.save_as_button,
        ):
            button.setVisible(button in buttons)
        self.close_button.setVisible(kind in (NOTICE, UNREADABLE))
        self.icon.setAccessibleName("Information" if severity == Severity.INFO else "Warning")
        self.apply_theme(self._theme)
        self.show()

    def _dismiss(self) -> None:
        self.clear()
        self.dismissed.emit()

    def visible_buttons(self) -> list[str]:
        """The labels of the buttons shown (what a user can do now)."""
        return [
            button.text().replace("&", "")
            for button in (
                self.reload_button,
                self.keep_button,
                self.compare_button,
                self.save_button,
                self.save_as_button,
            )
            if not button.isHidden()
        ]

    # -- looks ------------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        colour = theme.warning if self._severity == Severity.WARNING else theme.info
        background = _mix(QColor(colour), QColor(theme.base), 0.16 if theme.dark else 0.12)
        self.setStyleSheet(
            f"QFrame#file-state-bar {{ background: {background.name()};"
            f" border-bottom: 1px solid {colour}; }}"
            f" QFrame#file-state-bar QLabel {{ color: {theme.text}; background: transparent; }}"
        )
        side = icon_size(self).width()
        self.icon.setPixmap(
            severity_pixmap(self._severity, theme, side, self.devicePixelRatioF() or 1.0)
        )


def _mix(colour: QColor, base: QColor, amount: float) -> QColor:
    """`amount` of `colour` over `base`."""
    return QColor(
        round(colour.red() * amount + base.red() * (1 - amount)),
        round(colour.green() * amount + base.green() * (1 - amount)),
        round(colour.blue() * amount + base.blue() * (1 - amount)),
    )
