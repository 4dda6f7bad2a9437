"""The form's building blocks: text fields that commit after a pause, glyph buttons, chips and
notices.

Commit policy: a text field commits when the user pauses typing for `COMMIT_DELAY_MS`, presses
Return (one-line fields) or leaves the field. Typing in the form therefore updates the text, the
Source view and the preview live, and each pause is one undo step. A field the user has typed in
since its last commit is "dirty"; a refresh never overwrites a dirty field, nor the focused field
while the form applies its own edit, so the cursor never jumps.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

from persona_studio.core.lint import Severity
from persona_studio.core.text.showable import MAX_FORM_TEXT
from persona_studio.gui.icons import severity_icon
from persona_studio.gui.structured import undo
from persona_studio.gui.structured.glyphs import glyph_icon
from persona_studio.gui.structured.style import FIELD, Box, BoxLabel, text_box_edges
from persona_studio.gui.structured.tones import apply_tone
from persona_studio.gui.theme import Theme

COMMIT_DELAY_MS = 500


def set_accessible_text(widget: QWidget, name: str, tooltip: str) -> None:
    """Give a control its accessible name and tooltip."""
    widget.setAccessibleName(name)
    widget.setToolTip(tooltip)


def icon_extent(widget: QWidget) -> QSize:
    """A small icon size that matches the widget's text."""
    side = max(
        QFontMetrics(widget.font()).height(),
        widget.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, widget),
    )
    return QSize(side, side)


def set_glyph(target: QObject, glyph: str, theme: Theme, color: str = "text") -> None:
    """Give a button or action a line icon; `retheme` repaints it in another theme."""
    target.setProperty("glyph", glyph)
    target.setProperty("glyphColor", color)
    target.setIcon(glyph_icon(glyph, getattr(theme, color), theme.border))


def set_tone(widget: QWidget, tone: str, theme: Theme) -> None:
    """Give a widget one of the form's looks (`style.TONES`, or `style.FIELD`) under its name;
    `retheme` gives it again in another theme."""
    widget.setObjectName(tone)
    widget.setProperty("tone", tone)
    apply_tone(widget, tone, theme)


def retheme(root: QWidget, theme: Theme) -> None:
    """Give every tone and glyph icon under `root` (and `root` itself) in `theme`."""
    for child in [root, *root.findChildren(QObject)]:
        tone = child.property("tone")
        if tone:
            apply_tone(child, tone, theme)
        glyph = child.property("glyph")
        if glyph and hasattr(child, "setIcon"):
            color = child.property("glyphColor") or "text"
            child.setIcon(glyph_icon(glyph, getattr(theme, color), theme.border))


class _CommitsOnPause:
    """What the two committing fields share: `committed(text, final)` is emitted a pause after
    the last edit (`final` False) and when editing ends (`final` True), only when something was
    typed since the last commit. With `defer_empty`, an empty text commits only when final."""

    committed: Signal  # each field class declares it (a signal belongs to a QObject class)
    text: Callable[[], str]  # each field's own text

    def _setup_commit(self, defer_empty: bool) -> None:
        undo.watch(self)  # type: ignore[arg-type]  # self is the QLineEdit or QPlainTextEdit
        self._dirty = False
        self._defer_empty = defer_empty
        self._timer = QTimer(self)  # type: ignore[arg-type]  # self is the QObject field
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMMIT_DELAY_MS)
        self._timer.timeout.connect(lambda: self.commit(final=False))

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _edited_now(self) -> None:
        self._dirty = True
        self._timer.start()

    def commit(self, final: bool = True) -> None:
        """Send what the user typed (nothing when nothing was typed since the last commit)."""
        self._timer.stop()
        if not self._dirty or (self._defer_empty and not final and not self.text().strip()):
            return
        self._dirty = False
        self.committed.emit(self.text(), final)


class CommitLineEdit(_CommitsOnPause, QLineEdit):
    """A one-line field that emits `committed(text, final)` after a pause and when editing ends
    (`final`: Return or focus out). With `defer_empty`, an empty text commits only when final,
    so clearing a field to retype it does not remove its key halfway."""

    committed = Signal(str, bool)

    def __init__(
        self,
        name: str,
        tooltip: str,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        defer_empty: bool = False,
    ) -> None:
        super().__init__(parent)
        set_accessible_text(self, name, tooltip)
        set_tone(self, FIELD, theme)
        self._setup_commit(defer_empty)
        self.textEdited.connect(lambda _text: self._edited_now())
        self.editingFinished.connect(lambda: self.commit(final=True))

    def set_value(self, text: str, *, own_edit: bool = False) -> None:
        """Show the snapshot's value, unless the user is typing here."""
        if self._dirty or (own_edit and self.hasFocus()) or self.text() == text:
            return
        position = self.cursorPosition()
        self.setText(text)
        self.setCursorPosition(min(position, len(text)) if self.hasFocus() else 0)


class CommitTextEdit(_CommitsOnPause, QPlainTextEdit):
    """A wrapping text field that grows with its text (between `min_lines` and `max_lines`) and
    commits like `CommitLineEdit`. With `single_line`, Return commits and pasted line breaks
    become spaces (for one-line values that are long, such as a description). Without it,
    Return and Shift+Return start a new line and Ctrl+Return commits (as in a mail or chat
    composer); `set_single_line` switches between the two as the value changes."""

    committed = Signal(str, bool)

    def __init__(
        self,
        name: str,
        tooltip: str,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        single_line: bool = False,
        min_lines: int = 2,
        max_lines: int = 16,
        defer_empty: bool = False,
    ) -> None:
        super().__init__(parent)
        set_accessible_text(self, name, tooltip)
        set_tone(self, FIELD, theme)
        self._single_line = single_line
        self._min_lines, self._max_lines = min_lines, max_lines
        self._setup_commit(defer_empty)
        self._setting = False
        self._too_long = False  # showing a note instead of a text too long for a form field
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._changed)
        self._fit()

    def text(self) -> str:
        return self.toPlainText()

    @property
    def single_line(self) -> bool:
        return self._single_line

    def set_single_line(self, single_line: bool, *, max_lines: int | None = None) -> None:
        """Make the field one-line (Return commits) or multi-line (Return adds a line)."""
        self._single_line = single_line
        if max_lines is not None and max_lines != self._max_lines:
            self._max_lines = max_lines
            self._fit()

    def _changed(self) -> None:
        self._fit()
        if not self._setting:
            self._edited_now()

    def set_value(self, text: str, *, own_edit: bool = False) -> None:
        if len(text) > MAX_FORM_TEXT:
            # Laying out megabytes in a form field would hold the GUI thread for seconds; the
            # field says where to edit it instead, read-only (nothing of it is ever committed).
            self._too_long = True
            self.setReadOnly(True)
            self._setting = True
            try:
                self.setPlainText(
                    f"This text has {len(text):,} characters, too long to edit here: edit it in"
                    " Source."
                )
            finally:
                self._setting = False
            return
        if self._too_long:
            self._too_long = False
            self.setReadOnly(False)
            self._setting = True
            try:
                self.setPlainText("")
            finally:
                self._setting = False
        if self._dirty or (own_edit and self.hasFocus()) or self.toPlainText() == text:
            return
        cursor = self.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        scroll = self.verticalScrollBar().value()
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False
        if self.hasFocus():
            end = self.document().characterCount() - 1
            cursor = self.textCursor()
            cursor.setPosition(min(anchor, end))
            cursor.setPosition(min(position, end), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(scroll)

    # -- behaviour -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if self._single_line or control:
                self.commit(final=True)
                event.accept()
                return
            if not self.isReadOnly():
                # Shift+Return would insert a line separator (U+2028), not a line break.
                self.textCursor().insertText("\n")
                self.ensureCursorVisible()
                event.accept()
                return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self._single_line and source.hasText():
            self.insertPlainText(re.sub(r"\s+", " ", source.text()))
            return
        super().insertFromMimeData(source)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit(final=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def minimumSizeHint(self) -> QSize:
        # As when the padding was the frame's: the frame counted twice in it, at its widest.
        edges = text_box_edges(self)
        widest = max(edges.left(), edges.top(), edges.right(), edges.bottom())
        extra = 2 * (widest - self.frameWidth())
        return super().minimumSizeHint() + QSize(extra, extra)

    def _fit(self) -> None:
        """Fix the height to the wrapped text, between the minimum and maximum line counts."""
        lines = 0
        block = self.document().firstBlock()
        while block.isValid():
            layout = block.layout()
            lines += max(1, layout.lineCount() if layout is not None else 1)
            block = block.next()
        lines = max(self._min_lines, min(self._max_lines, lines))
        metrics = QFontMetrics(self.font())
        # As when the padding was the frame's (QFrame's frameWidth is its widest side).
        edges = text_box_edges(self)
        height = (
            lines * metrics.lineSpacing()
            + int(2 * self.document().documentMargin())
            + 2 * max(edges.left(), edges.top(), edges.right(), edges.bottom())
            + edges.top()
            + edges.bottom()
            + 1
        )
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if lines >= self._max_lines
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        if self.verticalScrollBarPolicy() != policy:
            self.setVerticalScrollBarPolicy(policy)
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)


class GlyphButton(QToolButton):
    """A flat tool button with a line icon in the theme's colours."""

    def __init__(
        self, glyph: str, name: str, tooltip: str, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        set_accessible_text(self, name, tooltip)
        self._glyph = glyph
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setIconSize(icon_extent(self))
        set_glyph(self, glyph, theme)

    def apply_theme(self, theme: Theme) -> None:
        set_glyph(self, self._glyph, theme)


class Chip(BoxLabel):
    """A small rounded label (a section's kind, "Required"); `kind` names its tone."""

    def __init__(
        self,
        text: str,
        tooltip: str,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        kind: str = "chip",
    ):
        super().__init__(text, parent)
        set_tone(self, kind, theme)
        set_accessible_text(self, text, tooltip)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


class Notice(Box):
    """A one-line notice with an icon and optional buttons: the front matter banner, an edit's
    error message, the legacy-names hint. `kind` ("error", "warning", "info") names its style."""

    closed = Signal()

    def __init__(
        self, kind: str, theme: Theme, parent: QWidget | None = None, *, closable: bool = False
    ) -> None:
        super().__init__(parent)
        set_tone(self, f"notice-{kind}", theme)
        self.kind = kind
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        for label in (self.icon, self.label):
            set_tone(label, "noticeText", theme)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        metrics = QFontMetrics(self.font())
        pad = metrics.height() // 2
        layout.setContentsMargins(pad, pad // 2 + 1, pad // 2, pad // 2 + 1)
        layout.setSpacing(pad)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(pad // 2)
        layout.addLayout(self.buttons)
        self.close_button: GlyphButton | None = None
        if closable:
            self.close_button = GlyphButton("close", "Dismiss", "Hide this message", theme, self)
            self.close_button.clicked.connect(self._close)
            layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.apply_theme(theme)
        self.hide()

    def _close(self) -> None:
        self.hide()
        self.closed.emit()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()

    def apply_theme(self, theme: Theme) -> None:
        severity = {
            "error": Severity.ERROR,
            "warning": Severity.WARNING,
        }.get(self.kind, Severity.INFO)
        self.icon.setPixmap(
            severity_icon(severity, theme).pixmap(icon_extent(self), self.devicePixelRatioF())
        )
        if self.close_button is not None:
            self.close_button.apply_theme(theme)
