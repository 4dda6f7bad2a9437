"""The Source view's gutter: line numbers, and a marker per line with problems (a shape per
severity, so colour is not the only cue). Hover a marker for the line's problems; click a line
number to move the cursor there. The editor tells it when to repaint (see `SourceEditor`)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from persona_studio.core.lint import Diagnostic, Severity
from persona_studio.gui.editor.gutter import begin_gutter
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


class SourceGutter(QWidget):
    """Line numbers and problem markers beside a `SourceEditor`."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self.shown: tuple[object, ...] = ()  # the editor's `gutter_shows()` at the last paint
        self.setAccessibleName("Line numbers and problem markers")
        self.setToolTip("Line numbers; a marker shows a problem on its line (hover for details)")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        return QSize(self._editor.gutter_width(), 0)

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

    def paintEvent(self, event: QPaintEvent) -> None:
        editor = self._editor
        self.shown = editor.gutter_shows()
        theme = editor.theme
        painter = begin_gutter(self, event, theme)

        padding, marker_width, digits_width = self.parts()
        severities = editor.line_severities()
        current = editor.textCursor().blockNumber()
        normal_font = editor.font()
        bold_font = QFont(normal_font)
        bold_font.setBold(True)
        line_height = editor.fontMetrics().height()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        block = editor.firstVisibleBlock()
        offset = editor.contentOffset()
        while block.isValid():
            top = editor.blockBoundingGeometry(block).translated(offset).top()
            if top > event.rect().bottom():
                break
            if block.isVisible() and top + line_height >= event.rect().top():
                number = block.blockNumber()
                is_current = number == current
                painter.setFont(bold_font if is_current else normal_font)
                painter.setPen(theme.color("text" if is_current else "gutter_text"))
                painter.drawText(
                    QRectF(padding + marker_width, top, digits_width, line_height),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    str(number + 1),
                )
                severity = severities.get(number)
                if severity is not None:
                    box = QRectF(padding, top, marker_width, line_height)
                    self._paint_marker(painter, box, severity, theme)
            block = block.next()
        painter.end()

    @staticmethod
    def _paint_marker(painter: QPainter, box: QRectF, severity: Severity, theme: Theme) -> None:
        """The severity's shape, drawn by the one severity painter (`icons.paint_severity`), the
        same as the problem list's icons: colour is not the only cue."""
        side = box.height() * MARKER_SIZE
        square = QRectF(0, 0, side, side)
        square.moveCenter(box.center())
        paint_severity(painter, square, severity, theme.color(severity.label), theme.color("base"))
