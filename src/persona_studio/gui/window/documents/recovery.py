"""Recovering unsaved work after a crash: the dialog that offers each document back, and a small
unified-diff dialog used to compare a recovered (or your) text with the file on disk.

`RecoveryDialog` lists the journal entries a crashed or killed program left; for each the user
picks Restore or Discard, and can Compare it with the file on disk first. It says when the file on
disk changed since it was loaded, or is gone. "Decide Later" keeps every entry for the next start.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QPalette, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from persona_studio.core.diff import diff_texts, unified_diff
from persona_studio.core.files.disk import DiskState
from persona_studio.core.files.journal import JournalEntry
from persona_studio.core.lint import Severity
from persona_studio.gui.icons import icon_size, severity_pixmap
from persona_studio.gui.theme import Theme

RESTORE, DISCARD = "restore", "discard"


def describe_disk(entry: JournalEntry, state: DiskState) -> tuple[Severity, str]:
    """What the dialog says about the file on disk, with the icon it goes with."""
    if state is DiskState.UNSAVED:
        return Severity.INFO, "Never saved: this document has no file yet."
    if state is DiskState.MISSING:
        return Severity.WARNING, "The file no longer exists on disk (deleted or moved)."
    if state is DiskState.UNREADABLE:
        return Severity.WARNING, "The file on disk cannot be read now."
    if state is DiskState.CHANGED:
        return (
            Severity.WARNING,
            "The file on disk has changed since it was loaded: compare before restoring.",
        )
    return Severity.INFO, "The file on disk is as it was when you started editing."


def when(timestamp: float, now: float | None = None) -> str:
    """'3 minutes ago (14:02)' for a journal time."""
    if not timestamp:
        return "at an unknown time"
    now = time.time() if now is None else now
    seconds = max(0, int(now - timestamp))
    clock = time.strftime("%H:%M", time.localtime(timestamp))
    if seconds < 60:
        ago = "less than a minute ago"
    elif seconds < 3600:
        minutes = seconds // 60
        ago = f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    elif seconds < 86400:
        hours = seconds // 3600
        ago = f"{hours} hour{'s' if hours != 1 else ''} ago"
    else:
        return time.strftime("on %Y-%m-%d at %H:%M", time.localtime(timestamp))
    return f"{ago} ({clock})"


class RecoveryDialog(QDialog):
    """Restore, Discard or Compare each document a crashed program left unsaved."""

    def __init__(
        self, entries: Sequence[JournalEntry], theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover Unsaved Work")
        self.setAccessibleName("Recover unsaved work")
        self.entries = list(entries)
        self._theme = theme
        self.choice_boxes: dict[str, QComboBox] = {}
        self.compare_buttons: dict[str, QPushButton] = {}
        self.states = {entry.doc_id: entry.disk_state() for entry in self.entries}
        em = self.fontMetrics().height()

        count = len(self.entries)
        heading = QLabel(
            "<b>Persona Studio did not close normally last time.</b><br>"
            + (
                "One document had unsaved changes. Restore it, or discard the changes."
                if count == 1
                else f"{count} documents had unsaved changes. Choose what to do with each."
            ),
            self,
        )
        heading.setWordWrap(True)
        heading.setAccessibleName("Explanation")

        rows = QWidget(self)
        rows_layout = QVBoxLayout(rows)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        rows_layout.setSpacing(em // 2)
        for entry in self.entries:
            rows_layout.addWidget(self._row(entry, rows))
        rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(rows)
        scroll.setAccessibleName("Documents to recover")

        self.buttons = QDialogButtonBox(self)
        self.continue_button = self.buttons.addButton(
            "&Continue", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setToolTip("Restore and discard as chosen above")
        self.continue_button.setAccessibleName("Continue")
        self.continue_button.setDefault(True)
        self.later_button = self.buttons.addButton(
            "Decide &Later", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later_button.setToolTip("Keep everything for the next start; open nothing now")
        self.later_button.setAccessibleName("Decide later")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(em)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(em * 40, min(em * 12 + count * em * 6, em * 36))
        self.apply_theme(theme)

    def _row(self, entry: JournalEntry, parent: QWidget) -> QFrame:
        em = self.fontMetrics().height()
        frame = QFrame(parent)
        frame.setObjectName("recovery-row")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName(f"Recovered document {entry.display_name}")
        grid = QGridLayout(frame)
        grid.setContentsMargins(em * 2 // 3, em // 2, em * 2 // 3, em // 2)
        grid.setHorizontalSpacing(em // 2)
        grid.setVerticalSpacing(em // 4)

        title = entry.display_name
        if entry.title and entry.path is None:
            title = f"{entry.title} (untitled)"
        name = QLabel(f"<b>{_escape(title)}</b>", frame)
        name.setAccessibleName("Document")
        lines = entry.text.count("\n") + (0 if entry.text.endswith("\n") else 1)
        where = entry.path or "Not saved yet"
        detail = QLabel(
            f"{_escape(where)}<br>Last edited {when(entry.updated)} · {lines:,} lines", frame
        )
        detail.setObjectName("muted")
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail.setAccessibleName("Where and when")

        severity, message = describe_disk(entry, self.states[entry.doc_id])
        icon = QLabel(frame)
        side = icon_size(frame).width()
        icon.setPixmap(severity_pixmap(severity, self._theme, side, self.devicePixelRatioF()))
        icon.setAccessibleName(severity.label.capitalize())
        icon.setProperty("severity", severity.label)
        status = QLabel(message, frame)
        status.setWordWrap(True)
        status.setAccessibleName("File on disk")

        choice = QComboBox(frame)
        choice.addItem("Restore", RESTORE)
        choice.setItemData(
            0,
            "Open the document with the recovered text (unsaved; Undo goes back)",
            Qt.ItemDataRole.ToolTipRole,
        )
        choice.addItem("Discard", DISCARD)
        choice.setItemData(1, "Throw the recovered text away", Qt.ItemDataRole.ToolTipRole)
        choice.setToolTip("Restore the recovered text, or discard it")
        choice.setAccessibleName(f"What to do with {entry.display_name}")
        compare = QPushButton("Co&mpare…", frame)
        compare.setToolTip("Show the differences between the file on disk and the recovered text")
        compare.setAccessibleName(f"Compare {entry.display_name}")
        compare.clicked.connect(lambda _=False, e=entry: self.compare(e.doc_id))
        self.choice_boxes[entry.doc_id] = choice
        self.compare_buttons[entry.doc_id] = compare

        grid.addWidget(name, 0, 0, 1, 2)
        grid.addWidget(detail, 1, 0, 1, 2)
        grid.addWidget(icon, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(status, 2, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(choice, 0, 2)
        grid.addWidget(compare, 2, 2)
        return frame

    # -- choices ------------------------------------------------------------------------------
    def choices(self) -> dict[str, str]:
        """doc_id -> RESTORE or DISCARD, as chosen."""
        return {doc_id: box.currentData() for doc_id, box in self.choice_boxes.items()}

    def set_choice(self, doc_id: str, choice: str) -> None:
        box = self.choice_boxes[doc_id]
        box.setCurrentIndex(box.findData(choice))

    def compare(self, doc_id: str) -> None:
        entry = next(entry for entry in self.entries if entry.doc_id == doc_id)
        self.show_compare(entry)

    def compare_text(self, entry: JournalEntry) -> str:
        """The unified diff of the file on disk (a) against the recovered text (b)."""
        disk = entry.disk_text()
        a_name = f"{entry.display_name} (on disk)" if disk is not None else "(no file on disk)"
        return diff_text(disk or "", entry.text, a_name, f"{entry.display_name} (recovered)")

    def show_compare(self, entry: JournalEntry) -> None:
        """The Compare dialog (tests replace this method)."""
        dialog = UnifiedDiffDialog(
            f"Compare — {entry.display_name}",
            self.compare_text(entry),
            self._theme,
            self,
            summary="Lines starting with − are in the file on disk; lines starting with + are"
            " in the recovered text.",
        )
        dialog.exec()

    # -- looks --------------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        """Colours through palettes, not style sheets (which change how radio buttons draw)."""
        self._theme = theme
        for frame in self.findChildren(QFrame, "recovery-row"):
            palette = frame.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(theme.alternate))
            frame.setPalette(palette)
            frame.setAutoFillBackground(True)
        for label in self.findChildren(QLabel, "muted"):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.muted))
            label.setPalette(palette)


def diff_text(a: str, b: str, a_name: str, b_name: str) -> str:
    """A unified diff of two texts ("" when they are equal)."""
    return "".join(unified_diff(diff_texts(a, b), a_name, b_name))


class _DiffHighlighter(QSyntaxHighlighter):
    def __init__(self, document, theme: Theme) -> None:
        super().__init__(document)
        self.theme = theme

    def highlightBlock(self, text: str) -> None:
        theme = self.theme
        fmt = QTextCharFormat()
        if text.startswith(("+++", "---")):
            fmt.setForeground(QColor(theme.muted))
            fmt.setFontWeight(700)
        elif text.startswith("@@"):
            fmt.setForeground(QColor(theme.info))
        elif text.startswith("+"):
            fmt.setForeground(QColor(theme.yaml_string))
            fmt.setBackground(_tint(theme.yaml_string, theme))
        elif text.startswith("-"):
            fmt.setForeground(QColor(theme.error))
            fmt.setBackground(_tint(theme.error, theme))
        else:
            return
        self.setFormat(0, len(text), fmt)


def _tint(colour: str, theme: Theme) -> QColor:
    tint = QColor(colour)
    tint.setAlphaF(0.16 if theme.dark else 0.10)
    return tint


class UnifiedDiffDialog(QDialog):
    """A read-only unified diff with coloured lines (+ green, − red) and a Close button."""

    def __init__(
        self,
        title: str,
        diff: str,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        summary: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        em = self.fontMetrics().height()
        self.summary = QLabel(
            summary if diff else "No differences: the two texts are the same.", self
        )
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        self.view = QPlainTextEdit(self)
        self.view.setReadOnly(True)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setPlainText(diff)
        self.view.setAccessibleName("Differences")
        self.view.setToolTip("Lines with − are removed, lines with + are added")
        self._highlighter = _DiffHighlighter(self.view.document(), theme)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setToolTip("Close the comparison")
        close.setAccessibleName("Close")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(em * 50, em * 32)
        self.apply_theme(theme)

    def text(self) -> str:
        return self.view.toPlainText()

    def apply_theme(self, theme: Theme) -> None:
        self._highlighter.theme = theme
        self.view.setStyleSheet(
            f"QPlainTextEdit {{ background: {theme.base}; color: {theme.text}; }}"
        )
        self._highlighter.rehighlight()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
