"""The Source view's gutter: line numbers, and a marker per line with problems (a shape per
severity, so colour is not the only cue). Hover a marker for the line's problems; click a line
number to move the cursor there. The editor tells it when to repaint (see `SourceEditor`)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QFont, QHelpEvent, QMouseEvent, QPainter, QTextBlock
from PySide6.QtWidgets import QPlainTextEdit

from persona_studio.core.lint import Diagnostic, Severity
from persona_studio.gui.editor.gutter import LineGutter, draw_number
from persona_studio.gui.icons import paint_severity
from persona_studio.gui.theme import Theme

MARKER_SIZE = 0.7  # of the line height: the painter insets the shape, so it spans about 0.62


def diagnostic_tooltip(diagnostic: Diagnostic) -> str:
    """One line of a tooltip: "severity rule-name: message"."""
    return f"{diagnostic.severity.label} {diagnostic.name}: {diagnostic.message}"


def tooltip_html(diagnostics: Sequence[Diagnostic]) -> str:
    rows = (
        f"<b>{html.escape(d.severity.label)}</b> {html.escape(d.name)}: {html.escape(d.message)}"
        for d in diagnostics
    )
    return "<qt>" + "<br>".join(rows) + "</qt>"


class SourceGutter(LineGutter):
    """Line numbers and problem markers beside a `SourceEditor`."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._parts = (0, 0, 0)
        self._severities: dict[int, Severity] = {}
        self._current = -1
        self._fonts = (QFont(), QFont())
        self._line_height = 0
        self.shown: tuple[object, ...] = ()  # the editor's `gutter_shows()` at the last paint
        self.setAccessibleName("Line numbers and problem markers")
        self.setToolTip("Line numbers; a marker shows a problem on its line (hover for details)")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._editor.show_gutter_tooltip(event)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            line = self._editor.line_at_y(event.position().y())
            if line is not None:
                self._editor.go_to_line(line)
                self._editor.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def parts(self) -> tuple[int, int, int]:
        """(padding, marker column width, digits width), all from the font's metrics."""
        editor = self._editor
        metrics = editor.fontMetrics()
        padding = max(1, metrics.horizontalAdvance(" ") // 2)
        digits = max(2, len(str(max(1, editor.blockCount()))))
        return padding, metrics.height(), metrics.horizontalAdvance("9") * digits

    def width_needed(self) -> int:
        padding, marker, digits = self.parts()
        return padding + marker + digits + 3 * padding

    def theme(self) -> Theme:
        return self._editor.theme

    def begin_lines(self, painter: QPainter) -> None:
        editor = self._editor
        self.shown = editor.gutter_shows()
        self._parts = self.parts()
        self._severities = editor.line_severities()
        self._current = editor.textCursor().blockNumber()
        bold = QFont(editor.font())
        bold.setBold(True)
        self._fonts = (editor.font(), bold)
        self._line_height = editor.fontMetrics().height()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def paint_line(self, painter: QPainter, block: QTextBlock, geometry: QRectF) -> None:
        theme = self._editor.theme
        padding, marker_width, digits_width = self._parts
        top, line_height = geometry.top(), self._line_height
        number = block.blockNumber()
        is_current = number == self._current
        painter.setFont(self._fonts[is_current])
        painter.setPen(theme.color("text" if is_current else "gutter_text"))
        draw_number(painter, QRectF(padding + marker_width, top, digits_width, line_height), number)
        severity = self._severities.get(number)
        if severity is not None:
            box = QRectF(padding, top, marker_width, line_height)
            self._paint_marker(painter, box, severity, theme)

    @staticmethod
    def _paint_marker(painter: QPainter, box: QRectF, severity: Severity, theme: Theme) -> None:
        """The severity's shape, drawn by the one severity painter (`icons.paint_severity`), the
        same as the problem list's icons: colour is not the only cue."""
        side = box.height() * MARKER_SIZE
        square = QRectF(0, 0, side, side)
        square.moveCenter(box.center())
        paint_severity(painter, square, severity, theme.color(severity.label), theme.color("base"))
